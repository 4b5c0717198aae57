import Foundation
import GRDB
import XCTest
@testable import PainmapStore

final class IngestTests: XCTestCase {
    let tickets = """
        Ticket ID,Subject,Description,Created at,Channel,Satisfaction\r
        1,Parcel late,"Delivery is a week late.\r
        Second line of the body, with a comma.",2026-03-14 09:41:07,Email,good\r
        2,App crash,"The app crashed ""again"" at checkout",2026-03-15 10:00:00,chat,bad\r
        3,Thanks,I love the new lamp,2026-03-16 11:00:00,web,\r

        """

    func testCSVExportIsStoredWithItsFields() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let s = try ingest(store, dir.file("tickets.csv", tickets))
        assertBalanced(s)
        XCTAssertEqual(s.read, 3); XCTAssertEqual(s.stored, 3); XCTAssertEqual(s.rejected, 0)
        XCTAssertEqual(s.mapping.profile, "zendesk")
        let row = try store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE external_id = '1'")! }
        XCTAssertEqual(row["source"], "zendesk")
        XCTAssertEqual(row["text"], "Parcel late\nDelivery is a week late.\nSecond line of the body, with a comma.")
        XCTAssertEqual(row["created_at"], "2026-03-14T09:41:07Z")
        XCTAssertEqual(row["day"], DateParser.daysFromCivil(2026, 3, 14))
        XCTAssertEqual(row["channel"], "email")
        XCTAssertEqual(row["line"], 2)
        XCTAssertEqual(row["topic"], "delivery_delay")
        XCTAssertEqual(row["extra"], #"{"Satisfaction":"good"}"#)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE text LIKE '%\"again\"%'"), 1, "doubled quotes")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points"), 2)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM document_touchpoints"), 2)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'comma'"), 1, "FTS filled in the same transaction")
        XCTAssertEqual(try count(store, "SELECT rows_read FROM imports"), 3)
        XCTAssertEqual(try store.read { db in try String.fetchOne(db, sql: "SELECT status FROM imports") }, "complete")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM analyses WHERE lexicon = 'test-lexicon'"), 1)
    }

    /// Ingest fills the search index and the journey rollups once per batch (BulkLoad); the triggers keep
    /// them right for every other writer. Either way they must equal what the rows say.
    func testSearchIndexAndRollupsMatchTheRowsAfterBatchesAndManualWrites() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        var lines: [String] = []
        for i in 0..<50 {
            let kind = ["the parcel was delivered late", "the app crashed again", "I was charged twice on my bill", "love it"][i % 4]
            lines.append("\(i),\(kind) number \(i),2026-03-\(10 + i % 7) 09:00:00,email")
        }
        let f = dir.file("t.csv", "Ticket ID,Description,Created at,Channel\n" + lines.joined(separator: "\n") + "\n")
        let s = try ingest(store, f) { $0.batchSize = 7 }
        XCTAssertEqual(s.stored, 50)
        func assertRollupsMatch(_ when: String) throws {
            let documents = """
                SELECT coalesce(day, \(Schema.undatedDay)) AS day, phase, '' AS touchpoint, count(*) AS documents,
                  round(total(sentiment), 9) AS s FROM documents GROUP BY 1, 2
                UNION ALL
                SELECT coalesce(day, \(Schema.undatedDay)), phase, touchpoint, count(*), round(total(sentiment), 9)
                FROM document_touchpoints GROUP BY 1, 2, 3
                """
            let pains = """
                SELECT coalesce(day, \(Schema.undatedDay)) AS day, phase, touchpoint, phrase, count(*) AS mentions FROM pain_points
                WHERE touchpoint IS NOT NULL GROUP BY 1, 2, 3, 4
                """
            try store.read { db in
                // Sums of sentiment are rounded: batches add them in another order.
                let want = try Row.fetchSet(db, sql: documents)
                let have = try Row.fetchSet(db, sql: """
                    SELECT day, phase, touchpoint, documents, round(sentiment_sum, 9) AS s FROM journey_daily WHERE documents > 0
                    """)
                XCTAssertEqual(have, want, "journey_daily \(when)")
                XCTAssertEqual(try Row.fetchSet(db, sql: "SELECT * FROM journey_pain_daily WHERE mentions > 0"),
                               try Row.fetchSet(db, sql: pains), "journey_pain_daily \(when)")
                XCTAssertEqual(try Row.fetchSet(db, sql: "SELECT * FROM journey_pain_total WHERE mentions > 0"),
                               try Row.fetchSet(db, sql: """
                                   SELECT phase, touchpoint, phrase, count(*) AS mentions FROM pain_points
                                   WHERE touchpoint IS NOT NULL GROUP BY 1, 2, 3
                                   """), "journey_pain_total \(when)")
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'crashed'"),
                               try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE text LIKE '%crashed%'"), "search \(when)")
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT active FROM bulk_load"), 0, "the flag never stays set")
            }
        }
        XCTAssertGreaterThan(try count(store, "SELECT count(*) FROM journey_pain_daily WHERE mentions > 0"), 0)
        try assertRollupsMatch("after a batched ingest")
        // A person adding and deleting rows in sqlite3: the triggers do the work.
        try store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO documents (id, import_id, source, line, day, language, text, normalized_text, content_hash, sentiment,
                  sentiment_label, topic, topic_confidence, phase, phase_confidence, analysis_id)
                VALUES (1000, 1, 'hand', 1, 20500, 'en', 'the app crashed by hand', 'the app crashed by hand', 'x', -0.5,
                  'negative', 'app_crash', 1, 'usage', 1, 1);
                INSERT INTO document_touchpoints (document_id, touchpoint, score, evidence, span_start, span_end, day, phase, topic,
                  sentiment, severity, churn_risk)
                VALUES (1000, 'mobile_app', 1, 'app', 4, 7, 20500, 'usage', 'app_crash', -0.5, 0.5, 0);
                INSERT INTO pain_points (document_id, ordinal, span_start, span_end, text, phrase, phrase_surface, touchpoint, phase,
                  topic, severity, churn_risk, sentiment, day)
                VALUES (1000, 0, 0, 23, 'the app crashed by hand', 'app crash', 'app crash', 'mobile_app', 'usage', 'app_crash', 0.5, 0, -0.5, 20500);
                DELETE FROM documents WHERE external_id = '1';
                """)
        }
        try assertRollupsMatch("after writes by hand")
        XCTAssertEqual(try count(store, """
            SELECT count(*) FROM origins o WHERE o.source = 'hand' AND o.channel IS NULL
              AND o.id = (SELECT origin FROM document_touchpoints WHERE document_id = 1000)
              AND o.id = (SELECT origin FROM pain_points WHERE document_id = 1000)
            """), 1, "rows inserted by hand get their document's origin")
        // ... and updating them: a pain point moved to another phase and touchpoint, a touchpoint renamed.
        try store.writer.write { db in
            try db.execute(sql: """
                UPDATE pain_points SET phase = 'retention', touchpoint = 'billing' WHERE document_id = 1000;
                UPDATE pain_points SET touchpoint = NULL WHERE id = (SELECT min(id) FROM pain_points WHERE touchpoint IS NOT NULL);
                UPDATE pain_points SET touchpoint = 'delivery' WHERE id = (SELECT min(id) FROM pain_points WHERE touchpoint IS NULL);
                UPDATE document_touchpoints SET touchpoint = 'in_store', day = 20501, sentiment = 0.25 WHERE document_id = 1000;
                """)
        }
        try assertRollupsMatch("after updates by hand")
    }

    func testTrimmingRemovesUnicodeWhiteSpaceAtTheEndsOnly() {
        XCTAssertEqual(" \t\r\n Parcel  late \n".trimmingWhitespace, "Parcel  late")
        XCTAssertEqual("\u{00A0}\u{3000}Paket\u{2028}\u{0085}".trimmingWhitespace, "Paket", "no-break, ideographic, line separators")
        XCTAssertEqual("  \n\u{00A0} ".trimmingWhitespace, "")
        XCTAssertEqual("".trimmingWhitespace, "")
        XCTAssertEqual("é 👍🏽".trimmingWhitespace, "é 👍🏽")
        XCTAssertEqual("\u{200B}x\u{200B}".trimmingWhitespace, "\u{200B}x\u{200B}", "a zero-width space is not white space")
        XCTAssertEqual(Substring(" 4 stars ").trimmingWhitespace, "4 stars")
    }

    func testReimportingAddsNothing() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let f = dir.file("tickets.csv", tickets)
        _ = try ingest(store, f)
        let again = try ingest(store, f)
        assertBalanced(again)
        XCTAssertEqual(again.stored, 0); XCTAssertEqual(again.duplicates, 3)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents"), 3)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points"), 2)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents_fts"), 3)
        // The same rows with new text but the same ids are duplicates too (id wins); a new id is new.
        let edited = dir.file("edited.csv", tickets.replacingOccurrences(of: "I love the new lamp", with: "Edited").replacingOccurrences(of: "3,Thanks", with: "4,Thanks"))
        let s = try ingest(store, edited)
        XCTAssertEqual(s.stored, 1); XCTAssertEqual(s.duplicates, 2)
    }

    func testWithoutIdsDuplicatesAreFoundByContentHash() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let f = dir.file("notes.txt", "the parcel is late\nthe app crashed\nthe parcel is late\n\n")
        let s = try ingest(store, f)
        assertBalanced(s)
        XCTAssertEqual(s.read, 3, "blank lines are not documents")
        XCTAssertEqual(s.stored, 2); XCTAssertEqual(s.duplicates, 1)
        let again = try ingest(store, f)
        XCTAssertEqual(again.stored, 0); XCTAssertEqual(again.duplicates, 3)
        // The same text from another source is another document.
        let other = try ingest(store, f) { $0.columns.source = "other" }
        XCTAssertEqual(other.stored, 2)
    }

    func testMalformedCSVRowsAreRejectedWithFileLineAndReason() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let f = dir.file("bad.csv", """
            id,text,date
            1,fine row,2026-01-01
            2,too,many,fields
            3,too few
            4,"quote then text"x,2026-01-02
            5,,2026-01-03
            6,another fine row,2026-01-04
            7,"this quote never closes,2026-01-05
            8,swallowed by the open quote,2026-01-06

            """)
        let s = try ingest(store, f)
        assertBalanced(s)
        XCTAssertEqual(s.stored, 2)
        XCTAssertEqual(s.rejected, 5)
        XCTAssertEqual(s.status, "partial")
        let rejects = try store.read { db in try RejectRecord.fetchAll(db, sql: "SELECT * FROM rejects ORDER BY line") }
        XCTAssertEqual(rejects.map(\.line), [3, 4, 5, 6, 8])
        XCTAssertTrue(rejects.allSatisfy { $0.file == f })
        XCTAssertTrue(rejects[0].reason.contains("too many fields"), rejects[0].reason)
        XCTAssertTrue(rejects[1].reason.contains("too few fields"), rejects[1].reason)
        XCTAssertTrue(rejects[2].reason.contains("after the closing quote"), rejects[2].reason)
        XCTAssertTrue(rejects[3].reason.contains("no text"), rejects[3].reason)
        XCTAssertTrue(rejects[4].reason.contains("unbalanced quote"), rejects[4].reason)
        XCTAssertEqual(try count(store, "SELECT rows_rejected FROM imports"), 5)
    }

    func testInvalidUTF8IsRejectedUnlessRepairIsAsked() throws {
        let dir = TempDir()
        var bytes = Array("id,text\n1,caf".utf8) + [0xE9] + Array(" au lait\n2,plain text\n".utf8)
        let f = dir.file("latin1.csv", bytes: bytes)
        let store = try PainmapStore.inMemory()
        let s = try ingest(store, f)
        assertBalanced(s)
        XCTAssertEqual(s.stored, 1); XCTAssertEqual(s.rejected, 1)
        XCTAssertTrue(s.rejects[0].reason.contains("bad encoding"), s.rejects[0].reason)
        XCTAssertEqual(s.rejects[0].line, 2)
        let repaired = try PainmapStore.inMemory()
        let r = try ingest(repaired, f) { $0.repairEncoding = true }
        XCTAssertEqual(r.stored, 2)
        XCTAssertEqual(try count(repaired, "SELECT count(*) FROM documents WHERE text = 'caf\u{FFFD} au lait'"), 1)
        bytes = []
    }

    func testAFiftyMegabyteFieldIsRejectedAndTheRestStored() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let big = String(repeating: "word ", count: 10 << 20)   // 50 MiB
        let f = dir.file("big.csv", "id,text\n1,before\n2,\"\(big)\"\n3,after\n")
        let s = try ingest(store, f)
        assertBalanced(s)
        XCTAssertEqual(s.stored, 2); XCTAssertEqual(s.rejected, 1)
        XCTAssertEqual(s.rejects.first?.line, 3)
        XCTAssertTrue(s.rejects.first?.reason.contains("more than --max-text-bytes") ?? false)
        XCTAssertEqual(try count(store, "SELECT length(excerpt) FROM rejects"), 200, "the reject keeps an excerpt, not the field")
    }

    func testCSVDialects() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let bom = dir.file("bom.csv", "\u{FEFF}id;text;date\n1;semicolon export;14.03.2026\n")
        let s1 = try ingest(store, bom)
        XCTAssertEqual(s1.stored, 1)
        XCTAssertEqual(try store.read { db in try String.fetchOne(db, sql: "SELECT created_at FROM documents WHERE external_id = '1'") },
                       "2026-03-14T00:00:00Z")
        let tab = dir.file("tabs.tsv", "id\ttext\tdate\n2\ttab export, with a comma\t1773481267\n")
        XCTAssertEqual(try ingest(store, tab).stored, 1)
        XCTAssertEqual(try store.read { db in try String.fetchOne(db, sql: "SELECT text FROM documents WHERE external_id = '2'") },
                       "tab export, with a comma")
    }

    func testDayFirstDatesAreDetectedFromTheColumn() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let f = dir.file("social.csv", "Date,Message\n01/12/2025 07:23,first post\n25/12/2025 19:50,second post\n")
        let s = try ingest(store, f)
        XCTAssertEqual(s.dateOrder, .dayFirst)
        XCTAssertEqual(try store.read { db in try String.fetchAll(db, sql: "SELECT created_at FROM documents ORDER BY id") },
                       ["2025-12-01T07:23:00Z", "2025-12-25T19:50:00Z"])
    }

    func testUnparsableDatesAreUndatedOrRejected() throws {
        let dir = TempDir()
        let f = dir.file("dates.csv", "id,text,date\n1,good date,2026-01-01\n2,bad date,someday\n3,no date,\n")
        let lenient = try PainmapStore.inMemory()
        let s = try ingest(lenient, f)
        XCTAssertEqual(s.stored, 3); XCTAssertEqual(s.undated, 2)
        XCTAssertEqual(try count(lenient, "SELECT count(*) FROM documents WHERE day IS NULL"), 2)
        XCTAssertEqual(try lenient.read { db in try String.fetchOne(db, sql: "SELECT extra FROM documents WHERE external_id = '2'") },
                       #"{"date":"someday"}"#, "the unparsable value is kept")
        let stats = try lenient.stats()
        XCTAssertEqual(stats.documents, 3); XCTAssertEqual(stats.undated, 2, "stats counts the undated documents")
        XCTAssertEqual(stats.first, "2026-01-01"); XCTAssertEqual(stats.last, "2026-01-01")
        let strictDates = try PainmapStore.inMemory()
        let r = try ingest(strictDates, f) { $0.requireDates = true }
        assertBalanced(r)
        XCTAssertEqual(r.stored, 1); XCTAssertEqual(r.rejected, 2)
        XCTAssertTrue(r.rejects[0].reason.contains("unparsable date 'someday'"), r.rejects[0].reason)
        XCTAssertTrue(r.rejects[1].reason.contains("no date"), r.rejects[1].reason)
        let forced = try PainmapStore.inMemory()
        let g = try ingest(forced, dir.file("f.csv", "text,date\nhello,2026-01-01\n")) { $0.dateFormat = DateFormat("DD/MM/YYYY"); $0.requireDates = true }
        XCTAssertEqual(g.rejected, 1, "a forced format accepts nothing else")
    }

    func testStrictStopsAtTheFirstReject() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let f = dir.file("s.csv", "id,text\n1,one\n2,\n3,three\n4,four\n")
        let s = try ingest(store, f) { $0.strict = true }
        XCTAssertEqual(s.status, "stopped")
        XCTAssertEqual(s.read, 2); XCTAssertEqual(s.stored, 1); XCTAssertEqual(s.rejected, 1)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents"), 1)
        XCTAssertEqual(try store.read { db in try String.fetchOne(db, sql: "SELECT status FROM imports") }, "stopped")
    }

    func testJSONLinesJSONArraysTextAndFolders() throws {
        let dir = TempDir(), store = try PainmapStore.inMemory()
        let jsonl = dir.file("r.jsonl", """
            {"review_id": "a1", "date": "2026-03-14T09:41:07Z", "rating": 2, "title": "Crashes on start...", "body": "Crashes on start every time.", "store": "App Store"}
            {"review_id": "a2", "date": "2026-03-15T09:41:07Z", "rating": 5, "title": "Great", "body": "Love it", "store": "Google Play"}
            not json

            """)
        let s = try ingest(store, jsonl)
        assertBalanced(s)
        XCTAssertEqual(s.stored, 2); XCTAssertEqual(s.rejected, 1)
        XCTAssertEqual(try store.read { db in try String.fetchOne(db, sql: "SELECT text FROM documents WHERE external_id = 'a1'") },
                       "Crashes on start every time.", "a title that repeats the body is left out")
        XCTAssertEqual(try store.read { db in try String.fetchOne(db, sql: "SELECT text FROM documents WHERE external_id = 'a2'") }, "Great\nLove it")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE rating = 2 AND channel = 'app store'"), 1)

        let array = dir.file("t.json", """
            {"meta": {"count": 2, "tags": [1, 2]}, "tickets": [
              {"id": 10, "description": "Parcel never arrived",
               "created_at": "Sat, 14 Mar 2026 09:41:07 +0000"},
              {"id": 11, "description": "Charged twice for one order", "created_at": "1773481267000"}
            ]}
            """)
        let a = try ingest(store, array)
        XCTAssertEqual(a.kind, "json"); XCTAssertEqual(a.stored, 2)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE external_id IN ('10', '11') AND created_at = '2026-03-14T09:41:07Z'"), 2)
        let plainArray = dir.file("p.json", #"[{"text": "first"}, {"text": "second"}, 5]"#)
        let p = try ingest(store, plainArray)
        XCTAssertEqual(p.stored, 2); XCTAssertEqual(p.rejected, 1)

        let folder = dir.path + "/mails"
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try "My parcel is late\nand nobody answers".write(toFile: folder + "/one.txt", atomically: true, encoding: .utf8)
        try "The app crashed".write(toFile: folder + "/sub/two.txt", atomically: true, encoding: .utf8)
        try "hidden".write(toFile: folder + "/.hidden", atomically: true, encoding: .utf8)
        let fo = try ingest(store, folder)
        XCTAssertEqual(fo.kind, "folder"); XCTAssertEqual(fo.stored, 2)
        XCTAssertEqual(try store.read { db in try String.fetchAll(db, sql: "SELECT external_id FROM documents WHERE source = 'mails' ORDER BY 1") },
                       ["one.txt", "sub/two.txt"])
        XCTAssertEqual(try ingest(store, folder).duplicates, 2)
    }

    func testDryRunPreviewWritesNothing() throws {
        let dir = TempDir()
        let p = try Ingester.preview(path: dir.file("tickets.csv", tickets), options: IngestOptions())
        XCTAssertEqual(p.kind, "csv")
        XCTAssertEqual(p.mapping.profile, "zendesk")
        XCTAssertEqual(p.rows.count, 3)
        XCTAssertEqual(p.rows[0].createdAt, "2026-03-14T09:41:07Z")
        XCTAssertEqual(p.rows[1].externalID, "2")
    }

    func testAnInterruptedImportIsMarkedWhenTheNextOneStarts() throws {
        let dir = TempDir()
        let path = dir.path + "/p.sqlite"
        let store = try PainmapStore(path: path)
        try store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO imports (file, format, profile, source, mapping, options, pid, started_at, status)
                VALUES ('old.csv', 'csv', 'generic', 'old', '{}', '{}', 999999999, '2026-01-01T00:00:00Z', 'running')
                """)
        }
        _ = try ingest(store, dir.file("a.txt", "hello\n"))
        XCTAssertEqual(try store.read { db in try String.fetchOne(db, sql: "SELECT status FROM imports WHERE file = 'old.csv'") }, "interrupted")
    }

    func testSchemaIsMigratedOnceAndReadableInPlainSQLite() throws {
        let dir = TempDir()
        let path = dir.path + "/m.sqlite"
        _ = try ingest(try PainmapStore(path: path), dir.file("a.csv", "text,date\nthe parcel is late,2026-01-02\n"))
        let reopened = try PainmapStore(path: path)
        let migrations = try reopened.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        XCTAssertEqual(migrations, Schema.migrationNames)
        XCTAssertEqual(try reopened.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }, "wal")
        for view in ["feedback", "pain_point_details", "monthly_topics", "journey_matrix", "import_log"] {
            XCTAssertGreaterThanOrEqual(try count(reopened, "SELECT count(*) FROM \(view)"), 1, view)
        }
        XCTAssertThrowsError(try PainmapStore(path: dir.path + "/missing.sqlite", mustExist: true))
    }
}
