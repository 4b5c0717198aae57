import Foundation
import GRDB
import PainmapJourney
import PainmapReport
import PainmapStore
import XCTest

/// The HTML report's structure, escaping and self-containment, and its figures against SQL.
final class HTMLReportTests: XCTestCase {
    static let phases = ["awareness", "consideration", "purchase", "usage", "retention", "advocacy"]
    let (from, to) = ReportFixture.current

    func testPageIsBalancedSelfContainedAndHasNoScript() throws {
        let f = try ReportFixture()
        let html = HTMLReport(try f.report()).render()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(HTMLCheck.unbalancedTags(html), [], "every element is closed, in order")
        let lower = html.lowercased()
        for banned in ["<script", "http://", "https://", " src=", "href=", "url(", "@import", "<link", "<iframe", "<img", "javascript:"] {
            XCTAssertFalse(lower.contains(banned), "the page must load nothing and run nothing: found \(banned)")
        }
        XCTAssertEqual(HTMLCheck.count("<style>", in: html), 1, "one inline style sheet")
        XCTAssertTrue(html.contains("@media print"), "print CSS")
        for id in ["headline", "journey", "pain-points", "emerging", "timeline", "breakdown"] {
            XCTAssertEqual(HTMLCheck.count("<section id=\"\(id)\"", in: html), 1, id)
        }
        XCTAssertEqual(HTMLCheck.count("<footer id=\"methods\"", in: html), 1)
    }

    func testHostileQuoteIsEscapedEverywhere() throws {
        let f = try ReportFixture()
        let html = HTMLReport(try f.report()).render()
        let escaped = "Checkout ate my order &lt;script&gt;alert(1)&lt;/script&gt; and said &quot;&amp;&#39; never again"
        XCTAssertTrue(html.contains(escaped), "the quote is shown, escaped")
        XCTAssertFalse(html.contains("<script>alert(1)</script>"))
        XCTAssertFalse(html.contains("\"&'"), "the raw quote characters never reach the page")
        // It is the most severe pain point of purchase x checkout, so it is that cell's quote, in the map's
        // tooltip (SVG title) too.
        let svg = try XCTUnwrap(HTMLCheck.mapSVG(html))
        let (tree, error) = TreeBuilder.parse(svg)
        XCTAssertNil(error)
        let cell = try XCTUnwrap(tree?.withClass("cell").first { $0.attributes["data-phase"] == "purchase" && $0.attributes["data-touchpoint"] == "checkout" })
        XCTAssertTrue(cell.children.first { $0.name == "title" }?.allText.contains(ReportFixture.hostile) == true,
                      "the parsed tooltip gives the customer's words back unchanged")
    }

    func testMapHasSixPhaseColumnsInJourneyOrderAndACellPerTouchpointAndPhase() throws {
        let f = try ReportFixture()
        let html = HTMLReport(try f.report()).render()
        XCTAssertEqual(HTMLCheck.count("<svg class=\"journey-map\"", in: html), 1, "one map")
        let svg = try XCTUnwrap(HTMLCheck.mapSVG(html))
        let (parsed, error) = TreeBuilder.parse(svg)
        XCTAssertNil(error, "the map is well-formed XML")
        let root = try XCTUnwrap(parsed)
        let columns = root.withClass("phase-column")
        XCTAssertEqual(columns.map { $0.attributes["data-phase"] ?? "" }, HTMLReportTests.phases)
        XCTAssertEqual(columns.map { $0.withClass("phase-name").first?.allText ?? "" },
                       ["Awareness", "Consideration", "Purchase", "Usage", "Retention", "Advocacy"], "names from the journey template")

        // What SQL says the cells are.
        var expected: [String: (Int, Double)] = [:]
        for r in try f.rows("""
            SELECT phase, touchpoint, count(*), avg(sentiment) FROM document_touchpoints WHERE day BETWEEN ? AND ? GROUP BY 1, 2
            """, [from, to]) {
            expected["\(r[0] as String)/\(r[1] as String)"] = (r[2], r[3])
        }
        let touchpoints = Set(try f.rows("SELECT DISTINCT touchpoint FROM document_touchpoints WHERE day BETWEEN ? AND ?", [from, to])
            .map { $0[0] as String })
        XCTAssertGreaterThan(expected.count, 5)

        for column in columns {
            let phase = column.attributes["data-phase"]!
            let cells = column.withClass("cell")
            XCTAssertEqual(cells.count, touchpoints.count, "\(phase): a cell per touchpoint")
            XCTAssertEqual(Set(cells.map { $0.attributes["data-touchpoint"]! }), touchpoints, phase)
            let phaseDocs = try f.int("SELECT count(*) FROM documents WHERE phase = ? AND day BETWEEN ? AND ?", [phase, from, to])
            XCTAssertEqual(Int(column.attributes["data-documents"]!), phaseDocs, "\(phase) header counts every document of the phase")
            for cell in cells {
                let key = "\(phase)/\(cell.attributes["data-touchpoint"]!)"
                let shown = Int(cell.attributes["data-documents"]!)!
                if let (n, mean) = expected[key] {
                    XCTAssertFalse(cell.classes.contains("empty"), key)
                    XCTAssertEqual(shown, n, "\(key): volume equals COUNT(*)")
                    XCTAssertEqual(cell.withClass("volume").first?.allText, "\(n) doc\(n == 1 ? "" : "s")", "\(key): the label a reader sees")
                    XCTAssertEqual(cell.withClass("score").first?.allText, Format.sentiment(mean), "\(key): the number beside the colour")
                    XCTAssertEqual(cell.attributes["data-sentiment"], Format.sentiment(mean))
                    let rect = try XCTUnwrap(cell.children.first { $0.name == "rect" })
                    XCTAssertEqual(rect.attributes["fill"], Palette.color(mean), "\(key): coloured by mean sentiment")
                } else {
                    XCTAssertTrue(cell.classes.contains("empty"), "\(key) has no documents and looks empty")
                    XCTAssertEqual(shown, 0)
                    XCTAssertEqual(cell.children.first { $0.name == "rect" }?.attributes["stroke-dasharray"], "4 3", "dashed border")
                }
            }
        }
        // Touchpoint names come from the template, in the order of the phase where they usually show up.
        let names = root.withClass("touchpoint-name").map(\.allText)
        XCTAssertEqual(names.first, "Search & advertising", "awareness touchpoints first")
        XCTAssertTrue(names.contains("Delivery") && names.contains("Mobile app") && names.contains("Customer service"))
    }

    func testHeadlineFiguresEqualSQL() throws {
        let f = try ReportFixture()
        let html = HTMLReport(try f.report()).render()
        var figures: [String: String] = [:]
        for a in HTMLCheck.attributes(html, tag: "<div class=\"figure\"") { figures[a["data-figure"]!] = a["data-value"] }
        let (pf, pt) = ReportFixture.previous
        let where_ = "WHERE day BETWEEN ? AND ?"
        let docs = try f.int("SELECT count(*) FROM documents \(where_)", [from, to])
        XCTAssertEqual(figures["documents"], String(docs))
        XCTAssertEqual(docs, 23, "the fixture has 17 tickets and 6 reviews in March")
        XCTAssertEqual(figures["pain-points"], String(try f.int("SELECT count(*) FROM pain_points \(where_)", [from, to])))
        XCTAssertEqual(figures["churn-risk"], String(try f.int("SELECT count(*) FROM documents \(where_) AND churn_risk = 1", [from, to])))
        XCTAssertEqual(figures["sources"], String(try f.int("SELECT count(DISTINCT source) FROM documents \(where_)", [from, to])))
        let share = try f.double("SELECT avg(sentiment_label = 'negative') FROM documents \(where_)", [from, to])
        XCTAssertEqual(Double(figures["share-negative"]!)!, share, accuracy: 1e-6)
        let mean = try f.double("SELECT avg(sentiment) FROM documents \(where_)", [from, to])
        XCTAssertEqual(Double(figures["mean-sentiment"]!)!, mean, accuracy: 1e-6)
        XCTAssertTrue(html.contains(Format.percent(share)) && html.contains(Format.sentiment(mean)), "the numbers a reader sees")
        let first = try f.int("SELECT min(day) FROM documents \(where_)", [from, to]), last = try f.int("SELECT max(day) FROM documents \(where_)", [from, to])
        XCTAssertEqual(figures["date-range"], "\(DateParser.isoDay(first)) to \(DateParser.isoDay(last))")
        // The change against the previous period.
        let before = try f.int("SELECT count(*) FROM documents \(where_)", [pf, pt])
        let change = Double(docs - before) / Double(before)
        XCTAssertTrue(html.contains("\(Format.change(change, previous: before)) vs \(before) before"), "document change")
        let shareBefore = try f.double("SELECT avg(sentiment_label = 'negative') FROM documents \(where_)", [pf, pt])
        XCTAssertTrue(html.contains("\(Format.points(share - shareBefore)) vs \(Format.percent(shareBefore)) before"))
    }

    func testPainPointRowsEqualSQLAndStoreTop() throws {
        let f = try ReportFixture()
        let data = try f.report()
        let html = HTMLReport(data).render()
        let rows = HTMLCheck.attributes(html, tag: "<tr data-phrase=")
        let sql = try f.rows("""
            SELECT phrase, count(*), total(severity) FROM pain_points WHERE day BETWEEN ? AND ?
            GROUP BY phrase ORDER BY total(severity) DESC, count(*) DESC, phrase LIMIT 10
            """, [from, to])
        XCTAssertEqual(rows.map { $0["data-phrase"]! }, sql.map { $0[0] as String }, "ranked by impact")
        XCTAssertEqual(rows.map { Int($0["data-mentions"]!)! }, sql.map { $0[1] as Int }, "mentions equal COUNT(*)")
        XCTAssertEqual(HTMLCheck.count("<svg class=\"sparkline\"", in: html), rows.count, "a sparkline per pain point")
        // The same ranking, counts, change and quote as `painmap top` for the same period.
        let top = try f.store.top(by: .phrase, filters: QueryFilters(since: from, until: to), defaultDays: nil, limit: 10, sort: .impact)
        XCTAssertEqual(data.painPoints.map(\.phrase), top.rows.map(\.key))
        XCTAssertEqual(data.painPoints.map(\.volume), top.rows.map(\.volume))
        XCTAssertEqual(data.painPoints.map(\.previous), top.rows.map(\.previous))
        XCTAssertEqual(data.painPoints.map(\.label), top.rows.map(\.label))
        XCTAssertEqual(data.painPoints.map { $0.example?.text }, top.rows.map(\.example))
        XCTAssertEqual(data.painPointTotal, top.total)
        for (r, t) in zip(data.painPoints, top.rows) {
            XCTAssertEqual(r.impact, t.impact, accuracy: 1e-9)
            XCTAssertEqual(r.meanSentiment, t.meanSentiment, accuracy: 1e-9)
            XCTAssertEqual(r.series.reduce(0, +), r.volume, "\(r.phrase): every March mention is in one daily bucket")
        }
        let delay = try XCTUnwrap(data.painPoints.first { $0.phrase == "delivery delay" })
        XCTAssertEqual(delay.previous, try f.int("SELECT count(*) FROM pain_points WHERE phrase = 'delivery delay' AND day BETWEEN ? AND ?",
                                                 [ReportFixture.previous.0, ReportFixture.previous.1]))
    }

    func testEmergingFiguresEqualSQLAndStoreEmerging() throws {
        let f = try ReportFixture()
        let data = try f.report()
        let html = HTMLReport(data).render()
        let (pf, pt) = ReportFixture.previous
        let rows = HTMLCheck.attributes(html, tag: "<tr data-key=").filter { $0["data-now"] != nil }
        XCTAssertFalse(rows.isEmpty)
        let phrases = try XCTUnwrap(data.emerging.first { $0.dimension == .phrase })
        let store = try XCTUnwrap(try f.store.emerging(by: .phrase, filters: QueryFilters(since: from, until: to), minCount: 3, all: true))
        XCTAssertEqual(phrases.currentTotal, store.currentTotal)
        XCTAssertEqual(phrases.previousTotal, store.previousTotal)
        XCTAssertEqual(phrases.tested, store.tested)
        for r in phrases.rows {
            let now = try f.int("SELECT count(*) FROM pain_points WHERE phrase = ? AND day BETWEEN ? AND ?", [r.key, from, to])
            let before = try f.int("SELECT count(*) FROM pain_points WHERE phrase = ? AND day BETWEEN ? AND ?", [r.key, pf, pt])
            XCTAssertEqual(r.current, now, r.key)
            XCTAssertEqual(r.previous, before, r.key)
            let s = try XCTUnwrap(store.rows.first { $0.key == r.key })
            XCTAssertEqual(r.pValue, s.pValue, accuracy: 1e-12)
            XCTAssertEqual(r.qValue, s.qValue, accuracy: 1e-12)
            XCTAssertEqual(r.significant, s.significant)
            XCTAssertTrue(rows.contains { $0["data-key"] == r.key && $0["data-now"] == String(now) && $0["data-before"] == String(before)
                    && $0["data-significant"] == (r.significant ? "yes" : "no") }, "\(r.key) in the page")
        }
        let delay = try XCTUnwrap(phrases.rows.first, "late parcels rose in March")
        XCTAssertEqual(delay.key, "delivery delay")
        XCTAssertTrue(delay.significant)
        XCTAssertTrue(html.contains(Format.pValue(delay.pValue)) && html.contains(Format.pValue(delay.qValue)), "significance is printed")
    }

    func testTimelineAndBreakdownEqualSQL() throws {
        let f = try ReportFixture()
        let data = try f.report()
        let html = HTMLReport(data).render()
        XCTAssertEqual(data.interval, .day, "28 days: daily buckets")
        let buckets = HTMLCheck.attributes(html, tag: "<g class=\"bucket\"")
        XCTAssertEqual(buckets.count, 28)
        for b in buckets {
            let day = ReportFixture.day(b["data-start"]!)
            XCTAssertEqual(Int(b["data-documents"]!), try f.int("SELECT count(*) FROM documents WHERE day = ?", [day]), b["data-start"]!)
        }
        let channels = html.components(separatedBy: "data-dimension=\"channel\"")[1].components(separatedBy: "data-dimension=\"source\"")[0]
        let shown = HTMLCheck.attributes(channels, tag: "<tr data-key=")
        let sql = try f.rows("SELECT channel, count(*) FROM documents WHERE day BETWEEN ? AND ? GROUP BY 1 ORDER BY 2 DESC, 1", [from, to])
        XCTAssertEqual(shown.map { $0["data-key"]! }, sql.map { $0[0] as String })
        XCTAssertEqual(shown.map { Int($0["data-documents"]!)! }, sql.map { $0[1] as Int })
    }

    func testMethodsFooterNamesVersionsAndFilters() throws {
        let f = try ReportFixture()
        let html = HTMLReport(try f.report { $0.filters = QueryFilters(sources: ["tickets"], channels: ["Email"]) }).render()
        let footer = try XCTUnwrap(html.components(separatedBy: "<footer id=\"methods\">").last)
        for v in ["lex-test-1", "topics-test-2", "phases-test-3", "generic@feedbeef", "painmap test", "2026-03-29T00:00:00Z",
                  "source: tickets; channel: email", "2026-03-01 to 2026-03-28 (28 days)"] {
            XCTAssertTrue(footer.contains(v), "methods footer names \(v)")
        }
    }

    func testFiltersApplyToEveryFigure() throws {
        let f = try ReportFixture()
        let data = try f.report { $0.filters = QueryFilters(sources: ["reviews"]) }
        XCTAssertEqual(data.headline.current.documents,
                       try f.int("SELECT count(*) FROM documents WHERE source = 'reviews' AND day BETWEEN ? AND ?", [from, to]))
        XCTAssertEqual(data.bySource.map(\.key), ["reviews"])
        for c in data.journey.cells {
            XCTAssertEqual(c.documents, try f.int("""
                SELECT count(*) FROM document_touchpoints t JOIN documents d ON d.id = t.document_id
                WHERE d.source = 'reviews' AND t.phase = ? AND t.touchpoint = ? AND t.day BETWEEN ? AND ?
                """, [c.phase, c.touchpoint, from, to]))
        }
        // The same cells as the store's own journey query.
        let journey = try f.store.journey(filters: QueryFilters(since: from, until: to, sources: ["reviews"]))
        XCTAssertEqual(Set(data.journey.cells.map { "\($0.phase)/\($0.touchpoint)/\($0.documents)" }),
                       Set(journey.cells.map { "\($0.phase)/\($0.touchpoint)/\($0.documents)" }))
        let only = try f.report { $0.filters = QueryFilters(touchpoints: ["delivery"]) }
        XCTAssertEqual(Set(only.journey.cells.map(\.touchpoint)), ["delivery"])
        XCTAssertEqual(only.headline.current.documents, try f.int("""
            SELECT count(*) FROM documents WHERE day BETWEEN ? AND ? AND id IN (SELECT document_id FROM document_touchpoints WHERE touchpoint = 'delivery')
            """, [from, to]))
    }

    func testAllTimeReportCountsUndatedAndHasNoComparison() throws {
        let f = try ReportFixture()
        let data = try f.report { $0.defaultDays = nil }
        XCTAssertNil(data.period)
        XCTAssertEqual(data.headline.current.documents, try f.int("SELECT count(*) FROM documents"))
        XCTAssertEqual(data.headline.current.undated, 1)
        XCTAssertNil(data.headline.previous)
        XCTAssertTrue(data.emerging.isEmpty)
        XCTAssertEqual(data.timeline.reduce(0) { $0 + $1.documents }, try f.int("SELECT count(*) FROM documents WHERE day IS NOT NULL"))
        let html = HTMLReport(data).render()
        XCTAssertEqual(HTMLCheck.unbalancedTags(html), [])
        XCTAssertTrue(html.contains("no previous period"))
        XCTAssertTrue(html.contains("1 of them undated"))
    }

    func testEmptyDatabaseStillDrawsTheSixPhases() throws {
        let data = try ReportData.gather(from: try PainmapStore.inMemory(), options: ReportOptions(generatedAt: "x"))
        XCTAssertEqual(data.headline.current.documents, 0)
        let html = HTMLReport(data).render()
        XCTAssertEqual(HTMLCheck.unbalancedTags(html), [])
        let (tree, error) = TreeBuilder.parse(try XCTUnwrap(HTMLCheck.mapSVG(html)))
        XCTAssertNil(error)
        XCTAssertEqual(tree?.withClass("phase-column").count, 6)
        XCTAssertEqual(tree?.withClass("cell").count, 0)
        XCTAssertTrue(html.contains("No document in this period names a touchpoint."))
        XCTAssertFalse(MarkdownReport(data).render().isEmpty)
    }
}
