import Foundation
import PRHubModel

/// Runs `git` with arguments (never through a shell, so untrusted paths stay plain arguments).
struct GitProcess {
    let directory: String

    /// Runs git to completion and returns its standard output; throws `gitFailed` with git's own message.
    func output(_ arguments: [String]) throws -> Data {
        var data = Data()
        try stream(arguments) { data.append($0) }
        return data
    }

    func text(_ arguments: [String]) throws -> String {
        String(decoding: try output(arguments), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git and hands its standard output to `consume` chunk by chunk as it arrives.
    func stream(_ arguments: [String], chunkSize: Int = 1 << 16, consume: (Data) throws -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        // stderr goes to a file so a chatty git can never block on a full pipe while we read stdout.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-git-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardError = errorHandle
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
                process.terminate()
                break
            }
        }
        process.waitUntilExit()
        try? errorHandle.close()
        if let consumeError { throw consumeError }
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            let firstLine = message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw PRHubError(.gitFailed, "git \(arguments.first ?? ""): \(firstLine)")
        }
    }
}
