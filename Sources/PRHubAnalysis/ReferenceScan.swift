/// A fast, conservative test of whether a text could refer to some PR numbers or commits: it finds every
/// run of digits and every hex word of 7+ characters in one pass over the bytes.
enum ReferenceScan {
    static func mayMention(_ text: String, numbers: Set<Int>, shaPrefixes: Set<String>) -> Bool {
        var digits = 0
        var value = 0
        var hex: [UInt8] = []
        func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46) }
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                if digits < 10 { value = value * 10 + Int(byte - 0x30) }
                digits += 1
            } else {
                if digits > 0 && digits < 10 && numbers.contains(value) { return true }
                digits = 0
                value = 0
            }
            if isHex(byte) {
                hex.append(byte | 0x20)
            } else {
                if hex.count >= 7, shaPrefixes.contains(String(decoding: hex.prefix(7), as: UTF8.self)) { return true }
                hex.removeAll(keepingCapacity: true)
            }
        }
        if digits > 0 && digits < 10 && numbers.contains(value) { return true }
        return hex.count >= 7 && shaPrefixes.contains(String(decoding: hex.prefix(7), as: UTF8.self))
    }
}
