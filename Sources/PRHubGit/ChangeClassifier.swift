import Foundation
import PRHubModel

/// Tells pull requests from direct commits on a first-parent history.
///
/// - Squash merges: a subject ending in `(#123)`; the title is the subject without it.
/// - Merge commits: `Merge pull request #123 from user/branch`; the title is the body's first line and
///   the PR author is the fork's owner.
/// Everything else is a direct commit.
public enum ChangeClassifier {
    public static func pullRequest(from commit: Commit) -> PullRequest? {
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
        guard let (title, number) = squashSubject(subject) else { return nil }
        return PullRequest(
            number: number, title: title, body: rest.trimmingWhitespace(), authorName: commit.authorName,
            authorEmail: commit.authorEmail, login: login(fromEmail: commit.authorEmail), mergedAt: commit.committedAt,
            mergeSHA: commit.sha, files: commit.files)
    }

    /// Whether a commit is a pull request, from its subject alone (what `pullRequest(from:)` decides first).
    public static func isPullRequest(_ commit: Commit) -> Bool {
        let message = commit.message
        let subject = String(message[..<(message.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? message.endIndex)])
            .trimmingCharacters(in: .whitespaces)
        return commit.parentCount >= 2 && mergeSubject(subject) != nil || squashSubject(subject) != nil
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
