/// A fast, conservative test of whether a text could refer to some PR numbers or commits: in one pass
/// over the bytes it finds every number written after `#` or `/` (`#12`, `…/pull/12`) and every hex word
/// of 7+ characters. The references `LinkDetector` resolves all take one of these two forms.
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
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // A number after `#` or `/`: read it whole, then one range test before any hashing.
                if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "/") {
                    var next = index + 1
                    var value = 0
                    while next < bytes.count, bytes[next] >= 0x30, bytes[next] <= 0x39, next - index <= 9 {
                        value = value * 10 + Int(bytes[next] - 0x30)
                        next += 1
                    }
                    let ended = next == bytes.count || bytes[next] < 0x30 || bytes[next] > 0x39
                    if next > index + 1, ended, range.contains(value), numbers.contains(value) { return true }
                    index += 1
                    continue
                }
                // A hex word: its first seven characters, lowercased, against the known shas.
                guard Self.isHex(byte) else { index += 1; continue }
                var end = index + 1
                while end < bytes.count, Self.isHex(bytes[end]) { end += 1 }
                if end - index >= 7 {
                    let prefix = String(decoding: bytes[index..<index + 7].lazy.map { $0 | 0x20 }, as: UTF8.self)
                    if shaPrefixes.contains(prefix) { return true }
                }
                index = end
            }
            return false
        }
    }

    @inline(__always) private static func isHex(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x66)
    }
}
