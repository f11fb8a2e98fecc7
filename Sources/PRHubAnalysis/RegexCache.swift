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
