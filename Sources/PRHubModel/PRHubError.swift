/// The one error type every PRHub layer throws: a stable code for scripts and a message for people.
/// The CLI prints it as a single `error:` line; nothing else about it reaches the user.
public struct PRHubError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: String, Sendable {
        case notAGitRepository = "not-a-git-repository"
        case gitFailed = "git-failed"
        case invalidWeek = "invalid-week"
        case invalidDate = "invalid-date"
        case invalidTimeZone = "invalid-time-zone"
        case invalidRepositoryName = "invalid-repository-name"
        case invalidArgument = "invalid-argument"
        case invalidProfile = "invalid-profile"
        case store = "store"
        case output = "output"
        case github = "github"
        /// A report asked for a period the store has not read (before a shallow clone's history, after its last read).
        case periodNotRead = "period-not-read"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
