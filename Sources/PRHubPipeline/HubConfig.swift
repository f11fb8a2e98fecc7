import Foundation
import PRHubDelivery
import PRHubModel
import Yams

/// What a hub follows and where it delivers (`prhub run --config FILE`; the contract is in SPEC.md).
/// Read with every error naming its line: unknown keys, missing `${VARIABLES}`, bad URLs and kinds.
public struct HubConfig: Sendable {
    public struct Repository: Sendable {
        public var name: RepositoryName
        public enum Source: Sendable, Equatable {
            /// A clone the user keeps up to date.
            case clone(path: String)
            /// An address PRHub mirrors and fetches itself.
            case mirror(url: String)
        }
        public var source: Source
        /// Sync PRs from the GitHub API (needs GITHUB_TOKEN).
        public var github: Bool
        public var profile: String?
        /// Target ids.
        public var deliver: [String]
    }

    public struct Target: Sendable {
        public var target: DeliveryTarget
        /// The languages this target receives; all of the hub's when the config says none.
        public var languages: [Language]
    }

    public var zone: ReportTimeZone
    public var languages: [Language]
    public var baseURL: String
    public var schedule: WeeklySchedule
    public var backfillWeeks: Int
    /// Where a static copy of the website is written after each pass (optional).
    public var site: String?
    /// Where mirrors of `url:` repositories are kept (default: `mirrors` beside the store).
    public var mirrors: String?
    public var repositories: [Repository]
    public var targets: [String: Target]

    static let topKeys: Set<String> = ["timeZone", "languages", "baseURL", "schedule", "backfillWeeks", "site", "mirrors", "repositories", "targets"]
    static let repositoryKeys: Set<String> = ["name", "git", "url", "github", "profile", "deliver"]
    static let targetKeys: Set<String> = ["kind", "url", "secret", "languages", "from", "to"]

    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HubConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PRHubError(.invalidArgument, "cannot read the hub config '\(path)'")
        }
        return try parse(String(decoding: data, as: UTF8.self), source: path, environment: environment)
    }

    public static func parse(_ text: String, source: String, environment: [String: String]) throws -> HubConfig {
        let reader = Reader(source: source, environment: environment)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw reader.error(nil, "the config is empty") }
            root = node
        } catch let error as PRHubError {
            throw error
        } catch {
            throw PRHubError(.invalidArgument, "\(source): not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        let top = try reader.mapping(root, keys: topKeys, what: "the config")
        let zoneNode = top["timeZone"]
        let zone: ReportTimeZone
        do { zone = try ReportTimeZone(try zoneNode.map { try reader.string($0) } ?? "UTC") } catch let error as PRHubError where error.code == .invalidTimeZone {
            throw reader.error(zoneNode, error.message)
        }
        let languages: [Language] = try top["languages"].map { node in
            try reader.list(node).map { item -> Language in
                guard let language = Language(rawValue: try reader.string(item)) else { throw reader.error(item, "languages are zh and en") }
                return language
            }
        } ?? [.zh, .en]
        guard !languages.isEmpty else { throw reader.error(top["languages"], "languages lists at least one of zh and en") }
        guard let baseNode = top["baseURL"] else { throw reader.error(root, "baseURL is missing (the address of the website the messages link to)") }
        let baseURL = try reader.httpURL(baseNode)
        let schedule = try top["schedule"].map { node in
            guard let schedule = WeeklySchedule(try reader.string(node)) else { throw reader.error(node, "schedule is a weekday and a time, such as \"MON 09:00\"") }
            return schedule
        } ?? WeeklySchedule("MON 09:00")!
        let backfill = try top["backfillWeeks"].map { node in
            guard let weeks = Int(try reader.string(node)), (1...104).contains(weeks) else { throw reader.error(node, "backfillWeeks is a number from 1 to 104") }
            return weeks
        } ?? 4
        var targets: [String: Target] = [:]
        if let node = top["targets"] {
            for (key, value) in try reader.mapping(node, keys: nil, what: "targets") {
                let fields = try reader.mapping(value, keys: targetKeys, what: "target '\(key)'")
                guard let kindNode = fields["kind"] else { throw reader.error(value, "target '\(key)' has no kind") }
                let kind = try reader.string(kindNode)
                guard let channel = ChatChannel(rawValue: kind) else {
                    throw reader.error(kindNode, "unknown target kind '\(kind.prefix(30))'; kinds: \(ChatChannel.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let urlNode = fields["url"] else { throw reader.error(value, "target '\(key)' has no url") }
                let url = channel == .email ? try reader.smtpURL(urlNode) : try reader.httpURL(urlNode)
                var from: String?
                var to: [String] = []
                if channel == .email {
                    guard let fromNode = fields["from"] else { throw reader.error(value, "email target '\(key)' has no from address") }
                    from = try reader.mailAddress(fromNode)
                    guard let toNode = fields["to"] else { throw reader.error(value, "email target '\(key)' has no to address") }
                    to = try (toNode.sequence.map(Array.init) ?? [toNode]).map { try reader.mailAddress($0) }
                }
                let secret = try fields["secret"].map { try reader.string($0) }
                let wanted = try fields["languages"].map { node in
                    try reader.list(node).map { item -> Language in
                        guard let language = Language(rawValue: try reader.string(item)), languages.contains(language) else {
                            throw reader.error(item, "a target's languages are among the hub's: \(languages.map(\.rawValue).joined(separator: ", "))")
                        }
                        return language
                    }
                } ?? languages
                targets[key] = Target(
                    target: DeliveryTarget(id: key, channel: channel, url: url, secret: secret, from: from, to: to), languages: wanted)
            }
        }
        guard let repositoriesNode = top["repositories"] else { throw reader.error(root, "repositories is missing") }
        var repositories: [Repository] = []
        for item in try reader.list(repositoriesNode) {
            let fields = try reader.mapping(item, keys: repositoryKeys, what: "a repository")
            guard let nameNode = fields["name"] else { throw reader.error(item, "a repository has no name") }
            let name: RepositoryName
            do { name = try RepositoryName(try reader.string(nameNode)) } catch let error as PRHubError { throw reader.error(nameNode, error.message) }
            let source: Repository.Source
            switch (fields["git"], fields["url"]) {
            case (let git?, nil): source = .clone(path: try reader.string(git))
            case (nil, let url?): source = .mirror(url: try reader.gitURL(url))
            default: throw reader.error(item, "repository \(name) needs exactly one of git: (a local clone) and url: (an address to mirror)")
            }
            let github = try fields["github"].map { node -> Bool in
                switch try reader.string(node) {
                case "true", "yes", "on": return true
                case "false", "no", "off": return false
                default: throw reader.error(node, "github is true or false")
                }
            } ?? false
            let deliver = try fields["deliver"].map { node in
                try reader.list(node).map { target -> String in
                    let id = try reader.string(target)
                    guard targets[id] != nil else { throw reader.error(target, "repository \(name) delivers to '\(id.prefix(40))', which is not among the targets") }
                    return id
                }
            } ?? []
            repositories.append(Repository(name: name, source: source, github: github, profile: try fields["profile"].map { try reader.string($0) }, deliver: deliver))
        }
        guard Set(repositories.map(\.name)).count == repositories.count else { throw reader.error(repositoriesNode, "a repository is listed twice") }
        return HubConfig(
            zone: zone, languages: languages, baseURL: baseURL, schedule: schedule, backfillWeeks: backfill,
            site: try top["site"].map { try reader.string($0) }, mirrors: try top["mirrors"].map { try reader.string($0) },
            repositories: repositories, targets: targets)
    }

    /// Reads nodes, expanding `${VARIABLE}` in strings; every error names the config and the line.
    struct Reader {
        let source: String
        let environment: [String: String]

        func error(_ node: Node?, _ message: String) -> PRHubError {
            PRHubError(.invalidArgument, "\(source) line \(node?.mark?.line ?? 1): \(TerminalText.oneLine(message))")
        }

        func mapping(_ node: Node, keys: Set<String>?, what: String) throws -> [String: Node] {
            guard let mapping = node.mapping else { throw error(node, "\(what) should be a mapping of keys to values") }
            var fields: [String: Node] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { throw error(key, "a key of \(what) is not text") }
                if let keys, !keys.contains(name) {
                    throw error(key, "unknown key '\(name.prefix(40))' in \(what) (known: \(keys.sorted().joined(separator: ", ")))")
                }
                fields[name] = value
            }
            return fields
        }

        func list(_ node: Node) throws -> [Node] {
            guard let sequence = node.sequence else { throw error(node, "a list is expected here") }
            return Array(sequence)
        }

        func string(_ node: Node) throws -> String {
            guard let scalar = node.scalar else { throw error(node, "a single value is expected here") }
            return try expand(scalar.string, node)
        }

        /// `${NAME}` replaced by the variable's value; a variable that is not set is an error.
        func expand(_ text: String, _ node: Node) throws -> String {
            var out = ""
            var rest = Substring(text)
            while let open = rest.range(of: "${") {
                out += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].firstIndex(of: "}") else { throw error(node, "an unclosed ${ in '\(text.prefix(40))'") }
                let name = String(rest[open.upperBound..<close])
                guard let value = environment[name], !value.isEmpty else { throw error(node, "${\(name.prefix(40))} is not set in the environment") }
                out += value
                rest = rest[rest.index(after: close)...]
            }
            return out + rest
        }

        func httpURL(_ node: Node) throws -> String {
            let text = try string(node)
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = url.host, !host.isEmpty, !text.contains(where: { $0.isWhitespace })
            else { throw error(node, "not an http(s) address: '\(Self.masked(text))'") }
            return text
        }

        /// `smtp://[user:password@]host:port`.
        func smtpURL(_ node: Node) throws -> String {
            let text = try string(node)
            guard let url = URL(string: text), url.scheme?.lowercased() == "smtp", let host = url.host, !host.isEmpty else {
                throw error(node, "an email target's url is smtp://HOST:PORT, got '\(Self.masked(text).prefix(40))'")
            }
            return text
        }

        /// One address (`a@b` or `Name <a@b>`), with nothing that could break a mail header.
        func mailAddress(_ node: Node) throws -> String {
            let text = try string(node)
            guard text.contains("@"), !text.contains(where: { $0.isNewline || $0 == "\0" }), text.count <= 200 else {
                throw error(node, "not an email address: '\(text.prefix(60))'")
            }
            return text
        }

        /// A git remote: an http(s), ssh, git or file URL, or `user@host:path`; never an option.
        func gitURL(_ node: Node) throws -> String {
            let text = try string(node)
            let schemes = ["https://", "http://", "ssh://", "git://", "file://"]
            let valid = !text.hasPrefix("-") && !text.contains(where: { $0.isWhitespace || $0.isNewline })
                && (schemes.contains { text.hasPrefix($0) } || text.range(of: #"^[\w.-]+@[\w.-]+:"#, options: .regularExpression) != nil)
            guard valid else { throw error(node, "not a git address: '\(Self.masked(text))'") }
            return text
        }

        /// An address shown in an error without its query (where webhook keys live).
        static func masked(_ text: String) -> String {
            String(text.prefix { $0 != "?" }.prefix(80))
        }
    }
}
