import Foundation

/// A real SMTP server on 127.0.0.1 (RFC 5321's dialogue: greeting, EHLO, AUTH PLAIN, MAIL, RCPT, DATA with
/// dot-stuffing, QUIT) that keeps what it receives, for the email target's tests. Scripted replies play
/// a server that defers (4xx) or refuses (5xx).
public final class FakeSMTPServer: @unchecked Sendable {  // Safe: mutable state is behind `lock`.
    public struct Mail: Sendable {
        public var from: String
        public var to: [String]
        public var data: String
        public var auth: String?
    }

    public var port: Int { listener.port }
    private var listener: LoopbackListener!
    private let lock = NSLock()
    private var mails: [Mail] = []
    /// Replies to MAIL FROM, one per connection, before the normal 250.
    private var mailReplies: [String] = []

    public init() throws {
        listener = LoopbackListener { [unowned self] in self.serve($0) }
    }

    public var received: [Mail] { lock.withLock { mails } }
    public func script(mailReplies replies: [String]) { lock.withLock { mailReplies += replies } }
    public func stop() { listener.stop() }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer = Data()
        func say(_ line: String) { _ = (line + "\r\n").utf8CString.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) } }
        func readLine() -> String? {
            while true {
                if let end = buffer.firstRange(of: Data("\r\n".utf8)) {
                    let line = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex..<end.upperBound)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = recv(fd, &chunk, chunk.count, 0)
                guard n > 0 else { return nil }
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
        say("220 fake.local ESMTP")
        var mail = Mail(from: "", to: [], data: "", auth: nil)
        while let line = readLine() {
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                say("250-fake.local")
                say("250 AUTH PLAIN")
            } else if upper.hasPrefix("AUTH PLAIN ") {
                mail.auth = String(line.dropFirst(11))
                say("235 ok")
            } else if upper.hasPrefix("MAIL FROM:") {
                let scripted = lock.withLock { mailReplies.isEmpty ? nil : mailReplies.removeFirst() }
                if let scripted {
                    say(scripted)
                    continue
                }
                mail.from = String(line.dropFirst(10))
                say("250 ok")
            } else if upper.hasPrefix("RCPT TO:") {
                mail.to.append(String(line.dropFirst(8)))
                say("250 ok")
            } else if upper == "DATA" {
                say("354 go ahead")
                var lines: [String] = []
                while let data = readLine(), data != "." { lines.append(data.hasPrefix("..") ? String(data.dropFirst()) : data) }
                mail.data = lines.joined(separator: "\r\n")
                let done = mail
                lock.withLock { mails.append(done) }
                say("250 queued")
            } else if upper == "QUIT" {
                say("221 bye")
                return
            } else {
                say("502 not implemented")
            }
        }
    }
}
