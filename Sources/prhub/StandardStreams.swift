import Foundation
import PRHubModel

/// Writes to standard output and error with POSIX `write`, so that a full disk, a closed pipe or a closed
/// descriptor is an error to report (or, for standard error, to ignore), never a crash.
enum StandardStreams {
    /// Standard output: a failure is one `error:` line (when standard error still works) and exit 1.
    static func out(_ text: String) throws {
        if let failure = write(STDOUT_FILENO, text) {
            throw PRHubError(.output, "cannot write to standard output: \(String(cString: strerror(failure)))")
        }
    }

    /// Standard error: best effort. There is nowhere left to say that it failed.
    static func err(_ text: String) {
        _ = write(STDERR_FILENO, text)
    }

    /// Writes every byte; the `errno` of the failure, if any (interrupted writes are retried).
    private static func write(_ descriptor: Int32, _ text: String) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }
}
