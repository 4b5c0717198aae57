import Foundation
import GRDB
import PainmapJourney
import PainmapSentiment
import PainmapText
import XCTest
@testable import PainmapStore

/// A deterministic stand-in for `FeedbackAnalyzer`: store tests check the store, not the models.
/// Topic and touchpoint come from keywords; every text with "late", "crash", "broken" or "never" has a pain point.
enum FakeAnalysis {
    static let versions = AnalysisVersions(lexicon: "test-lexicon", topicModel: "test-topics", phaseModel: "test-phases", journey: "test@1")

    static func analyze(_ text: String) -> FeedbackAnalysis {
        let lower = text.lowercased()
        var topic = "other", touchpoint: String? = nil, phase = "usage"
        if lower.contains("deliver") || lower.contains("parcel") { topic = "delivery_delay"; touchpoint = "delivery" }
        else if lower.contains("crash") || lower.contains("app") { topic = "app_crash"; touchpoint = "mobile_app" }
        else if lower.contains("bill") || lower.contains("charge") { topic = "billing_error"; touchpoint = "payment"; phase = "purchase" }
        else if lower.contains("cancel") { topic = "cancellation"; phase = "retention" }
        var s = SentimentScore.neutralScore
        let negative = ["late", "crash", "broken", "never", "charged twice"].contains { lower.contains($0) }
        s.compound = negative ? -0.6 : (lower.contains("love") ? 0.7 : 0)
        var pains: [PainPoint] = []
        if negative {
            let phrase = topic == "delivery_delay" ? "delivery late" : topic == "app_crash" ? "app crash" : "\(topic) problem"
            pains.append(PainPoint(text: String(text.prefix(60)), span: Span(0, min(60, text.count)), phrase: phrase,
                                   phraseSurface: phrase.replacingOccurrences(of: "_", with: " "), touchpoint: touchpoint, phase: phase,
                                   topic: topic, severity: lower.contains("never") ? 0.9 : 0.5, churnRisk: lower.contains("cancel"),
                                   sentiment: -0.6))
        }
        let tps = touchpoint.map { [TouchpointMatch(id: $0, score: 1, evidence: $0, span: Span(0, 1))] } ?? []
        return FeedbackAnalysis(language: "en", normalizedText: text, sentiment: s, topic: LabelScore(label: topic, confidence: 0.9),
                                phase: LabelScore(label: phase, confidence: 0.8), touchpoints: tps, painPoints: pains)
    }
}

/// A temporary folder removed after the test.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "painmap-store-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String, _ contents: String) -> String {
        let p = path + "/" + name
        try! contents.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }
    func file(_ name: String, bytes: [UInt8]) -> String {
        let p = path + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

extension XCTestCase {
    func makeIngester(_ store: PainmapStore, workers: Int = 2) -> Ingester {
        Ingester(store: store, versions: FakeAnalysis.versions, workers: workers) { _, text in FakeAnalysis.analyze(text) }
    }

    func ingest(_ store: PainmapStore, _ path: String, _ configure: (inout IngestOptions) -> Void = { _ in }) throws -> IngestSummary {
        var o = IngestOptions()
        configure(&o)
        return try makeIngester(store).ingest(path: path, options: o)
    }

    func count(_ store: PainmapStore, _ sql: String, _ args: StatementArguments = StatementArguments()) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: sql, arguments: args) ?? -1 }
    }

    /// The invariant every ingest keeps.
    func assertBalanced(_ s: IngestSummary, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(s.read, s.stored + s.duplicates + s.rejected, "read = stored + duplicates + rejected", file: file, line: line)
    }
}

