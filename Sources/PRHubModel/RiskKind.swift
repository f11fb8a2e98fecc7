/// The kinds of risk a report looks for (SPEC.md), in the order reports list them.
public enum RiskKind: String, Codable, Sendable, CaseIterable, Comparable {
    case corePath = "core-path"
    case missingTests = "missing-tests"
    case testsReduced = "tests-reduced"
    case revert = "revert"
    case followUpFix = "follow-up-fix"
    case envVar = "env-var"
    case platform = "platform"
    case dependency = "dependency"
    /// A version changed, a pin loosened or made exact, or a package dropped: old → new in the evidence.
    case dependencyUpdate = "dependency-update"

    public static func < (a: RiskKind, b: RiskKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
