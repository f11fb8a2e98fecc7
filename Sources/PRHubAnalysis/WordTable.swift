/// Words looked up by their bytes. Topic scoring reads every word of every title, tag and path of a week;
/// splitting them into `Substring`s and hashing those through `String` was most of its cost.
struct WordTable<Value: Sendable>: Sendable {
    private var slots: [(word: [UInt8], value: Value)?]
    private let mask: Int

    /// Later values for the same word are merged into the first with `merge`.
    init(_ entries: [(word: [UInt8], value: Value)], merge: (inout Value, Value) -> Void = { _, _ in }) {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        slots = Array(repeating: nil, count: size)
        mask = size - 1
        for entry in entries {
            var index = entry.word.withUnsafeBufferPointer { Self.hash($0) } & mask
            while let slot = slots[index] {
                if slot.word == entry.word { break }
                index = (index + 1) & mask
            }
            if slots[index] != nil { merge(&slots[index]!.value, entry.value) } else { slots[index] = entry }
        }
    }

    var count: Int { slots.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    func value(_ word: UnsafeBufferPointer<UInt8>) -> Value? {
        var index = Self.hash(word) & mask
        while let slot = slots[index] {
            if slot.word.count == word.count && slot.word.withUnsafeBufferPointer({ $0.elementsEqual(word) }) { return slot.value }
            index = (index + 1) & mask
        }
        return nil
    }

    func value(_ word: Substring) -> Value? {
        var word = word
        return word.withUTF8 { value($0) }
    }

    /// FNV-1a: a few instructions a byte, good enough for a table kept at most half full.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Each space-separated word, as a slice of these bytes.
    func forEachWord(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var index = 0
        while index < count {
            while index < count && self[index] == 0x20 { index += 1 }
            let start = index
            while index < count && self[index] != 0x20 { index += 1 }
            if index > start { body(UnsafeBufferPointer(rebasing: self[start..<index])) }
        }
    }
}
