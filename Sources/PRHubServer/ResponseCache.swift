import Foundation
import HTTPTypes
import Hummingbird

/// Rendered pages kept in memory, keyed by what they show and the store's fingerprint of their data:
/// a page is rendered once, then served from here until that week's data changes.
///
/// A lock, not an actor: the hit path runs on the event loop that received the request, and a hop to
/// another executor and back cost more than the whole lookup.
final class ResponseCache: @unchecked Sendable {  // Safe: every stored property is only touched under `lock`.
    struct Page: Sendable {
        /// Rendered bytes, shared (not copied) by every response that sends them.
        var body: ByteBuffer
        var etag: String
        var contentType: String
        /// What the event-loop fast path sends with it, built once (all but `Date` and `Content-Length`).
        var fastPathHeaders = HTTPFields()
    }

    private let lock = NSLock()
    private var pages: [String: (version: String, page: Page)] = [:]
    /// Period fingerprints, remembered while the store's change token stays the same.
    private var versions: [String: (token: String, version: String)] = [:]
    private var hitCount = 0
    private var missCount = 0
    /// Request targets (path and query, as sent) already answered with a cached page: what the
    /// event-loop fast path looks up without parsing anything.
    private var targets: [String: (pageKey: String, versionKey: String)] = [:]

    var hits: Int { lock.withLock { hitCount } }
    var misses: Int { lock.withLock { missCount } }

    /// The cached page for `pageKey` when the store has not changed since it was made: no query,
    /// no executor hop — the path every repeated request takes.
    func fresh(_ pageKey: String, versionKey: String, token: String?) -> Page? {
        lock.withLock {
            guard let token, let known = versions[versionKey], known.token == token,
                let cached = pages[pageKey], cached.version == known.version
            else { return nil }
            hitCount += 1
            return cached.page
        }
    }

    /// Remembers that `target` is answered by the page `pageKey` (bounded: hostile targets cannot grow it without end).
    func remember(target: String, pageKey: String, versionKey: String) {
        lock.withLock {
            if targets.count >= 10_000 { targets.removeAll(keepingCapacity: true) }
            targets[target] = (pageKey, versionKey)
        }
    }

    /// The fresh page for a request target seen before, if the store has not changed since.
    func fresh(target: String, token: String?) -> Page? {
        guard let known = lock.withLock({ targets[target] }) else { return nil }
        return fresh(known.pageKey, versionKey: known.versionKey, token: token)
    }

    /// The fingerprint for `key`, recomputed only when `token` (the store's change token) moved.
    func version(_ key: String, token: String?, compute: () throws -> String) rethrows -> String {
        if let token, let known = lock.withLock({ versions[key] }), known.token == token { return known.version }
        let version = try compute()
        if let token { lock.withLock { versions[key] = (token, version) } }
        return version
    }

    /// The page for `key` at `version`, rendering it when it is missing or stale. Two requests racing
    /// on a cold page may both render it; the result is the same.
    func page(_ key: String, version: String, render: () async throws -> (String, String)) async rethrows -> Page {
        if let cached = lock.withLock({ pages[key] }), cached.version == version {
            lock.withLock { hitCount += 1 }
            return cached.page
        }
        lock.withLock { missCount += 1 }
        let (text, contentType) = try await render()
        let bytes = Array(text.utf8)
        var page = Page(body: ByteBuffer(bytes: bytes), etag: Self.etag(bytes), contentType: contentType)
        page.fastPathHeaders = CachedPageHandler.headers(for: page)
        lock.withLock { pages[key] = (version, page) }
        return page
    }

    /// A strong validator from the bytes themselves (FNV-1a, 64 bits): stable across restarts.
    static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "\"\(String(hash, radix: 16))-\(bytes.count)\""
    }
}
