import XCTest
@testable import PainmapStore

final class ColumnMappingTests: XCTestCase {
    func detect(_ fields: [String], _ r: ColumnRequest = ColumnRequest()) throws -> ColumnMapping {
        try ColumnDetection.detect(fields: fields, request: r, defaultSource: "file")
    }

    func testZendesk() throws {
        let m = try detect(["Ticket ID", "Subject", "Description", "Created at", "Channel", "Requester", "Satisfaction"])
        XCTAssertEqual(m.profile, "zendesk")
        XCTAssertEqual(m.source, "zendesk")
        XCTAssertEqual(m.text, ["Subject", "Description"])
        XCTAssertEqual(m.id, "Ticket ID")
        XCTAssertEqual(m.date, "Created at")
        XCTAssertEqual(m.channel, "Channel")
    }

    func testFreshdeskIntercomHelpScout() throws {
        let f = try detect(["Ticket ID", "Subject", "Description", "Status", "Priority", "Source", "Created time"])
        XCTAssertEqual(f.profile, "freshdesk"); XCTAssertEqual(f.date, "Created time"); XCTAssertEqual(f.channel, "Source")
        let i = try detect(["Conversation ID", "Created at", "Conversation body", "Channel", "Conversation rating"])
        XCTAssertEqual(i.profile, "intercom"); XCTAssertEqual(i.text, ["Conversation body"]); XCTAssertEqual(i.rating, "Conversation rating")
        let h = try detect(["Conversation ID", "Number", "Subject", "Preview", "Created At", "Type", "Happiness Rating"])
        XCTAssertEqual(h.profile, "help_scout"); XCTAssertEqual(h.text, ["Subject", "Preview"]); XCTAssertEqual(h.channel, "Type")
    }

    func testReviewStores() throws {
        let g = try detect(["Package Name", "App Version Name", "Reviewer Language", "Review Submit Date and Time", "Star Rating",
                            "Review Title", "Review Text", "Review Link"])
        XCTAssertEqual(g.profile, "google_play")
        XCTAssertEqual(g.text, ["Review Title", "Review Text"])
        XCTAssertEqual(g.rating, "Star Rating")
        XCTAssertEqual(g.fixedChannel, "google play")
        let a = try detect(["Date", "Nickname", "Rating", "Title", "Review", "Version", "Territory"])
        XCTAssertEqual(a.profile, "app_store"); XCTAssertEqual(a.fixedChannel, "app store")
        let t = try detect(["Review ID", "Review Created (UTC)", "Review Title", "Review Content", "Review Stars"])
        XCTAssertEqual(t.profile, "trustpilot"); XCTAssertEqual(t.date, "Review Created (UTC)"); XCTAssertEqual(t.rating, "Review Stars")
    }

    func testGenericColumns() throws {
        let s = try detect(["Date", "Author", "Network", "Post URL", "Message"])
        XCTAssertEqual(s.profile, "generic")
        XCTAssertEqual(s.source, "file")
        XCTAssertEqual(s.text, ["Message"]); XCTAssertEqual(s.date, "Date"); XCTAssertEqual(s.channel, "Network"); XCTAssertEqual(s.id, "Post URL")
        let r = try detect(["review_id", "date", "rating", "title", "body", "store", "app_version"])
        XCTAssertEqual(r.text, ["title", "body"]); XCTAssertEqual(r.id, "review_id"); XCTAssertEqual(r.channel, "store")
        XCTAssertEqual(try detect(["comment"]).text, ["comment"])
    }

    func testGivenColumnsWinAndMustExist() throws {
        let m = try detect(["a", "b", "when", "c"], ColumnRequest(textColumns: ["a", "b"], idColumn: "c", dateColumn: "when", source: "crm"))
        XCTAssertEqual(m.text, ["a", "b"]); XCTAssertEqual(m.id, "c"); XCTAssertEqual(m.date, "when"); XCTAssertEqual(m.source, "crm")
        XCTAssertEqual(m.how["text"], "given")
        XCTAssertThrowsError(try detect(["a", "b"], ColumnRequest(textColumns: ["body"]))) { e in
            XCTAssertTrue("\(e)".contains("no text column 'body'"), "\(e)")
        }
        XCTAssertThrowsError(try detect(["x", "y"])) { e in XCTAssertTrue("\(e)".contains("--text-column"), "\(e)") }
        XCTAssertEqual(try detect(["Created at", "Text"], ColumnRequest(dateColumn: "created at")).date, "Created at", "names match loosely")
    }

    func testSourceNameFromPath() {
        XCTAssertEqual(ColumnDetection.sourceName(path: "exports/Tickets 2026.csv"), "tickets_2026")
        XCTAssertEqual(ColumnDetection.sourceName(path: "-"), "stdin")
        XCTAssertEqual(ColumnDetection.sourceName(path: "dir/"), "dir")
    }
}
