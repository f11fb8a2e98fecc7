import Dispatch

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores; the order of results is the order of the elements.
    /// For pure transforms only: each element is processed on some thread, exactly once. Public for the
    /// pipeline, which classifies a week's paths with it before the analysis.
    public func concurrentMap<Result>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        // Results are written in place: collecting optionals and unwrapping them copied every result once more.
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Safe: every iteration initializes a distinct index, and the call returns only when all are done.
            nonisolated(unsafe) let output = buffer
            let chunks = Swift.min(count, 64)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk
                while index < count {
                    (output.baseAddress! + index).initialize(to: transform(self[index]))
                    index += chunks
                }
            }
            initialized = count
        }
    }
}

/// Two independent pure computations run at once; returns when both are done.
public func inParallel<First, Second>(_ first: @Sendable () -> First, _ second: @Sendable () -> Second) -> (First, Second) {
    // Safe: each is written by exactly one iteration, and read only after both have finished.
    nonisolated(unsafe) var firstResult: First?
    nonisolated(unsafe) var secondResult: Second?
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { firstResult = first() } else { secondResult = second() }
    }
    return (firstResult!, secondResult!)
}
