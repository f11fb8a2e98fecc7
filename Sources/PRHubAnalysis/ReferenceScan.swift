/// A fast, conservative test of whether a text could refer to some PR numbers or commits, in one pass
/// over the bytes. It looks where `LinkDetector` resolves references and nowhere else: a number after
/// `#` or `/` (`#12`, `…/pull/12`), and a commit after `commit/` (an address), `commit ` or `revert `
/// ("This reverts commit abc1234", "git revert abc1234"). A bare hex word is never resolved, so it is
/// not looked at: that keeps the scan to a byte comparison for almost every byte.
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
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "/") {
                    if mentionsNumber(bytes, after: index) { return true }
                    if byte == UInt8(ascii: "/"), Self.follows(bytes, index, "commit"), mentionsCommit(bytes, from: index + 1) {
                        return true
                    }
                } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") {
                    if (Self.follows(bytes, index, "commit") || Self.follows(bytes, index, "revert")), mentionsCommit(bytes, from: index + 1) {
                        return true
                    }
                }
            }
            return false
        }
    }

    /// The digits right after `index`, read whole (`#123` does not mention 12), are one of the numbers.
    private func mentionsNumber(_ bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
        var next = index + 1
        var value = 0
        while next < bytes.count, Self.isDigit(bytes[next]), next - index <= 9 {
            value = value * 10 + Int(bytes[next] - 0x30)
            next += 1
        }
        let ended = next == bytes.count || !Self.isDigit(bytes[next])
        return next > index + 1 && ended && range.contains(value) && numbers.contains(value)
    }

    /// A hex word of seven characters or more starting at `start` (after any further blanks) whose first
    /// seven characters, lowercased, are a known commit's.
    private func mentionsCommit(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\n") { index += 1 }
        var end = index
        while end < bytes.count, Self.isHex(bytes[end]) { end += 1 }
        guard end - index >= 7 else { return false }
        return shaPrefixes.contains(String(decoding: bytes[index..<index + 7].map { $0 | 0x20 }, as: UTF8.self))
    }

    /// The bytes just before `index` spell `word`, in any case.
    @inline(__always) private static func follows(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index >= count else { return false }
        let letters = word.utf8Start
        for offset in 0..<count where bytes[index - count + offset] | 0x20 != letters[offset] { return false }
        return true
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always) private static func isHex(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return isDigit(byte) || (lower >= 0x61 && lower <= 0x66)
    }
}
