import Foundation
import PRHubModel

/// Where a PostgreSQL store lives: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]`.
/// The password comes from the URL or `PGPASSWORD` and never appears in a message: `description` masks it.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// The schema the store's tables live in: several stores can share one database.
    public var schema: String
    /// Whether the connection is encrypted, as libpq's `sslmode` says it.
    public var tls: TLSMode

    /// libpq's `sslmode` values PRHub speaks: `disable`; `prefer` (the default: TLS when the server offers
    /// it, unverified); `require` (TLS, unverified); `verify-full` (TLS, certificate and host name verified
    /// against the system's trust store).
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    /// Whether a `--db` argument names a PostgreSQL server rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let masked = Self.masking(text)
        guard Self.isURL(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw PRHubError(.invalidArgument, "'\(masked)' is not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE)")
        }
        guard let user = url.user, !user.isEmpty else {
            throw PRHubError(.invalidArgument, "'\(masked)' names no user (postgres://USER@HOST:PORT/DATABASE)")
        }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw PRHubError(.invalidArgument, "'\(masked)' names no database (postgres://USER@HOST:PORT/DATABASE)")
        }
        var schema = "public"
        var tls = TLSMode.prefer
        for item in url.queryItems ?? [] {
            switch item.name {
            case "schema":
                guard let value = item.value, Self.isPlainIdentifier(value) else {
                    throw PRHubError(.invalidArgument, "'\(masked)': schema must be letters, digits and _ (at most 50), starting with a letter")
                }
                schema = value
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw PRHubError(.invalidArgument, "'\(masked)': sslmode must be one of disable, prefer, require, verify-full")
                }
                tls = mode
            default:
                throw PRHubError(.invalidArgument, "'\(masked)': unknown option '\(TerminalText.oneLine(item.name))' (PRHub knows schema= and sslmode=)")
            }
        }
        self.host = host
        self.port = url.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.password = url.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"]
        self.database = database.removingPercentEncoding ?? database
        self.schema = schema
        self.tls = tls
    }

    public var description: String {
        let options = (schema == "public" ? [] : ["schema=\(schema)"]) + (tls == .prefer ? [] : ["sslmode=\(tls.rawValue)"])
        return "postgres://\(user)@\(host):\(port)/\(database)" + (options.isEmpty ? "" : "?" + options.joined(separator: "&"))
    }

    /// A `--db` argument as messages may show it: a URL's password is masked, a path is shown as it is.
    public static func shown(_ db: String) -> String { isURL(db) ? masking(db) : db }

    /// The same URL with any password replaced, for messages about a URL that could not be read.
    static func masking(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else {
            return TerminalText.oneLine(text)
        }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return TerminalText.oneLine(text) }
        return TerminalText.oneLine(String(text[..<colon]) + ":***" + String(text[at...]))
    }

    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 50,
              ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
