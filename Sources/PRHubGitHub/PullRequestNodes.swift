import Foundation
import PRHubModel

/// The shapes of GitHub's GraphQL replies to `PullRequestQueries`, as documented (nullable where GitHub
/// says so: a deleted author is `null`, a search node that is not a PR is `{}`).
public struct SearchData: Decodable, GraphQLCosted, Sendable {
    public var rateLimit: RateLimitNode?
    public var search: Search

    public struct Search: Decodable, Sendable {
        public var issueCount: Int
        public var pageInfo: PageInfo
        public var nodes: [PullRequestNode?]
    }
}

public struct FollowUpData: Decodable, GraphQLCosted, Sendable {
    public var rateLimit: RateLimitNode?
    /// Aliases `p0`, `p1`, … → the PR's next pages.
    public var repository: [String: PullRequestNode?]?

    enum CodingKeys: String, CodingKey { case rateLimit, repository }
}

public struct PageInfo: Decodable, Sendable {
    public var hasNextPage: Bool
    public var endCursor: String?
}

public struct Connection<Node: Decodable & Sendable>: Decodable, Sendable {
    public var totalCount: Int?
    public var pageInfo: PageInfo?
    public var nodes: [Node?]?

    public var items: [Node] { (nodes ?? []).compactMap { $0 } }
}

public struct ActorNode: Decodable, Sendable {
    public var login: String
    public var typename: String?

    enum CodingKeys: String, CodingKey {
        case login
        case typename = "__typename"
    }

    /// Bots as GitHub's REST API names them (`dependabot[bot]`), so one bot rule serves every source.
    var name: String { typename == "Bot" && !login.hasSuffix("[bot]") ? login + "[bot]" : login }
    var isBot: Bool { typename == "Bot" || BotAccounts.isBot(login) }
}

public struct PullRequestNode: Decodable, Sendable {
    public struct Name: Decodable, Sendable { public var name: String }
    public struct Number: Decodable, Sendable { public var number: Int }
    public struct Commit: Decodable, Sendable { public var oid: String }
    public struct FileNode: Decodable, Sendable {
        public var path: String
        public var additions: Int
        public var deletions: Int
        public var changeType: String?

        public init(path: String, additions: Int, deletions: Int, changeType: String?) {
            self.path = path
            self.additions = additions
            self.deletions = deletions
            self.changeType = changeType
        }
    }
    public struct ReviewNode: Decodable, Sendable {
        public var author: ActorNode?
        public var state: String
        public var body: String?
    }
    public struct CommentNode: Decodable, Sendable {
        public var author: ActorNode?
        public var body: String?
    }
    public struct ThreadNode: Decodable, Sendable {
        public var path: String?
        public var isResolved: Bool
        public var comments: Connection<CommentNode>?
    }

    public var number: Int?
    public var title: String?
    public var body: String?
    public var mergedAt: String?
    public var updatedAt: String?
    public var author: ActorNode?
    public var mergeCommit: Commit?
    public var labels: Connection<Name>?
    public var files: Connection<FileNode>?
    public var reviews: Connection<ReviewNode>?
    public var reviewThreads: Connection<ThreadNode>?
    public var comments: Connection<CommentNode>?
    public var closingIssuesReferences: Connection<Number>?

    /// The next page a follow-up must fetch, if the first page did not hold everything.
    public var followUp: PullRequestQueries.FollowUp? {
        guard let number else { return nil }
        let files = self.files?.pageInfo?.hasNextPage == true ? self.files?.pageInfo?.endCursor : nil
        let threads = reviewThreads?.pageInfo?.hasNextPage == true ? reviewThreads?.pageInfo?.endCursor : nil
        guard files != nil || threads != nil else { return nil }
        return PullRequestQueries.FollowUp(number: number, filesAfter: files, threadsAfter: threads)
    }

    /// The model value; nil for search nodes that are not merged PRs.
    public func pullRequest(files: [FileNode], threads: [ThreadNode]) -> GitHubPullRequest? {
        guard let number, let mergedAt = mergedAt.flatMap(Self.date), let title else { return nil }
        let login = author?.name ?? "ghost"
        func comment(_ node: CommentNode) -> Discussion.Comment {
            Discussion.Comment(author: node.author?.name ?? "ghost", isBot: node.author?.isBot ?? false, body: Self.clip(node.body ?? ""))
        }
        let discussion = Discussion(
            reviews: (reviews?.items ?? []).map {
                Discussion.Review(
                    author: $0.author?.name ?? "ghost", isBot: $0.author?.isBot ?? false,
                    state: Discussion.ReviewState(rawValue: $0.state) ?? .commented, body: Self.clip($0.body ?? ""))
            },
            threads: threads.map {
                Discussion.ReviewThread(path: $0.path ?? "", isResolved: $0.isResolved, comments: ($0.comments?.items ?? []).map(comment))
            },
            comments: (comments?.items ?? []).map(comment),
            closingIssues: (closingIssuesReferences?.items ?? []).map(\.number),
            totalReviews: reviews?.totalCount, totalThreads: max(reviewThreads?.totalCount ?? 0, threads.count),
            totalComments: comments?.totalCount)
        let pr = PullRequest(
            number: number, title: title, body: body ?? "", authorName: login, authorEmail: "", login: login,
            mergedAt: mergedAt, mergeSHA: mergeCommit?.oid ?? "github-pr-\(number)",
            files: files.map { FileChange(path: $0.path, additions: $0.additions, deletions: $0.deletions) },
            githubLabels: (labels?.items ?? []).map(\.name), discussion: discussion)
        return GitHubPullRequest(pullRequest: pr, updatedAt: updatedAt.flatMap(Self.date) ?? mergedAt)
    }

    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) ?? {
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text)
        }()
    }

    /// Review words kept per comment: enough for a writer to say what was argued, not a whole essay.
    static func clip(_ text: String) -> String {
        text.count > 2_000 ? String(text.prefix(2_000)) + "…" : text
    }
}

/// Reviewers that are machines even when GitHub lists them as users.
public enum BotAccounts {
    static let names: Set<String> = ["copilot", "coderabbitai", "gemini-code-assist", "copilot-pull-request-reviewer", "mergify", "github-actions"]

    public static func isBot(_ login: String) -> Bool {
        let lower = login.lowercased()
        return lower.hasSuffix("[bot]") || names.contains(lower)
    }
}
