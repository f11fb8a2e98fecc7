/// Right-to-left overrides and other invisible direction controls (U+202A–U+202E, U+2066–U+2069) can make
/// a title read differently from what it is. Reports show them as visible marks instead.
public enum BidiControls {
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `⟦U+202E⟧` for each control; the text itself when it has none (the common case costs one pass).
    public static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "⟦U+" + String(scalar.value, radix: 16, uppercase: true) + "⟧"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
