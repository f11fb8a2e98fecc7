import Foundation

/// A listening TCP socket on 127.0.0.1 at a free port, whose connections are each served on their own
/// thread: the thread-served fakes (SMTP, webhooks) share it.
public struct LoopbackListener {
    let socket: Int32
    let port: Int

    init(serve: @escaping @Sendable (Int32) -> Void) {
        let (fd, port) = Self.bound()
        listen(fd, 64)
        socket = fd
        self.port = port
        Thread {
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                Thread { serve(client) }.start()
            }
        }.start()
    }

    /// A TCP socket bound to 127.0.0.1 at a port the kernel chose.
    static func bound() -> (socket: Int32, port: Int) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port nobody listens on (bound once, then released), for a server the test starts itself.
    public static func freePort() -> Int {
        let (fd, port) = bound()
        close(fd)
        return port
    }

    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }
}
