// swift-tools-version: 6.0
import PackageDescription

// One list of strictness settings for every target (swift-log's habit).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "prhub",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "prhub", targets: ["prhub"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Dependency-free values: pull requests, periods, the digest.
        .target(name: "PRHubModel", swiftSettings: strict),
        // Sources of pull requests: a local git clone.
        .target(name: "PRHubGit", dependencies: ["PRHubModel"], swiftSettings: strict),
        // The GitHub API source: a rate-limited client, the queries, the shapes of the replies.
        .target(
            name: "PRHubGitHub",
            dependencies: ["PRHubModel", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: strict
        ),
        // The store: SQLite (embedded) or PostgreSQL (shared by several machines), one set of queries.
        .target(
            name: "PRHubStore",
            dependencies: [
                "PRHubModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Pure analysis: labels, modules, scores, risks, themes, the digest.
        .target(name: "PRHubAnalysis", dependencies: ["PRHubModel"], swiftSettings: strict),
        // Writers and renderers: prose from the digest, Markdown.
        .target(name: "PRHubReport", dependencies: ["PRHubModel", "PRHubAnalysis"], swiftSettings: strict),
        // The LLM writer: prompts, an OpenAI-compatible client, the verifier.
        .target(
            name: "PRHubLLM",
            dependencies: [
                "PRHubModel", "PRHubReport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        // Delivery to chat: one message per channel (Feishu/Lark, DingTalk, WeCom, Slack, Discord, Teams,
        // a JSON webhook), signed, within each channel's limits, sent with retries and rate limits.
        .target(
            name: "PRHubDelivery",
            dependencies: [
                "PRHubModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Use cases shared by the CLI and the server.
        .target(
            name: "PRHubPipeline",
            dependencies: [
                "PRHubModel", "PRHubGit", "PRHubGitHub", "PRHubStore", "PRHubAnalysis", "PRHubReport", "PRHubLLM",
                "PRHubDelivery", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The website: Hummingbird over the store.
        .target(
            name: "PRHubServer",
            dependencies: [
                "PRHubPipeline", "PRHubModel", "PRHubReport", "PRHubStore", "PRHubGitHub",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "prhub",
            dependencies: [
                "PRHubPipeline", "PRHubModel", "PRHubServer", "PRHubReport", "PRHubStore", "PRHubLLM", "PRHubGitHub", "PRHubDelivery",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Builders shared by the tests: real git repositories made on the fly.
        .target(
            name: "PRHubTestSupport",
            dependencies: [
                "PRHubModel", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PRHubTests",
            dependencies: [
                "PRHubModel", "PRHubGit", "PRHubStore", "PRHubAnalysis", "PRHubReport", "PRHubPipeline",
                "PRHubTestSupport", "prhub", "PRHubServer", "PRHubLLM", "PRHubGitHub", "PRHubDelivery",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Golden", "Labels", "Fixtures"],
            swiftSettings: strict
        ),
    ]
)
