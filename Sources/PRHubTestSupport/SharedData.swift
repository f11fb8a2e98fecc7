import Foundation

/// The project's `../shared` folder (real histories and the replay tool), when it is beside the checkout.
public enum SharedData {
    /// `shared/` next to the package root, found from this source file's location.
    public static var folder: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
        let tool = shared.appendingPathComponent("tools/replay-history").path
        return FileManager.default.isExecutableFile(atPath: tool) ? shared : nil
    }

    /// Rebuilds a real repository from `data/NAME.history.jsonl.gz` into a cached folder under the temp
    /// directory (once per machine), or returns nil when `../shared` is missing.
    public static func replayedRepository(_ name: String) throws -> String? {
        guard let shared = folder else { return nil }
        let export = shared.appendingPathComponent("data/\(name).history.jsonl.gz")
        guard FileManager.default.fileExists(atPath: export.path) else { return nil }
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-replay-\(name)")
        let marker = target.appendingPathComponent(".git/prhub-replayed")
        if FileManager.default.fileExists(atPath: marker.path) { return target.path }
        // Replay into a fresh folder, then move it in place, so parallel tests never see half a repository.
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-replay-\(name)-\(UUID().uuidString)")
        try TestRepository.run([shared.appendingPathComponent("tools/replay-history").path, export.path, staging.path])
        _ = FileManager.default.createFile(atPath: staging.appendingPathComponent(".git/prhub-replayed").path, contents: nil)
        if FileManager.default.fileExists(atPath: marker.path) {
            try? FileManager.default.removeItem(at: staging)
        } else {
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: staging, to: target)
        }
        return target.path
    }
}
