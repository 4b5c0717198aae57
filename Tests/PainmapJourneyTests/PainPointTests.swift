import Foundation
import PainmapText
import XCTest

@testable import PainmapJourney

/// The complaints inside a document: which clauses, their key phrases, severity and churn risk.
final class PainPointTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        _ = try? JourneyFixture.resources()
    }

    var analyzer: FeedbackAnalyzer!

    override func setUpWithError() throws {
        analyzer = try JourneyFixture.analyzer()
    }

    func pains(_ text: String) -> [PainPoint] { analyzer.analyze(text).painPoints }

    /// The only pain point of `text` (fails when there is not exactly one).
    func pain(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> PainPoint? {
        let a = analyzer.analyze(text)
        XCTAssertEqual(a.painPoints.count, 1, "\(text): \(summary(a))", file: file, line: line)
        return a.painPoints.first
    }

    // MARK: key phrases

    func testKeyPhrasesGroupParaphrases() throws {
        let groups: [[String]] = [
            ["The refund took 3 weeks.", "I waited weeks for my refund.", "Still waiting for my refund, it's been 10 days."],
            ["The app crashes on startup.", "The app keeps crashing.", "Your app froze and crashed twice today."],
            ["I was charged twice for the same order.", "You double charged me for one pair of shoes."],
            ["My parcel never arrived.", "The parcel is late again."],
            ["Can't log in to my account.", "I'm locked out of my account since the update."],
        ]
        for group in groups {
            let phrases = group.map { pain($0)?.phrase }
            XCTAssertEqual(Set(phrases).count, 1, "\(zip(group, phrases).map { "\($0.0) -> \($0.1 ?? "none")" })")
            XCTAssertFalse(phrases.contains(nil))
        }
        XCTAssertEqual(pain("The refund took 3 weeks.")?.phrase, "returns_refunds delay")
        XCTAssertEqual(pain("The refund took 3 weeks.")?.phraseSurface, "returns & refunds delay")
        XCTAssertEqual(pain("The app keeps crashing.")?.phrase, "mobile_app crash")
        XCTAssertEqual(pain("I was charged twice for the same order.")?.phrase, "billing overcharge")
        // Different complaints about one touchpoint stay apart.
        XCTAssertNotEqual(pain("My parcel never arrived.")?.phrase, pain("The parcel arrived damaged.")?.phrase)
    }

    func testANegatedPraiseWordIsTheProblemNotTheNegation() throws {
        // Clauses without a negative word used to be keyed by their negation: "Not happy." was "not".
        for text in ["Not happy.", "The support agent was not helpful.", "That's not fair."] {
            let p = try XCTUnwrap(pain(text))
            XCTAssertNotEqual(p.phrase, "not", text)
            XCTAssertTrue(p.phrase.hasSuffix("not " + (text.split(separator: " ").last!.dropLast().lowercased())), "\(text): \(p.phrase)")
        }
        XCTAssertEqual(pain("The support agent wasn't helpful.")?.phrase, pain("The support agent was not helpful.")?.phrase)
        XCTAssertTrue(pain("No voucher.")?.phrase.hasSuffix("no voucher") == true, pain("No voucher.")?.phrase ?? "none")
    }

    /// A time span waited counts as a delay with any of the usual waiting words.
    func testWaitedTimeSpanIsADelay() throws {
        for text in ["The refund took 3 weeks.", "Refund requested, nearly 3 weeks now.", "No refund since 2 weeks.",
                     "Refund still not processed after 10 days.", "Refund took 3days.", "Refund still pending after 48hrs."] {
            XCTAssertEqual(pain(text)?.phrase, "returns_refunds delay", text)
        }
    }

    /// A bank transfer is not being "transferred" from one agent to the next.
    func testTransfersAreNotARunaround() throws {
        let banking = try JourneyFixture.analyzer(journey: "banking")
        let a = banking.analyze("The bank transfer to my landlord has been pending for 3 days.")
        XCTAssertEqual(a.painPoints.first?.phrase, "transfers delay", summary(a))
        XCTAssertEqual(pain("I was transferred between departments 4 times and nobody could help.")?.phrase.hasSuffix("runaround"), true)
        XCTAssertEqual(pain("They transferred me three times and nobody could help.")?.phrase.hasSuffix("runaround"), true)
    }

    // MARK: severity

    func testSeverityOrdersObviousCases() throws {
        let pairs: [(String, String)] = [
            ("The checkout is a bit slow.", "Third time I ask, still waiting, I will do a chargeback."),
            ("The app crashed.", "The app crashed again, third time this week."),
            ("The delivery was a little late.", "This is the fourth time my order hasn't arrived, I'm contacting my lawyer!"),
            ("The packaging was slightly dented.", "Absolutely disgusting service, I am reporting you to trading standards!!!"),
            ("The app crashed.", "The app CRASHED!"),   // shouting
        ]
        for (mild, severe) in pairs {
            guard let a = pain(mild), let b = pain(severe) else { continue }
            XCTAssertLessThan(a.severity, b.severity, "\(mild) (\(a.severity)) vs \(severe) (\(b.severity))")
        }
        for p in pairs.flatMap({ [$0.0, $0.1] }).flatMap({ pains($0) }) {
            XCTAssertGreaterThanOrEqual(p.severity, JourneyRules.severityBase)
            XCTAssertLessThanOrEqual(p.severity, 1)
        }
        XCTAssertLessThan(pain("The checkout is a bit slow.")?.severity ?? 1, 0.5)
        XCTAssertGreaterThan(pain("Third time I ask, still waiting, I will do a chargeback.")?.severity ?? 0, 0.8)
    }

    // MARK: churn risk

    func testChurnRiskIsFlaggedOnCancellationsSwitchingAndNeverAgain() throws {
        for text in ["I want to cancel my account.", "I'm cancelling my account today.",
                     "Switching to a competitor next month.", "I'm switching to another bank, you lost a customer.",
                     "Never again.", "Never again, worst shop ever.",
                     "I'm thinking of leaving after six years as a customer."] {
            let a = analyzer.analyze(text)
            XCTAssertTrue(a.painPoints.contains { $0.churnRisk }, "\(text): \(summary(a))")
            for p in a.painPoints where p.churnRisk { XCTAssertEqual(p.phase, "retention", text) }
        }
    }

    func testNoChurnRiskOnPraiseOrPlainComplaints() throws {
        for text in ["So glad I switched to you from my old bank, best decision ever!",
                     "I'll never shop anywhere else, you are the best.",
                     "Great service, thanks!", "Loved it, will definitely order again."] {
            let a = analyzer.analyze(text)
            XCTAssertFalse(a.painPoints.contains { $0.churnRisk }, "\(text): \(summary(a))")
        }
        for text in ["My parcel never arrived.", "The app keeps crashing.", "I was charged twice for the same order."] {
            XCTAssertFalse(pain(text)?.churnRisk ?? true, text)
        }
    }

    // MARK: which clauses

    func testPositiveDocumentsHaveNoPainPoints() throws {
        for text in ["Absolutely brilliant, great quality and fast delivery.",
                     "Customer service was helpful and friendly.",
                     "Thank you so much, the team sorted everything in minutes.",
                     "Would recommend to all my friends, best purchase this year.",
                     "The staff are always lovely.",
                     "Delivery was quick and the packaging was lovely.",
                     "Opened a savings account in ten minutes, really easy."] {
            let a = analyzer.analyze(text)
            XCTAssertTrue(a.painPoints.isEmpty, "\(text): \(summary(a))")
        }
    }

    /// A clause with a pain cue is a pain point even when none of its words is negative.
    func testPainCueInANeutralClauseIsAPainPoint() throws {
        let p = pain("Still waiting for my order.")
        XCTAssertEqual(p?.text, "Still waiting for my order.")
        XCTAssertEqual(p?.phrase, "order delay")
        for text in ["Asked about the invoice again.", "The courier has had my parcel for a week and keeps saying it is in transit.",
                     "I have contacted you several times about this."] {
            let a = analyzer.analyze(text)
            // Precondition: the sentiment lexicon finds nothing negative here, so the cue alone makes the pain point.
            XCTAssertGreaterThan(a.sentiment.compound, JourneyRules.negativeClause, "precondition: \(summary(a))")
            XCTAssertEqual(a.painPoints.count, 1, "\(text): \(summary(a))")
            XCTAssertEqual(a.painPoints.first?.text, text)
        }
    }

    /// In mixed feedback only the complaining clause is a pain point, with its own touchpoint.
    func testMixedFeedbackKeepsOnlyTheComplaint() throws {
        let text = "Great prices but the delivery took 2 weeks and the courier was rude."
        let p = pain(text)
        XCTAssertEqual(p?.text, "but the delivery took 2 weeks and the courier was rude.")
        XCTAssertEqual(p?.touchpoint, "delivery")
        let two = analyzer.analyze("The app crashes on startup; the refund took 3 weeks.")
        XCTAssertEqual(two.painPoints.map(\.phrase), ["mobile_app crash", "returns_refunds delay"], summary(two))
        XCTAssertEqual(two.painPoints.map(\.touchpoint), ["mobile_app", "returns_refunds"], summary(two))
    }

    func testPainPointsCarryTheDocumentsTopicAndPhase() throws {
        let a = analyzer.analyze("My parcel never arrived.")
        let p = try XCTUnwrap(a.painPoints.first)
        XCTAssertEqual(p.topic, a.topic.label)
        XCTAssertEqual(p.phase, a.phase.label)
        XCTAssertEqual(p.touchpoint, "delivery")
        XCTAssertLessThan(p.sentiment, 0)
    }

    // MARK: spans

    func testPainPointSpansSliceTheOriginalText() throws {
        let texts = [
            "Café order 😡 — the parcel never arrived; the refund took 3 weeks &amp; nobody replied.",
            "<p>My parcel <b>never</b> arrived.</p><p>Refund took 3 weeks!</p>",
            "“The app keeps crashing” — and the support team ignored me…",
            "Great prices but the delivery took 2 weeks and the courier was rude.",
            "Hi,\r\n\r\nI was charged twice 💳💳 for order #4411.\r\nPlease fix this ASAP!!\r\n\r\nThanks, Zoë",
            "    leading spaces and\ttabs: the app keeps crashing   ",
            "Still no refund for order 1182.\n\n-----Original Message-----\nFrom: Support\nSorry, your refund is delayed.",
        ]
        for text in texts {
            let a = analyzer.analyze(text)
            XCTAssertFalse(a.painPoints.isEmpty, "\(text): \(summary(a))")
            for p in a.painPoints {
                XCTAssertEqual(slice(text, p.span), p.text, "pain point of \(text)")
                XCTAssertFalse(p.text.isEmpty)
            }
            for t in a.touchpoints { XCTAssertEqual(slice(text, t.span), t.evidence, "touchpoint \(t.id) of \(text)") }
        }
        let first = analyzer.analyze(texts[0]).painPoints
        XCTAssertEqual(first.map(\.text), ["Café order 😡 — the parcel never arrived", "the refund took 3 weeks &amp; nobody replied."])
        // The quoted reply is not the customer's words: no pain point there.
        XCTAssertEqual(analyzer.analyze(texts[texts.count - 1]).painPoints.map(\.text), ["Still no refund for order 1182."])
    }
}
