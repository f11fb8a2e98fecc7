import Foundation

/// What happened on GitHub around a pull request: reviews, review threads, comments and the issues it closes.
/// Only a GitHub source knows this; git-only pull requests have none.
public struct Discussion: Codable, Sendable, Hashable {
    public var reviews: [Review]
    public var threads: [ReviewThread]
    public var comments: [Comment]
    /// Issues GitHub links to the PR as closed by it.
    public var closingIssues: [Int]
    /// How many reviews, threads and comments exist in all (the lists above may hold only the first ones).
    public var totalReviews: Int
    public var totalThreads: Int
    public var totalComments: Int

    public init(
        reviews: [Review] = [], threads: [ReviewThread] = [], comments: [Comment] = [], closingIssues: [Int] = [],
        totalReviews: Int? = nil, totalThreads: Int? = nil, totalComments: Int? = nil
    ) {
        self.reviews = reviews
        self.threads = threads
        self.comments = comments
        self.closingIssues = closingIssues
        self.totalReviews = totalReviews ?? reviews.count
        self.totalThreads = totalThreads ?? threads.count
        self.totalComments = totalComments ?? comments.count
    }

    public enum ReviewState: String, Codable, Sendable, Hashable {
        case approved = "APPROVED"
        case changesRequested = "CHANGES_REQUESTED"
        case commented = "COMMENTED"
        case dismissed = "DISMISSED"
        case pending = "PENDING"
    }

    public struct Review: Codable, Sendable, Hashable {
        public var author: String
        public var isBot: Bool
        public var state: ReviewState
        public var body: String

        public init(author: String, isBot: Bool, state: ReviewState, body: String) {
            self.author = author
            self.isBot = isBot
            self.state = state
            self.body = body
        }
    }

    public struct Comment: Codable, Sendable, Hashable {
        public var author: String
        public var isBot: Bool
        public var body: String

        public init(author: String, isBot: Bool, body: String) {
            self.author = author
            self.isBot = isBot
            self.body = body
        }
    }

    /// A line-anchored review conversation: the file, whether it was resolved, its first comments.
    public struct ReviewThread: Codable, Sendable, Hashable {
        public var path: String
        public var isResolved: Bool
        public var comments: [Comment]

        public init(path: String, isResolved: Bool, comments: [Comment]) {
            self.path = path
            self.isResolved = isResolved
            self.comments = comments
        }

        /// A thread opened by a bot reviewer (Copilot, coderabbitai, …) is machine review, not human.
        public var isBot: Bool { comments.first?.isBot ?? false }
    }
}
