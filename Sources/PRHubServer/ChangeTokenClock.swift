import Foundation

/// The store's change token (two `stat` calls), read at most once per `interval` under load: a busy
/// server answering thousands of cached requests a second need not ask the file system for each one.
/// A change is seen within `interval` (a millisecond), far below anything a reader could notice.
final class ChangeTokenClock: @unchecked Sendable {  // Safe: `token` and `readAt` are only touched under `lock`.
    private let read: @Sendable () -> String?
    private let interval: UInt64
    private let lock = NSLock()
    private var token: String?
    private var readAt: UInt64 = 0

    init(interval nanoseconds: UInt64 = 1_000_000, read: @escaping @Sendable () -> String?) {
        self.read = read
        interval = nanoseconds
    }

    func current() -> String? {
        let now = DispatchTime.now().uptimeNanoseconds
        return lock.withLock {
            if readAt != 0, now &- readAt < interval { return token }
            token = read()
            readAt = now
            return token
        }
    }
}
