import Foundation

/// Sends one message over SMTP (`smtp://[USER:PASSWORD@]HOST:PORT`, plain: a relay on the same host or
/// network; TLS is not spoken): EHLO, AUTH PLAIN when a user is given, MAIL FROM, RCPT TO, DATA, QUIT.
/// Every read waits at most `timeout` seconds. A 4xx reply is temporary (retried), a 5xx permanent.
struct SMTPClient {
    enum Failure: Error {
        case temporary(String)
        case permanent(String)
    }

    let url: URL
    let timeout: Double

    func send(from: String, to: [String], data: String) throws {
        guard let host = url.host, let port = url.port ?? Optional(25) else { throw Failure.permanent("the smtp address has no host") }
        let connection = try Connection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        try connection.expect(220)
        try connection.command("EHLO prhub", expect: 250)
        if let user = url.user {
            let password = url.password ?? ""
            let token = Data("\0\(user.removingPercentEncoding ?? user)\0\(password.removingPercentEncoding ?? password)".utf8).base64EncodedString()
            try connection.command("AUTH PLAIN \(token)", expect: 235)
        }
        try connection.command("MAIL FROM:<\(Self.address(from))>", expect: 250)
        for recipient in to { try connection.command("RCPT TO:<\(Self.address(recipient))>", expect: 250) }
        try connection.command("DATA", expect: 354)
        // Dot-stuffing: a line that starts with a dot gets another (the parts are base64, but headers are not).
        let stuffed = data.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        try connection.command(stuffed.joined(separator: "\r\n") + "\r\n.", expect: 250)
        try? connection.command("QUIT", expect: 221)
    }

    /// The bare address of `Name <a@b>`, with anything that could end the command removed.
    static func address(_ text: String) -> String {
        let inner = text.firstIndex(of: "<").flatMap { open in text[open...].firstIndex(of: ">").map { text[text.index(after: open)..<$0] } } ?? Substring(text)
        return String(inner.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" })
    }

    /// A blocking TCP connection with read and write timeouts.
    final class Connection {
        let socket: Int32
        var buffer = Data()

        init(host: String, port: Int, timeout: Double) throws {
            var hints = addrinfo(ai_flags: 0, ai_family: AF_UNSPEC, ai_socktype: Int32(SOCK_STREAM.rawValue), ai_protocol: 0, ai_addrlen: 0, ai_addr: nil, ai_canonname: nil, ai_next: nil)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else { throw Failure.temporary("cannot resolve \(host)") }
            defer { freeaddrinfo(result) }
            socket = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard socket >= 0 else { throw Failure.temporary("cannot open a socket") }
            var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            guard connect(socket, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                Glibc.close(socket)
                throw Failure.temporary("cannot connect to \(host):\(port)")
            }
        }

        func close() { Glibc.close(socket) }

        func command(_ line: String, expect code: Int) throws {
            let bytes = Array((line + "\r\n").utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw Failure.temporary("the mail server stopped reading") }
                sent += n
            }
            try expect(code)
        }

        /// Reads a whole (possibly multi-line) reply and checks its code.
        func expect(_ code: Int) throws {
            while true {
                guard let line = try readLine() else { throw Failure.temporary("the mail server closed the connection") }
                guard line.count >= 3, let got = Int(line.prefix(3)) else { throw Failure.permanent("not an SMTP reply") }
                if line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
                if got == code || (code == 250 && got == 251) { return }
                let text = "the mail server answered \(line.prefix(200))"
                throw got >= 500 ? Failure.permanent(text) : Failure.temporary(text)
            }
        }

        func readLine() throws -> String? {
            while true {
                if let end = buffer.firstRange(of: Data("\r\n".utf8)) {
                    let line = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex..<end.upperBound)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = recv(socket, &chunk, chunk.count, 0)
                if n == 0 { return nil }
                guard n > 0 else { throw Failure.temporary("no answer from the mail server in time") }
                buffer.append(contentsOf: chunk[0..<n])
                guard buffer.count < 1 << 20 else { throw Failure.permanent("the mail server's reply is too long") }
            }
        }
    }
}
