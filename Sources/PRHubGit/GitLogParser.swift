import Foundation
import PRHubModel

/// Parses the NUL-delimited output of `git log -z --numstat` as it streams in, one chunk at a time.
///
/// Each commit is a header of six NUL-terminated fields (the first starting with the 0x1E record mark),
/// then one NUL-terminated `added<TAB>deleted<TAB>path` entry per file; a rename (`-M`) has an empty path
/// and is followed by the old and the new path, each NUL-terminated. Header fields are taken by
/// position, so a message may hold any byte but NUL; the record mark is only looked for where a
/// numstat entry (which starts with a digit or `-`) could stand.
struct GitLogParser {
    /// The `--format` that produces what this parser reads.
    static let format = "%x1e%H%x00%P%x00%an%x00%ae%x00%ct%x00%B%x00"

    private static let recordMark: UInt8 = 0x1E
    private static let headerFieldCount = 6

    /// Reads `--name-only` output instead: each file is a path alone, its line counts unknown (a partial
    /// clone, where counting lines would need contents the clone lacks).
    let namesOnly: Bool

    init(namesOnly: Bool = false) {
        self.namesOnly = namesOnly
    }

    private var partial: [UInt8] = []
    private var header: [String] = []
    private var files: [FileChange] = []
    private var finished: [Commit] = []
    /// A rename's counts, waiting for its two paths (the old one arrives first).
    private var rename: (change: FileChange, paths: [String])?

    /// Feeds a chunk; returns the commits that became complete.
    mutating func feed(_ chunk: Data) throws -> [Commit] {
        try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                guard let nul = Self.indexOfNUL(bytes, from: start) else {
                    partial.append(contentsOf: bytes[start...])
                    break
                }
                if partial.isEmpty {
                    try token(UnsafeBufferPointer(rebasing: bytes[start..<nul]))
                } else {
                    partial.append(contentsOf: bytes[start..<nul])
                    let whole = partial
                    partial.removeAll(keepingCapacity: true)
                    try whole.withUnsafeBufferPointer { try token($0) }
                }
                start = nul + 1
            }
        }
        defer { finished.removeAll(keepingCapacity: true) }
        return finished
    }

    /// Call at end of stream: returns the last commit.
    mutating func finish() throws -> [Commit] {
        if !partial.isEmpty {
            let whole = partial
            partial.removeAll()
            try whole.withUnsafeBufferPointer { try token($0) }
        }
        try emitCurrent()
        defer { finished.removeAll() }
        return finished
    }

    private static func indexOfNUL(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress,
            let hit = memchr(base + start, 0, bytes.count - start)
        else { return nil }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    private mutating func token(_ raw: UnsafeBufferPointer<UInt8>) throws {
        if var pending = rename {
            // The paths of a rename: any bytes, taken as they are. The file counts under its new path.
            pending.paths.append(String(decoding: raw, as: UTF8.self))
            if pending.paths.count == 2 {
                pending.change.path = pending.paths[1]
                files.append(pending.change)
                rename = nil
            } else {
                rename = pending
            }
            return
        }
        if !header.isEmpty && header.count < Self.headerFieldCount {
            header.append(String(decoding: raw, as: UTF8.self))
            return
        }
        // Between commits and files git writes newlines; skip them.
        var bytes = raw[...]
        while let first = bytes.first, first == UInt8(ascii: "\n") { bytes = bytes.dropFirst() }
        guard let first = bytes.first else { return }
        if first == Self.recordMark {
            try emitCurrent()
            header = [String(decoding: UnsafeBufferPointer(rebasing: bytes.dropFirst()), as: UTF8.self)]
            return
        }
        guard header.count == Self.headerFieldCount else {
            throw PRHubError(.gitFailed, "unexpected git log output before the first commit")
        }
        if namesOnly {
            files.append(FileChange(path: String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self), additions: 0, deletions: 0, linesKnown: false))
            return
        }
        let change = try Self.numstat(UnsafeBufferPointer(rebasing: bytes))
        if change.path.isEmpty {
            rename = (change, [])
        } else {
            files.append(change)
        }
    }

    private static func numstat(_ bytes: UnsafeBufferPointer<UInt8>) throws -> FileChange {
        let tab = UInt8(ascii: "\t")
        guard let firstTab = bytes.firstIndex(of: tab),
            let secondTab = bytes[(firstTab + 1)...].firstIndex(of: tab)
        else { throw PRHubError(.gitFailed, "malformed numstat entry in git log output") }
        let path = String(decoding: UnsafeBufferPointer(rebasing: bytes[(secondTab + 1)...]), as: UTF8.self)
        let added = number(bytes[..<firstTab])
        let deleted = number(bytes[(firstTab + 1)..<secondTab])
        guard let added, let deleted else {
            return FileChange(path: path, additions: 0, deletions: 0, isBinary: true)
        }
        return FileChange(path: path, additions: added, deletions: deleted)
    }

    /// Decimal digits to Int; nil for git's `-` (binary).
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value &* 10 &+ Int(byte - 0x30)
        }
        return value
    }

    private mutating func emitCurrent() throws {
        guard rename == nil else { throw PRHubError(.gitFailed, "a rename without its paths in git log output") }
        guard !header.isEmpty else { return }
        guard header.count == Self.headerFieldCount, let seconds = TimeInterval(header[4]) else {
            throw PRHubError(.gitFailed, "truncated commit header in git log output")
        }
        let parents = header[1].split(separator: " ").count
        finished.append(
            Commit(
                sha: header[0], parentCount: parents, authorName: header[2], authorEmail: header[3],
                committedAt: Date(timeIntervalSince1970: seconds), message: header[5], files: files))
        header = []
        files = []
    }
}
