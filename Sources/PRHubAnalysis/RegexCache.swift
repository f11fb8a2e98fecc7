import Foundation

/// Compiled regular expressions, shared: compiling one costs far more than running it, and the same
/// few patterns run over every PR of a week.
final class RegexCache: @unchecked Sendable {  // Safe: all access to `compiled` holds `lock`.
    static let shared = RegexCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let hit = compiled[pattern] { return hit }
        let regex = try? NSRegularExpression(pattern: pattern)
        compiled[pattern] = regex
        return regex
    }
}

extension String {
    /// `replacingOccurrences(of:with:options: .regularExpression)` with the pattern compiled once.
    func replacing(pattern: String, with template: String) -> String {
        guard let regex = RegexCache.shared.regex(pattern) else { return self }
        return regex.stringByReplacingMatches(
            in: self, range: NSRange(location: 0, length: (self as NSString).length), withTemplate: template)
    }

    /// Whether the pattern matches anywhere.
    func matches(pattern: String) -> Bool {
        guard let regex = RegexCache.shared.regex(pattern) else { return false }
        return regex.firstMatch(in: self, range: NSRange(location: 0, length: (self as NSString).length)) != nil
    }
}

extension String {
    /// Byte-wise substring test (`memchr` to each candidate first byte, then `memcmp`), for hot loops where
    /// Foundation's locale-aware search is slow.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let nBase = n.baseAddress, !n.isEmpty else { return true }
                guard let hBase = h.baseAddress, n.count <= h.count else { return false }
                var start = 0
                let last = h.count - n.count
                while start <= last {
                    guard let hit = memchr(hBase + start, Int32(n[0]), last - start + 1) else { return false }
                    let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(hBase)
                    if memcmp(hBase + offset, nBase, n.count) == 0 { return true }
                    start = offset + 1
                }
                return false
            }
        }
    }
}

extension StringProtocol where SubSequence == Substring {
    /// Whitespace (and newlines) trimmed from both ends, without Foundation's NSString bridge,
    /// which dominated the profile of a week's analysis.
    func trimmed() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }
}

extension StringProtocol where SubSequence == Substring {
    /// Lines split on `\n` by bytes (much faster than splitting by Characters); empty lines kept.
    func lines() -> [Substring] {
        var result: [Substring] = []
        var start = startIndex
        let utf8 = self.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                result.append(self[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        result.append(self[start..<endIndex])
        return result
    }
}
