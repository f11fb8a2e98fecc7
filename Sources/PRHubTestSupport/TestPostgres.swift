import Foundation

/// The PostgreSQL server the store tests use: `PRHUB_TEST_POSTGRES` or the one `scripts/start-postgres.sh`
/// starts. Tests that need it are skipped, saying so, when nothing answers there.
public enum TestPostgres {
    public static let url = ProcessInfo.processInfo.environment["PRHUB_TEST_POSTGRES"] ?? "postgres://prhub@127.0.0.1:54329/prhub"

    public static let skipReason =
        "no PostgreSQL server answers at \(url): run scripts/start-postgres.sh or set PRHUB_TEST_POSTGRES"

    /// Whether something accepts TCP connections at the URL's host and port (checked once per run).
    public static let isReachable: Bool = {
        guard let components = URLComponents(string: url), let host = components.host else { return false }
        return accepts(host: host, port: components.port ?? 5432)
    }()

    static func accepts(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return false }
        defer { freeaddrinfo(found) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0
    }

    /// A store URL of its own for one test: a fresh schema (`prhub_test_…`) in the shared database.
    public static func freshStoreURL(_ label: String = "t") -> String {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        return url + "?schema=prhub_test_\(label)_\(suffix)"
    }

    /// Runs SQL through `psql` as the test user (for setting up what PRHub itself would never write);
    /// returns what it printed, unaligned and without headers.
    @discardableResult
    public static func psql(_ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestPostgresError(sql: sql) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

public struct TestPostgresError: Error {
    public var sql: String
}
