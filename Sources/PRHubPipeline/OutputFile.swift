import Foundation
import PRHubModel

/// Writes a finished report where the user asked, or explains in one line why it cannot. A regular file
/// (or a new one) is replaced atomically; a device such as `/dev/null` or `/dev/stdout` is written through;
/// a symbolic link, a FIFO, a socket or a folder is refused: none of them is ever replaced.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFCHR, S_IFBLK: return try writeThrough(text, to: path)
            case S_IFLNK: throw PRHubError(.output, "cannot write '\(path)': it is a symbolic link; give the file it points to")
            case S_IFDIR: throw PRHubError(.output, "cannot write '\(path)': it is a folder")
            default: throw PRHubError(.output, "cannot write '\(path)': it is not a regular file (a FIFO or a socket)")
            }
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PRHubError(.output, "cannot write '\(path)': \((error as NSError).localizedDescription)")
        }
    }

    /// A device takes the bytes as they are: opened for writing, never created, truncated or renamed over.
    static func writeThrough(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PRHubError(.output, "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        if let failure = writeAll(text, to: descriptor) {
            throw PRHubError(.output, "cannot write '\(path)': \(String(cString: strerror(failure)))")
        }
    }

    /// Writes every byte to an open descriptor; the `errno` of the failure, if any (interrupted writes are
    /// retried). Standard output and error go through here too.
    public static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
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
