import Foundation

/// The fake's GraphQL answers, shaped as GitHub's schema documents them.
extension FakeGitHub {
    static func search(_ pulls: [PR], query: String, variables: [String: Any]) -> [String: Any] {
        let q = variables["q"] as? String ?? ""
        let first = variables["first"] as? Int ?? 25
        let offset = (variables["after"] as? String).flatMap { decodeCursor($0, "cursor") } ?? 0
        let merged = match(#"merged:(\S+)\.\.(\S+)"#, q)
        let updated = match(#"updated:>=(\S+)"#, q).first.flatMap(parseISO)
        let from = merged.first.flatMap(parseISO) ?? .distantPast
        let to = merged.dropFirst().first.flatMap(parseISO) ?? .distantFuture
        let hits = pulls.filter { pr in pr.mergedAt >= from && pr.mergedAt <= to && (updated.map { pr.updatedAt >= $0 } ?? true) }
            .sorted { $0.number < $1.number }
        // GitHub's search serves the first 1,000 results only.
        let reachable = min(hits.count, 1_000)
        let page = offset < reachable ? Array(hits[offset..<min(reachable, offset + first)]) : []
        let end = offset + page.count
        return [
            "search": [
                "issueCount": hits.count,
                "pageInfo": ["hasNextPage": end < reachable, "endCursor": page.isEmpty ? NSNull() : cursor("cursor", end) as Any],
                "nodes": page.map { node($0, query: query) },
            ] as [String: Any]
        ]
    }

    static func followUp(_ pulls: [PR], query: String, variables: [String: Any]) -> [String: Any] {
        var repository: [String: Any] = [:]
        let filesFirst = firstArgument(#"files\(first: (\d+)"#, query) ?? 100
        let threadsFirst = firstArgument(#"reviewThreads\(first: (\d+)"#, query) ?? 40
        let commentsFirst = firstArgument(#"isResolved comments\(first: (\d+)"#, query) ?? 3
        for alias in matches(#"p(\d+): pullRequest\(number: (\d+)\)"#, query) {
            guard alias.count == 2, let index = Int(alias[0]), let number = Int(alias[1]),
                let pr = pulls.first(where: { $0.number == number })
            else { continue }
            var fields: [String: Any] = ["number": number]
            if query.contains("after: $f\(index)") {
                let offset = (variables["f\(index)"] as? String).flatMap { decodeCursor($0, "file") } ?? 0
                fields["files"] = files(pr, offset: offset, first: filesFirst)
            }
            if query.contains("after: $t\(index)") {
                let offset = (variables["t\(index)"] as? String).flatMap { decodeCursor($0, "thread") } ?? 0
                fields["reviewThreads"] = threads(pr, offset: offset, first: threadsFirst, comments: commentsFirst)
            }
            repository["p\(index)"] = fields
        }
        return ["repository": repository]
    }

    static func node(_ pr: PR, query: String) -> [String: Any] {
        let filesFirst = firstArgument(#"files\(first: (\d+)"#, query) ?? 100
        let threadsFirst = firstArgument(#"reviewThreads\(first: (\d+)"#, query) ?? 40
        let commentsFirst = firstArgument(#"isResolved comments\(first: (\d+)"#, query) ?? 3
        return [
            "number": pr.number, "title": pr.title, "body": pr.body, "mergedAt": iso(pr.mergedAt), "updatedAt": iso(pr.updatedAt),
            "author": actor(pr.author, bot: pr.authorIsBot),
            "mergeCommit": ["oid": pr.mergeSHA],
            "labels": ["nodes": pr.labels.prefix(20).map { ["name": $0] }],
            "files": ["totalCount": pr.files.count].merging(files(pr, offset: 0, first: filesFirst)) { a, _ in a },
            "reviews": [
                "totalCount": pr.reviews.count,
                "nodes": pr.reviews.prefix(30).map { ["author": actor($0.author, bot: $0.bot), "state": $0.state, "body": $0.body] },
            ] as [String: Any],
            "reviewThreads": ["totalCount": pr.threads.count].merging(threads(pr, offset: 0, first: threadsFirst, comments: commentsFirst)) { a, _ in a },
            "comments": [
                "totalCount": pr.comments.count,
                "nodes": pr.comments.prefix(20).map { ["author": actor($0.author, bot: $0.bot), "body": $0.body] },
            ] as [String: Any],
            "closingIssuesReferences": ["nodes": pr.closingIssues.prefix(10).map { ["number": $0] }],
        ]
    }

    static func files(_ pr: PR, offset: Int, first: Int) -> [String: Any] {
        let slice = Array(pr.files.dropFirst(offset).prefix(first))
        let end = offset + slice.count
        return [
            "pageInfo": ["hasNextPage": end < pr.files.count, "endCursor": slice.isEmpty ? NSNull() : cursor("file", end) as Any],
            "nodes": slice.map { ["path": $0.path, "additions": $0.additions, "deletions": $0.deletions, "changeType": "MODIFIED"] },
        ]
    }

    static func threads(_ pr: PR, offset: Int, first: Int, comments: Int) -> [String: Any] {
        let slice = Array(pr.threads.dropFirst(offset).prefix(first))
        let end = offset + slice.count
        return [
            "pageInfo": ["hasNextPage": end < pr.threads.count, "endCursor": slice.isEmpty ? NSNull() : cursor("thread", end) as Any],
            "nodes": slice.map { thread in
                [
                    "path": thread.path, "isResolved": thread.resolved,
                    "comments": ["nodes": thread.comments.prefix(comments).map { ["author": actor($0.author, bot: $0.bot), "body": $0.body] }],
                ] as [String: Any]
            },
        ]
    }

    /// GraphQL's `Actor`: a bot's login has no `[bot]` suffix there, only its `__typename` says so.
    static func actor(_ login: String, bot: Bool) -> [String: Any] {
        ["login": bot && login.hasSuffix("[bot]") ? String(login.dropLast(5)) : login, "__typename": bot ? "Bot" : "User"]
    }

    static func cursor(_ kind: String, _ offset: Int) -> String { Data("\(kind):\(offset)".utf8).base64EncodedString() }

    static func decodeCursor(_ text: String, _ kind: String) -> Int? {
        guard let data = Data(base64Encoded: text) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":")
        return parts.count == 2 && parts[0] == kind ? Int(parts[1]) : nil
    }

    static func parseISO(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }

    static func match(_ pattern: String, _ text: String) -> [String] { matches(pattern, text).first ?? [] }

    static func matches(_ pattern: String, _ text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { result in
            (1..<result.numberOfRanges).map { ns.substring(with: result.range(at: $0)) }
        }
    }

    static func firstArgument(_ pattern: String, _ text: String) -> Int? { match(pattern, text).first.flatMap { Int($0) } }
}

/// GitHub's documented point cost of a query: add up the requests each connection needs (a connection
/// nested in one that asks for `first: N` runs N times per parent), divide by 100, round, at least 1.
public enum GraphQLCost {
    public static func points(query: String, variables: [String: Any]) -> Int {
        var requests = 0.0
        var stack: [Double] = [1]
        var pendingFirst: Double?
        var index = query.startIndex
        var inParentheses = 0
        while index < query.endIndex {
            let character = query[index]
            switch character {
            case "(":
                inParentheses += 1
            case ")":
                inParentheses -= 1
            case "{":
                let parent = stack.last ?? 1
                if let first = pendingFirst {
                    requests += parent
                    stack.append(parent * first)
                } else {
                    stack.append(parent)
                }
                pendingFirst = nil
            case "}":
                if stack.count > 1 { stack.removeLast() }
            case "f" where inParentheses > 0 && query[index...].hasPrefix("first:") && (index == query.startIndex || query[query.index(before: index)] != "$"):
                let rest = query[query.index(index, offsetBy: 6)...].drop { $0 == " " }
                let token = rest.prefix { $0.isLetter || $0.isNumber || $0 == "$" }
                if token.hasPrefix("$") {
                    pendingFirst = (variables[String(token.dropFirst())] as? Int).map(Double.init)
                } else {
                    pendingFirst = Double(token)
                }
            default:
                break
            }
            index = query.index(after: index)
        }
        return max(1, Int((requests / 100).rounded()))
    }
}
