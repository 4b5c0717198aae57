import Foundation
import GRDB
import PainmapJourney
import PainmapReport
import PainmapSentiment
import PainmapStore
import PainmapText
import XCTest

/// A small database built with the store's own ingest API from hand-written feedback, analysed by a
/// deterministic keyword analyser (the report is under test here, not the models).
///
/// Two sources (tickets, reviews), February and March 2026: the report's default 28-day period is
/// 2026-03-01..2026-03-28 and the previous period 2026-02-01..2026-02-28. Late parcels rise sharply in March.
final class ReportFixture {
    let dir: String
    let store: PainmapStore

    static let versions = AnalysisVersions(lexicon: "lex-test-1", topicModel: "topics-test-2", phaseModel: "phases-test-3", journey: "generic@feedbeef")
    /// The customer quote that must come out escaped.
    static let hostile = #"Checkout ate my order <script>alert(1)</script> and said "&' never again"#

    static let tickets = """
        id,date,channel,text
        t1,2026-02-03 09:00:00,email,My parcel is late and support never answers
        t2,2026-02-05 10:00:00,email,The app crashed during checkout
        t3,2026-02-10 11:00:00,chat,Support was rude when I asked about my delivery
        t4,2026-02-12 12:00:00,chat,Love the new app design
        t5,2026-02-17 13:00:00,email,I want to cancel my subscription because the price went up
        t6,2026-02-20 14:00:00,phone,The parcel arrived late again
        t7,2026-02-24 15:00:00,email,Heard about you from an advert and the price looks fair
        t8,2026-03-01 09:00:00,email,My parcel is late for the third time
        t9,2026-03-02 09:30:00,email,Parcel late again and nobody tells me anything
        t10,2026-03-03 10:00:00,chat,The delivery is late and the tracking is broken
        t11,2026-03-04 10:30:00,email,Still waiting: the parcel is late by a week
        t12,2026-03-05 11:00:00,phone,Late parcel and a rude driver
        t13,2026-03-06 11:30:00,email,Why is every parcel late this month
        t14,2026-03-09 12:00:00,chat,The parcel came late and the box was broken
        t15,2026-03-10 12:30:00,email,"Late delivery, late refund, late everything"
        t16,2026-03-11 13:00:00,email,My parcel is late and I will cancel my account
        t17,2026-03-12 13:30:00,web,\(ReportFixture.csvField(hostile))
        t18,2026-03-13 14:00:00,web,Compared prices for a week and yours were the best
        t19,2026-03-16 14:30:00,chat,Support sorted my refund quickly
        t20,2026-03-18 15:00:00,email,The app crashes every time I open my orders
        t21,2026-03-20 15:30:00,email,I would recommend you to anyone
        t22,2026-03-23 16:00:00,phone,Parcel late twice in one month
        t23,2026-03-25 16:30:00,email,The price of delivery is terrible
        t24,2026-03-27 17:00:00,chat,Checkout was broken on my phone
        t25,,email,No date on this one but the parcel was late
        """

    static let reviews = """
        id,date,channel,text
        r1,2026-02-04 20:00:00,app store,Great app for ordering
        r2,2026-02-08 21:00:00,google play,App crashes on start
        r3,2026-02-14 19:00:00,app store,Will recommend the shop to friends
        r4,2026-02-22 18:00:00,google play,Checkout page broken
        r11,2026-02-02 20:15:00,app store,The app crashed twice while I was paying
        r12,2026-02-06 21:40:00,google play,Crash on the search screen every single time
        r13,2026-02-09 19:05:00,app store,App crashes when I open my basket
        r14,2026-02-11 22:30:00,google play,Keeps crashing after the login
        r15,2026-02-15 18:20:00,app store,The app crashed and I lost my basket
        r16,2026-02-18 20:50:00,google play,Another crash when I tap on offers
        r17,2026-02-21 21:10:00,app store,App crash when scanning a barcode
        r18,2026-02-26 19:45:00,google play,Crashes whenever I rotate my phone
        r5,2026-03-01 20:00:00,app store,App crash after update
        r6,2026-03-04 21:00:00,google play,Love the app
        r7,2026-03-08 19:30:00,app store,The app is terrible since March
        r8,2026-03-14 20:30:00,google play,Parcel late and the app shows nothing
        r9,2026-03-19 18:30:00,app store,Heard about the shop on a podcast advert and I love it
        r10,2026-03-28 22:00:00,google play,Great prices and I recommend the app
        """

    static func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    init() throws {
        dir = NSTemporaryDirectory() + "painmap-report-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try PainmapStore(path: dir + "/report.sqlite")
        let ingester = Ingester(store: store, versions: ReportFixture.versions, workers: 2) { _, text in ReportFixture.analyze(text) }
        for (name, csv) in [("tickets", ReportFixture.tickets), ("reviews", ReportFixture.reviews)] {
            let path = dir + "/\(name).csv"
            try csv.write(toFile: path, atomically: true, encoding: .utf8)
            var o = IngestOptions()
            o.columns.source = name
            let s = try ingester.ingest(path: path, options: o)
            XCTAssertEqual(s.rejected, 0, "fixture rows must all be stored: \(s.rejects)")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// Phase, touchpoints, sentiment and pain points from keywords.
    static func analyze(_ text: String) -> FeedbackAnalysis {
        let t = text.lowercased()
        func has(_ words: String...) -> Bool { words.contains { t.contains($0) } }
        let phase = has("heard", "advert") ? "awareness" : has("compared") ? "consideration" : has("checkout") ? "purchase"
            : has("cancel") ? "retention" : has("recommend") ? "advocacy" : "usage"
        var touchpoints: [String] = []
        if has("parcel", "delivery", "driver") { touchpoints.append("delivery") }
        if has("app") { touchpoints.append("mobile_app") }
        if has("checkout") { touchpoints.append("checkout") }
        if has("price") { touchpoints.append("pricing") }
        if has("support", "refund") { touchpoints.append("customer_service") }
        if has("advert") { touchpoints.append("search_and_ads") }
        let negative = has("late", "crash", "broken", "rude", "terrible", "cancel", "never")
        let positive = has("love", "great", "recommend", "best", "quickly", "fair")
        var score = SentimentScore.neutralScore
        score.compound = negative ? (has("never", "terrible") ? -0.8 : -0.5) : positive ? 0.6 : 0.02
        let topic = has("parcel", "delivery") ? "delivery_delay" : has("crash") ? "app_crash" : has("price") ? "price" : "other"
        var pains: [PainPoint] = []
        if negative {
            let problem = has("late") ? "delay" : has("crash") ? "crash" : has("broken") ? "damage" : has("rude") ? "rudeness" : "problem"
            let tp = touchpoints.first
            let severity = t.contains("<script>") ? 0.95 : has("never") ? 0.9 : has("again", "third", "twice") ? 0.7 : 0.5
            let phrase = "\(tp ?? "general") \(problem)"
            pains.append(PainPoint(text: text, span: Span(0, text.unicodeScalars.count), phrase: phrase,
                                   phraseSurface: phrase.replacingOccurrences(of: "_", with: " "), touchpoint: tp, phase: phase, topic: topic,
                                   severity: severity, churnRisk: has("cancel"), sentiment: score.compound))
        }
        let matches = touchpoints.map { TouchpointMatch(id: $0, score: 1, evidence: $0, span: Span(0, 1)) }
        return FeedbackAnalysis(language: "en", normalizedText: text, sentiment: score, topic: LabelScore(label: topic, confidence: 0.9),
                                phase: LabelScore(label: phase, confidence: 0.9), touchpoints: matches, painPoints: pains)
    }

    // MARK: SQL, straight from the tables

    func int(_ sql: String, _ args: StatementArguments = StatementArguments()) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: sql, arguments: args) ?? -1 }
    }

    func double(_ sql: String, _ args: StatementArguments = StatementArguments()) throws -> Double {
        try store.read { db in try Double.fetchOne(db, sql: sql, arguments: args) ?? .nan }
    }

    func rows(_ sql: String, _ args: StatementArguments = StatementArguments()) throws -> [Row] {
        try store.read { db in try Row.fetchAll(db, sql: sql, arguments: args) }
    }

    static func day(_ iso: String) -> Int { DateParser.filterDay(iso)! }

    /// The default report's period and the one before it, as day numbers.
    static let current = (ReportFixture.day("2026-03-01"), ReportFixture.day("2026-03-28"))
    static let previous = (ReportFixture.day("2026-02-01"), ReportFixture.day("2026-02-28"))

    func report(_ configure: (inout ReportOptions) -> Void = { _ in }) throws -> ReportData {
        var o = ReportOptions(defaultDays: 28, emergingMinCount: 3, generator: "painmap test", generatedAt: "2026-03-29T00:00:00Z",
                              template: { id in try? JourneyTaxonomy.load(id) })
        configure(&o)
        return try ReportData.gather(from: store, options: o)
    }
}
