import Foundation
import PRHubModel

/// Packages a diff adds to dependency manifests, with version changes reported apart from new packages.
public struct DependencyDetector: Sendable {
    let paths: PathClassifier
    /// The repository's own name (`vllm-ascend` of `vllm-project/vllm-ascend`): an image built from the
    /// repository itself (`FROM quay.io/ascend/vllm-ascend:main`) is not a dependency of it.
    let ownName: String

    public init(paths: PathClassifier, repository: String = "") {
        self.paths = paths
        ownName = repository.split(separator: "/").last.map { $0.lowercasedByBytes() } ?? ""
    }

    enum Manifest { case requirements, python, docker, npm, gomod, cargo, swift, pin }

    static func manifestKind(_ path: String) -> Manifest? {
        let parts = path.lowercasedByBytes().split(separator: "/")
        let name = parts.last.map(String.init) ?? ""
        let inRequirementsFolder = parts.dropLast().contains { $0.hasPrefix("requirements") }
        if (name.hasPrefix("requirements") || inRequirementsFolder) && (name.hasSuffix(".txt") || name.hasSuffix(".in")) {
            return .requirements
        }
        if name.hasPrefix("pyproject") && name.hasSuffix(".toml") || name == "setup.py" || name == "setup.cfg" { return .python }
        if name.contains("dockerfile") || name.hasSuffix("containerfile") { return .docker }
        if name == "package.json" { return .npm }
        if name == "go.mod" { return .gomod }
        if name == "cargo.toml" { return .cargo }
        if name == "package.swift" { return .swift }
        if PinFile.package(name) != nil { return .pin }
        if name.hasSuffix(".txt") || name.hasSuffix(".in") { return .requirements }
        return nil
    }

    public struct Change: Sendable, Equatable {
        public var path: String
        public var added: [String]
        public var updated: [String]
        public var removed: [String] = []
        /// Each package's requirement text before and after the change.
        public var before: [String: String] = [:]
        public var after: [String: String] = [:]
    }

    public func changes(_ diffs: [String: LineChanges]) -> [Change] {
        diffs.keys.sorted().compactMap { path in
            guard paths.isManifest(path), let kind = Self.manifestKind(path), let diff = diffs[path] else { return nil }
            if kind == .pin { return pinMove(path, diff) }
            let added = Self.packages(in: diff.added, kind).filter { !isOwnImage($0.name, kind) }
            let removedPackages = Self.packages(in: diff.removed, kind).filter { !isOwnImage($0.name, kind) }
            var removed: [String: String] = [:]
            for package in removedPackages { removed[package.name] = package.spec }
            // A line rewritten around a package (another package added beside it) is not a change to it.
            let new = added.filter { removed[$0.name] == nil }.map(\.name)
            let updated = added.filter { removed[$0.name] != nil && removed[$0.name] != $0.spec }.map(\.name)
            let addedNames = Set(added.map(\.name))
            let dropped = removedPackages.map(\.name).filter { !addedNames.contains($0) }
            guard !(new.isEmpty && updated.isEmpty && dropped.isEmpty) else { return nil }
            var change = Change(path: path, added: new, updated: updated, removed: dropped)
            change.before = removed
            for package in added { change.after[package.name] = package.spec }
            return change
        }
    }

    /// A pin file changed: its project moved to another version or commit, shown when the lines hold one. A
    /// file named for the repository itself (`engine.version` in acme/engine) is its own version, no dependency.
    func pinMove(_ path: String, _ diff: LineChanges) -> Change? {
        guard let name = PinFile.package(path), name != Self.normalized(ownName), !(diff.added.isEmpty && diff.removed.isEmpty)
        else { return nil }
        var change = Change(path: path, added: [], updated: [name])
        change.before[name] = diff.removed.lazy.compactMap(PinFile.pin).first
        change.after[name] = diff.added.lazy.compactMap(PinFile.pin).first
        return change
    }

    private func isOwnImage(_ name: String, _ kind: Manifest) -> Bool {
        kind == .docker && !ownName.isEmpty && name.split(separator: "/").last.map { $0.lowercasedByBytes() == ownName } == true
    }

    /// Every package change of the diffs, manifest by manifest: added, then re-pinned, then dropped.
    public func packageChanges(_ diffs: [String: LineChanges]) -> [RiskFinding.PackageChange] {
        changes(diffs).flatMap { change in
            change.added.map { RiskFinding.PackageChange(name: $0, change: .added, path: change.path, to: change.after[$0]) }
                + change.updated.map {
                    RiskFinding.PackageChange(name: $0, change: .updated, path: change.path, from: change.before[$0], to: change.after[$0])
                }
                + change.removed.map { RiskFinding.PackageChange(name: $0, change: .removed, path: change.path, from: change.before[$0]) }
        }
    }

    /// Package names with the text that pins them (`torch==2.5`), in order of appearance.
    static func packages(in lines: [String], _ kind: Manifest) -> [(name: String, spec: String)] {
        var result: [(name: String, spec: String)] = []
        var seen = Set<String>()
        for raw in lines {
            let line = raw.trimmed()
            if line.hasPrefix("#") || line.hasPrefix("//") || line.isEmpty { continue }
            for package in packageSpecs(line, kind) where seen.insert(package.name).inserted {
                result.append(package)
            }
        }
        return result
    }

    static func packageSpecs(_ line: String, _ kind: Manifest) -> [(name: String, spec: String)] {
        if kind == .docker {
            // A token starts with a letter or digit: its name is what comes before the tag or version.
            return packageNames(line, kind).map { token in
                let bytes = token.utf8
                let name = bytes.contains(UInt8(ascii: ":"))
                    ? bytes.prefix { $0 != UInt8(ascii: ":") } : bytes.prefix { !Self.versionOperatorBytes.contains($0) }
                return (name: normalized(String(decoding: name, as: UTF8.self)), spec: token)
            }
        }
        let names = packageNames(line, kind)
        guard !names.isEmpty else { return [] }
        let compact = String(decoding: line.utf8.filter { $0 != UInt8(ascii: " ") }, as: UTF8.self)
        return names.map { (name: $0, spec: compact) }
    }

    static func packageNames(_ line: String, _ kind: Manifest) -> [String] {
        func first(_ pattern: String) -> [String] {
            ReferenceFinder.matches(pattern, in: line).map { normalized($0[1]) }
        }
        switch kind {
        case .requirements:
            // A name starts with a letter or digit: other lines (options, URLs, `-r`) are passed over at their first byte.
            return RequirementSyntax.requirement(Array(line.utf8), at: 0, operators: RequirementSyntax.lineOperators).map { [normalized($0.name)] } ?? []
        case .python:
            // A quoted requirement with a version operator or extras: most lines of a pyproject or setup.py have neither.
            let bytes = line.utf8
            guard bytes.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }),
                bytes.contains(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "[") })
            else { return [] }
            return RequirementSyntax.quotedRequirements(Array(line.utf8)).map(normalized)
        case .docker:
            // A pinned version in a build argument: `ARG VLLM_TAG=v0.16.0` → `vllm_tag`.
            let head = line.utf8.first ?? 0
            if head | 0x20 == UInt8(ascii: "a"), let arg = DockerSyntax.pinnedArgument(line) { return [arg] }
            // The base image is a dependency too: `FROM quay.io/ascend/cann:8.5.1-…` → `quay.io/ascend/cann`.
            if head | 0x20 == UInt8(ascii: "f"), let image = DockerSyntax.baseImage(line) { return [image] }
            let lower = line.lowercasedByBytes()
            guard lower.containsBytes("install") || lower.containsBytes(" add"), let end = installCommandEnd(lower) else { return [] }
            // The command ends at the same byte in `line` as in its lowercased copy (the command is ASCII).
            let rest = String(decoding: line.utf8.dropFirst(end), as: UTF8.self)
            return rest.split(whereSeparator: { $0 == " " || $0 == "\\" || $0 == "&" || $0 == ";" }).compactMap { token in
                // Quotes trimmed and characters tested on bytes: a RUN line can list dozens of packages.
                var text = token
                while text.first == "\"" || text.first == "'" { text.removeFirst() }
                while text.last == "\"" || text.last == "'" { text.removeLast() }
                let word = String(text)
                guard !word.hasPrefix("-"), !word.utf8.contains(UInt8(ascii: "$")), !word.utf8.contains(UInt8(ascii: "/")), !word.isEmpty,
                    word.first?.isLetter == true || word.first?.isNumber == true
                else { return nil }
                return word
            }
        case .npm:
            return first(#"^"(@?[a-z0-9][a-z0-9/._-]*)"\s*:\s*"[\^~><=]*\d"#)
        case .gomod:
            return first(#"^(?:require\s+)?([a-z0-9.-]+\.[a-z]+/\S+)\s+v\d"#)
        case .cargo:
            return first(#"^([A-Za-z0-9_-]+)\s*=\s*(?:"[\^~><=]*\d|\{)"#)
        case .swift:
            return first(#"\.package\([^)]*url:\s*"[^"]*/([^"/]+?)(?:\.git)?""#)
        case .pin:
            return []
        }
    }

    /// `pip install`, `uv pip install`, `apt-get install`, `apk add` …: the package commands a Dockerfile runs.
    static let installCommands: [[UInt8]] = ["pip3", "pip", "uv pip", "apt-get", "apt", "yum", "dnf", "apk"].flatMap { tool in
        ["install", "add"].map { Array((tool + " " + $0).utf8) }
    }

    /// The byte offset just past the first package command in a lowercased line (the leftmost one; at the
    /// same start the longer tool wins, `pip3` over `pip`), as the regex `^.*?(pip3?|uv pip|…) (install|add)`.
    static func installCommandEnd(_ lower: String) -> Int? {
        let bytes = Array(lower.utf8)
        for start in bytes.indices {
            for command in installCommands where bytes.count - start >= command.count && bytes[start] == command[0] {
                if bytes[start..<start + command.count].elementsEqual(command) { return start + command.count }
            }
        }
        return nil
    }

    /// `=<>~![`: where a version or an extra starts after a package name in an install command.
    static let versionOperatorBytes: [UInt8] = Array("=<>~![".utf8)

    /// Lowercased, `_` as `-` (`Foo_Bar` and `foo-bar` are one package).
    static func normalized(_ name: String) -> String {
        let lower = name.lowercasedByBytes()
        guard lower.utf8.contains(UInt8(ascii: "_")) else { return lower }
        return String(decoding: lower.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }
}
