import XCTest
import PainmapText
@testable import PainmapSentiment

/// A name inside running text holds words, not feelings (`SentimentRules.nameRunFormulaOpeners`,
/// SentimentScorer+ProperNames). Hand-written sentences.
final class ProperNameTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    /// Whether `word` of `text` contributes sentiment, alone or as the first word of a phrase.
    private func scores(_ text: String, _ word: String) -> Bool {
        p.contributions(text).contains { $0.text == word || $0.text.hasPrefix(word + " ") }
    }

    func testTitleCaseRunAfterLowerCaseIsAName() {
        XCTAssertFalse(scores("finally watching Breaking Bad tonight", "Bad"))
        XCTAssertFalse(scores("hooked on Angry Birds again", "Angry"))
        XCTAssertFalse(scores("my app is on the Play Store now", "Play"))
        p.assertLabels(["decided to finally watch Breaking Bad tonight", "we sat through Mad Men season 3 on Sunday"], "neutral")
        // The rest of the sentence still speaks: the name only stops lending its words.
        XCTAssertEqual(p.label("queued for the Dark Knight, so excited"), "positive")
    }

    func testNamesWithSmallWordsInsideAndOneWordNamesAfterThe() {
        XCTAssertFalse(scores("watching Dumb and Dumber for the 100th time", "Dumb"))
        XCTAssertFalse(scores("picked up Lord of the Flies at the library", "Flies"))
        XCTAssertFalse(scores("the Killers are touring this summer", "Killers"))
        // A superlative after "the" is emphasis, and a lower-case word after "the" is no name at all.
        XCTAssertTrue(scores("honestly the Greatest", "Greatest"))
        XCTAssertTrue(scores("the killers were caught", "killers"))
    }

    func testSameWordsOutsideANameKeepTheirSense() {
        // Lower case, or the first word of the sentence, or a single capitalised word: not a name by this rule.
        XCTAssertTrue(scores("the ending was bad", "bad"))
        XCTAssertTrue(scores("Bad service at the desk", "Bad"))
        XCTAssertTrue(scores("the service was Bad today", "Bad"))
        XCTAssertEqual(p.label("the customer service was bad"), "negative")
    }

    func testCapitalsThatTitleOrShoutAreNotNames() {
        // Titles of reviews and capitals after other capitals: the writer titles or shouts.
        XCTAssertEqual(p.label("Terrible Customer Service"), "negative")
        XCTAssertEqual(p.label("Great Product, Fast Shipping"), "positive")
        XCTAssertEqual(p.label("I Love This Product"), "positive")
    }

    func testCapitalisedWishesAndVerdictsAreNotNames() {
        XCTAssertTrue(scores("omg Thank You so much", "Thank"))
        XCTAssertEqual(p.label("omg Thank You so much"), "positive")
        XCTAssertEqual(p.label("today was the Worst Day Ever"), "negative")
        XCTAssertEqual(p.label("we had the Best Time Ever at the lake"), "positive")
    }
}
