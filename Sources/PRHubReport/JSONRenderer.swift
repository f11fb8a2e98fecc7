import Foundation
import PRHubModel

/// The digest as JSON: stable key order, so two runs on the same data give the same bytes.
public enum JSONRenderer {
    public static func render(_ digest: Digest) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(digest), as: UTF8.self) + "\n"
    }
}
