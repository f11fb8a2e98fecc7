import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
@testable import PRHubReport
import PRHubStore
import PRHubTestSupport
import Testing

/// PR text is untrusted: every format must carry it as text, never as markup or script.
@Suite struct HostileInputTests {
    static let payloads: [(title: String, body: String)] = [
        ("<script>document.title='pwned'</script>", "<script>alert(1)</script>"),
        ("Fix \"><img src=x onerror=\"document.title='pwned'\">", "[click me](javascript:document.title='pwned') and <a href=\"javascript:alert(1)\">x</a>"),
        ("[Perf] <svg onload=\"document.title='pwned'\"><circle/></svg> 3x faster", "It is 3x faster. <svg><script>alert(1)</script></svg>"),
        ("Title with ]]></summary><entry> and &amp; &lt;b&gt;", "CDATA ]]> and <![CDATA[ x ]]>"),
        ("[Doc] `code` **bold** | pipe | <b>tag</b>", "Line\n# Heading injection\n- [x](data:text/html,<script>alert(1)</script>)"),
        ("Name\u{0}\u{1}with control\u{7} chars", "Body with \u{1B}[31m escape codes"),
    ]

    func hostileRepository() throws -> TestRepository {
        let repo = try TestRepository()
        var number = 1
        for payload in Self.payloads {
            try repo.squashMerge(number: number, title: payload.title.replacingOccurrences(of: "\u{0}", with: ""), body: payload.body,
                files: ["src/\"quoted\" <b>path</b>.py": .lines(40 + number), "docs/<script>x</script>.md": .lines(3)],
                author: TestRepository.Person("Eve \"&\" O'Brien", "eve@example.com"), date: "2026-03-3\(number % 2)T10:0\(number):00Z")
            number += 1
        }
        try repo.squashMerge(number: 100, title: String(repeating: "A<", count: 50_000), files: ["src/long.py": .lines(35)],
            date: "2026-04-01T10:00:00Z")
        // Not valid UTF-8: a Latin-1 é and a lone continuation byte.
        try repo.commit(rawMessage: Array("Broken ".utf8) + [0xE9, 0x80, 0xFF] + Array(" bytes (#101)\n\nbody \u{FF}".utf8),
            files: ["src/broken.py": .lines(31)], date: "2026-04-01T11:00:00Z")
        return repo
    }

    func digest(_ language: Language) throws -> (Digest, ReportGenerator) {
        let repo = try hostileRepository()
        defer { repo.remove() }
        let store = try Store.inMemory()
        let name = try RepositoryName("evil/repo")
        _ = try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: name).run()
        let generator = ReportGenerator(store: store, repository: nil, profile: RepositoryProfile())
        let request = ReportRequest(repository: name, period: Period(week: try ISOWeek("2026-W14"), zone: .utc),
            language: language, format: .json, baseURL: "https://r.example.org")
        return (try generator.digest(request), generator)
    }

    /// Every `<` opens a tag PRHub writes itself, and no tag carries an event handler or a script URL.
    static func assertSafeHTML(_ html: String) {
        let allowed: Set<String> = [
            "!doctype", "html", "head", "meta", "title", "style", "body", "nav", "a", "header", "h1", "h2", "h3", "h4", "div", "p",
            "strong", "section", "figure", "svg", "text", "rect", "polyline", "table", "thead", "tbody", "tr", "th", "td", "ul",
            "ol", "li", "code", "footer", "cite", "q", "details", "summary",
        ]
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            let tag = html[html.index(after: open)...].prefix { $0.isLetter || $0.isNumber || $0 == "!" || $0 == "/" }
            let name = tag.hasPrefix("/") ? String(tag.dropFirst()) : String(tag)
            #expect(allowed.contains(name.lowercased()), "unexpected tag <\(name)")
            let close = html[open...].firstIndex(of: ">") ?? html.endIndex
            let inside = html[open..<close].lowercased()
            #expect(inside.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "event handler in \(inside.prefix(80))")
            #expect(!inside.contains("javascript:") && !inside.contains("data:text"), "script URL in \(inside.prefix(80))")
            index = html.index(after: open)
        }
    }

    @Test(arguments: [Language.en, Language.zh])
    func hostileTextStaysTextInEveryFormat(language: Language) throws {
        let (digest, _) = try digest(language)
        #expect(digest.prCount == Self.payloads.count + 2)
        // JSON round-trips the text exactly.
        let json = try JSONRenderer.render(digest)
        let decoded = try JSONDecoder().decode(Digest.self, from: Data(json.utf8))
        #expect(decoded == digest)
        #expect(digest.pr(1)?.title == Self.payloads[0].title)
        // git itself re-reads a message that is not UTF-8 as Latin-1; nothing is lost or crashes.
        #expect(digest.pr(101)?.title.hasPrefix("Broken é") == true)

        let html = HTMLRenderer(language: language, baseURL: "https://r.example.org").render(digest)
        Self.assertSafeHTML(html)
        #expect(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"))

        let markdown = MarkdownRenderer(language: language, baseURL: "https://r.example.org").render(digest)
        // Outside code spans (where CommonMark shows HTML as text), no raw tag survives.
        let outsideCode = markdown.replacingOccurrences(of: "`[^`\n]*`", with: "", options: .regularExpression)
        #expect(!outsideCode.contains("<script>"))
        // Brackets from PR text are escaped, so no `](javascript:` can start a link.
        #expect(!markdown.replacingOccurrences(of: "\\](javascript:", with: "").contains("](javascript:"))
        #expect(!markdown.contains("\n# Heading injection"))
        Self.assertSafeHTML(MarkdownHTML.convert(markdown))

        let atom = AtomRenderer.feed(repo: "evil/repo", selfURL: "https://r.example.org/evil/repo/feed.xml",
            entries: digest.prs.map { .init(title: $0.title, url: "https://r.example.org/x", updated: Date(), summary: $0.summary) })
        #expect(XMLWellFormed.check(atom))
        #expect(!atom.contains("<script>"))
    }

    /// A right-to-left override in a title (`evil\u{202E}gnp.exe` shows as `evilexe.png`) is shown as a mark.
    @Test func directionControlsAreShownNotObeyed() {
        let title = "Update docs \u{202E}gnp.exe\u{2066}"
        let markdown = MarkdownText.inline(title)
        let html = HTMLText.escape(title)
        for text in [markdown, html] {
            #expect(!text.unicodeScalars.contains { BidiControls.isControl($0) })
            #expect(text.contains("⟦U+202E⟧gnp.exe⟦U+2066⟧"))
        }
        #expect(MarkdownText.inline("常规标题") == "常规标题")
    }

    @Test func chartsEscapeTheirLabels() {
        let svg = SVGChart.bars(title: "<t>", items: [("<script>x</script>\"", 3), ("a&b", 1)])
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;x&lt;/script&gt;&quot;"))
        #expect(XMLWellFormed.check(svg))
    }
}
