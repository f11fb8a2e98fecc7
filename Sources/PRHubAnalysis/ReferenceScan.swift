/// A fast, conservative test of whether a text could refer to some PR numbers or commits: it finds every
/// run of digits and every hex word of 7+ characters in one pass over the bytes.
enum ReferenceScan {
    static func mayMention(_ text: String, numbers: Set<Int>, shaPrefixes: Set<String>) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var digits = 0
            var value = 0
            var hexStart = 0
            var hexLength = 0
            // A finished hex run of 7+ characters: its first seven, lowercased, against the known shas.
            func knownSHA() -> Bool {
                guard hexLength >= 7 else { return false }
                let prefix = bytes[hexStart..<hexStart + 7].map { $0 | 0x20 }
                return shaPrefixes.contains(String(decoding: prefix, as: UTF8.self))
            }
            for (index, byte) in bytes.enumerated() {
                if byte >= 0x30 && byte <= 0x39 {
                    if digits < 10 { value = value * 10 + Int(byte - 0x30) }
                    digits += 1
                } else {
                    if digits > 0 && digits < 10 && numbers.contains(value) { return true }
                    digits = 0
                    value = 0
                }
                let lower = byte | 0x20
                if (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x66) {
                    if hexLength == 0 { hexStart = index }
                    hexLength += 1
                } else {
                    if knownSHA() { return true }
                    hexLength = 0
                }
            }
            return (digits > 0 && digits < 10 && numbers.contains(value)) || knownSHA()
        }
    }
}
