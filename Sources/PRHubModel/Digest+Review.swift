extension Digest {
    /// What review on GitHub looked like for one PR. Only present when the PR was synced from GitHub.
    public struct Review: Codable, Sendable, Equatable {
        /// Human reviewers other than the author, in the order they first reviewed.
        public var reviewers: [String]
        /// Distinct human reviewers whose latest verdict approved, or requested changes.
        public var approvals: Int
        public var changesRequested: Int
        /// Reviews left by bots (Copilot, coderabbitai, …), kept apart from human review.
        public var botReviews: Int
        /// Conversation comments by people.
        public var comments: Int
        /// Review threads opened by people, and how many were still unresolved at merge.
        public var threads: Int
        public var unresolvedThreads: Int
        /// The files the threads were about, busiest first.
        public var threadFiles: [PathCount]
        /// The threads' own words (first comment, clipped), unresolved first: for the writers.
        public var discussion: [Excerpt]

        public init(
            reviewers: [String], approvals: Int, changesRequested: Int, botReviews: Int, comments: Int, threads: Int,
            unresolvedThreads: Int, threadFiles: [PathCount], discussion: [Excerpt]
        ) {
            self.reviewers = reviewers
            self.approvals = approvals
            self.changesRequested = changesRequested
            self.botReviews = botReviews
            self.comments = comments
            self.threads = threads
            self.unresolvedThreads = unresolvedThreads
            self.threadFiles = threadFiles
            self.discussion = discussion
        }
    }

    public struct Excerpt: Codable, Sendable, Equatable {
        public var author: String
        public var path: String?
        public var resolved: Bool?
        public var text: String
        /// How the thread ended: the last comment shown, when there is more than one.
        public var reply: String?

        public init(author: String, path: String?, resolved: Bool?, text: String, reply: String? = nil) {
            self.author = author
            self.path = path
            self.resolved = resolved
            self.text = text
            self.reply = reply
        }
    }
}
