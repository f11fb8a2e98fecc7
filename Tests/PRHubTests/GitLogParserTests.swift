import Foundation
@testable import PRHubGit
import PRHubModel
import PRHubTestSupport
import Testing

@Suite struct GitLogParserTests {
    /// The same output cut into chunks of any size parses to the same commits.
    @Test(arguments: [1, 7, 64, 4096])
    func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.squashMerge(number: 1, title: "Fix \u{1E} odd bytes", body: "line\n\n  indented", files: ["a b/c.py": .lines(3)],
            date: "2026-03-02T10:00:00Z")
        try repo.commit("empty commit", date: "2026-03-02T11:00:00Z")
        try repo.squashMerge(number: 2, title: "Two", files: ["bin.dat": .binary([0, 0, 1]), "x.py": .lines(2)], date: "2026-03-03T10:00:00Z")
        let output = try GitProcess(directory: repo.path).output(
            ["log", "--first-parent", "-z", "--numstat", "--no-renames", "--format=\(GitLogParser.format)", "HEAD"])
        var parser = GitLogParser()
        var commits: [Commit] = []
        var offset = 0
        while offset < output.count {
            let end = min(output.count, offset + chunkSize)
            commits += try parser.feed(output.subdata(in: offset..<end))
            offset = end
        }
        commits += try parser.finish()
        #expect(commits.count == 3)
        #expect(commits[0].subject == "Two (#2)")
        #expect(Set(commits[0].files) == [FileChange(path: "bin.dat", additions: 0, deletions: 0, isBinary: true), FileChange(path: "x.py", additions: 2, deletions: 0)])
        #expect(commits[1].files.isEmpty)
        #expect(commits[2].message.hasPrefix("Fix \u{1E} odd bytes (#1)\n\nline\n\n  indented"))
        #expect(commits[2].files == [FileChange(path: "a b/c.py", additions: 3, deletions: 0)])
        #expect(commits[2].committedAt == ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z"))
    }

    @Test func bytesThatAreNotUTF8BecomeReplacementCharacters() throws {
        var parser = GitLogParser()
        var bytes: [UInt8] = [0x1E] + Array("abc".utf8) + [0] + [0] + Array("N".utf8) + [0] + Array("e@x".utf8) + [0]
        bytes += Array("1700000000".utf8) + [0] + Array("Bad ".utf8) + [0xFF, 0xC3] + Array(" title (#9)".utf8) + [0, 0]
        bytes += Array("\n3\t1\tpath/\u{1}".utf8) + [0xFE, 0]
        let commits = try parser.feed(Data(bytes)) + parser.finish()
        #expect(commits.count == 1)
        #expect(commits[0].subject == "Bad \u{FFFD}\u{FFFD} title (#9)")
        #expect(commits[0].files == [FileChange(path: "path/\u{1}\u{FFFD}", additions: 3, deletions: 1)])
    }
}
