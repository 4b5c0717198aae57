import XCTest
@testable import PainmapStore

final class DateParsingTests: XCTestCase {
    let parser = DateParser()
    func iso(_ s: String, _ p: DateParser = DateParser()) -> String? { p.parse(s).map(DateParser.iso) }

    func testISO8601() {
        XCTAssertEqual(iso("2026-03-14"), "2026-03-14T00:00:00Z")
        XCTAssertEqual(iso("2026-03-14T09:41:07Z"), "2026-03-14T09:41:07Z")
        XCTAssertEqual(iso("2026-03-14 09:41:07"), "2026-03-14T09:41:07Z")
        XCTAssertEqual(iso("2026-03-14T09:41"), "2026-03-14T09:41:00Z")
        XCTAssertEqual(iso("2026-03-14T09:41:07.123+01:00"), "2026-03-14T08:41:07Z")
        XCTAssertEqual(iso("2026-03-14T09:41:07-0500"), "2026-03-14T14:41:07Z")
        XCTAssertEqual(iso("  2026-03-14T23:30:00-01:00 "), "2026-03-15T00:30:00Z")
        XCTAssertEqual(iso("20260314"), "2026-03-14T00:00:00Z")
    }

    func testRFC2822() {
        XCTAssertEqual(iso("Sat, 14 Mar 2026 09:41:07 +0100"), "2026-03-14T08:41:07Z")
        XCTAssertEqual(iso("14 Mar 2026 09:41 GMT"), "2026-03-14T09:41:00Z")
        XCTAssertEqual(iso("Tue, 1 Dec 2025 18:00:00 EST"), "2025-12-01T23:00:00Z")
        XCTAssertEqual(iso("Mar 14, 2026 9:41 PM"), "2026-03-14T21:41:00Z")
        XCTAssertEqual(iso("March 14 2026"), "2026-03-14T00:00:00Z")
    }

    func testSlashDatesFollowTheOrder() {
        XCTAssertEqual(iso("03/14/2026 09:41"), "2026-03-14T09:41:00Z", "month first by default")
        XCTAssertEqual(iso("3/4/2026"), "2026-03-04T00:00:00Z")
        XCTAssertEqual(iso("12/31/2026 11:59 PM"), "2026-12-31T23:59:00Z")
        let dmy = DateParser(slashOrder: .dayFirst)
        XCTAssertEqual(iso("14/03/2026 09:41", dmy), "2026-03-14T09:41:00Z")
        XCTAssertEqual(iso("3/4/2026", dmy), "2026-04-03T00:00:00Z")
        XCTAssertNil(iso("14/03/2026 09:41"), "month 14 does not exist")
        XCTAssertEqual(iso("2026/03/14 09:41:07"), "2026-03-14T09:41:07Z")
    }

    func testSlashOrderIsDecidedFromValues() {
        XCTAssertEqual(SlashOrder.decide(["01/12/2025 07:23", "14/03/2026 09:41", "02/02/2026"]), .dayFirst)
        XCTAssertEqual(SlashOrder.decide(["12/01/2025", "03/14/2026 09:41"]), .monthFirst)
        XCTAssertNil(SlashOrder.decide(["01/02/2026", "03/04/2026"]))
    }

    func testDottedDates() {
        XCTAssertEqual(iso("14.03.2026"), "2026-03-14T00:00:00Z")
        XCTAssertEqual(iso("14.03.2026 09:41"), "2026-03-14T09:41:00Z")
        XCTAssertEqual(iso("1.3.2026 9:05:30"), "2026-03-01T09:05:30Z")
    }

    func testEpochSecondsAndMilliseconds() {
        XCTAssertEqual(iso("1773481267"), "2026-03-14T09:41:07Z")
        XCTAssertEqual(iso("1773481267123"), "2026-03-14T09:41:07Z")
        XCTAssertEqual(iso("1773481267.5"), "2026-03-14T09:41:07Z")
        XCTAssertEqual(iso("1773481267", DateParser(format: .epochSeconds)), "2026-03-14T09:41:07Z")
        XCTAssertEqual(iso("1773481267000", DateParser(format: .epochMilliseconds)), "2026-03-14T09:41:07Z")
    }

    func testForcedFormats() {
        let dmy = DateParser(format: DateFormat("DD/MM/YYYY HH:mm")!)
        XCTAssertEqual(iso("04/03/2026 09:41", dmy), "2026-03-04T09:41:00Z")
        XCTAssertEqual(iso("04/03/2026", dmy), "2026-03-04T00:00:00Z", "the time part may be missing")
        XCTAssertNil(iso("2026-03-04", dmy), "a forced format accepts nothing else")
        let us = DateParser(format: DateFormat("MM/DD/YYYY hh:mm A")!)
        XCTAssertEqual(iso("03/04/2026 12:15 AM", us), "2026-03-04T00:15:00Z")
        XCTAssertEqual(iso("2026-03-04T10:00:00Z", DateParser(format: .iso8601)), "2026-03-04T10:00:00Z")
        XCTAssertNil(iso("1773481267", DateParser(format: .iso8601)))
        XCTAssertEqual(iso("Wed, 04 Mar 2026 10:00:00 +0000", DateParser(format: .rfc2822)), "2026-03-04T10:00:00Z")
        XCTAssertNil(DateFormat("no fields here"))
        XCTAssertNil(DateFormat("HH:mm"), "a pattern needs year, month and day")
    }

    func testImpossibleDatesAndGarbageAreRejected() {
        for bad in ["2026-02-29", "2026-13-01", "2026-04-31", "31/31/2026", "yesterday", "", "12345", "2026-03-14T25:00:00Z",
                    "2026-03-14 09:41:07 nonsense", "'; DROP TABLE documents; --"] {
            XCTAssertNil(parser.parse(bad), bad)
        }
        XCTAssertNotNil(parser.parse("2024-02-29"), "a leap day")
    }

    func testCivilCalendarRoundTrips() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = DateParser.civilFromDays(day)
            XCTAssertEqual(DateParser.daysFromCivil(y, m, d), day)
        }
        XCTAssertEqual(DateParser.daysFromCivil(1970, 1, 1), 0)
        XCTAssertEqual(DateParser.isoDay(DateParser.daysFromCivil(2026, 11, 20)), "2026-11-20")
    }
}
