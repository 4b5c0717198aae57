import Foundation
import GRDB
import PainmapJourney
import PainmapText
import XCTest
@testable import PainmapStore

/// Touchpoint and pain point rows carry their document's (source, channel) pair as `origin`: every writer
/// fills it, the migration fills it for an older file, and filtering on it gives what filtering through the
/// documents gives.
final class OriginTests: XCTestCase {
    /// Two sources, four channels and documents without a channel.
    func makeStore(_ dir: TempDir) throws -> PainmapStore {
        let store = try PainmapStore(path: dir.path + "/o.sqlite")
        let texts = ["my parcel delivery is late", "the app crash again", "I was charged twice on my bill", "I love the lamp",
                     "the lamp arrived broken", "please cancel as the parcel never came"]
        for (source, channels) in [("helpdesk", ["email", "chat", ""]), ("appreviews", ["app store", "google play", "email"])] {
            var csv = "id,text,date,channel\n"
            for i in 0..<240 {
                csv += "\(i),\(texts[i % texts.count]) \(i),2026-0\(1 + i / 40)-1\(i % 10)T10:00:00Z,\(channels[i % channels.count])\n"
            }
            _ = try ingest(store, dir.file("\(source).csv", csv)) { $0.columns.source = source }
        }
        return store
    }

    /// Every fact row's origin is its document's source and channel.
    func assertOriginsMatchDocuments(_ store: PainmapStore, file: StaticString = #filePath, line: UInt = #line) throws {
        for table in ["document_touchpoints", "pain_points"] {
            XCTAssertGreaterThan(try count(store, "SELECT count(*) FROM \(table)"), 0, table, file: file, line: line)
            XCTAssertEqual(try count(store, """
                SELECT count(*) FROM \(table) x JOIN documents d ON d.id = x.document_id LEFT JOIN origins o ON o.id = x.origin
                WHERE o.id IS NULL OR o.source IS NOT d.source OR o.channel IS NOT d.channel
                """), 0, "\(table) rows whose origin is not their document's", file: file, line: line)
        }
    }

    /// The filter combinations checked: one value, several, both columns, values that match nothing.
    static let filters: [QueryFilters] = [
        QueryFilters(sources: ["helpdesk"]), QueryFilters(sources: ["appreviews", "helpdesk"]), QueryFilters(channels: ["email"]),
        QueryFilters(channels: ["chat", "Google Play"]), QueryFilters(sources: ["appreviews"], channels: ["email"]),
        QueryFilters(sources: ["helpdesk"], channels: ["app store"]), QueryFilters(sources: ["nowhere"]),
        QueryFilters(sources: ["helpdesk"], channels: ["email"], phases: ["usage"]),
    ]
    /// The filters that no document passes.
    static let passNothing: Set<QueryFilters> = [QueryFilters(sources: ["nowhere"]), QueryFilters(sources: ["helpdesk"], channels: ["app store"])]

    /// Counts through the store's filter (on `origin`) against the same counts through the documents table.
    func assertFiltersMatchDocuments(_ store: PainmapStore, file: StaticString = #filePath, line: UInt = #line) throws {
        for f in OriginTests.filters {
            var docs = SQLFilter()
            docs.addIn("source", f.sources)
            docs.addIn("channel", f.channels)
            for (table, key) in [(FactTable.touchpoints, "t.touchpoint"), (.painPoints, "p.phrase")] {
                for days in [nil, Period(start: DateParser.daysFromCivil(2026, 3, 1), end: DateParser.daysFromCivil(2026, 4, 30))] {
                    let viaOrigin = SQLFilter(f, table: table, days: days)
                    let viaDocuments = SQLFilter(QueryFilters(since: f.since, until: f.until, phases: f.phases), table: table, days: days)
                        .and("\(table.documentID) IN (SELECT id FROM documents\(docs.sql))", docs.values)
                    let (a, b) = try store.read { db in
                        try [viaOrigin, viaDocuments].map { w in
                            try Row.fetchAll(db, sql: "SELECT \(key), count(*), total(\(table.alias).sentiment) FROM \(table.from)\(w.sql) GROUP BY 1 ORDER BY 1",
                                             arguments: w.arguments).map { "\($0[0] as String? ?? "-") \($0[1] as Int) \($0[2] as Double)" }
                        }.pair
                    }
                    XCTAssertEqual(a, b, "\(table.name) \(f) \(String(describing: days))", file: file, line: line)
                    if !OriginTests.passNothing.contains(f) { XCTAssertFalse(a.isEmpty, "\(table.name) \(f)", file: file, line: line) }
                }
            }
        }
    }

    /// The queries' figures with a source or channel filter equal what the rows of the passing documents give.
    func assertQueriesMatchDocuments(_ store: PainmapStore, file: StaticString = #filePath, line: UInt = #line) throws {
        for f in OriginTests.filters where f.phases.isEmpty {
            var docs = SQLFilter()
            docs.addIn("d.source", f.sources)
            docs.addIn("d.channel", f.channels)
            let phrases = try store.top(by: .phrase, filters: f, defaultDays: nil, limit: 1000).rows.map { "\($0.key) \($0.volume)" }.sorted()
            let expectedPhrases = try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT p.phrase, count(*) FROM pain_points p JOIN documents d ON d.id = p.document_id\(docs.sql) GROUP BY 1
                    """, arguments: docs.arguments).map { "\($0[0] as String) \($0[1] as Int)" }.sorted()
            }
            XCTAssertEqual(phrases, expectedPhrases, "top by phrase \(f)", file: file, line: line)
            let touchpoints = try store.top(by: .touchpoint, filters: f, defaultDays: nil, limit: 1000).rows.map { "\($0.key) \($0.volume)" }.sorted()
            let expectedTouchpoints = try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT t.touchpoint, count(*) FROM document_touchpoints t JOIN documents d ON d.id = t.document_id\(docs.sql) GROUP BY 1
                    """, arguments: docs.arguments).map { "\($0[0] as String) \($0[1] as Int)" }.sorted()
            }
            XCTAssertEqual(touchpoints, expectedTouchpoints, "top by touchpoint \(f)", file: file, line: line)
            let cells = try store.journey(filters: f).cells.map { "\($0.phase)/\($0.touchpoint) \($0.documents) \($0.painPoints)" }
            let expectedCells = try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT t.phase, t.touchpoint, count(*),
                      (SELECT count(*) FROM pain_points p JOIN documents d2 ON d2.id = p.document_id
                       WHERE p.phase = t.phase AND p.touchpoint = t.touchpoint AND d2.id IN (SELECT d.id FROM documents d\(docs.sql)))
                    FROM document_touchpoints t JOIN documents d ON d.id = t.document_id\(docs.sql) GROUP BY 1, 2 ORDER BY 1, 2
                    """, arguments: docs.arguments(after: docs.values)).map { "\($0[0] as String)/\($0[1] as String) \($0[2] as Int) \($0[3] as Int)" }
            }
            XCTAssertEqual(cells, expectedCells, "journey \(f)", file: file, line: line)
            let stats = try store.stats(filters: f)
            XCTAssertEqual(stats.painPoints, try count(store, "SELECT count(*) FROM pain_points p JOIN documents d ON d.id = p.document_id\(docs.sql)",
                                                       docs.arguments), "stats \(f)", file: file, line: line)
            XCTAssertEqual(stats.touchpointMentions, try count(store, "SELECT count(*) FROM document_touchpoints t JOIN documents d ON d.id = t.document_id\(docs.sql)",
                                                               docs.arguments), "stats \(f)", file: file, line: line)
        }
    }

    func testEveryIngestedFactRowCarriesItsDocumentsOriginAndFiltersMatchTheDocuments() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        XCTAssertEqual(try store.read { db in try Row.fetchAll(db, sql: "SELECT source, channel FROM origins ORDER BY id").map { "\($0[0] as String)/\($0[1] as String? ?? "NULL")" } },
                       ["helpdesk/email", "helpdesk/chat", "helpdesk/NULL", "appreviews/app store", "appreviews/google play", "appreviews/email"])
        try assertOriginsMatchDocuments(store)
        try assertFiltersMatchDocuments(store)
        try assertQueriesMatchDocuments(store)
        // A second ingest of the same source reuses its pairs.
        var csv = "id,text,date,channel\n"
        for i in 1000..<1010 { csv += "\(i),the app crash again \(i),2026-05-0\(1 + i % 9),chat\n" }
        _ = try ingest(store, dir.file("more.csv", csv)) { $0.columns.source = "helpdesk" }
        XCTAssertEqual(try count(store, "SELECT count(*) FROM origins"), 6)
        try assertOriginsMatchDocuments(store)
    }

    /// Reanalysis rewrites the fact rows, and labels add or update them: the origins stay right.
    func testReanalysisAndLabelsKeepTheOrigins() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        let lamps = try store.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM documents WHERE text LIKE 'the lamp arrived%' ORDER BY source, id LIMIT 30")
        }
        let parcels = try store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM documents WHERE text LIKE 'my parcel%' ORDER BY id DESC LIMIT 20") }
        try store.addLabels(lamps.map { LabelRecord(documentId: $0, kind: "touchpoint", value: "product") }
                            + parcels.map { LabelRecord(documentId: $0, kind: "phase", value: "retention") })
        XCTAssertGreaterThan(try count(store, "SELECT count(*) FROM document_touchpoints WHERE touchpoint = 'product'"), 0)
        try assertOriginsMatchDocuments(store)
        try assertFiltersMatchDocuments(store)
        try assertQueriesMatchDocuments(store)

        let v2 = AnalysisVersions(lexicon: "test-lexicon", topicModel: "test-topics-2", phaseModel: "test-phases", journey: "test@1")
        let reanalyzer = Reanalyzer(store: store, versions: v2, workers: 2) { _, text in
            var a = FakeAnalysis.analyze(text)
            if a.topic.label == "app_crash" { a.touchpoints.append(TouchpointMatch(id: "website", score: 0.5, evidence: "app", span: Span(4, 7))) }
            return a
        }
        XCTAssertEqual(try reanalyzer.run(batchSize: 50).updated, 480)
        XCTAssertGreaterThan(try count(store, "SELECT count(*) FROM document_touchpoints WHERE touchpoint = 'website'"), 0)
        XCTAssertGreaterThan(try count(store, "SELECT count(*) FROM document_touchpoints WHERE touchpoint = 'product'"), 0, "labels applied again")
        try assertOriginsMatchDocuments(store)
        try assertFiltersMatchDocuments(store)
        try assertQueriesMatchDocuments(store)
    }

    /// Only a person in sqlite3 changes a document's source or channel, or inserts a fact row: the triggers
    /// keep the copies right.
    func testChangesByHandKeepTheOrigins() throws {
        let dir = TempDir()
        let store = try makeStore(dir)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE documents SET channel = 'phone' WHERE source = 'helpdesk' AND channel = 'chat'")
            try db.execute(sql: "UPDATE documents SET source = 'moved', channel = NULL WHERE id % 7 = 0")
            let doc = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE source = 'appreviews' AND channel = 'email' LIMIT 1")!
            try db.execute(sql: """
                INSERT INTO document_touchpoints (document_id, touchpoint, score, evidence, span_start, span_end, day, phase, topic,
                  sentiment, severity, churn_risk) VALUES (?, 'by_hand', 1, 'x', 0, 1, 20500, 'usage', 'other', 0, 0, 0)
                """, arguments: [doc])
            try db.execute(sql: """
                INSERT INTO pain_points (document_id, ordinal, span_start, span_end, text, phrase, phrase_surface, touchpoint, phase,
                  topic, severity, churn_risk, sentiment, day) VALUES (?, 99, 0, 1, 'x', 'by hand', 'by hand', NULL, 'usage', 'other', 0.5, 0, -0.5, 20500)
                """, arguments: [doc])
        }
        XCTAssertEqual(try count(store, "SELECT count(*) FROM origins WHERE source = 'moved' AND channel IS NULL"), 1)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM document_touchpoints WHERE origin IS NULL"), 0)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points WHERE origin IS NULL"), 0)
        try assertOriginsMatchDocuments(store)
        try assertFiltersMatchDocuments(store)
        XCTAssertEqual(try store.top(by: .touchpoint, filters: QueryFilters(sources: ["appreviews"], channels: ["email"]), defaultDays: nil)
                        .rows.first { $0.key == "by_hand" }?.volume, 1)
        XCTAssertGreaterThan(try store.top(by: .phrase, filters: QueryFilters(sources: ["moved"]), defaultDays: nil).total, 0)
        XCTAssertEqual(try store.top(by: .phrase, filters: QueryFilters(channels: ["chat"]), defaultDays: nil).total, 0, "no chat left")
    }

    /// A file made by the previous schema (v9) gets its origins filled when it is opened.
    func testMigrationFillsTheOriginsOfAnOlderFile() throws {
        let dir = TempDir()
        let path = dir.path + "/old.sqlite"
        let v9 = "v9-report-covering-indexes"
        XCTAssertEqual(Schema.migrationNames.last, "v10-fact-origin")
        do {
            let old = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(old, upTo: v9)
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO analyses VALUES (1, 'l', 't', 'p', 'j', '2026-01-01T00:00:00Z');
                    INSERT INTO imports (id, file, format, profile, source, mapping, options, started_at) VALUES (1, 'f', 'csv', 'generic', 's', '{}', '{}', 'x');
                    """)
                let origins: [(String, String?)] = [("a", "email"), ("a", "chat"), ("a", nil), ("b", "email")]
                for i in 1...200 {
                    let (source, channel) = origins[i % origins.count]
                    try db.execute(sql: """
                        INSERT INTO documents (id, import_id, source, external_id, line, channel, created_at, day, language, text, normalized_text,
                          content_hash, sentiment, sentiment_label, topic, topic_confidence, phase, phase_confidence, analysis_id)
                        VALUES (?, 1, ?, ?, ?, ?, NULL, ?, 'en', 'text', 'text', ?, -0.5, 'negative', 'topic', 1, ?, 1, 1)
                        """, arguments: [i, source, "e\(i)", i, channel, 20000 + i % 30, "h\(i)", ["usage", "purchase"][i % 2]])
                    for tp in ["delivery", "payment"].prefix(1 + i % 2) {
                        try db.execute(sql: """
                            INSERT INTO document_touchpoints VALUES (?, ?, 1, 'x', 0, 1, ?, ?, 'topic', -0.5, 0.5, 0)
                            """, arguments: [i, tp, 20000 + i % 30, ["usage", "purchase"][i % 2]])
                    }
                    for k in 0..<(i % 3) {
                        try db.execute(sql: """
                            INSERT INTO pain_points (document_id, ordinal, span_start, span_end, text, phrase, phrase_surface, touchpoint, phase,
                              topic, severity, churn_risk, sentiment, day) VALUES (?, ?, 0, 1, 'x', ?, 'p', 'delivery', ?, 'topic', 0.5, 0, -0.5, ?)
                            """, arguments: [i, k, "phrase \(k)", ["usage", "purchase"][i % 2], 20000 + i % 30])
                    }
                }
            }
            XCTAssertFalse(try old.read { db in try db.columns(in: "pain_points").contains { $0.name == "origin" } })
        }
        let store = try PainmapStore(path: path)
        XCTAssertEqual(try store.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }, Schema.migrationNames)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM origins"), 4)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points WHERE origin IS NULL"), 0)
        try assertOriginsMatchDocuments(store)
        for f in [QueryFilters(sources: ["a"]), QueryFilters(channels: ["email"]), QueryFilters(sources: ["a"], channels: ["chat"])] {
            var docs = SQLFilter()
            docs.addIn("d.source", f.sources)
            docs.addIn("d.channel", f.channels)
            XCTAssertEqual(try store.stats(filters: f).painPoints,
                           try count(store, "SELECT count(*) FROM pain_points p JOIN documents d ON d.id = p.document_id\(docs.sql)", docs.arguments))
            XCTAssertEqual(try store.top(by: .touchpoint, filters: f, defaultDays: nil).rows.map(\.volume).reduce(0, +),
                           try count(store, "SELECT count(*) FROM document_touchpoints t JOIN documents d ON d.id = t.document_id\(docs.sql)", docs.arguments))
        }
        // The covering indexes carry origin.
        for index in ["pain_points_by_phrase", "pain_points_by_cell", "document_touchpoints_by_touchpoint", "document_touchpoints_by_phase"] {
            let columns = try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?)", arguments: [index]) }
            XCTAssertEqual(columns.last, "origin", index)
        }
    }
}

private extension Array {
    /// The two elements of a two-element array.
    var pair: (Element, Element) { (self[0], self[1]) }
}
