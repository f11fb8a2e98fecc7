import Foundation
import PRHubModel
import PRHubTestSupport

/// A small repository whose week 2026-W14 holds one case of every kind of risk.
enum Fixtures {
    static let name = try! RepositoryName("acme/engine")

    static func riskyWeek() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.commit("Initial import", files: [
            "engine/core/scheduler.py": .lines(200), "engine/envs.py": .text("import os\nENV = {\n    \"ENGINE_DEBUG\": lambda: os.getenv(\"ENGINE_DEBUG\"),\n}\n"),
            "requirements.txt": .text("torch==2.5.1\nnumpy\n"), "tests/test_scheduler.py": .lines(150), "README.md": .lines(10),
        ], date: "2026-03-01T08:00:00Z")
        try repo.squashMerge(number: 40, title: "[Perf] Batch the scheduler queue",
            body: "Batches queue updates so the scheduler takes one lock per step.",
            files: ["engine/core/scheduler.py": .lines(260)], date: "2026-03-20T08:00:00Z")
        // Week 14 (2026-03-30 .. 2026-04-05, UTC).
        try repo.squashMerge(number: 50, title: "[Feature] Add a paged KV layout switch",
            body: """
                ### What this PR does / why we need it?
                Adds a paged KV cache layout, selected with ENGINE_KV_LAYOUT, because the flat layout wastes memory on long prompts.
                It cuts peak memory by 30% and gives 1.8x higher throughput on 32k prompts.
                """,
            files: [
                "engine/core/scheduler.py": .lines(320), "engine/cache/paged.py": .lines(180), "engine/ops/copy.py": .lines(40),
                "engine/envs.py": .text("import os\nENV = {\n    \"ENGINE_DEBUG\": lambda: os.getenv(\"ENGINE_DEBUG\"),\n    \"ENGINE_KV_LAYOUT\": lambda: os.getenv(\"ENGINE_KV_LAYOUT\", \"flat\"),\n}\n"),
            ],
            author: .alice, date: "2026-03-30T09:00:00Z")
        try repo.squashMerge(number: 51, title: "[Bugfix] Fix scheduler deadlock from batching",
            body: "The batching in #40 takes the lock twice when a request is aborted. This fixes it.",
            files: ["engine/core/scheduler.py": .lines(330), "tests/test_scheduler.py": .lines(160)],
            author: .bob, date: "2026-03-31T10:00:00Z")
        try repo.squashMerge(number: 52, title: "[CI] Drop flaky scheduler tests", body: "They time out on shared runners.",
            files: ["tests/test_scheduler.py": .lines(40)], author: .bob, date: "2026-04-01T11:00:00Z")
        try repo.squashMerge(number: 53, title: "[Build] Bump torch and add msgspec",
            files: ["requirements.txt": .text("torch==2.6.0\nnumpy\nmsgspec>=0.18\n")], author: .alice, date: "2026-04-02T12:00:00Z")
        try repo.squashMerge(number: 54, title: "[ROCm] Enable the paged layout on MI300",
            body: "Wires the new layout into the ROCm attention path.",
            files: ["engine/attention/rocm_backend.py": .lines(90)],
            author: TestRepository.Person("Carol *Dev* [x](javascript:alert(1))", "carol@example.com"),
            date: "2026-04-03T13:00:00Z")
        try repo.squashMerge(number: 55, title: "Revert \"[Perf] Batch the scheduler queue (#40)\"",
            body: "Batching still deadlocks under load; back it out until it is reworked.",
            files: ["engine/core/scheduler.py": .lines(200)], author: .bob, date: "2026-04-04T14:00:00Z")
        try repo.squashMerge(number: 56, title: "[Doc] Describe the KV layouts | *new* <script>alert(1)</script>", body: "", files: ["docs/kv.md": .lines(30)],
            author: .alice, date: "2026-04-05T15:00:00Z")
        try repo.commit("Fix typo directly on main", files: ["README.md": .lines(11)], date: "2026-04-05T16:00:00Z")
        // Next week, outside the period.
        try repo.squashMerge(number: 60, title: "[Misc] Later work", files: ["engine/misc.py": .lines(5)], date: "2026-04-06T01:00:00Z")
        return repo
    }
}
