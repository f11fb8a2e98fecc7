import Foundation
import PRHubModel

/// Runs `git` with arguments (never through a shell, so untrusted paths stay plain arguments).
struct GitProcess {
    let directory: String
    /// Only the hub's own mirror fetches reach the network; every read of a clone stays local.
    var allowsNetwork = false

    /// Runs git to completion and returns its standard output; throws `gitFailed` with git's own message.
    func output(_ arguments: [String]) throws -> Data {
        var data = Data()
        try stream(arguments) { data.append($0) }
        return data
    }

    func text(_ arguments: [String]) throws -> String {
        String(decoding: try output(arguments), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git and hands its standard output to `consume` chunk by chunk as it arrives. When `consume`
    /// throws, git is killed (it may ignore SIGTERM: it inherits the dispositions of a server that handles
    /// that signal itself) and the error is rethrown once git is gone.
    func stream(_ arguments: [String], chunkSize: Int = 1 << 16, consume: (Data) throws -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        // Objects missing from a partial clone are never fetched behind the user's back (git 2.39 honours
        // the first; the second refuses every transport a lazy fetch could use).
        if !allowsNetwork {
            environment["GIT_NO_LAZY_FETCH"] = "1"
            environment["GIT_ALLOW_PROTOCOL"] = "prhub-never-fetches"
        }
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        // stderr goes to a file so a chatty git can never block on a full pipe while we read stdout. The
        // file is unlinked at once: it lives as long as the open handle, so no exit can leave it behind.
        let errors = try Self.anonymousFile()
        defer { try? errors.close() }
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PRHubError(.gitFailed, "cannot run git: \(error.localizedDescription)")
        }
        let reader = stdout.fileHandleForReading
        var consumeError: (any Error)?
        while true {
            let chunk = reader.readData(ofLength: chunkSize)
            if chunk.isEmpty { break }
            do { try consume(chunk) } catch {
                consumeError = error
                kill(process.processIdentifier, SIGKILL)
                break
            }
        }
        try? reader.close()
        process.waitUntilExit()
        if let consumeError { throw consumeError }
        guard process.terminationStatus == 0 else {
            errors.seek(toFileOffset: 0)
            let message = String(decoding: errors.readDataToEndOfFile(), as: UTF8.self)
            // The line that says what went wrong: git's `fatal:` or `error:`, else its first line.
            let lines = message.split(whereSeparator: \.isNewline).map(String.init)
            let reason = lines.first { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") } ?? lines.first
            throw PRHubError(.gitFailed, "git \(arguments.first ?? ""): \(reason ?? "exit status \(process.terminationStatus)")")
        }
    }

    /// A read-write file with no name, in the temporary folder.
    private static func anonymousFile() throws -> FileHandle {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-git-\(UUID().uuidString).err").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PRHubError(.gitFailed, "cannot create a temporary file in \(FileManager.default.temporaryDirectory.path): \(String(cString: strerror(errno)))")
        }
        unlink(path)
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
