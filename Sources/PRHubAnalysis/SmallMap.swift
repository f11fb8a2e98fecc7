/// A map over a few keys kept as a list, in the order the keys came: what a PR or a week scores per topic.
/// Looking through a handful of entries costs less than hashing them, and no dictionary is keyed by the
/// type — a dictionary's first use per key type costs a runtime conformance lookup longer than a PR's
/// whole topic scoring.
public struct SmallMap<Key: Equatable & Sendable, Value: Sendable>: Sendable, Sequence {
    public private(set) var entries: [(key: Key, value: Value)] = []

    public init() {}

    public subscript(key: Key) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public subscript(key: Key, default value: @autoclosure () -> Value) -> Value {
        get { self[key] ?? value() }
        set { self[key] = newValue }
    }

    public var keys: [Key] { entries.map(\.key) }
    public var isEmpty: Bool { entries.isEmpty }

    public func makeIterator() -> IndexingIterator<[(key: Key, value: Value)]> { entries.makeIterator() }
}
