import Foundation

/// The GraphQL documents PRHub sends. One search page brings up to 25 merged PRs with everything a
/// report uses; follow-ups fetch files and review threads past their first page.
public enum PullRequestQueries {
    /// How many of each nested list the search asks for per PR.
    public static let filesPerPage = 100
    public static let threadsPerPage = 40
    public static let commentsPerThread = 3

    static let fileFields = "pageInfo { hasNextPage endCursor } nodes { path additions deletions changeType }"
    static let threadFields =
        "pageInfo { hasNextPage endCursor } nodes { path isResolved comments(first: \(commentsPerThread)) { nodes { author { login __typename } body } } }"

    public static let search = """
        query PRHubSearch($q: String!, $first: Int!, $after: String) {
          rateLimit { cost remaining resetAt }
          search(query: $q, type: ISSUE, first: $first, after: $after) {
            issueCount
            pageInfo { hasNextPage endCursor }
            nodes {
              ... on PullRequest {
                number title body mergedAt updatedAt
                author { login __typename }
                mergeCommit { oid }
                labels(first: 20) { nodes { name } }
                files(first: \(filesPerPage)) { totalCount \(fileFields) }
                reviews(first: 30) { totalCount nodes { author { login __typename } state body } }
                reviewThreads(first: \(threadsPerPage)) { totalCount \(threadFields) }
                comments(first: 20) { totalCount nodes { author { login __typename } body } }
                closingIssuesReferences(first: 10) { nodes { number } }
              }
            }
          }
        }
        """

    /// The search string for merged PRs of a repository in `[since, until)`, as explicit UTC datetimes
    /// (GitHub's range is inclusive, so the end is one second before `until`), optionally only those
    /// updated since a moment.
    public static func searchString(repository: String, since: Date, until: Date, updatedSince: Date? = nil) -> String {
        var text = "repo:\(repository) is:pr is:merged merged:\(utc(since))..\(utc(until.addingTimeInterval(-1)))"
        if let updatedSince { text += " updated:>=\(utc(updatedSince))" }
        return text
    }

    /// What a PR still needs after the search page: more files, more review threads, or both.
    public struct FollowUp: Sendable, Equatable {
        public var number: Int
        public var filesAfter: String?
        public var threadsAfter: String?
        public init(number: Int, filesAfter: String?, threadsAfter: String?) {
            self.number = number
            self.filesAfter = filesAfter
            self.threadsAfter = threadsAfter
        }
    }

    /// One query for the next pages of several PRs at once (aliases `p0`, `p1`, …), variables `$c0…`.
    public static func followUp(_ items: [FollowUp]) -> (query: String, variables: [String: GraphQLValue]) {
        var parameters = ["$owner: String!", "$name: String!"]
        var fields: [String] = []
        var variables: [String: GraphQLValue] = [:]
        for (index, item) in items.enumerated() {
            var parts: [String] = ["number"]
            if let cursor = item.filesAfter {
                parameters.append("$f\(index): String")
                variables["f\(index)"] = .string(cursor)
                parts.append("files(first: \(filesPerPage), after: $f\(index)) { \(fileFields) }")
            }
            if let cursor = item.threadsAfter {
                parameters.append("$t\(index): String")
                variables["t\(index)"] = .string(cursor)
                parts.append("reviewThreads(first: \(threadsPerPage), after: $t\(index)) { \(threadFields) }")
            }
            fields.append("p\(index): pullRequest(number: \(item.number)) { \(parts.joined(separator: " ")) }")
        }
        let query = """
            query PRHubFollowUp(\(parameters.joined(separator: ", "))) {
              rateLimit { cost remaining resetAt }
              repository(owner: $owner, name: $name) { \(fields.joined(separator: " ")) }
            }
            """
        return (query, variables)
    }

    static func utc(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
