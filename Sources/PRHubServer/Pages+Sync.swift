import Foundation
import Hummingbird
import PRHubGitHub
import PRHubModel
import PRHubPipeline

extension Pages {
    /// Fetches a window of merged PRs from GitHub into the store: `?week=2026-W14`, or `?since=DATE[&until=DATE]`
    /// counted in the server's zone. Only exists with the admin token; needs a GitHub token at start-up.
    func sync(_ request: Request, token: String, owner: String?, repo: String?) async throws -> Response {
        guard Self.constantTimeEqual(request.headers[.authorization] ?? "", "Bearer \(token)") else {
            return .text("{\"error\":\"unauthorized\"}\n", type: "application/json", status: .unauthorized)
        }
        guard let name = repositoryName(owner, repo) else { return badRequest("not a repository name") }
        guard let githubToken = options.githubToken, !githubToken.isEmpty else {
            return .text("{\"error\":\"no GitHub token configured (set GITHUB_TOKEN before starting the server)\"}\n",
                type: "application/json", status: .serviceUnavailable)
        }
        let query = request.uri.queryParameters
        let period: Period
        do {
            if let week = query.get("week") {
                period = Period(week: try ISOWeek(week), zone: library.zone)
            } else if let since = query.get("since").flatMap(LocalDate.init(iso:)) {
                let until = query.get("until").flatMap(LocalDate.init(iso:)) ?? library.zone.localDate(of: Date())
                period = try Period(since: since, until: until, zone: library.zone)
            } else {
                return badRequest("give ?week=2026-W14 or ?since=YYYY-MM-DD[&until=YYYY-MM-DD]")
            }
        } catch {
            return badRequest("not a valid week or date range")
        }
        do {
            let client = GitHubClient(endpoint: try GitHubEndpoint(options.githubAPI), token: githubToken)
            let result = try await GitHubSync(store: library.store, client: client, name: name)
                .run(since: period.startInstant, until: period.endInstant)
            let requests = await client.requests
            return .text(
                "{\"pullRequests\":\(result.pullRequests),\"upToDate\":\(result.upToDate),\"requests\":\(requests)}\n",
                type: "application/json")
        } catch let error as GitHubError {
            let message = String(data: try JSONEncoder().encode(error.message), encoding: .utf8) ?? "\"GitHub failed\""
            return .text("{\"error\":\(message)}\n", type: "application/json", status: .badGateway)
        }
    }
}
