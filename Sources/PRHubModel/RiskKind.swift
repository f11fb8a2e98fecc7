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

    public static func < (a: RiskKind, b: RiskKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
