import PRHubAnalysis
import PRHubModel

/// Turns an analysis into the digest: the same value for every language (its few texts — theme titles,
/// recommendations — are in English; writers say them in the report's language from their keys).
public enum DigestBuilder {
    public static func digest(_ analysis: WeekAnalysis) -> Digest {
        let zone = analysis.period.zone
        let prs = analysis.prs.map { item in
            let pr = item.pullRequest
            var digestPR = Digest.PR(
                number: pr.number, title: pr.title, author: pr.login ?? pr.authorName, login: pr.login,
                mergedAt: zone.iso8601(pr.mergedAt), labels: item.labels, modules: item.modules,
                additions: pr.additions, deletions: pr.deletions,
                files: pr.files.map { Digest.File(path: $0.path, additions: $0.additions, deletions: $0.deletions) },
                importance: item.importance, insight: item.insight, risks: item.findings.map(\.kind),
                reverts: item.reverts, fixes: item.fixes, summary: item.summary, evidence: item.findings,
                claims: item.claims, userFacing: item.userFacing, breaking: item.breaking, issues: item.issues,
                revertedBy: item.revertedBy, fixedBy: item.fixedBy, review: item.review)
            digestPR.kind = item.kind
            digestPR.topics = item.topics.topics.filter { $0.value >= 2 }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key.key)
            digestPR.figures = item.figures
            digestPR.impacts = item.impacts
            digestPR.sizeKnown = pr.filesKnown && pr.files.allSatisfy(\.linesKnown)
            return digestPR
        }
        let highlighted = analysis.prs.filter { analysis.highlights.contains($0.pullRequest.number) }
        func average(_ values: [Int]) -> Double {
            values.isEmpty ? 0 : (Double(values.reduce(0, +)) / Double(values.count) * 10).rounded() / 10
        }
        var digest = Digest(
            repo: analysis.repository,
            period: .init(
                week: analysis.period.week?.description, start: analysis.period.start, end: analysis.period.end,
                timeZone: zone.name),
            prCount: analysis.prs.count, directCommitCount: analysis.directCommitCount,
            highlightCount: analysis.highlights.count,
            averageImportance: average(highlighted.map(\.importance)), averageInsight: average(highlighted.map(\.insight)),
            labels: analysis.labels.map { .init(name: $0.name, count: $0.count) },
            authors: analysis.authors.map { .init(name: $0.name, login: $0.login, count: $0.count, focus: $0.focus) },
            hotFiles: analysis.hotFiles.map { .init(path: $0.path, count: $0.count) },
            modules: analysis.modules.map { .init(name: $0.name, count: $0.count) },
            risks: analysis.risks.map { .init(kind: $0.kind, count: $0.prs.count, prs: $0.prs) },
            highlights: analysis.highlights,
            themes: analysis.themes.map {
                .init(key: $0.topic.key, title: Wording.topicTitle($0.topic, subject: $0.subject, .en), subject: $0.subject, prs: $0.prs)
            },
            prs: prs,
            recommendations: analysis.recommendations.map {
                var recommendation = Digest.Recommendation(
                    kind: $0.kind, text: "", prs: $0.prs, subjects: $0.subjects, related: $0.related, count: $0.count)
                recommendation.text = Wording.recommendation(recommendation, .en).plainText
                return recommendation
            })
        if analysis.prs.contains(where: { $0.review != nil }) {
            digest.reviewers = analysis.reviewers.map { .init(name: $0.name, count: $0.count) }
        }
        return digest
    }
}
