import GRDB
import PainmapReport
import XCTest

/// Each journey-map cell is quoted by its most severe pain point, the latest on ties, then the first stored.
/// The report finds it in two index-only steps; here every cell's quote is checked against the plain
/// definition written as one window query, with severities forced into ties so the tie-breaks decide.
final class JourneyQuoteTests: XCTestCase {
    /// The definition: per phase and touchpoint, severity down, day down (undated last), id up.
    static let reference = """
        SELECT phase, touchpoint, document_id, text FROM (
          SELECT phase, touchpoint, document_id, text,
                 row_number() OVER (PARTITION BY phase, touchpoint ORDER BY severity DESC, day DESC, id) AS k
          FROM pain_points WHERE touchpoint IS NOT NULL AND (day BETWEEN ? AND ? OR ?))
        WHERE k = 1
        """

    func quotes(_ data: ReportData) -> [String: String] {
        var out: [String: String] = [:]
        for c in data.journey.cells where c.painPoints > 0 { out[c.phase + "/" + c.touchpoint] = c.quote?.text }
        return out
    }

    func expected(_ f: ReportFixture, days: (Int, Int)?) throws -> [String: String] {
        let rows = try f.rows(JourneyQuoteTests.reference, [days?.0 ?? 0, days?.1 ?? 0, days == nil])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] + "/" + ($0[1] as String), $0[3] as String) })
    }

    func testQuotesMatchTheDefinitionAsStored() throws {
        let f = try ReportFixture()
        let current = try expected(f, days: ReportFixture.current)
        XCTAssertGreaterThan(current.count, 2, "the fixture has several quoted cells")
        XCTAssertEqual(quotes(try f.report()), current)
        XCTAssertEqual(quotes(try f.report { $0.defaultDays = nil }), try expected(f, days: nil))
    }

    func testTiesGoToTheLatestDayThenTheFirstStored() throws {
        let f = try ReportFixture()
        // Every pain point equally severe: the day decides, and within a day the id.
        try f.store.writer.write { db in try db.execute(sql: "UPDATE pain_points SET severity = 0.5") }
        // Two pain points of one cell on the same (latest) day: give the cell's latest one a twin day.
        let cell = try XCTUnwrap(f.rows("""
            SELECT phase, touchpoint FROM pain_points WHERE touchpoint IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 1
            """).first)
        try f.store.writer.write { db in
            try db.execute(sql: """
                UPDATE pain_points SET day = (SELECT max(day) FROM pain_points WHERE phase = ?1 AND touchpoint = ?2)
                WHERE id = (SELECT max(id) FROM pain_points WHERE phase = ?1 AND touchpoint = ?2 AND day IS NOT NULL)
                """, arguments: [cell[0], cell[1]])
        }
        let all = try expected(f, days: nil)
        XCTAssertEqual(quotes(try f.report { $0.defaultDays = nil }), all)
        XCTAssertEqual(quotes(try f.report()), try expected(f, days: ReportFixture.current))
    }
}
