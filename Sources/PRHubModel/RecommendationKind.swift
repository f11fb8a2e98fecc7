/// The rules that produce a recommendation, most urgent first: each writer says every one of them.
public enum RecommendationKind: String, Codable, Sendable, CaseIterable {
    case watchReverts = "watch-reverts"
    case addCoreTests = "add-core-tests"
    case addTests = "add-tests"
    case reviewFixChains = "review-fix-chains"
    case settleOpenReview = "settle-open-review"
    case confirmTestRemovals = "confirm-test-removals"
    case documentEnvVars = "document-env-vars"
    case checkDependencies = "check-dependencies"
    case platformMatrix = "platform-matrix"
    case hotFile = "hot-file"
    case readHighlights = "read-highlights"
}
