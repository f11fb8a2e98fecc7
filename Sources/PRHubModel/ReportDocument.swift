/// A written report, before it is Markdown, HTML, Atom or a chat message: sections of blocks of inline
/// spans. Writers make it from the digest; serialisers turn it into text, each escaping in one place.
public struct ReportDocument: Sendable, Equatable {
    public var language: Language
    public var repo: String
    public var title: String
    /// Lines under the title: the repository, the period, the counts, the link, who wrote it.
    public var meta: [[Inline]]
    /// The six numbered sections, the part read in five minutes.
    public var sections: [Section]
    /// Everything else, after the numbered sections: every PR of the week, nothing lost.
    public var appendix: Section?

    public init(language: Language, repo: String, title: String, meta: [[Inline]], sections: [Section], appendix: Section?) {
        self.language = language
        self.repo = repo
        self.title = title
        self.meta = meta
        self.sections = sections
        self.appendix = appendix
    }

    public enum SectionID: String, Sendable, CaseIterable {
        case summary, changes, trends, risks, highlights, recommendations, appendix, empty
    }

    public struct Section: Sendable, Equatable {
        public var id: SectionID
        public var title: String
        public var blocks: [Block]
        public init(id: SectionID, title: String, blocks: [Block]) {
            self.id = id
            self.title = title
            self.blocks = blocks
        }
    }

    public indirect enum Block: Sendable, Equatable {
        case paragraph([Inline])
        /// A level-3 heading inside a section.
        case heading([Inline])
        case list([[Inline]])
        case table(header: [String], rows: [[[Inline]]])
        /// A bar chart (HTML draws it; text forms leave it out, the numbers are in the prose).
        case chart(title: String, items: [ChartItem])
        /// Content a reader opens when wanted (`<details>` in HTML).
        case details(summary: [Inline], blocks: [Block])
        /// Markdown a language model wrote and the verifier accepted.
        case modelText(String)
    }

    public struct ChartItem: Sendable, Equatable {
        public var label: String
        public var value: Int
        public init(_ label: String, _ value: Int) {
            self.label = label
            self.value = value
        }
    }

    public enum Inline: Sendable, Equatable {
        /// Words of the writer, in the report's language.
        case text(String)
        case strong(String)
        /// A link to a PR of the repository.
        case pr(Int)
        /// A PR's title as its author wrote it.
        case prTitle(String)
        /// A name from the code: a file, a package, a variable, a module.
        case code(String)
        /// A person: a login (`@alice`) or a name as git has it.
        case name(String)
        /// Someone's own words, with the PR they come from.
        case quote(String, pr: Int?)
        case link(String, url: String)
    }
}

extension ReportDocument {
    /// The numbered sections' text as a reader sees it, and how much of it the writer wrote in the report's
    /// language: what the five-minute and "Chinese that is Chinese" budgets are measured on.
    public struct Reading: Sendable, Equatable {
        /// Characters shown (spaces and line breaks not counted).
        public var visibleCharacters: Int
        /// Words, counting each CJK character as one.
        public var words: Int
        /// Letters in the writer's own text (not code, links, titles or quotations): Han characters, and Latin letters.
        public var hanLetters: Int
        public var latinLetters: Int

        public var chineseShare: Double {
            hanLetters + latinLetters == 0 ? 1 : Double(hanLetters) / Double(hanLetters + latinLetters)
        }
    }

    public var mainReading: Reading {
        var reading = Reading(visibleCharacters: 0, words: 0, hanLetters: 0, latinLetters: 0)
        func visible(_ text: String) {
            reading.visibleCharacters += text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
            // Words as a word counter sees them: runs between spaces that hold a letter or digit (a path is
            // one word), and each Han character on its own.
            var inWord = false
            for scalar in text.unicodeScalars {
                if Self.isHan(scalar) {
                    reading.words += 1
                    inWord = false
                } else if scalar.properties.isWhitespace {
                    inWord = false
                } else if !inWord && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                    reading.words += 1
                    inWord = true
                }
            }
        }
        func own(_ text: String) {
            for scalar in text.unicodeScalars {
                if Self.isHan(scalar) { reading.hanLetters += 1 } else if scalar.isASCII && scalar.properties.isAlphabetic { reading.latinLetters += 1 }
            }
        }
        func inline(_ span: Inline) {
            switch span {
            case .text(let t), .strong(let t):
                visible(t)
                own(t)
            case .pr(let n): visible("#\(n)")
            case .prTitle(let t), .code(let t), .name(let t), .quote(let t, _), .link(let t, _): visible(t)
            }
        }
        func block(_ b: Block) {
            switch b {
            case .paragraph(let spans), .heading(let spans): spans.forEach(inline)
            case .list(let items): items.forEach { $0.forEach(inline) }
            case .table(let header, let rows):
                header.forEach { visible($0); own($0) }
                rows.forEach { $0.forEach { $0.forEach(inline) } }
            case .chart: break
            case .details(let summary, let blocks):
                summary.forEach(inline)
                blocks.forEach(block)
            case .modelText(let text):
                visible(text)
                own(text)
            }
        }
        for section in sections {
            visible(section.title)
            own(section.title)
            section.blocks.forEach(block)
        }
        return reading
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
    }
}
