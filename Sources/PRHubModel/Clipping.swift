extension String {
    /// At most `limit` characters, the last of them `…` when the text was longer. A text of no more bytes
    /// than the limit has no more characters either: most texts are never counted.
    public func clipped(to limit: Int) -> String {
        utf8.count > limit && count > limit ? String(prefix(limit - 1)) + "…" : self
    }
}
