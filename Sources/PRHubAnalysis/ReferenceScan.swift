import Foundation

/// A fast, conservative test of whether a text could refer to some PR numbers or commits. It looks where
/// `LinkDetector` resolves references and nowhere else: a number after `#` or `/` (`#12`, `…/pull/12`),
/// and a commit after `commit/` (an address), `commit ` or `revert ` ("This reverts commit abc1234",
/// "git revert abc1234"). A bare hex word is never resolved, so it is not looked at, and `memchr` jumps
/// from one candidate byte to the next.
struct ReferenceScan {
    let numbers: Set<Int>
    /// The numbers' span: most numbers in a text fall outside it and are ruled out before any hashing.
    let range: ClosedRange<Int>
    let shaPrefixes: Set<String>

    /// - Parameter shaPrefixes: the first seven characters of the commits, lowercased.
    init(numbers: Set<Int>, shaPrefixes: Set<String>) {
        self.numbers = numbers
        self.shaPrefixes = shaPrefixes
        // With no numbers the range is 0...0, and the empty set still rules everything out.
        range = (numbers.min() ?? 0)...(numbers.max() ?? 0)
    }

    func mayMention(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            // A byte-by-byte loop over every description of twelve weeks cost more than the rest of the linking.
            for mark in [UInt8(ascii: "#"), UInt8(ascii: "/")] {
                var from = 0
                while from < bytes.count, let hit = memchr(base + from, Int32(mark), bytes.count - from) {
                    let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if mentionsNumber(bytes, after: index) { return true }
                    from = index + 1
                }
            }
            // "commit/", "commit " and "revert ", in any case: found through their third letter (`m`, `v`,
            // rarer than most), then compared whole.
            for (word, anchor) in Self.commitWords {
                var from = 0
                while from < bytes.count, let hit = memchr(base + from, Int32(anchor), bytes.count - from) {
                    let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    from = index + 1
                    let start = index - 2, after = start + word.count
                    guard start >= 0, after < bytes.count,
                        (0..<word.count).allSatisfy({ bytes[start + $0] | 0x20 == word[$0] })
                    else { continue }
                    let separator = bytes[after]
                    let opens = separator == UInt8(ascii: " ") || separator == UInt8(ascii: "\n") || separator == UInt8(ascii: "\t")
                        || word[0] == UInt8(ascii: "c") && separator == UInt8(ascii: "/")
                    if opens, mentionsCommit(bytes, from: after + 1) { return true }
                }
            }
            return false
        }
    }

    /// The digits right after `index`, read whole (`#123` does not mention 12), are one of the numbers.
    private func mentionsNumber(_ bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
        var next = index + 1
        var value = 0
        while next < bytes.count, bytes[next].isASCIIDigit, next - index <= 9 {
            value = value * 10 + Int(bytes[next] - 0x30)
            next += 1
        }
        let ended = next == bytes.count || !bytes[next].isASCIIDigit
        return next > index + 1 && ended && range.contains(value) && numbers.contains(value)
    }

    /// A hex word of seven characters or more starting at `start` (after any further blanks) whose first
    /// seven characters, lowercased, are a known commit's.
    private func mentionsCommit(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\n") { index += 1 }
        var end = index
        while end < bytes.count, bytes[end].isASCIIHexDigit { end += 1 }
        guard end - index >= 7 else { return false }
        return shaPrefixes.contains(String(decoding: bytes[index..<index + 7].map { $0 | 0x20 }, as: UTF8.self))
    }

    /// The words a commit follows, lowercased, with their third letter in both cases as memchr anchors.
    static let commitWords: [([UInt8], UInt8)] = [
        (Array("commit".utf8), UInt8(ascii: "m")), (Array("commit".utf8), UInt8(ascii: "M")),
        (Array("revert".utf8), UInt8(ascii: "v")), (Array("revert".utf8), UInt8(ascii: "V")),
    ]
}
