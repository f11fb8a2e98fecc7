import Foundation

extension StringProtocol {
    /// Byte-wise substring test (`memchr` to each candidate, then `memcmp`), for hot loops where
    /// Foundation's locale-aware search is slow. Reads a native string's (or slice's) bytes in place.
    func containsBytes(_ needle: String) -> Bool {
        byteOffset(of: needle) != nil
    }

    /// The byte offset of the first occurrence of `needle` at or after byte `start`, if any.
    func byteOffset(of needle: String, from start: Int = 0) -> Int? {
        var needle = needle
        needle.makeContiguousUTF8()  // A no-op for native strings; bridged ones are copied once.
        let found = utf8.withContiguousStorageIfAvailable { h in
            needle.utf8.withContiguousStorageIfAvailable { n in Self.find(n, in: h, from: start) }
        }
        if let found, let result = found { return result }
        var copy = String(self)
        copy.makeContiguousUTF8()
        return copy.byteOffset(of: needle, from: start)
    }

    private static func find(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, from first: Int) -> Int? {
        PRHubAnalysis.byteOffset(of: n, in: h, from: first)  // The module's function, not this type's method.
    }
}

/// Where `n` first occurs in `h` at or after byte `first`. `memchr` looks for the needle's least common byte
/// (by English and code text, `commonBytes`), so it stops at few false candidates: "because" is looked for
/// at its `b`, not at every `e`.
func byteOffset(of n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, from first: Int = 0) -> Int? {
    guard let nBase = n.baseAddress, !n.isEmpty else { return first <= h.count ? first : nil }
    guard let hBase = h.baseAddress, n.count <= h.count else { return nil }
    var anchor = 0
    for index in 1..<n.count where byteCommonness[Int(n[index])] < byteCommonness[Int(n[anchor])] { anchor = index }
    var start = Swift.max(0, first)
    let last = h.count - n.count
    while start <= last {
        guard let hit = memchr(hBase + start + anchor, Int32(n[anchor]), last - start + 1) else { return nil }
        let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(hBase) - anchor
        if memcmp(hBase + offset, nBase, n.count) == 0 { return offset }
        start = offset + 1
    }
    return nil
}

/// Bytes from the most to the least common in descriptions and paths; bytes not listed are rarer still.
private let commonBytes = Array(" \n\tetaoinsrhldcu=mfpgwy_b.,/-:\"0>1(2)v3k54#9687x*'jq`z[]|;<{}".utf8)
/// How common each byte is: 255 for the most common, lower for rarer ones.
private let byteCommonness: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 256)
    for (rank, byte) in commonBytes.enumerated() { table[Int(byte)] = UInt8(255 - rank) }
    return table
}()

extension StringProtocol where SubSequence == Substring {
    /// Whitespace (and newlines) trimmed from both ends, without Foundation's NSString bridge,
    /// which dominated the profile of a week's analysis.
    func trimmed() -> String { String(trimmedSlice()) }

    /// `trimmed()` without the copy. ASCII ends are judged by byte; a non-ASCII end (a no-break or
    /// ideographic space, say) falls back to the Unicode whitespace property.
    func trimmedSlice() -> Substring {
        let whole = self[...]
        let utf8 = whole.utf8
        var first = utf8.startIndex
        var end = utf8.endIndex
        while first != end, utf8[first] < 0x80, isASCIIWhitespace(utf8[first]) { first = utf8.index(after: first) }
        while end != first {
            let previous = utf8.index(before: end)
            guard utf8[previous] < 0x80, isASCIIWhitespace(utf8[previous]) else { break }
            end = previous
        }
        let startsPlain = first == end || utf8[first] < 0x80
        let endsPlain = first == end || utf8[utf8.index(before: end)] < 0x80
        if startsPlain && endsPlain { return whole[first..<end] }
        let scalars = whole[first..<end].unicodeScalars
        guard let head = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let tail = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return whole[first..<first] }
        return whole[head..<scalars.index(after: tail)]
    }
}

/// Space, tab, line feed, vertical tab, form feed, carriage return: the ASCII part of Unicode's White_Space.
@inline(__always) func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

extension StringProtocol {
    /// Whether the text starts with `prefix`, ASCII letters compared without case (`prefix` is lowercase ASCII).
    func hasPrefixIgnoringCase(_ prefix: StaticString) -> Bool {
        let utf8 = self.utf8
        var index = utf8.startIndex
        for expected in UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount) {
            guard index != utf8.endIndex else { return false }
            let byte = utf8[index]
            guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected else { return false }
            index = utf8.index(after: index)
        }
        return true
    }
}

extension StringProtocol where SubSequence == Substring {
    /// Lines split on `\n` (empty lines kept): `memchr` over the bytes in place, the line ends turned into
    /// indexes by offset (constant time in a native string).
    func lines() -> [Substring] {
        let whole = self[...]
        let utf8 = whole.utf8
        let base = utf8.startIndex
        var result: [Substring] = []
        let done: Void? = utf8.withContiguousStorageIfAvailable { buffer in
            guard let pointer = buffer.baseAddress else { return result.append(whole) }
            var lineStart = 0
            while lineStart < buffer.count, let hit = memchr(pointer + lineStart, 0x0A, buffer.count - lineStart) {
                let end = UnsafeRawPointer(hit) - UnsafeRawPointer(pointer)
                result.append(whole[utf8.index(base, offsetBy: lineStart)..<utf8.index(base, offsetBy: end)])
                lineStart = end + 1
            }
            result.append(whole[utf8.index(base, offsetBy: lineStart)...])
        }
        guard done == nil else { return result }
        var copy = String(whole)
        copy.makeContiguousUTF8()
        return copy.lines()
    }
}

extension String {
    /// The text split at each `". "` (the separator dropped, empty pieces omitted), by bytes.
    func splitOnSentenceGap() -> [Substring] {
        var pieces: [Substring] = []
        let utf8 = self.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: "."), next != utf8.endIndex, utf8[next] == UInt8(ascii: " ") {
                if start != index { pieces.append(self[start..<index]) }
                start = utf8.index(after: next)
                index = start
            } else {
                index = next
            }
        }
        if start != utf8.endIndex { pieces.append(self[start...]) }
        return pieces
    }
}

/// ASCII character classes of a UTF-8 byte, for the byte readers that stand in for regular expressions.
extension UInt8 {
    /// `0`–`9`.
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    /// `0`–`9`, `a`–`f`, `A`–`F`.
    var isASCIIHexDigit: Bool { isASCIIDigit || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
    /// Letters and digits.
    var isASCIIAlphanumeric: Bool { isASCIIDigit || (self | 0x20 >= 0x61 && self | 0x20 <= 0x7A) }
    /// `\w` in ASCII: letters, digits and `_`.
    var isASCIIWord: Bool { isASCIIAlphanumeric || self == UInt8(ascii: "_") }
    /// `\s` in ASCII: space, tab, line feed, vertical tab, form feed, carriage return.
    var isASCIIBlank: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
}

extension StringProtocol {
    /// `lowercased()`, by bytes: ASCII letters by arithmetic, other scalars by their Unicode lowercase mapping,
    /// which is what the standard library does scalar by scalar (and several times slower; descriptions are
    /// lowercased for every keyword search).
    func lowercasedByBytes() -> String {
        let done = utf8.withContiguousStorageIfAvailable { source -> String in
            if !source.contains(where: { $0 >= 0x80 }) {
                return String(unsafeUninitializedCapacity: source.count) { target in
                    for index in source.indices { target[index] = source[index].lowercasedASCII }
                    return source.count
                }
            }
            var lowered: [UInt8] = []
            lowered.reserveCapacity(source.count + 8)
            var index = 0
            while index < source.count {
                let byte = source[index]
                guard byte >= 0x80 else {
                    lowered.append(byte.lowercasedASCII)
                    index += 1
                    continue
                }
                let (scalar, length) = UTF8Bytes.scalar(in: source, at: index)
                lowered.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                index += length
            }
            return String(decoding: lowered, as: UTF8.self)
        }
        if let done { return done }
        var copy = String(self)
        copy.makeContiguousUTF8()
        return copy.lowercasedByBytes()
    }
}

extension UInt8 {
    /// `A`–`Z` to `a`–`z`; every other byte as it is.
    var lowercasedASCII: UInt8 { self &- 0x41 < 26 ? self | 0x20 : self }
}

extension StringProtocol {
    /// `count` (Characters), read from the bytes when each byte is one: ASCII text without a carriage
    /// return (`\r\n` is one Character). Counting graphemes one by one was a visible part of scoring.
    var characterCount: Int { isOneCharacterPerByte ? utf8.count : count }

    /// `min(limit, count)`, counting no further than needed.
    func characterCount(upTo limit: Int) -> Int { isOneCharacterPerByte ? Swift.min(limit, utf8.count) : prefix(limit).count }

    private var isOneCharacterPerByte: Bool {
        func oneEach(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x0D }
        // Read in place: iterating a string's UTF-8 view byte by byte is several times slower.
        return utf8.withContiguousStorageIfAvailable { $0.allSatisfy(oneEach) } ?? utf8.allSatisfy(oneEach)
    }
}

extension Collection where Element == Substring {
    /// `joined(separator:)` with a one-byte separator, copying the bytes into a string sized once (the
    /// general `joined` grows its result piece by piece; descriptions are joined line by line).
    func joined(byte separator: UInt8) -> String {
        let total = reduce(0) { $0 + $1.utf8.count } + Swift.max(0, count - 1)
        return String(unsafeUninitializedCapacity: total) { buffer in
            var offset = 0
            for (index, part) in enumerated() {
                if index > 0 {
                    buffer[offset] = separator
                    offset += 1
                }
                let copied = part.utf8.withContiguousStorageIfAvailable { bytes in
                    UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(fromContentsOf: bytes)
                }
                if let copied {
                    offset += copied
                } else {
                    for byte in part.utf8 {
                        buffer[offset] = byte
                        offset += 1
                    }
                }
            }
            return offset
        }
    }
}

enum UTF8Bytes {
    /// The scalar whose encoding starts at `index`, and its length in bytes. A native string holds valid
    /// UTF-8: the lead byte gives the length.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, length: Int) {
        let lead = bytes[index]
        guard lead >= 0x80 else { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for next in bytes[(index + 1)..<(index + length)] { value = value << 6 | UInt32(next & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
