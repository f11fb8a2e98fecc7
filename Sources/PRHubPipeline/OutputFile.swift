import Foundation
import PRHubModel

/// Writes a finished report where the user asked, or explains in one line why it cannot.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw PRHubError(.output, "cannot write '\(path)': \((error as NSError).localizedDescription)")
        }
    }
}
