import Foundation
import GRDB
import XCTest
@testable import PainmapStore

/// A store with planted trends, 2026-01-01 .. 2026-06-30:
///   delivery (topic delivery_delay, pain "delivery late", touchpoint delivery): 2 a day, 10 a day in June;
///   app crash (app_crash, "app crash", mobile_app): 3 a day;
///   billing (billing_error, "billing_error problem", payment, phase purchase): 7 - month a day (6 in January ... 1 in June);
///   praise ("other", no pain point, no touchpoint): 1 a day.
final class QueryTests: XCTestCase {
    static let store: PainmapStore = {
        let dir = TempDir()
        var csv = "id,text,date,channel\n"
        var n = 0
        func add(_ text: String, _ day: Int, _ channel: String) {
            n += 1
            csv += "\(n),\(text) #\(n),\(DateParser.isoDay(day))T12:00:00Z,\(channel)\n"
        }
        let start = DateParser.daysFromCivil(2026, 1, 1), end = DateParser.daysFromCivil(2026, 6, 30)
        for day in start...end {
            let month = DateParser.civilFromDays(day).month
            for _ in 0..<(month == 6 ? 10 : 2) { add("My parcel delivery is late", day, "email") }
            for _ in 0..<3 { add("The app crash again", day, "app store") }
            for _ in 0..<(7 - month) { add("I was charged twice on my bill", day, "chat") }
            add("I love the lamp", day, "twitter")
        }
        let store = try! PainmapStore(path: dir.path + "/q.sqlite")
        let s = try! Ingester(store: store, versions: FakeAnalysis.versions, workers: 2) { _, t in FakeAnalysis.analyze(t) }
            .ingest(path: dir.file("planted.csv", csv), options: IngestOptions())
        precondition(s.stored == 1958, "\(s)")
        keep = dir
        return store
    }()
    nonisolated(unsafe) static var keep: TempDir?

    var store: PainmapStore { QueryTests.store }

    func testTopPainPointsWithChangeAgainstThePreviousPeriod() throws {
        let r = try store.top(by: .phrase, defaultDays: 30)
        XCTAssertEqual(r.period, Period(start: DateParser.daysFromCivil(2026, 6, 1), end: DateParser.daysFromCivil(2026, 6, 30)))
        XCTAssertEqual(r.total, 420)
        XCTAssertEqual(r.rows.map(\.key), ["delivery late", "app crash", "billing_error problem"])
        let d = r.rows[0]
        XCTAssertEqual(d.volume, 300); XCTAssertEqual(d.previous, 60)
        XCTAssertEqual(d.change!, 4.0, accuracy: 1e-9)
        XCTAssertEqual(d.share, 300.0 / 420, accuracy: 1e-9)
        XCTAssertEqual(d.impact, 150, accuracy: 1e-9)
        XCTAssertEqual(d.meanSentiment, -0.6, accuracy: 1e-9)
        XCTAssertTrue(d.example?.hasPrefix("My parcel delivery is late") ?? false)
        XCTAssertEqual(r.rows[1].change!, 0, accuracy: 1e-9)
        XCTAssertEqual(r.rows[2].change!, -0.5, accuracy: 1e-9)
        let one = try store.top(by: .phrase, defaultDays: 30, limit: 1, sort: .change)
        XCTAssertEqual(one.rows.map(\.key), ["delivery late"])
        XCTAssertEqual(one.total, 420, "the share is of every group, not only those shown")
        XCTAssertEqual(try store.top(by: .phrase, defaultDays: 30, sort: .volume).rows.map(\.volume), [300, 90, 30])
        XCTAssertEqual(try store.top(by: .phrase, defaultDays: 30, sort: .change).rows.map(\.key), ["delivery late", "app crash", "billing_error problem"])
        XCTAssertEqual(try store.top(by: .topic, defaultDays: 30, sort: .sentiment).rows.last?.key, "other", "most negative first")
    }

    /// `top` and `emerging` by key phrase with date filters only read the per-day sums in pain_daily; they
    /// must give what the pain points themselves give, for any period.
    func testPhraseRollupGivesTheSameFiguresAsThePainPoints() throws {
        func both(_ period: Period?) throws {
            try store.read { db in
                let fast = try TopQuery.aggregate(db, dim: .phrase, filters: QueryFilters(), period: period, order: nil, limit: nil).0
                let slow = try TopQuery.aggregate(db, dim: .phrase, filters: QueryFilters(), period: period, order: nil, limit: nil,
                                                  rollup: false).0
                XCTAssertEqual(fast.map(\.key).sorted(), slow.map(\.key).sorted(), "\(String(describing: period))")
                let byKey = Dictionary(uniqueKeysWithValues: slow.map { ($0.key, $0) })
                for f in fast {
                    let s = byKey[f.key]!
                    XCTAssertEqual(f.current, s.current); XCTAssertEqual(f.previous, s.previous); XCTAssertEqual(f.churn, s.churn)
                    XCTAssertEqual(f.impact, s.impact, accuracy: 1e-9); XCTAssertEqual(f.sentimentSum, s.sentimentSum, accuracy: 1e-9)
                }
                XCTAssertFalse(fast.isEmpty)
            }
        }
        let june = Period(start: DateParser.daysFromCivil(2026, 6, 1), end: DateParser.daysFromCivil(2026, 6, 30))
        try both(june)
        try both(Period(start: DateParser.daysFromCivil(2026, 3, 7), end: DateParser.daysFromCivil(2026, 3, 9)))
        try both(nil)
        // A separate store, changed by hand: triggers keep the sums right, and an undated pain point counts for all time.
        let dir = TempDir(), other = try PainmapStore(path: dir.path + "/r.sqlite")
        _ = try ingest(other, dir.file("t.csv", "id,text,date\n1,parcel late,2026-06-02\n2,app crash,2026-06-03\n3,parcel never came,\n"))
        try other.writer.write { db in
            try db.execute(sql: "UPDATE pain_points SET severity = 0.2, day = day - 1 WHERE document_id = 1")
            try db.execute(sql: "DELETE FROM documents WHERE external_id = '2'")
        }
        try other.read { db in
            for period in [nil, june] {
                let fast = try TopQuery.aggregate(db, dim: .phrase, filters: QueryFilters(), period: period, order: nil, limit: nil).0
                let slow = try TopQuery.aggregate(db, dim: .phrase, filters: QueryFilters(), period: period, order: nil, limit: nil,
                                                  rollup: false).0
                XCTAssertEqual(fast.map { "\($0.key) \($0.current) \($0.previous) \($0.impact)" }.sorted(),
                               slow.map { "\($0.key) \($0.current) \($0.previous) \($0.impact)" }.sorted())
            }
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT sum(mentions) FROM pain_daily"), 2)
        }
    }

    func testTopTopicsAndTouchpoints() throws {
        let t = try store.top(by: .topic, defaultDays: 30, sort: .volume)
        XCTAssertEqual(t.rows.map(\.key), ["delivery_delay", "app_crash", "billing_error", "other"])
        XCTAssertEqual(t.total, 450)
        XCTAssertEqual(t.rows.first { $0.key == "other" }?.impact, 0)
        let tp = try store.top(by: .touchpoint, defaultDays: nil)
        XCTAssertNil(tp.period)
        XCTAssertEqual(tp.total, 1958, "touchpoint shares are of all documents")
        XCTAssertEqual(tp.rows.map(\.key), ["payment", "delivery", "mobile_app"], "by impact: 632 x 0.5, 602 x 0.5, 543 x 0.5")
        XCTAssertEqual(tp.rows[1].volume, 602)
        XCTAssertNil(tp.rows[0].previous, "all time has no previous period")
        let since = try store.top(by: .topic, filters: QueryFilters(since: DateParser.daysFromCivil(2026, 1, 1), until: DateParser.daysFromCivil(2026, 1, 31)))
        XCTAssertEqual(since.rows.first { $0.key == "billing_error" }?.volume, 186)
    }

    func testFiltersNarrowEveryQuery() throws {
        let f = QueryFilters(channels: ["EMAIL"])
        XCTAssertEqual(try store.top(by: .topic, filters: f, defaultDays: nil).rows.map(\.key), ["delivery_delay"])
        XCTAssertEqual(try store.top(by: .phrase, filters: QueryFilters(sources: ["planted"]), defaultDays: nil).total, 602 + 543 + 632)
        XCTAssertEqual(try store.top(by: .phrase, filters: QueryFilters(phases: ["purchase"]), defaultDays: nil).rows.map(\.key), ["billing_error problem"])
        XCTAssertEqual(try store.top(by: .topic, filters: QueryFilters(touchpoints: ["mobile_app"]), defaultDays: nil).total, 543)
        XCTAssertEqual(try store.top(by: .touchpoint, filters: QueryFilters(topics: ["app_crash"]), defaultDays: nil).rows.map(\.volume), [543])
        XCTAssertEqual(try store.stats(filters: QueryFilters(channels: ["chat"])).documents, 632)
        XCTAssertEqual(try store.journey(filters: QueryFilters(sources: ["planted"], channels: ["email"])).cells.map(\.documents), [602])
    }

    func testSQLLookingFilterValuesAreJustValues() throws {
        let evil = ["'; DROP TABLE documents; --", "\" OR 1=1 --", "x') OR ('1'='1", "%", "*", "NULL", "delivery_delay' --",
                    "1); DELETE FROM pain_points; --"]
        for e in evil {
            let f = QueryFilters(sources: [e], channels: [e], phases: [e], touchpoints: [e], topics: [e])
            for one in [QueryFilters(sources: [e]), QueryFilters(channels: [e]), QueryFilters(phases: [e]),
                        QueryFilters(touchpoints: [e]), QueryFilters(topics: [e]), f] {
                XCTAssertEqual(try store.top(by: .phrase, filters: one, defaultDays: nil).total, 0, e)
                XCTAssertEqual(try store.top(by: .topic, filters: one, defaultDays: nil).total, 0, e)
                XCTAssertEqual(try store.top(by: .touchpoint, filters: one, defaultDays: nil).rows.count, 0, e)
                XCTAssertEqual(try store.trends(every: .week, by: .topic, filters: one).series.count, 0, e)
                XCTAssertEqual(try store.journey(filters: one).cells.count, 0, e)
                XCTAssertEqual(try store.emerging(by: .phrase, filters: one)?.rows.count ?? 0, 0, e)
                XCTAssertEqual(try store.stats(filters: one).documents, 0, e)
                XCTAssertEqual(try store.search("parcel", filters: one).count, 0, e)
            }
            XCTAssertNotNil(try store.search(e), "FTS syntax errors fall back to plain words")
        }
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents"), 1958)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points"), 602 + 543 + 632)
    }

    func testEmergingFindsThePlantedRiseOnly() throws {
        let r = try XCTUnwrap(try store.emerging(by: .phrase, defaultDays: 30))
        XCTAssertEqual(r.currentTotal, 420); XCTAssertEqual(r.previousTotal, 210)
        XCTAssertEqual(r.rows.map(\.key), ["delivery late"])
        let d = r.rows[0]
        XCTAssertEqual(d.current, 300); XCTAssertEqual(d.previous, 60)
        XCTAssertEqual(d.expected, 240, accuracy: 1e-9)
        XCTAssertEqual(d.rateRatio, 2.5, accuracy: 1e-9)
        XCTAssertLessThan(d.pValue, 1e-9)
        let all = try XCTUnwrap(try store.emerging(by: .phrase, defaultDays: 30, all: true))
        XCTAssertEqual(all.tested, 3)
        XCTAssertFalse(all.rows.first { $0.key == "app crash" }!.significant, "flat volume while the total doubles is no rise")
        let topics = try XCTUnwrap(try store.emerging(by: .topic, defaultDays: 30))
        XCTAssertEqual(topics.rows.map(\.key), ["delivery_delay"])
        // A minimum count above the theme's volume leaves nothing to test.
        XCTAssertEqual(try store.emerging(by: .phrase, defaultDays: 30, minCount: 1000, all: true)?.tested, 0)
        // A quiet window: nothing rose.
        let may = QueryFilters(since: DateParser.daysFromCivil(2026, 5, 1), until: DateParser.daysFromCivil(2026, 5, 31))
        XCTAssertEqual(try store.emerging(by: .topic, filters: may)?.rows.count, 0)
    }

    func testTrendsPerMonthAndWeek() throws {
        let r = try store.trends(every: .month, by: .topic)
        XCTAssertEqual(r.labels, ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"])
        XCTAssertEqual(r.series.map(\.key), ["billing_error", "delivery_delay", "app_crash", "other"], "largest first")
        XCTAssertEqual(r.series.first { $0.key == "delivery_delay" }?.counts, [62, 56, 62, 60, 62, 300])
        XCTAssertEqual(r.series.first { $0.key == "billing_error" }?.counts, [186, 140, 124, 90, 62, 30])
        XCTAssertEqual(r.all.total, 1958)
        let w = try store.trends(every: .week, by: .sentiment)
        XCTAssertEqual(w.buckets.first, DateParser.daysFromCivil(2025, 12, 29), "weeks start on Monday")
        XCTAssertEqual(w.series.map(\.key), ["negative", "positive"])
        XCTAssertEqual(w.series.map(\.total).reduce(0, +), 1958)
        let d = try store.trends(every: .day, by: .touchpoint, filters: QueryFilters(since: DateParser.daysFromCivil(2026, 6, 29)))
        XCTAssertEqual(d.buckets.count, 2)
        XCTAssertEqual(d.series.first { $0.key == "delivery" }?.counts, [10, 10])
        XCTAssertEqual(Sparkline.render([0, 1, 2, 4, 8]), "▁▂▃▅█")
        XCTAssertEqual(Sparkline.render([nil, 0, 7]), " ▁█")
    }

    func testJourneyMatrix() throws {
        let r = try store.journey()
        XCTAssertEqual(r.phases, ["purchase", "usage"])
        let delivery = try XCTUnwrap(r.cell("usage", "delivery"))
        XCTAssertEqual(delivery.documents, 602)
        XCTAssertEqual(delivery.meanSentiment, -0.6, accuracy: 1e-9)
        XCTAssertEqual(delivery.topPainPoint, "delivery late")
        XCTAssertEqual(delivery.topPainCount, 602)
        XCTAssertEqual(r.cell("purchase", "payment")?.documents, 632)
        XCTAssertNil(r.cell("purchase", "delivery"))
        XCTAssertEqual(r.phaseDocuments["usage"]?.count, 602 + 543 + 181)
    }

    func testSearch() throws {
        let hits = try store.search("parcel", limit: 5)
        XCTAssertEqual(hits.count, 5)
        XCTAssertTrue(hits.allSatisfy { $0.snippet.contains("[parcel]") && $0.topic == "delivery_delay" })
        XCTAssertEqual(try store.search("crashes", limit: 1000).count, 543, "stemmed: crashes finds crash")
        XCTAssertEqual(try store.search("\"charged twice\" NOT lamp", limit: 10_000).count, 632)
        XCTAssertEqual(try store.search("parcel", filters: QueryFilters(since: DateParser.daysFromCivil(2026, 6, 30)), limit: 100).count, 10)
        XCTAssertEqual(try store.search("\"unbalanced", limit: 5).count, 0)
    }

    func testStats() throws {
        let s = try store.stats()
        XCTAssertEqual(s.documents, 1958)
        XCTAssertEqual(s.undated, 0)
        XCTAssertEqual(s.first, "2026-01-01"); XCTAssertEqual(s.last, "2026-06-30")
        XCTAssertEqual(s.bySource.map(\.key), ["planted"])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: s.byChannel.map { ($0.key, $0.documents) }),
                       ["email": 602, "app store": 543, "chat": 632, "twitter": 181])
        XCTAssertEqual(s.painPoints, 1777)
        XCTAssertEqual(s.analyses.map(\.documents), [1958])
    }
}

final class SignificanceTests: XCTestCase {
    func exactTail(_ k: Int, _ n: Int, _ p: Double) -> Double {
        var sum = 0.0
        for i in k...n {
            let lnChoose: Double = lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1))
            let lnP: Double = Double(i) * log(p) + Double(n - i) * log(1 - p)
            sum += exp(lnChoose + lnP)
        }
        return sum
    }

    func testBinomialTailMatchesTheSumOfTerms() {
        for (k, n, p) in [(3, 10, 0.5), (8, 10, 0.5), (1, 1, 0.3), (15, 40, 0.2), (60, 100, 0.5), (0, 5, 0.5), (5, 5, 0.9), (30, 200, 0.1)] {
            let want = k == 0 ? 1 : exactTail(k, n, p)
            XCTAssertEqual(Significance.binomialUpperTail(k: k, n: n, p: p), want, accuracy: 1e-10 + want * 1e-8, "\(k) \(n) \(p)")
        }
        XCTAssertEqual(Significance.binomialUpperTail(k: 11, n: 10, p: 0.5), 0)
        XCTAssertEqual(Significance.binomialUpperTail(k: 6, n: 10, p: 0.5), 386.0 / 1024, accuracy: 1e-12)
    }

    func testBenjaminiHochberg() {
        let q = Significance.benjaminiHochberg([0.01, 0.04, 0.03, 0.5])
        XCTAssertEqual(q[0], 0.04, accuracy: 1e-12)
        XCTAssertEqual(q[1], 0.04 * 4 / 3, accuracy: 1e-12)
        XCTAssertEqual(q[2], 0.04 * 4 / 3, accuracy: 1e-12, "monotone: never below a larger p's q")
        XCTAssertEqual(q[3], 0.5, accuracy: 1e-12)
        XCTAssertEqual(Significance.benjaminiHochberg([]), [])
    }
}
