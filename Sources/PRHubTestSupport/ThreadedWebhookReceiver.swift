import Foundation

/// A webhook receiver on 127.0.0.1 served by plain threads, not Swift concurrency: tests that wait on a
/// `prhub` child process can block a thread while the child delivers to it, and a suite busy on every
/// cooperative thread cannot starve it. Each POST is kept and answered as its service would (`/wecom`
/// and `/dingtalk` `{"errcode":0}`, `/feishu` `{"code":0}`, `/discord` 204, `/teams` 202, else 200).
public final class ThreadedWebhookReceiver: @unchecked Sendable {  // Safe: mutable state is behind `lock`.
    public struct Request: Sendable {
        public var path: String
        public var body: Data
        /// When the whole request had arrived.
        public var at = Date()
        public var text: String { String(decoding: body, as: UTF8.self) }
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    public var port: Int { listener.port }
    private var listener: LoopbackListener!
    private let lock = NSLock()
    private var requests: [Request] = []
    private var delay: Double = 0

    public init() throws {
        listener = LoopbackListener { [unowned self] in self.serve($0) }
    }

    public var received: [Request] { lock.withLock { requests } }
    /// Seconds each reply waits (to catch a pass mid-way).
    public func setDelay(_ seconds: Double) { lock.withLock { delay = seconds } }
    public func stop() { listener.stop() }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer = Data()
        func fill() -> Bool {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
        while true {
            while buffer.firstRange(of: Data("\r\n\r\n".utf8)) == nil { guard fill() else { return } }
            let end = buffer.firstRange(of: Data("\r\n\r\n".utf8))!
            let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex..<end.upperBound)
            let lines = head.split(separator: "\r\n")
            let path = lines.first?.split(separator: " ").dropFirst().first.map { String($0.prefix { $0 != "?" }) } ?? "/"
            let length = lines.compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                return parts.count == 2 && parts[0].lowercased() == "content-length" ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
            }.first ?? 0
            while buffer.count < length { guard fill() else { return } }
            let body = Data(buffer.prefix(length))
            buffer.removeFirst(length)
            let wait = lock.withLock { delay }
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            lock.withLock { requests.append(Request(path: path, body: body)) }
            let (status, reply): (String, String) = switch path {
            case "/wecom", "/dingtalk": ("200 OK", #"{"errcode":0,"errmsg":"ok"}"#)
            case "/feishu", "/lark": ("200 OK", #"{"code":0,"msg":"success"}"#)
            case "/discord": ("204 No Content", "")
            case "/teams": ("202 Accepted", "")
            case "/slack": ("200 OK", "ok")
            default: ("200 OK", "{}")
            }
            let response = "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(reply.utf8.count)\r\n\r\n\(reply)"
            _ = Array(response.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }
}
