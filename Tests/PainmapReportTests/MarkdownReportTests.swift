import Foundation
import GRDB
import PainmapReport
import PainmapStore
import XCTest

final class MarkdownReportTests: XCTestCase {
    func testSameContentAsTheHTMLReport() throws {
        let f = try ReportFixture()
        let data = try f.report()
        let md = MarkdownReport(data).render()
        let (from, to) = ReportFixture.current
        for heading in ["# Customer journey report", "## Headline figures", "## The journey map", "## Top pain points", "## Emerging issues",
                        "## Sentiment over time", "## By channel and source", "## Methods"] {
            XCTAssertTrue(md.contains("\n" + heading + "\n") || md.hasPrefix(heading + "\n"), heading)
        }
        let docs = try f.int("SELECT count(*) FROM documents WHERE day BETWEEN ? AND ?", [from, to])
        XCTAssertTrue(md.contains("- **Documents:** \(docs) ("), "headline documents")
        XCTAssertTrue(md.contains(Format.percent(data.headline.current.shareNegative)))

        // The map: six phase columns in journey order, a row per touchpoint, "documents · mean" per cell.
        let lines = md.components(separatedBy: "\n")
        let header = try XCTUnwrap(lines.first { $0.hasPrefix("| Touchpoint |") })
        XCTAssertEqual(header, "| Touchpoint | Awareness | Consideration | Purchase | Usage | Retention | Advocacy |")
        let start = lines.firstIndex(of: header)! + 2
        let rows = lines[start...].prefix { $0.hasPrefix("|") }.filter { !$0.hasPrefix("| All documents") }
        XCTAssertEqual(rows.count, data.journey.touchpoints.count)
        for (row, tp) in zip(rows, data.journey.touchpoints) {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, 7)
            for (i, phase) in HTMLReportTests.phases.enumerated() {
                let n = try f.int("SELECT count(*) FROM document_touchpoints WHERE phase = ? AND touchpoint = ? AND day BETWEEN ? AND ?",
                                  [phase, tp.id, from, to])
                if n == 0 { XCTAssertEqual(cells[i + 1], "·", "\(phase)/\(tp.id) empty") } else {
                    XCTAssertTrue(cells[i + 1].hasPrefix("\(n) · "), "\(phase)/\(tp.id): \(cells[i + 1]) should count \(n)")
                }
            }
        }
        // Pain points with sparklines, emerging with p and q.
        for r in data.painPoints { XCTAssertTrue(md.contains(Sparkline.render(r.series)), r.phrase) }
        let rising = try XCTUnwrap(data.emerging.first?.rows.first)
        XCTAssertTrue(md.contains("| \(rising.label) | \(rising.current) | \(rising.previous) |"))
        XCTAssertTrue(md.contains(Format.pValue(rising.pValue)))
        XCTAssertTrue(md.contains("generic@feedbeef"))
    }

    func testCustomerTextCannotBreakTheMarkdown() throws {
        let f = try ReportFixture()
        let md = MarkdownReport(try f.report()).render()
        XCTAssertFalse(md.contains("<script"), "no raw HTML from a customer")
        XCTAssertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Every table row has as many cells as its header.
        var columns = 0
        for line in md.components(separatedBy: "\n") {
            guard line.hasPrefix("|") else { columns = 0; continue }
            let n = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if columns == 0 { columns = n } else { XCTAssertEqual(n, columns, line) }
        }
        XCTAssertEqual(Escape.markdown("a | b\nc *d* <e> & f &amp;"), "a \\| b c \\*d\\* &lt;e&gt; & f &amp;amp;")
    }
}
