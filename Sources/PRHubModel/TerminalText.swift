/// Text from outside (a PR title, a server's error message) made safe to print on one terminal line:
/// control characters — escape sequences, carriage returns and line feeds that could forge another
/// `error:` line — and direction controls are shown as visible marks (`⟦U+1B⟧`), never obeyed.
public enum TerminalText {
    public static func oneLine(_ text: String, limit: Int = 300) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) || BidiControls.isControl(scalar) {
                out += "⟦U+" + String(value, radix: 16, uppercase: true) + "⟧"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.clipped(to: limit)
    }
}
