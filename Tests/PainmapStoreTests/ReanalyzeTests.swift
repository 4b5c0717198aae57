import Foundation
import GRDB
import PainmapJourney
import PainmapSentiment
import PainmapText
import XCTest
@testable import PainmapStore

final class ReanalyzeTests: XCTestCase {
    /// The journey from the rollups equals the journey from the document tables.
    func assertRollupsMatchRows(_ store: PainmapStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let fromRollups = try store.journey()
        let sources = try store.stats().bySource.map(\.key)
        let fromRows = try store.journey(filters: QueryFilters(sources: sources))   // a source filter takes the row path
        XCTAssertEqual(fromRollups.cells.map { "\($0.phase)/\($0.touchpoint) \($0.documents) \($0.painPoints) \($0.topPainPoint ?? "-")" },
                       fromRows.cells.map { "\($0.phase)/\($0.touchpoint) \($0.documents) \($0.painPoints) \($0.topPainPoint ?? "-")" },
                       file: file, line: line)
        XCTAssertEqual(fromRollups.phaseDocuments.mapValues(\.count), fromRows.phaseDocuments.mapValues(\.count), file: file, line: line)
        let phrases = try store.read { db in
            try [true, false].map { rollup in
                try TopQuery.aggregate(db, dim: .phrase, filters: QueryFilters(), period: nil, order: nil, limit: nil, rollup: rollup).0
                    .map { "\($0.key) \($0.current) \($0.churn)" }.sorted()
            }
        }
        XCTAssertEqual(phrases[0], phrases[1], "pain_daily against pain_points", file: file, line: line)
        for c in fromRollups.cells {
            XCTAssertEqual(c.meanSentiment, fromRows.cell(c.phase, c.touchpoint)!.meanSentiment, accuracy: 1e-9, file: file, line: line)
        }
    }

    func testReanalyzeReplacesOldAnalysesAndKeepsRollupsRight() throws {
        let dir = TempDir()
        let store = try PainmapStore(path: dir.path + "/r.sqlite")
        var csv = "id,text,date\n"
        for i in 0..<300 {
            let text = ["my parcel is late", "the app crash again", "charged twice on my bill", "love it"][i % 4]
            csv += "\(i),\(text) \(i),2026-0\(1 + i % 5)-0\(1 + i % 9)\n"
        }
        csv += "999,undated parcel is late,\n"
        _ = try ingest(store, dir.file("a.csv", csv))
        try assertRollupsMatchRows(store)

        // A new model: everything about delivery is now a retention problem at the "courier" touchpoint.
        let v2 = AnalysisVersions(lexicon: "test-lexicon", topicModel: "test-topics-2", phaseModel: "test-phases", journey: "test@1")
        let reanalyzer = Reanalyzer(store: store, versions: v2, workers: 2) { _, text in
            var a = FakeAnalysis.analyze(text)
            if a.topic.label == "delivery_delay" {
                a.phase = LabelScore(label: "retention", confidence: 1)
                a.touchpoints = [TouchpointMatch(id: "courier", score: 2, evidence: "parcel", span: Span(3, 9))]
                a.painPoints = a.painPoints.map { var p = $0; p.touchpoint = "courier"; p.phase = "retention"; p.phrase = "courier late"; p.phraseSurface = "courier late"; return p }
            }
            return a
        }
        XCTAssertEqual(try reanalyzer.outdatedCount(), 301)
        let s = try reanalyzer.run(batchSize: 64)
        XCTAssertEqual(s.updated, 301)
        XCTAssertEqual(try reanalyzer.outdatedCount(), 0)
        XCTAssertEqual(try reanalyzer.run().updated, 0, "nothing left to do")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE phase = 'retention'"), 76)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM document_touchpoints WHERE touchpoint = 'delivery'"), 0)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM document_touchpoints WHERE touchpoint = 'courier' AND phase = 'retention'"), 76)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points WHERE phrase = 'courier late' AND phase = 'retention'"), 76)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points WHERE phrase = 'delivery late'"), 0)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'parcel'"), 76, "text and search untouched")
        XCTAssertEqual(try count(store, "SELECT count(DISTINCT analysis_id) FROM documents"), 1)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM analyses"), 2)
        XCTAssertEqual(try store.stats().analyses.map(\.documents), [0, 301], "documents per analysis")
        try assertRollupsMatchRows(store)
        let cell = try XCTUnwrap(try store.journey().cell("retention", "courier"))
        XCTAssertEqual(cell.documents, 76)
        XCTAssertEqual(cell.topPainPoint, "courier late")

        // --all re-analyses everything, and rows deleted by hand leave the rollups right too.
        XCTAssertEqual(try reanalyzer.run(all: true).updated, 301)
        try store.writer.write { db in try db.execute(sql: "DELETE FROM documents WHERE id % 3 = 0") }
        try assertRollupsMatchRows(store)
    }

    /// A person's topic and phase corrections change what the queries count, keep the rollups right, and are
    /// applied again when reanalyze replaces the analysis.
    func testLabelsCorrectTheQueriesAndOutliveReanalysis() throws {
        let dir = TempDir()
        let store = try PainmapStore(path: dir.path + "/l.sqlite")
        var csv = "id,text,date\n"
        for i in 0..<40 { csv += "\(i),\(["my parcel is late", "the app crash again"][i % 2]) \(i),2026-03-0\(1 + i % 9)\n" }
        _ = try ingest(store, dir.file("a.csv", csv))
        func topics() throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try store.top(by: .topic, filters: QueryFilters(), defaultDays: nil).rows.map { ($0.key, $0.volume) })
        }
        let before = try topics()
        XCTAssertEqual(before["delivery_delay"], 20)
        let parcels = try store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM documents WHERE text LIKE 'my parcel%' ORDER BY id LIMIT 5") }
        try store.addLabels(parcels.flatMap { [LabelRecord(documentId: $0, kind: "topic", value: "courier"),
                                               LabelRecord(documentId: $0, kind: "phase", value: "retention"),
                                               LabelRecord(documentId: $0, kind: "sentiment", value: "neutral")] })
        XCTAssertEqual(try topics()["delivery_delay"], 15)
        XCTAssertEqual(try topics()["courier"], 5)
        XCTAssertEqual(try store.journey().phaseDocuments["retention"]?.count, 5)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points WHERE topic = 'courier' AND phase = 'retention'"), 5)
        try assertRollupsMatchRows(store)

        // A new model analyses everything again: the corrections stay.
        let v2 = AnalysisVersions(lexicon: "test-lexicon", topicModel: "test-topics-2", phaseModel: "test-phases", journey: "test@1")
        XCTAssertEqual(try Reanalyzer(store: store, versions: v2, workers: 2) { _, text in FakeAnalysis.analyze(text) }.run(batchSize: 8).updated, 40)
        XCTAssertEqual(try topics()["courier"], 5)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE phase = 'retention' AND sentiment_label = 'neutral'"), 5)
        try assertRollupsMatchRows(store)
        XCTAssertEqual(try store.labels(kind: .topic).compactMap(\.modelValue), Array(repeating: "delivery_delay", count: 5))
    }

    /// A touchpoint label adds the touchpoint (the analysis's stay), gives it to the pain points that had none,
    /// is counted by `top --by touchpoint` and the journey, and outlives reanalysis.
    func testTouchpointLabelsAddATouchpointAndOutliveReanalysis() throws {
        let dir = TempDir()
        let store = try PainmapStore(path: dir.path + "/t.sqlite")
        var csv = "id,text,date\n"
        for i in 0..<12 { csv += "\(i),\(["the lamp arrived broken", "my parcel is late", "the app crash again"][i % 3]) \(i),2026-03-0\(1 + i % 9)\n" }
        _ = try ingest(store, dir.file("a.csv", csv))
        func touchpoints() throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try store.top(by: .touchpoint, filters: QueryFilters(), defaultDays: nil).rows.map { ($0.key, $0.volume) })
        }
        XCTAssertEqual(try touchpoints()["delivery"], 4)
        let lamps = try store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM documents WHERE text LIKE 'the lamp%' ORDER BY id LIMIT 2") }
        let parcel = try store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE text LIKE 'my parcel%' LIMIT 1")! }
        XCTAssertFalse(try store.hasTouchpoint("product"))
        try store.addLabels(lamps.map { LabelRecord(documentId: $0, kind: "touchpoint", value: "delivery") }
                            + [LabelRecord(documentId: parcel, kind: "touchpoint", value: "delivery"),
                               LabelRecord(documentId: parcel, kind: "touchpoint", value: "product")])
        XCTAssertEqual(try touchpoints()["delivery"], 6, "two lamps added; the parcel had delivery already")
        XCTAssertEqual(try touchpoints()["product"], 1)
        XCTAssertEqual(try touchpoints()["mobile_app"], 4, "other touchpoints stay")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM document_touchpoints WHERE document_id = ?", [parcel]), 2, "added, not replaced")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points WHERE touchpoint = 'delivery' AND document_id IN (?, ?)", [lamps[0], lamps[1]]), 2,
                       "the lamps' pain points had no touchpoint and get the label's")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points WHERE touchpoint = 'product'"), 0, "a pain point's own touchpoint stays")
        XCTAssertEqual(try store.labels(document: parcel, kind: .touchpoint).map(\.modelValue), ["delivery", "delivery"],
                       "the model's touchpoints, not the labels' additions")
        XCTAssertEqual(try store.labels(document: lamps[0], kind: .touchpoint).map(\.modelValue), ["none"])
        try assertRollupsMatchRows(store)

        let v2 = AnalysisVersions(lexicon: "test-lexicon", topicModel: "test-topics-2", phaseModel: "test-phases", journey: "test@1")
        XCTAssertEqual(try Reanalyzer(store: store, versions: v2, workers: 2) { _, text in FakeAnalysis.analyze(text) }.run(batchSize: 5).updated, 12)
        XCTAssertEqual(try touchpoints()["delivery"], 6)
        XCTAssertEqual(try touchpoints()["product"], 1)
        try assertRollupsMatchRows(store)
    }
}
