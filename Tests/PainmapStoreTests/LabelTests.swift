import Foundation
import GRDB
import XCTest
@testable import PainmapStore

/// People's corrections: checked, applied over the analysis, listed with the model's value, exported as
/// training data with the latest label winning.
final class LabelTests: XCTestCase {
    private func store() throws -> (PainmapStore, TempDir) {
        let dir = TempDir()
        let store = try PainmapStore(path: dir.path + "/l.sqlite")
        let csv = """
            id,text,date
            A-1,My parcel delivery is late,2026-03-01
            A-2,The app crash again,2026-03-02
            A-3,I love the lamp,2026-03-03

            """
        assertBalanced(try ingest(store, dir.file("tickets.csv", csv)) { $0.columns.source = "zendesk" })
        return (store, dir)
    }

    private func id(_ store: PainmapStore, external: String) throws -> Int64 {
        try store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE external_id = ?", arguments: [external])! }
    }

    func testDocumentsAreFoundByStoredIdOrBySourceId() throws {
        let (store, _) = try store()
        let crash = try id(store, external: "A-2")
        XCTAssertEqual(try store.documentID(String(crash)), crash)
        XCTAssertEqual(try store.documentID("A-2", source: "zendesk"), crash)
        XCTAssertThrowsError(try store.documentID("A-2")) { XCTAssertTrue("\($0)".contains("not a document id"), "\($0)") }
        XCTAssertThrowsError(try store.documentID("99999")) { XCTAssertEqual("\($0)", "no document with id 99999") }
        XCTAssertThrowsError(try store.documentID("A-2", source: "intercom")) { XCTAssertTrue("\($0)".contains("in source 'intercom'"), "\($0)") }
        XCTAssertThrowsError(try store.documentID("1; DROP TABLE documents", source: "zendesk"))
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents"), 3)
    }

    func testValuesAreCheckedAndNothingIsStoredWhenOneIsWrong() throws {
        let (store, _) = try store()
        let d = try id(store, external: "A-1")
        let good = LabelRecord(documentId: d, kind: "topic", value: "shipping")
        for (bad, message) in [(LabelRecord(documentId: d, kind: "phase", value: "checkout"), "is not a journey phase"),
                               (LabelRecord(documentId: d, kind: "sentiment", value: "angry"), "is not one of negative"),
                               (LabelRecord(documentId: d, kind: "topic", value: "  "), "empty topic label"),
                               (LabelRecord(documentId: d, kind: "mood", value: "x"), "unknown label kind")] {
            XCTAssertThrowsError(try store.addLabels([good, bad])) { XCTAssertTrue("\($0)".contains(message), "\($0)") }
        }
        XCTAssertEqual(try count(store, "SELECT count(*) FROM labels"), 0, "a batch with a bad label stores nothing")
        XCTAssertEqual(try store.addLabels([good, LabelRecord(documentId: d, kind: "phase", value: "retention")]).count, 2)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM labels"), 2)
    }

    func testListShowsTheModelsValueBesideTheLabel() throws {
        let (store, _) = try store()
        let crash = try id(store, external: "A-2"), lamp = try id(store, external: "A-3")
        try store.addLabels([LabelRecord(documentId: crash, kind: "topic", value: "mobile_app", author: "ana"),
                             LabelRecord(documentId: lamp, kind: "note", value: "praise for the lamp")])
        let all = try store.labels()
        XCTAssertEqual(all.map(\.kind), ["note", "topic"], "newest first")
        let topic = try XCTUnwrap(all.last)
        XCTAssertEqual(topic.value, "mobile_app")
        XCTAssertEqual(topic.modelValue, "app_crash", "FakeAnalysis's topic for a crash")
        XCTAssertEqual(topic.author, "ana")
        XCTAssertEqual(topic.text, "The app crash again")
        XCTAssertNil(all.first?.modelValue, "a note has no model value")
        XCTAssertEqual(try store.labels(document: lamp).map(\.kind), ["note"])
        XCTAssertEqual(try store.labels(kind: .topic).map(\.documentID), [crash])
        // The correction replaces the stored topic; the model's value stays in the label.
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE topic = 'app_crash'"), 0)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE topic = 'mobile_app' AND topic_confidence = 1"), 1)
        // A second correction keeps the model's value, not the first correction's.
        try store.addLabels([LabelRecord(documentId: crash, kind: "topic", value: "performance")])
        XCTAssertEqual(try store.labels(kind: .topic).map(\.modelValue), ["app_crash", "app_crash"])
    }

    func testExportGivesEachDocumentItsLatestLabelOfTheKind() throws {
        let (store, _) = try store()
        let late = try id(store, external: "A-1"), crash = try id(store, external: "A-2")
        try store.addLabels([LabelRecord(documentId: crash, kind: "topic", value: "first guess")])
        try store.addLabels([LabelRecord(documentId: late, kind: "topic", value: "delivery"),
                             LabelRecord(documentId: crash, kind: "topic", value: "mobile_app"),
                             LabelRecord(documentId: crash, kind: "phase", value: "usage")])
        let topics = try store.labelledTexts(kind: .topic)
        XCTAssertEqual(topics.map(\.label), ["delivery", "mobile_app"])
        XCTAssertEqual(topics.map(\.documentID), [late, crash])
        XCTAssertEqual(topics.first?.text, "My parcel delivery is late")
        XCTAssertEqual(topics.first?.externalID, "A-1")
        XCTAssertEqual(try store.labelledTexts(kind: .phase).map(\.label), ["usage"])
        XCTAssertTrue(try store.labelledTexts(kind: .sentiment).isEmpty)
    }
}
