import Foundation
import PRHubModel
import PRHubPipeline

/// Writes to standard output and error with POSIX `write`, so that a full disk, a closed pipe or a closed
/// descriptor is an error to report (or, for standard error, to ignore), never a crash.
enum StandardStreams {
    /// Standard output: a failure is one `error:` line (when standard error still works) and exit 1.
    static func out(_ text: String) throws {
        if let failure = OutputFile.writeAll(text, to: STDOUT_FILENO) {
            throw PRHubError(.output, "cannot write to standard output: \(String(cString: strerror(failure)))")
        }
    }

    /// Standard error: best effort. There is nowhere left to say that it failed.
    static func err(_ text: String) {
        _ = OutputFile.writeAll(text, to: STDERR_FILENO)
    }
}
