import PRHubModel

/// Escaping of untrusted text (PR titles, theme names) for each chat markup, in one place.
enum MarkupText {
    /// Markdown with backslash escapes, as Discord and Teams read it: the characters that can start markup
    /// inside a line are escaped (our lines never start with the text), line breaks become spaces.
    static func markdown(_ text: String) -> String {
        var out = ""
        for character in oneLine(text) {
            if "\\`*_[]|<>~".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// For DingTalk's and WeCom's Markdown, which show backslashes as they are: markup characters become
    /// look-alikes that start nothing (`[BugFix]` → `［BugFix］`); underscores, common in names, stay.
    static func lookalike(_ text: String) -> String {
        let swaps: [Character: Character] = ["[": "［", "]": "］", "*": "∗", "`": "ˋ", "<": "‹", ">": "›", "~": "～", "|": "¦", "\\": "⧵"]
        return String(oneLine(text).map { swaps[$0] ?? $0 })
    }

    /// Feishu's `lark_md`: special characters as the HTML entities its documentation lists.
    static func larkMarkdown(_ text: String) -> String {
        var out = ""
        for character in oneLine(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "*": out += "&#42;"
            case "_": out += "&#95;"
            case "~": out += "&#126;"
            case "[": out += "&#91;"
            case "]": out += "&#93;"
            case "(": out += "&#40;"
            case ")": out += "&#41;"
            case "`": out += "&#96;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Slack's mrkdwn: `&`, `<` and `>` are the only characters Slack asks to escape.
    static func slack(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Control characters and line breaks as spaces: one item is one line in every channel.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// A bulleted item line: `#123 title`, `name (4)`.
    static func item(_ item: WeekMessage.Item, escape: (String) -> String, link: (String, String) -> String) -> String {
        if let number = item.number, let url = item.url { return link("#\(number)", url) + " " + escape(item.text) }
        return escape(item.text) + (item.count.map { " (\($0))" } ?? "")
    }
}
