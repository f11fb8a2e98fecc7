import PRHubModel

/// Converts the Markdown PRHub writes (headings, paragraphs, lists one level deep, tables, code spans, bold, links,
/// backslash escapes) into HTML. Everything that is not this syntax is escaped as text, and only
/// http(s) links become anchors, so hostile text that reached the Markdown stays text here too.
enum MarkdownHTML {
    static func convert(_ markdown: String) -> String {
        var html = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [(text: String, children: [String])])?
        var table: [[String]] = []

        func flushParagraph() {
            if !paragraph.isEmpty { html += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n" }
            paragraph = []
        }
        func flushList() {
            if let current = list {
                let tag = current.ordered ? "ol" : "ul"
                html += "<\(tag)>" + current.items.map { item in
                    let children = item.children.isEmpty ? "" : "<ul>" + item.children.map { "<li>" + inline($0) + "</li>" }.joined() + "</ul>"
                    return "<li>" + inline(item.text) + children + "</li>"
                }.joined() + "</\(tag)>\n"
            }
            list = nil
        }
        func flushTable() {
            guard table.count >= 2 else {
                paragraph += table.map { $0.joined(separator: " | ") }
                table = []
                return
            }
            html += "<table><thead><tr>" + table[0].map { "<th>" + inline($0) + "</th>" }.joined() + "</tr></thead><tbody>"
            for row in table.dropFirst(2) {
                html += "<tr>" + row.map { "<td>" + inline($0) + "</td>" }.joined() + "</tr>"
            }
            html += "</tbody></table>\n"
            table = []
        }
        func flushAll() {
            flushParagraph()
            flushList()
            flushTable()
        }

        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.trimmingWhitespace().isEmpty {
                flushAll()
            } else if let level = headingLevel(line) {
                flushAll()
                let text = String(line.dropFirst(level + 1))
                html += "<h\(level)>" + inline(text) + "</h\(level)>\n"
            } else if line.hasPrefix("|") {
                flushParagraph()
                flushList()
                table.append(cells(line))
            } else if line.hasPrefix("  - "), let count = list?.items.count, count > 0 {
                // A nested item belongs to the item above it.
                list!.items[count - 1].children.append(String(line.dropFirst(4)))
            } else if line.hasPrefix("- ") {
                flushParagraph()
                flushTable()
                if list?.ordered != false { flushList(); list = (false, []) }
                list!.items.append((String(line.dropFirst(2)), []))
            } else if let item = orderedItem(line) {
                flushParagraph()
                flushTable()
                if list?.ordered != true { flushList(); list = (true, []) }
                list!.items.append((item, []))
            } else {
                flushList()
                flushTable()
                paragraph.append(line)
            }
        }
        flushAll()
        return html
    }

    static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    static func orderedItem(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return String(line.dropFirst(digits.count + 2))
    }

    /// Table cells, splitting on `|` that is not escaped.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line.dropFirst() {
            if escaped {
                current.append("\\")
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.trimmingWhitespace().isEmpty { cells.append(current.trimmingWhitespace()) }
        return cells
    }

    /// Inline syntax: `\x` escapes, `code`, **bold**, [text](http…), <http…>. All other text is escaped.
    static func inline(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var bold = false
        var i = 0
        func escaped(_ c: Character) -> String { HTMLText.escape(String(c)) }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                out += escaped(chars[i + 1])
                i += 2
            } else if c == "`", let close = chars[(i + 1)...].firstIndex(of: "`") {
                out += "<code>" + HTMLText.escape(String(chars[(i + 1)..<close])) + "</code>"
                i = close + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*" {
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
                i += 2
            } else if c == "[", let (label, url, end) = link(chars, from: i), let href = HTMLText.safeURL(url) {
                out += "<a href=\"\(href)\">" + inline(label) + "</a>"
                i = end
            } else if c == "<", let close = chars[(i + 1)...].firstIndex(of: ">"),
                let href = HTMLText.safeURL(String(chars[(i + 1)..<close]))
            {
                out += "<a href=\"\(href)\">" + href + "</a>"
                i = close + 1
            } else {
                out += escaped(c)
                i += 1
            }
        }
        if bold { out += "</strong>" }
        return out
    }

    /// `[label](url)` starting at `start`: the label, the url and the index after `)`.
    static func link(_ chars: [Character], from start: Int) -> (String, String, Int)? {
        var i = start + 1
        var label = ""
        while i < chars.count, chars[i] != "]" {
            if chars[i] == "\\", i + 1 < chars.count {
                label.append("\\")
                label.append(chars[i + 1])
                i += 2
                continue
            }
            label.append(chars[i])
            i += 1
        }
        guard i + 1 < chars.count, chars[i] == "]", chars[i + 1] == "(" else { return nil }
        guard let close = chars[(i + 2)...].firstIndex(of: ")") else { return nil }
        return (label, String(chars[(i + 2)..<close]), close + 1)
    }
}
