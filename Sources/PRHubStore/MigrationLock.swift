import Foundation
import PRHubModel

/// An exclusive lock between processes, held while a store file is opened and its schema brought up to
/// date. A sidecar file carries the lock: SQLite's own locks on the database file would be dropped if this
/// process opened and closed another descriptor on it.
enum MigrationLock {
    static func holding<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PRHubError(.store, "cannot open store lock '\(lockPath)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // Waits for another process that is creating the schema; the kernel releases the lock if it dies.
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw PRHubError(.store, "cannot lock '\(lockPath)': \(String(cString: strerror(errno)))") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
