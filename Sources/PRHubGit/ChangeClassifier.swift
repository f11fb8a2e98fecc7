import Foundation
import PRHubModel

/// Tells pull requests from direct commits on a first-parent history.
///
/// - Squash merges: a subject ending in `(#123)`; the title is the subject without it.
/// - Merge commits: `Merge pull request #123 from user/branch`; the title is the body's first line and
///   the PR author is the fork's owner.
/// - Exported diffs (pytorch's projects land some PRs from an internal review tool): a line
///   `Pull Request resolved: https://github.com/OWNER/NAME/pull/123` in the message, NAME being the
///   repository's (an owner may have been renamed: `pytorch-labs/ao` is today's `pytorch/ao`); the title is
///   the subject.
/// Everything else is a direct commit.
public enum ChangeClassifier {
    /// `repository`: the repository's name (`ao` of `pytorch/ao`), which an exported diff's PR address must
    /// name; nil accepts any.
    public static func pullRequest(from commit: Commit, repository: String? = nil) -> PullRequest? {
        // The subject and the rest are cut at the first line feed: a message is not split into all its lines
        // (ingest classifies every commit of the history, and splitting and re-joining bodies was most of it).
        let message = commit.message
        let firstBreak = message.utf8.firstIndex(of: UInt8(ascii: "\n"))
        let subject = String(message[..<(firstBreak ?? message.endIndex)]).trimmingCharacters(in: .whitespaces)
        let rest = firstBreak.map { message[message.index(after: $0)...] } ?? ""
        if commit.parentCount >= 2, let (number, branch) = mergeSubject(subject) {
            var bodyLines = rest.split(separator: "\n", omittingEmptySubsequences: false).drop {
                $0.trimmingCharacters(in: .whitespaces).isEmpty
            }
            let title = bodyLines.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            bodyLines = bodyLines.dropFirst()
            let owner = branch.split(separator: "/", maxSplits: 1).first.map(String.init)
            let login = owner.flatMap { isLogin($0) ? $0 : nil }
            return PullRequest(
                number: number, title: title.isEmpty ? subject : title, body: bodyLines.joined(separator: "\n").trimmingWhitespace(),
                authorName: login ?? commit.authorName, authorEmail: login == nil ? commit.authorEmail : "",
                login: login, mergedAt: commit.committedAt, mergeSHA: commit.sha, files: commit.files)
        }
        guard let (title, number) = squashSubject(subject) ?? resolvedPullRequest(rest, repository: repository).map({ (subject, $0) })
        else { return nil }
        return PullRequest(
            number: number, title: title, body: rest.trimmingWhitespace(), authorName: commit.authorName,
            authorEmail: commit.authorEmail, login: login(fromEmail: commit.authorEmail), mergedAt: commit.committedAt,
            mergeSHA: commit.sha, files: commit.files)
    }

    /// Whether a commit is a pull request (what `pullRequest(from:repository:)` decides, without building it).
    public static func isPullRequest(_ commit: Commit, repository: String? = nil) -> Bool {
        let message = commit.message
        let firstBreak = message.utf8.firstIndex(of: UInt8(ascii: "\n"))
        let subject = String(message[..<(firstBreak ?? message.endIndex)]).trimmingCharacters(in: .whitespaces)
        return commit.parentCount >= 2 && mergeSubject(subject) != nil || squashSubject(subject) != nil
            || firstBreak.map { resolvedPullRequest(message[message.index(after: $0)...], repository: repository) != nil } == true
    }

    public static let resolvedPrefix = "Pull Request resolved: https://github.com/"

    /// The number in a `Pull Request resolved: https://github.com/OWNER/NAME/pull/N` line of a message body.
    public static func resolvedPullRequest(_ body: Substring, repository: String?) -> Int? {
        // Most messages have no such line: one search rules them out.
        guard let found = body.range(of: resolvedPrefix) else { return nil }
        // The line must start with it.
        guard found.lowerBound == body.startIndex || body[body.index(before: found.lowerBound)] == "\n" else { return nil }
        let line = body[found.upperBound...].prefix { $0 != "\n" && $0 != "\r" }.trimmingCharacters(in: .whitespaces)
        let parts = line.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, !parts[0].isEmpty, parts[2] == "pull", !parts[3].isEmpty, parts[3].count <= 9,
            parts[3].allSatisfy(\.isASCIIDigit), let number = Int(parts[3]), number > 0
        else { return nil }
        if let repository, parts[1].lowercased() != repository.lowercased() { return nil }
        return number
    }

    /// `Title (#123)` → ("Title", 123), taking the last `(#N)` at the end.
    static func squashSubject(_ subject: String) -> (String, Int)? {
        guard subject.hasSuffix(")"), let open = subject.range(of: "(#", options: .backwards) else { return nil }
        let digits = subject[open.upperBound..<subject.index(before: subject.endIndex)]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits), number > 0
        else { return nil }
        let title = subject[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
        return (title.isEmpty ? subject : title, number)
    }

    /// `Merge pull request #123 from user/branch` → (123, "user/branch").
    static func mergeSubject(_ subject: String) -> (Int, String)? {
        let prefix = "Merge pull request #"
        guard subject.hasPrefix(prefix) else { return nil }
        let rest = subject.dropFirst(prefix.count)
        let digits = rest.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty, digits.count <= 9, let number = Int(digits) else { return nil }
        let tail = rest.dropFirst(digits.count)
        guard tail.hasPrefix(" from ") else { return (number, "") }
        return (number, String(tail.dropFirst(6)).trimmingCharacters(in: .whitespaces))
    }

    /// The login inside a GitHub noreply address: `12345+login@users.noreply.github.com` or `login@users.noreply.github.com`.
    public static func login(fromEmail email: String) -> String? {
        let suffix = "@users.noreply.github.com"
        guard email.lowercased().hasSuffix(suffix) else { return nil }
        let local = email.dropLast(suffix.count)
        let login = local.split(separator: "+", maxSplits: 1).last.map(String.init) ?? ""
        return isLogin(login) ? login : nil
    }

    private static func isLogin(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 39
            && text.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "[" || $0 == "]" }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
