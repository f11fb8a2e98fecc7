/// A fast, conservative test of whether a text could refer to some PR numbers or commits: in one pass
/// over the bytes it finds every number written after `#` or `/` (`#12`, `…/pull/12`) and every hex word
/// of 7+ characters. The references `LinkDetector` resolves all take one of these two forms.
enum ReferenceScan {
    static func mayMention(_ text: String, numbers: Set<Int>, shaPrefixes: Set<String>) -> Bool {
        guard let smallest = numbers.min(), let largest = numbers.max() else { return mayMention(text, shaPrefixes: shaPrefixes, numbers: nil) }
        return mayMention(text, shaPrefixes: shaPrefixes, numbers: (smallest...largest, numbers))
    }

    private static func mayMention(_ text: String, shaPrefixes: Set<String>, numbers: (range: ClosedRange<Int>, set: Set<Int>)?) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // A number after `#` or `/`: read it whole, then one range test before any hashing.
                if (byte == UInt8(ascii: "#") || byte == UInt8(ascii: "/")), let numbers {
                    var next = index + 1
                    var value = 0
                    while next < bytes.count, bytes[next] >= 0x30, bytes[next] <= 0x39, next - index <= 9 {
                        value = value * 10 + Int(bytes[next] - 0x30)
                        next += 1
                    }
                    let digits = next - index - 1
                    let ended = next == bytes.count || bytes[next] < 0x30 || bytes[next] > 0x39
                    if digits > 0, ended, numbers.range.contains(value), numbers.set.contains(value) { return true }
                    index += 1
                    continue
                }
                // A hex word: its first seven characters, lowercased, against the known shas.
                guard isHex(byte) else { index += 1; continue }
                var end = index + 1
                while end < bytes.count, isHex(bytes[end]) { end += 1 }
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
