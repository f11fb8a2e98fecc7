import Foundation
import PRHubStore

/// Who holds a job and for how long. The owner names this machine and process (`host:pid`), so a process
/// on the same machine can tell at once that a holder died; elsewhere a lapsed lease tells.
public struct JobLease: Sendable {
    public var owner: String
    public var seconds: TimeInterval

    public init(owner: String = JobLease.thisProcess, seconds: TimeInterval = JobLease.configuredSeconds) {
        self.owner = owner
        self.seconds = seconds
    }

    public static let thisProcess = "\(host):\(getpid())"

    /// The machine's name from the kernel (Foundation's `hostName` may ask DNS, which can take long).
    public static let host: String = {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "localhost" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// `PRHUB_JOB_LEASE` (seconds, 1 to 3600), else 30: a job whose holder stops renewing is taken over
    /// that long after its last renewal.
    public static var configuredSeconds: TimeInterval {
        guard let text = ProcessInfo.processInfo.environment["PRHUB_JOB_LEASE"], let value = Double(text), (1...3600).contains(value)
        else { return 30 }
        return value
    }

    /// Owners of running jobs that were processes of this machine and are gone.
    public func deadLocalOwners(_ owners: [String]) -> [String] {
        let host = Self.host + ":"
        return owners.filter { owner in
            guard owner.hasPrefix(host), let pid = Int32(owner.dropFirst(host.count)), pid > 0 else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
    }
}

/// Renews a claimed job's lease every third of the lease while the job runs, on a timer thread (a job
/// that blocks its task, such as a long ingest, keeps its lease). A claim lost meanwhile needs no word from
/// here: every write of the job checks its generation.
final class LeaseHeartbeat {
    private let timer: any DispatchSourceTimer

    init(store: Store, claim: JobClaim, lease: JobLease) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        let interval = max(0.2, lease.seconds / 3)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { _ = try? store.renewLease(claim, lease: lease.seconds) }
        timer.resume()
    }

    func stop() { timer.cancel() }
}

/// A fault played on purpose, for the tests of takeover: `PRHUB_FAULT_STOP_AFTER_CLAIM=KIND` makes the
/// process stop itself (SIGSTOP) right after it claims its first job of that kind, before writing anything.
enum FaultHooks {
    nonisolated(unsafe) private static var stopped = false
    private static let lock = NSLock()

    static func afterClaim(_ claim: JobClaim) {
        guard ProcessInfo.processInfo.environment["PRHUB_FAULT_STOP_AFTER_CLAIM"] == claim.job.key.kind.rawValue else { return }
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        // Said first, so the test knows which job is held.
        let at = String(format: "%.3f", Date().timeIntervalSince1970)
        FileHandle.standardError.write(Data("fault: stopping after claiming job \(claim.job.id) at \(at)\n".utf8))
        raise(SIGSTOP)
    }
}
