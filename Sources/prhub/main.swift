import ArgumentParser
import Foundation
import PRHubModel

// A reader that goes away (`prhub report | head`) is an error to report, not a signal that kills us.
signal(SIGPIPE, SIG_IGN)

// Errors are translated here, at the edge: one `error:` line on stderr and a non-zero exit.
do {
    var command = try await PRHub.asyncParseAsRoot()
    // Our own protocol: calling `run()` on `any AsyncParsableCommand` resolves to the synchronous default.
    if let asyncCommand = command as? any AsyncCommand {
        try await asyncCommand.runAsync()
    } else {
        try command.run()
    }
} catch let error as PRHubError {
    StandardStreams.err("error: \(error.message)\n")
    exit(1)
} catch {
    let code = PRHub.exitCode(for: error)
    if code == .success {
        PRHub.exit(withError: error)
    }
    let message = PRHub.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    let trimmed = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
    StandardStreams.err("error: \(trimmed) (see 'prhub --help')\n")
    exit(code.rawValue == 0 ? 1 : code.rawValue)
}
