import Dispatch

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores; the order of results is the order of the elements.
    /// For pure transforms only: each element is processed on some thread, exactly once.
    func concurrentMap<Result>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Safe: every iteration writes a distinct index, and the call returns only when all are done.
            nonisolated(unsafe) let output = buffer
            let chunks = Swift.min(count, 64)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk
                while index < count {
                    output[index] = transform(self[index])
                    index += chunks
                }
            }
        }
        return results.map { $0! }
    }
}
