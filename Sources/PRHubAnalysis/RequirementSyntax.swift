/// Python requirement specifiers read from bytes (they ran as regular expressions once, on every line
/// of every manifest a week's PRs changed):
/// - a requirements line: `name[extras] <op>…`, where the name may also end the line;
/// - quoted specifiers in pyproject.toml or setup.py: `"name[extras]>=1.2"`.
enum RequirementSyntax {
    /// The operators that may follow a name on a requirements line (`@` for a URL, `;` for a marker).
    static let lineOperators = ["===", "==", ">=", "<=", "~=", "!=", "<", ">", "@", ";"].map { Array($0.utf8) }
    /// The version operators a quoted specifier needs.
    static let versionOperators = ["==", ">=", "<=", "~=", "!=", "<", ">"].map { Array($0.utf8) }

    /// `name`, optional blanks and `[extras]`, then one of `operators` (or, on a requirements line, the end):
    /// the name and where the operator starts.
    /// `extrasCloseQuoted`: a quoted specifier may also be a name with extras and nothing else
    /// (`"imageio[ffmpeg]"`): the extras say it is a package, where a bare quoted word could be anything.
    static func requirement(
        _ bytes: [UInt8], at start: Int, operators: [[UInt8]], endAllowed: Bool = true, extrasCloseQuoted: Bool = false
    ) -> (name: String, next: Int)? {
        guard start < bytes.count, bytes[start].isASCIIAlphanumeric else { return nil }
        var index = start + 1
        while index < bytes.count, bytes[index].isASCIIAlphanumeric || [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")].contains(bytes[index]) {
            index += 1
        }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        skipBlanks(bytes, &index)
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            index = close + 1
            skipBlanks(bytes, &index)
            if extrasCloseQuoted && index < bytes.count && isQuote(bytes[index]) { return (name, index) }
        }
        if index == bytes.count { return endAllowed ? (name, index) : nil }
        guard let op = operators.first(where: { bytes.count - index >= $0.count && bytes[index..<index + $0.count].elementsEqual($0) }) else {
            return nil
        }
        return (name, index + op.count)
    }

    /// The variables of environment markers (PEP 508): `"sys_platform == 'linux'"` is a condition, not a
    /// package pinned to a version (uv's `required-environments`, `[tool.uv] environments`).
    static let markerVariables: Set<String> = [
        "os_name", "sys_platform", "platform_machine", "platform_python_implementation", "platform_release", "platform_system",
        "platform_version", "python_version", "python_full_version", "implementation_name", "implementation_version", "extra",
    ]

    /// Every `"name[extras] <op> …"` (either quote, closed by either) in a line, left to right; environment
    /// markers are not requirements.
    static func quotedRequirements(_ bytes: [UInt8]) -> [String] {
        var names: [String] = []
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard isQuote(bytes[index]),
                let found = requirement(bytes, at: index + 1, operators: versionOperators, endAllowed: false, extrasCloseQuoted: true),
                let close = bytes[found.next...].firstIndex(where: isQuote)
            else { continue }
            if !markerVariables.contains(found.name.lowercasedByBytes()) { names.append(found.name) }
            index = close
        }
        return names
    }

    private static func skipBlanks(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, bytes[index].isASCIIBlank { index += 1 }
    }

    private static func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") }
}
