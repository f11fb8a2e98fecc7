import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML with Foundation's parser: true when it is well-formed.
enum XMLWellFormed {
    static func check(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }
}
