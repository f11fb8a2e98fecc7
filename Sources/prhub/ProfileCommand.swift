import ArgumentParser
import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubStore

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Print the repository profile a report would use, as YAML ready to edit.",
        discussion: """
            The profile says where the core paths are, how folders map to modules, which paths are tests,
            docs and CI, label aliases, platform keywords, environment-variable patterns and registries,
            dependency manifests and bot accounts. PRHub takes --profile FILE, else .prhub.yml at the clone's
            root, else its preset for vllm-project/vllm, sgl-project/sglang or vllm-project/vllm-ascend, else
            one inferred from the history (ingested first). Save the output as .prhub.yml to adjust it.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Local clone.", valueName: "DIR"))
    var git: String?

    @Option(name: .long, help: ArgumentHelp("GitHub OWNER/NAME (default: from the origin remote).", valueName: "OWNER/NAME"))
    var repo: String?

    @Option(name: .long, help: ArgumentHelp("A profile to check and print.", valueName: "FILE"))
    var profile: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let repository = try git.map(GitRepository.init(path:))
        let name = try RepositoryResolver.name(explicit: repo, repository: repository)
        let opened = try Store.open(store.db)
        // The declared profile (file, `.prhub.yml`, preset) is read once, for the ingest's diff filter and the output.
        let declared = try ProfileResolver.declared(file: profile, repository: repository, name: name)
        if let repository {
            let wantsDiff = ProfileResolver.diffFilter(declared: declared)
            let result = try Ingestion(store: opened, repository: repository, name: name, wantsDiff: wantsDiff).run(progress: Progress.line)
            Progress.finish(notices: result.notices)
        }
        let (chosen, reasons) = try ProfileResolver.explained(declared: declared, name: name, store: opened)
        var header = "# PRHub profile for \(name) (\(chosen.origin ?? "file")). Save as .prhub.yml at the repository root to edit.\n"
        for reason in reasons {
            header += "# why: \(reason)\n"
        }
        try StandardStreams.out((header + (try ProfileYAML.encode(chosen))))
    }
}
