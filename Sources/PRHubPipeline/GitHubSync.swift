import Foundation
import PRHubAnalysis
import PRHubGitHub
import PRHubModel
import PRHubStore

/// Brings a repository's merged pull requests of a window from GitHub into the store.
///
/// - A window never synced: one search (pages of 25 PRs with labels, files, reviews, threads, comments,
///   closing issues), split in halves while it matches more than the search's 1,000-result cap.
/// - A window synced before: one conditional REST request tells whether anything changed at all (a 304
///   costs no quota); if so, only PRs updated since the last sync are searched again.
/// - Each page is stored with the cursor after it, so an interrupted sync resumes where it stopped.
/// - A page GitHub cannot serve in time (502/504) is asked for again in halves.
public struct GitHubSync: Sendable {
    public let store: Store
    public let client: GitHubClient
    public let name: RepositoryName
    /// Files whose diff text to fetch (REST, one request per PR that touches any), for env-var and
    /// dependency risks without a clone; nil fetches none.
    public let diffs: (@Sendable (String) -> Bool)?

    public init(store: Store, client: GitHubClient, name: RepositoryName, diffs: (@Sendable (String) -> Bool)? = nil) {
        self.store = store
        self.client = client
        self.name = name
        self.diffs = diffs
    }

    /// The files whose diff text a profile's risk detectors read: dependency manifests and env registries.
    public static func diffFilter(profile: RepositoryProfile) -> @Sendable (String) -> Bool {
        let paths = PathClassifier(profile: profile)
        return { paths.wantsDiff($0) }
    }

    public struct Result: Sendable, Equatable {
        /// Pull requests stored (new or refreshed).
        public var pullRequests = 0
        /// True when GitHub said nothing changed since the last sync of this window.
        public var upToDate = false
        public var searches = 0
        public var followUps = 0
        public var restFallbacks = 0
        /// REST requests made for diff text.
        public var diffRequests = 0
        /// PRs whose review threads past the first page GitHub could not serve.
        public var threadsLeftOut = 0
    }

    static let pageSize = 25
    static let searchCap = 1_000
    /// Overlap between "updated since" and the last sync, for clocks and GitHub's search index lag.
    static let overlap: TimeInterval = 300

    public func run(since: Date, until: Date) async throws -> Result {
        let repositoryID = try store.repositoryID(name)
        var result = Result()
        var updatedSince: Date?
        if let watermark = try store.gitHubWatermark(repositoryID: repositoryID, since: since, until: until) {
            if try await nothingChanged(since: watermark, repositoryID: repositoryID) {
                result.upToDate = true
                return result
            }
            updatedSince = watermark.addingTimeInterval(-Self.overlap)
        }
        var queries: [String] = []
        var startedAt = Date.distantFuture
        try await search(
            since: since, until: until, updatedSince: updatedSince, repositoryID: repositoryID, result: &result, queries: &queries,
            startedAt: &startedAt)
        // The window is current as of when its sync began (an interrupted one: its first attempt).
        let watermark = min(startedAt, await client.firstServerDate ?? Date())
        try store.finishGitHubWindow(repositoryID: repositoryID, since: since, until: until, watermark: watermark, queries: queries)
        return result
    }

    /// The newest update among the repository's closed PRs, asked for conditionally.
    func nothingChanged(since watermark: Date, repositoryID: Int64) async throws -> Bool {
        let previous = try store.gitHubProbe(repositoryID: repositoryID)
        let response = try await client.get(
            "/repos/\(name.description)/pulls?state=closed&sort=updated&direction=desc&per_page=1", etag: previous?.etag)
        if response.status == 304 { return (previous?.newestUpdate).map { $0 <= watermark } ?? false }
        struct Item: Decodable { var updated_at: String }
        let newest = (try? JSONDecoder().decode([Item].self, from: response.body))?.first.flatMap { PullRequestNode.date($0.updated_at) }
        if let etag = response.headers["etag"] {
            try store.setGitHubProbe(repositoryID: repositoryID, GitHubSyncState.Probe(etag: etag, newestUpdate: newest))
        }
        guard let newest else { return false }
        return newest <= watermark
    }

    func search(
        since: Date, until: Date, updatedSince: Date?, repositoryID: Int64, result: inout Result, queries: inout [String],
        startedAt: inout Date
    ) async throws {
        let query = PullRequestQueries.searchString(repository: name.description, since: since, until: until, updatedSince: updatedSince)
        queries.append(query)
        let resumed = try store.gitHubProgress(repositoryID: repositoryID, query: query)
        if let resumed { startedAt = min(startedAt, resumed.watermark) }
        var cursor = resumed?.cursor
        var size = Self.pageSize
        var timeouts = 0
        var firstPage = cursor == nil
        while true {
            let page: SearchData
            do {
                page = try await client.graphQL(
                    PullRequestQueries.search,
                    variables: ["q": .string(query), "first": .int(size), "after": cursor.map(GraphQLValue.string) ?? .null],
                    as: SearchData.self)
            } catch let error as GitHubError where error.kind == .serverTimeout && (size > 1 || timeouts < 3) {
                // Smaller pages first; a single PR that still times out gets a few more tries.
                if size == 1 { timeouts += 1 }
                size = max(1, size / 2)
                continue
            }
            result.searches += 1
            if firstPage, page.search.issueCount > Self.searchCap, until.timeIntervalSince(since) > 60 {
                // GitHub serves at most 1,000 results per search: ask for each half of the window instead.
                let middle = since.addingTimeInterval((until.timeIntervalSince(since) / 2).rounded(.down))
                try await search(
                    since: since, until: middle, updatedSince: updatedSince, repositoryID: repositoryID, result: &result,
                    queries: &queries, startedAt: &startedAt)
                try await search(
                    since: middle, until: until, updatedSince: updatedSince, repositoryID: repositoryID, result: &result,
                    queries: &queries, startedAt: &startedAt)
                return
            }
            firstPage = false
            let pullRequests = try await complete(page.search.nodes.compactMap { $0 }, result: &result)
            let next = page.search.pageInfo.hasNextPage ? page.search.pageInfo.endCursor : nil
            let began = min(startedAt, await client.firstServerDate ?? Date())
            let progress = next.map { GitHubSyncState.Progress(query: query, cursor: $0, watermark: began) }
            try await fetchDiffs(pullRequests, repositoryID: repositoryID, result: &result)
            try store.storeGitHubPage(pullRequests, repositoryID: repositoryID, progress: progress)
            result.pullRequests += pullRequests.count
            guard let next else { return }
            cursor = next
            size = min(Self.pageSize, size * 2)
        }
    }

    /// Fetches the files and review threads past each PR's first page, several PRs per query.
    func complete(_ nodes: [PullRequestNode], result: inout Result) async throws -> [GitHubPullRequest] {
        var files: [Int: [PullRequestNode.FileNode]] = [:]
        var threads: [Int: [PullRequestNode.ThreadNode]] = [:]
        for node in nodes {
            guard let number = node.number else { continue }
            files[number] = node.files?.items ?? []
            threads[number] = node.reviewThreads?.items ?? []
        }
        var pending = nodes.compactMap(\.followUp)
        var batch = 10
        while !pending.isEmpty {
            let round = Array(pending.prefix(batch))
            let (query, variables) = PullRequestQueries.followUp(round)
            var all = variables
            let parts = name.description.split(separator: "/")
            all["owner"] = .string(String(parts[0]))
            all["name"] = .string(String(parts[1]))
            let data: FollowUpData
            do {
                data = try await client.graphQL(query, variables: all, as: FollowUpData.self)
            } catch let error as GitHubError where error.kind == .serverTimeout {
                if batch > 1 {
                    batch = max(1, batch / 2)
                    continue
                }
                // GraphQL cannot serve this PR's next page in time: REST lists its files instead. Threads past
                // the first page are then left out (their count still comes from GitHub's total).
                let item = round[0]
                pending.removeFirst()
                if item.filesAfter != nil {
                    files[item.number] = try await restFiles(item.number)
                    result.restFallbacks += 1
                } else {
                    result.threadsLeftOut += 1
                }
                continue
            }
            result.followUps += 1
            pending.removeFirst(round.count)
            for (index, item) in round.enumerated() {
                guard let node = data.repository?["p\(index)"] ?? nil else { continue }
                files[item.number, default: []] += node.files?.items ?? []
                threads[item.number, default: []] += node.reviewThreads?.items ?? []
                if let more = node.followUp { pending.append(more) }
            }
        }
        return nodes.compactMap { node in
            guard let number = node.number else { return nil }
            return node.pullRequest(files: files[number] ?? [], threads: threads[number] ?? [])
        }
    }

    /// Diff lines of the wanted files of each PR not fetched before (merged PRs' diffs never change).
    func fetchDiffs(_ prs: [GitHubPullRequest], repositoryID: Int64, result: inout Result) async throws {
        guard let diffs else { return }
        let known = try store.gitHubLineChangeNumbers(repositoryID: repositoryID)
        for item in prs where !known.contains(item.pullRequest.number) {
            let pr = item.pullRequest
            guard pr.files.contains(where: { diffs($0.path) }) else { continue }
            let (files, requests) = try await restFileItems(pr.number)
            result.diffRequests += requests
            var changes: [String: LineChanges] = [:]
            for file in files where diffs(file.filename) {
                changes[file.filename] = PatchText.lineChanges(file.patch ?? "")
            }
            try store.storeGitHubLineChanges(repositoryID: repositoryID, number: pr.number, changes)
        }
    }

    /// Every file of a PR from `GET /repos/{owner}/{repo}/pulls/{n}/files` (100 a page, up to 3,000).
    func restFiles(_ number: Int) async throws -> [PullRequestNode.FileNode] {
        try await restFileItems(number).files.map {
            .init(path: $0.filename, additions: $0.additions, deletions: $0.deletions, changeType: $0.status)
        }
    }

    struct RESTFile: Decodable {
        var filename: String
        var additions: Int
        var deletions: Int
        var status: String?
        /// Absent for binary files and very large diffs.
        var patch: String?
    }

    func restFileItems(_ number: Int) async throws -> (files: [RESTFile], requests: Int) {
        var all: [RESTFile] = []
        var requests = 0
        for page in 1...30 {
            let response = try await client.get("/repos/\(name.description)/pulls/\(number)/files?per_page=100&page=\(page)")
            requests += 1
            guard let items = try? JSONDecoder().decode([RESTFile].self, from: response.body) else {
                throw GitHubError(.failed, "GitHub's file list of #\(number) has an unexpected shape")
            }
            all += items
            if items.count < 100 { break }
        }
        return (all, requests)
    }
}
