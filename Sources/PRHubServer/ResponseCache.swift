import Foundation

/// Rendered pages kept in memory, keyed by what they show and the store's fingerprint of their data:
/// a page is rendered once, then served from here until that week's data changes.
actor ResponseCache {
    struct Page: Sendable {
        var body: ByteBufferBytes
        var etag: String
        var contentType: String
    }

    /// Rendered bytes, shared by every response that sends them.
    struct ByteBufferBytes: Sendable {
        var data: [UInt8]
    }

    private var pages: [String: (version: String, page: Page)] = [:]
    private(set) var hits = 0
    private(set) var misses = 0

    func page(_ key: String, version: String, render: () async throws -> (String, String)) async rethrows -> Page {
        if let cached = pages[key], cached.version == version {
            hits += 1
            return cached.page
        }
        misses += 1
        let (text, contentType) = try await render()
        let bytes = Array(text.utf8)
        let page = Page(body: ByteBufferBytes(data: bytes), etag: Self.etag(bytes), contentType: contentType)
        pages[key] = (version, page)
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
