import Foundation
import Hummingbird
import HummingbirdTesting
import PRHubDelivery
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore
import PRHubTestSupport
import Testing

/// Week messages delivered to each chat service, played by a loopback server that checks signatures and
/// limits as the service does.
@Suite struct DeliveryTests {
    actor Waits {
        var seconds: [Double] = []
        var notices: [String] = []
        func add(_ value: Double) { seconds.append(value) }
        func say(_ text: String) { notices.append(text) }
    }

    static func fixtureMessage(_ language: Language) throws -> WeekMessage {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let store = try Store.inMemory()
        let git = try GitRepository(path: repo.path)
        _ = try Ingestion(store: store, repository: git, name: Fixtures.name).run()
        let generator = ReportGenerator(store: store, repository: git, profile: RepositoryProfile())
        let digest = try generator.digest(ReportRequest(
            repository: Fixtures.name, period: Period(week: try ISOWeek("2026-W14"), zone: .utc), language: language, format: .json,
            baseURL: "https://reports.example.org"))
        return WeekMessageBuilder.message(digest, language: language, baseURL: "https://reports.example.org/")
    }

    /// A message far over every limit, its titles full of markup and mentions.
    static var hugeMessage: WeekMessage {
        let hostile = "<script>alert(1)</script> @everyone **bold** [link](javascript:x) | `code` ~~"
        return WeekMessage(
            language: .en, repo: "acme/engine", title: "Engineering weekly, 2026 week 14", summary: String(repeating: "A long summary. ", count: 600),
            prCount: 300,
            themes: (1...6).map { (index: Int) in WeekMessage.Item(text: "Theme \(index) " + hostile, count: index) },
            highlights: (1...8).map { (index: Int) in
                WeekMessage.Item(text: String(repeating: "Title \(index) " + hostile, count: 20), number: index, url: "https://github.com/acme/engine/pull/\(index)")
            },
            risks: (1...4).map { (index: Int) in WeekMessage.Item(text: "risk \(index)", count: index) }, url: "https://reports.example.org/acme/engine/reports/2026-03-30-to-2026-04-05")
    }

    func withWebhooks<T: Sendable>(_ body: @Sendable (FakeChatWebhooks.State, _ base: String, _ sender: ChatSender, Waits) async throws -> T) async throws -> T {
        let state = FakeChatWebhooks.State()
        let waits = Waits()
        return try await FakeChatWebhooks.application(state: state).test(.live) { client in
            let sender = ChatSender(sleep: { await waits.add($0) }, notice: { text in Task { await waits.say(text) } })
            return try await body(state, "http://127.0.0.1:\(client.port!)", sender, waits)
        }
    }

    @Test func everyChannelAcceptsTheWeekSignedAndWithinItsLimits() async throws {
        let message = try Self.fixtureMessage(.zh)
        try await withWebhooks { state, base, sender, _ in
            for channel in ChatChannel.webhooks {
                let target = DeliveryTarget(id: "team-\(channel.rawValue)", channel: channel, url: "\(base)/\(channel.rawValue)?key=k", secret: state.secret)
                try await sender.send(message, to: target)
                try await sender.send(Self.hugeMessage, to: target)
            }
            let received = await state.received
            #expect(received.count == ChatChannel.webhooks.count * 2)
            for item in received {
                #expect(item.refusal == nil, "\(item.channel): \(item.refusal ?? "")")
                #expect(item.text.contains("reports.example.org/acme/engine/reports/2026-03-30-to-2026-04-05"), "\(item.channel) lacks the link")
                // The JSON webhook hands the text over as data; every chat markup gets it inert.
                if item.channel != "webhook" { #expect(!item.text.contains("<script>"), "\(item.channel) passes markup through") }
            }
            // The Chinese message is Chinese, with the week's count and a highlight.
            let wecom = try #require(received.first { $0.channel == "wecom" })
            #expect(wecom.text.contains("技术周报") && wecom.text.contains("#5"), "\(wecom.text.prefix(400))")
            let discord = try #require(received.last { $0.channel == "discord" })
            #expect((discord.body["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
        }
    }

    @Test func rateLimitsAndServerErrorsAreRiddenOutAndRefusalsAreClear() async throws {
        let message = try Self.fixtureMessage(.en)
        try await withWebhooks { state, base, sender, waits in
            await state.script("wecom", [.tooManyRequests(retryAfter: 7), .serverError])
            try await sender.send(message, to: DeliveryTarget(id: "ops-wecom", channel: .wecom, url: "\(base)/wecom?key=topsecretkey"))
            #expect(await state.accepted.count == 1)
            let waited = await waits.seconds
            #expect(waited.contains(7), "Retry-After is honoured: \(waited)")
            await state.script("feishu", [.errorCode(19021, "sign match fail")])
            let target = DeliveryTarget(id: "team-feishu", channel: .feishu, url: "\(base)/feishu?hook=hook-token-123", secret: "topsecret")
            let error = await #expect(throws: DeliveryError.self) { try await sender.send(message, to: target) }
            let text = error?.message ?? ""
            #expect(text.contains("team-feishu") && text.contains("19021") && text.contains("clock"), "\(text.prefix(300))")
            #expect(!text.contains("hook-token-123") && !text.contains("topsecret"))
            await state.script("slack", Array(repeating: .serverError, count: 5))
            let failing = await #expect(throws: DeliveryError.self) {
                try await sender.send(message, to: DeliveryTarget(id: "eng-slack", channel: .slack, url: "\(base)/slack"))
            }
            #expect(failing?.message.contains("after 5 attempts") == true, "\(failing?.message ?? "")")
            let notices = await waits.notices
            #expect(!notices.joined().contains("topsecretkey"))
        }
    }

    /// The busiest week of each real history, in both languages, through every channel: each body within
    /// its service's limit (the fake checks as the service does), and the largest reported.
    @Test(.enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout"))
    func theBusiestRealWeeksFitEveryChannel() async throws {
        var messages: [WeekMessage] = []
        for (history, repo) in [("vllm-ascend", "vllm-project/vllm-ascend"), ("ao", "pytorch/ao"),
                                ("tpu-inference", "vllm-project/tpu-inference"), ("guidellm", "vllm-project/guidellm")] {
            guard let week = try RealWeeks.busiestWeek(history, repo), let digest = try RealWeeks.digest(history, repo, week: week) else { continue }
            for language in Language.allCases {
                messages.append(WeekMessageBuilder.message(digest, language: language, baseURL: "https://reports.example.org"))
            }
        }
        #expect(messages.count == 8)
        let all = messages
        try await withWebhooks { state, base, sender, _ in
            var largest: [String: Int] = [:]
            for channel in ChatChannel.webhooks {
                let target = DeliveryTarget(id: channel.rawValue, channel: channel, url: "\(base)/\(channel.rawValue)", secret: state.secret)
                for message in all {
                    try await sender.send(message, to: target)
                    largest[channel.rawValue] = max(largest[channel.rawValue] ?? 0, channel.body(message)?.count ?? 0)
                }
            }
            let refused = await state.received.filter { $0.refusal != nil }
            #expect(refused.isEmpty, "\(refused.map { "\($0.channel): \($0.refusal ?? "")" })")
            print("largest message body per channel (bytes): " + largest.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }

    @Test func emailGoesOutOverSMTPAsTextAndHTMLWithTemporaryRefusalsRetried() async throws {
        let server = try FakeSMTPServer()
        defer { server.stop() }
        server.script(mailReplies: ["451 4.3.0 try again later"])
        let waits = Waits()
        let sender = ChatSender(sleep: { await waits.add($0) })
        let target = DeliveryTarget(
            id: "team-mail", channel: .email, url: "smtp://bot:pa55word@127.0.0.1:\(server.port)", from: "PRHub <prhub@example.org>",
            to: ["lead@example.org", "Ops <ops@example.org>"])
        try await sender.send(Self.hugeMessage, to: target)
        try await sender.send(try Self.fixtureMessage(.zh), to: target)
        let mails = server.received
        #expect(mails.count == 2)
        let mail = try #require(mails.last)
        #expect(mail.from == "<prhub@example.org>" && mail.to == ["<lead@example.org>", "<ops@example.org>"])
        #expect(mail.auth == Data("\0bot\0pa55word".utf8).base64EncodedString())
        #expect(mail.data.contains("Content-Type: multipart/alternative") && mail.data.contains("text/plain") && mail.data.contains("text/html"))
        // The subject and both parts decode to the Chinese message with its link.
        let subject = try #require(mail.data.split(separator: "\r\n").first { $0.hasPrefix("Subject: =?UTF-8?B?") })
        let encoded = subject.dropFirst("Subject: =?UTF-8?B?".count).dropLast(2)
        #expect(String(decoding: Data(base64Encoded: String(encoded)) ?? Data(), as: UTF8.self).contains("技术周报"))
        let parts = mail.data.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n").dropFirst().map { part in
            String(decoding: Data(base64Encoded: part.components(separatedBy: "\r\n--").first?.replacingOccurrences(of: "\r\n", with: "") ?? "") ?? Data(), as: UTF8.self)
        }
        #expect(parts.count == 2 && parts.allSatisfy { $0.contains("reports.example.org/acme/engine/reports/2026-03-30-to-2026-04-05") })
        let hostile = try #require(mails.first)
        #expect(!hostile.data.contains("<script>"))
        #expect(await waits.seconds == [1], "the deferred first attempt was retried once")
        server.script(mailReplies: ["550 5.1.0 sender rejected"])
        let error = await #expect(throws: DeliveryError.self) { try await sender.send(Self.hugeMessage, to: target) }
        #expect(error?.message.contains("550") == true && error?.message.contains("pa55word") == false, "\(error?.message ?? "")")
    }

    @Test func aSignatureMadeWithTheWrongSecretIsRefusedByTheService() async throws {
        let message = try Self.fixtureMessage(.en)
        try await withWebhooks { _, base, sender, _ in
            for channel in [ChatChannel.feishu, .dingtalk] {
                let error = await #expect(throws: DeliveryError.self) {
                    try await sender.send(message, to: DeliveryTarget(id: "t", channel: channel, url: "\(base)/\(channel.rawValue)", secret: "wrong"))
                }
                #expect(error != nil)
            }
        }
    }
}

@Suite struct HubConfigTests {
    static let good = """
        timeZone: Asia/Shanghai
        languages: [zh, en]
        baseURL: https://reports.example.com
        schedule: "MON 09:00"
        backfillWeeks: 2
        repositories:
          - name: vllm-project/vllm-ascend
            git: /srv/clones/vllm-ascend
            deliver: [team-feishu, ops-wecom]
        targets:
          team-feishu: {kind: feishu, url: "https://open.feishu.cn/open-apis/bot/v2/hook/x", secret: "${FEISHU_SECRET}"}
          ops-wecom:   {kind: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", languages: [zh]}
        """

    @Test func theSpecExampleReads() throws {
        let config = try HubConfig.parse(Self.good, source: "hub.yml", environment: ["FEISHU_SECRET": "s"])
        #expect(config.repositories.count == 1 && config.targets.count == 2)
        #expect(config.targets["team-feishu"]?.target.secret == "s")
        #expect(config.targets["ops-wecom"]?.languages == [.zh])
        #expect(config.schedule.description == "MON 09:00")
    }

    @Test(arguments: [
        ("", "FEISHU_SECRET", "hub.yml line 11: ${FEISHU_SECRET} is not set"),
        ("backfillWeeks: 2", "backfilWeeks: 2", "hub.yml line 5: unknown key 'backfilWeeks'"),
        ("kind: wecom", "kind: telegram", "line 12: unknown target kind 'telegram'"),
        ("kind: wecom", "kind: email", "line 12: an email target's url is smtp://HOST:PORT"),
        ("https://qyapi", "ftp://qyapi", "line 12: not an http(s) address: 'ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send'"),
        ("deliver: [team-feishu, ops-wecom]", "deliver: [team-feishu, nobody]", "line 9: repository vllm-project/vllm-ascend delivers to 'nobody'"),
        ("MON 09:00", "Monday 9am", "line 4: schedule is a weekday and a time"),
        ("git: /srv/clones/vllm-ascend", "url: \"--upload-pack=evil\"", "line 8: not a git address"),
    ])
    func badConfigsAreOneLineNamingTheLine(old: String, new: String, message: String) throws {
        let text = old.isEmpty ? Self.good : Self.good.replacingOccurrences(of: old, with: new)
        let environment = old.isEmpty ? [:] : ["FEISHU_SECRET": "s"]
        let error = #expect(throws: PRHubError.self) { try HubConfig.parse(text, source: "hub.yml", environment: environment) }
        #expect(error?.message.contains(message) == true, "\(error?.message.prefix(300) ?? "")")
        #expect(error?.message.contains("key=abc") == false)
    }

    @Test func theScheduleFindsItsMoments() throws {
        let zone = try ReportTimeZone("Asia/Shanghai")
        let schedule = try #require(WeeklySchedule("mon 09:00"))
        // Wednesday 2026-04-08 12:00 in Shanghai.
        let wednesday = zone.startOfDay(LocalDate(iso: "2026-04-08")!).addingTimeInterval(12 * 3600)
        #expect(zone.iso8601(schedule.last(atOrBefore: wednesday, zone: zone)).hasPrefix("2026-04-06T09:00"))
        #expect(zone.iso8601(schedule.next(after: wednesday, zone: zone)).hasPrefix("2026-04-13T09:00"))
    }
}
