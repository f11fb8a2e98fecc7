import PRHubModel

/// Condenses a PR's GitHub discussion into what a lead wants to know: who reviewed, what they decided,
/// what they argued about and what was left open. Bots are counted apart and never quoted.
public enum ReviewSummarizer {
    /// Excerpts kept per PR, and characters per excerpt.
    static let excerptLimit = 4
    static let excerptLength = 280

    public static func summarize(_ discussion: Discussion?, author: String?, isBot: (String) -> Bool) -> Digest.Review? {
        guard let discussion else { return nil }
        let authorKey = author?.lowercasedByBytes()
        func human(_ login: String, _ flagged: Bool) -> Bool { !flagged && !isBot(login) }

        var reviewers: [String] = []
        var verdicts: [String: Discussion.ReviewState] = [:]
        var botReviews = 0
        for review in discussion.reviews {
            guard human(review.author, review.isBot) else {
                botReviews += 1
                continue
            }
            guard review.author.lowercasedByBytes() != authorKey else { continue }
            if !reviewers.contains(review.author) { reviewers.append(review.author) }
            // A later approval replaces an earlier change request, as on GitHub; comments change no verdict.
            if review.state == .approved || review.state == .changesRequested || review.state == .dismissed {
                verdicts[review.author] = review.state
            }
        }
        let threads = discussion.threads.filter { thread in thread.comments.first.map { human($0.author, $0.isBot) } ?? true }
        for thread in threads {
            guard let opener = thread.comments.first?.author, opener.lowercasedByBytes() != authorKey, !reviewers.contains(opener) else { continue }
            reviewers.append(opener)
        }
        var files: [String: Int] = [:]
        for thread in threads where !thread.path.isEmpty { files[thread.path, default: 0] += 1 }
        let ordered = threads.filter { !$0.isResolved } + threads.filter(\.isResolved)
        let excerpts = ordered.prefix(excerptLimit).compactMap { thread -> Digest.Excerpt? in
            guard let first = thread.comments.first else { return nil }
            let last = thread.comments.count > 1 ? thread.comments.last.map { clip($0.body) } : nil
            return Digest.Excerpt(
                author: first.author, path: thread.path.isEmpty ? nil : thread.path, resolved: thread.isResolved,
                text: clip(first.body), reply: last)
        }
        // Without threads, a change request's own words say what was contested.
        let fromReviews = excerpts.isEmpty
            ? discussion.reviews.filter { human($0.author, $0.isBot) && $0.state == .changesRequested && !$0.body.trimmed().isEmpty }
                .prefix(2).map { Digest.Excerpt(author: $0.author, path: nil, resolved: nil, text: clip($0.body)) }
            : []
        // Hidden threads beyond the fetched ones are counted from GitHub's total.
        let unseen = max(0, discussion.totalThreads - discussion.threads.count)
        return Digest.Review(
            reviewers: reviewers, approvals: verdicts.values.filter { $0 == .approved }.count,
            changesRequested: verdicts.values.filter { $0 == .changesRequested }.count, botReviews: botReviews,
            comments: discussion.comments.filter { human($0.author, $0.isBot) }.count
                + max(0, discussion.totalComments - discussion.comments.count),
            threads: threads.count + unseen, unresolvedThreads: threads.filter { !$0.isResolved }.count,
            threadFiles: files.map { Digest.PathCount(path: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.path) > ($1.count, $0.path) },
            discussion: excerpts + fromReviews)
    }

    /// Reviewers of the week by PRs reviewed, most first.
    public static func reviewers(_ reviews: [Digest.Review]) -> [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        for review in reviews { for login in Set(review.reviewers) { counts[login, default: 0] += 1 } }
        return counts.map { (name: $0.key, count: $0.value) }.sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    }

    /// One paragraph of a comment, without quoted replies, code fences or markup noise.
    static func clip(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix(">") && !$0.hasPrefix("```") && !$0.hasPrefix("<!--") }
        let joined = lines.joined(separator: " ")
        return joined.count > excerptLength ? String(joined.prefix(excerptLength - 1)) + "…" : joined
    }
}
