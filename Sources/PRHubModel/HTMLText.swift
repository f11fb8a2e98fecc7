/// Escaping for HTML and XML: every piece of text from a PR passes through here before it is written.
public enum HTMLText {
    /// Escapes `& < > " '`, and drops control characters that are invalid in HTML and XML.
    public static func escape(_ text: String) -> String {
        let text = text.utf8.contains(0xE2) ? BidiControls.neutralized(text) : text
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                // C0/C1 controls and noncharacters are not allowed in XML 1.0 (Atom) and make HTML ill-formed.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URL fit for `href`: only http(s), escaped for the attribute; anything else is nil.
    public static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        guard !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\"" || $0 == "'" || $0 == "<" || $0 == ">" || $0 == "`" }) else {
            return nil
        }
        return escape(url)
    }
}
