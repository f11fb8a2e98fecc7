import Foundation
import PRHubGitHub
import PRHubModel
import PRHubTestSupport
import Testing

/// PRHub's decoders read GitHub's documented shapes (fixtures under `Fixtures/github`), and the fake
/// GitHub the other tests use answers in exactly those shapes.
@Suite struct GitHubShapeTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/github")

    static func fixture(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }

    struct Envelope: Decodable { var data: SearchData }

    @Test func theDocumentedSearchReplyDecodes() throws {
        let page = try JSONDecoder().decode(Envelope.self, from: try Self.fixture("search.json")).data
        #expect(page.search.issueCount == 2)
        #expect(page.rateLimit?.cost == 12)
        let prs = page.search.nodes.compactMap { $0 }.compactMap { node in
            node.pullRequest(files: node.files?.items ?? [], threads: node.reviewThreads?.items ?? [])
        }
        #expect(prs.count == 2, "the empty node (an issue, not a PR) is skipped")
        let first = prs[0].pullRequest
        #expect(first.login == "some-dev")
        #expect(first.githubLabels == ["bug", "ready"])
        #expect(first.files.map(\.path) == ["vllm/v1/core/kv_cache_manager.py", "tests/v1/core/test_abort.py"])
        #expect(first.discussion?.reviews.first?.author == "copilot-pull-request-reviewer[bot]")
        #expect(first.discussion?.reviews.first?.isBot == true)
        #expect(first.discussion?.comments.first?.author == "github-actions[bot]")
        #expect(first.discussion?.threads.first?.comments.count == 2)
        #expect(first.discussion?.closingIssues == [37990])
        #expect(first.mergeSHA == "3f6c1d0a9b8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a")
        let second = prs[1].pullRequest
        #expect(second.login == "ghost" && second.body.isEmpty && second.mergeSHA == "github-pr-38002")
    }

    @Test func theFakeAnswersInTheDocumentedShapes() throws {
        var pr = FakeGitHub.PR(number: 1, title: "t", author: "dev", mergedAt: Date(timeIntervalSince1970: 1_775_000_000))
        pr.files = [("a.py", 1, 1)]
        pr.labels = ["bug"]
        pr.reviews = [("r", false, "APPROVED", "")]
        pr.threads = [("a.py", true, [("r", false, "why?")])]
        pr.comments = [("c", false, "hi")]
        pr.closingIssues = [2]
        let fake = FakeGitHub.sampleReplies(pr)
        let recordedSearch = try Self.paths(Self.fixture("search.json"))
        let fakeSearch = try Self.paths(fake.search)
        #expect(fakeSearch == recordedSearch, "only in the fake: \(fakeSearch.subtracting(recordedSearch).sorted()); only recorded: \(recordedSearch.subtracting(fakeSearch).sorted())")
        #expect(try Self.paths(fake.files) == Self.paths(Self.fixture("pull-files.json")))
        #expect(try Self.paths(fake.pullList).isSubset(of: Self.paths(Self.fixture("pulls-list.json"))))
        #expect(try Self.paths(fake.rateLimited) == Self.paths(Self.fixture("rate-limited.json")))
    }

    /// Every key path in a JSON document (`a.b[].c`), ignoring values: the document's shape.
    static func paths(_ data: Data) throws -> Set<String> {
        var result = Set<String>()
        func walk(_ value: Any, _ prefix: String) {
            if let object = value as? [String: Any] {
                for (key, child) in object { walk(child, prefix.isEmpty ? key : prefix + "." + key) }
                if object.isEmpty { return }
            } else if let array = value as? [Any] {
                for child in array { walk(child, prefix + "[]") }
            }
            result.insert(prefix)
        }
        walk(try JSONSerialization.jsonObject(with: data), "")
        return result
    }
}
