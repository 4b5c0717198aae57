import GRDB
import PainmapJourney
import XCTest
@testable import PainmapStore

final class BatchWriterTests: XCTestCase {
    func doc(_ id: String, _ text: String) -> (DocumentInput, FeedbackAnalysis) {
        (DocumentInput(line: 1, externalID: id, createdAt: 1_780_000_000, channel: "email", rating: nil, text: text,
                       contentHash: ContentHash.of(source: "s", createdAt: 1_780_000_000, text: text), extra: nil),
         FakeAnalysis.analyze(text))
    }

    /// A writer for an import of source "s" (the rows documents refer to).
    func writer(_ db: Database) throws -> BatchWriter {
        let analysisID = try AnalysisRecord.id(for: FakeAnalysis.versions, in: db)
        try db.execute(sql: """
            INSERT INTO imports (file, format, profile, source, mapping, options, started_at) VALUES ('f', 'csv', 'generic', 's', '{}', '{}', '')
            """)
        return BatchWriter(db: db, importID: db.lastInsertedRowID, source: "s", analysisID: analysisID)
    }

    /// A batch holding documents that another writer stored after the batch was checked (here: stored
    /// before, bypassing the check) writes only the new ones, and only their touchpoints and pain points.
    func testDocumentsStoredMeanwhileAreSkippedWithTheirParts() throws {
        let store = try PainmapStore.inMemory()
        let texts = (0..<150).map { "Parcel \($0) arrived late and broken" }
        let (first, second) = try store.writer.write { db in
            let w = try writer(db)
            let a = try w.insert((0..<100).map { doc("\($0)", texts[$0]) })
            let b = try w.insert((50..<150).map { doc("\($0)", texts[$0]) })
            return (a, b)
        }
        XCTAssertEqual(first.stored, 100)
        XCTAssertEqual(second.stored, 50, "ids 50..<100 were there already")
        XCTAssertEqual(second.ids?.count, 100, "the range covers the ids handed out, used or not")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents"), 150)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points"), 150, "one pain point per document, none twice")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM document_touchpoints"), 150)
        XCTAssertEqual(try count(store, """
            SELECT count(*) FROM pain_points p JOIN documents d ON d.id = p.document_id
            WHERE p.text != substr(d.text, 1, 60)
            """), 0, "every pain point belongs to the document it was analysed from")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE pain_count != (SELECT count(*) FROM pain_points WHERE document_id = documents.id)"), 0)
    }

    /// Multi-row statements: batches of other sizes than a whole number of statements, empty strings and NULLs.
    func testAnyBatchSizeRoundTrips() throws {
        let store = try PainmapStore.inMemory()
        for n in [1, 63, 64, 65, 130] {
            let docs = (0..<n).map { k -> (DocumentInput, FeedbackAnalysis) in
                var d = doc("\(n)-\(k)", "App crash number \(k) of \(n)")
                d.0.channel = k % 2 == 0 ? nil : ""
                d.0.rating = k % 3 == 0 ? Double(k) : nil
                return d
            }
            let r = try store.writer.write { db in try writer(db).insert(docs) }
            XCTAssertEqual(r.stored, n)
        }
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents"), 1 + 63 + 64 + 65 + 130)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE channel IS NULL"), 163)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE channel = ''"), 160)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE text = 'App crash number 64 of 130' AND external_id = '130-64'"), 1)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE rating = 129"), 1)
    }
}
