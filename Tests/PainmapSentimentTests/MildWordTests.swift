import XCTest
import PainmapText
@testable import PainmapSentiment

/// Everyday mild words (mild.txt): they read as faint evaluations in what people assert, and as nothing in
/// support questions, how-to requests, conditions and control names (`SentimentRules.mildUnassertedFactor`).
/// The texts are written by the painmap team from ordinary English, not taken from any rated data set.
final class MildWordTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    /// Support questions, how-to requests and statements of fact that hold everyday words: neutral.
    func testSupportQuestionsAndRequestsWithEverydayWordsStayNeutral() {
        p.assertLabels([
            // Questions with a "?"
            "Is my card ready?",
            "How do I save my card?",
            "Is it worth upgrading?",
            "Is the upgrade worth it?",
            "Can I play videos offline?",
            "Where can I find my saved cards?",
            "Does the free trial include cloud storage?",
            "Can you help me reset my password?",
            "How can I make the app play music in the background?",
            "Is shipping free for orders over 50 dollars?",
            "Is there an easy way to export my data?",
            "Is there a quick way to clear the cache?",
            "How do I upgrade to the family plan?",
            "Is it safe to delete the old backups?",
            "Will the new version be ready before Friday?",
            "Can I pay for my friend's order with my card?",
            "Is the gym open on bank holidays?",
            "What time does the beach shuttle leave?",
            "Is my package ready for pickup yet?",
            "Can I save my progress and continue later?",
            "Do you ship coffee beans to Canada?",
            "Does the party pack come with plates?",
            "Is the discount applied before or after tax?",
            "Is the line busy right now?",
            "Ok so how do I change my address?",
            "Is the wine rack sold with screws?",
            "Yes or no: is the summer timetable out?",
            "Is the update fixed now?",
            "Are the rewards points valid in every store?",
            // Questions without their "?"
            "how do i save a draft in the app",
            "where do I save the receipt",
            "when will my order be ready",
            "is my parcel ready yet",
            "can i play this on my tv",
            "does anyone know if the store is busy on sundays",
            // How-to requests and actions asked for
            "How to save a draft in the app.",
            "Please save my address for future orders.",
            "I need to save my card details for next time.",
            "I'm trying to play the video on my TV.",
            "I want to upgrade my plan to the family one.",
            "You can save up to five cards in your wallet.",
            "Tap Save to keep your changes.",
            "Click play and then choose the episode.",
            "I would like to know how to make the export faster.",
            // Conditions
            "Let me know if my card is ready.",
            "Please tell me whether the upgrade is worth it.",
            "If the card is ready, please send it to my office.",
            "I will order it today if shipping is free.",
            // Names and statements of fact
            "The order will be ready in five working days.",
            "The save button is at the top right.",
            "I downloaded it from Google Play.",
            "The Play Store version is 4.2.",
            "The app shows my net worth on the home screen.",
            "I bought 20 dollars worth of credit.",
            "My free trial ends on the 3rd.",
            "The order says free delivery on the receipt.",
            "Your card will be ready on Monday.",
            "The update should be ready by the end of the week.",
            "You should be able to save it from the menu.",
        ], "neutral")
    }

    /// Everyday statements with mild sentiment: they still read.
    func testEverydayStatementsWithMildSentimentRead() {
        p.assertLabels([
            "Ready for the weekend!",
            "So ready for this holiday",
            "That was worth every penny",
            "yeah this is fun",
            "Totally worth the wait",
            "Worth it.",
            "Yep, that works for me",
            "Pizza night!",
            "Beach day with friends",
            "Movie night with the family",
            "Coffee and sunshine this morning",
            "Spent the whole afternoon playing music with my brother",
            "Yeah, all good now",
            "Dinner with old friends tonight",
            "Party at my place on Saturday!",
            "Summer is finally here",
            "Sunday brunch with mom",
            "Who's ready for the weekend?!",
            "Can't wait to see everyone",
            "A cold beer after a long walk",
            "Tea in the garden this morning",
            "Playing in the garden with the kids all afternoon",
            "That saved me so much time",
            "The new update is worth it.",
            "Honestly, the upgrade was worth the money.",
            "Amped for the concert tonight",
            "Yeah we're ready",
            "Off to the gym, feeling ready",
            "Sun is out, time for a nap",
        ], "positive")
        p.assertLabels([
            "busy day, so tired",
            "Monday again. So tired.",
            "Stuck in traffic for an hour",
            "Ugh, Monday",
            "So hungry and nothing in the fridge",
            "Cold, rainy and stuck indoors",
            "Not ready for Monday at all",
            "Not worth the hype",
            "Yeah, that was a waste of time",
            "Weird day, kinda bored",
            "Headache all day",
            "Missed the bus again",
            "Homework all weekend",
            "Too busy to even eat lunch",
            "I'm not ready for this week",
            "Sick of this rain",
            "Long day at work, exhausted",
            "Overslept and missed my train",
            "so hungry i could eat a horse",
            "Thirsty and tired after the run",
            "Hmm, not sure about this",
            "The video won't play.",
            "I can't save my card.",
            "Still not ready after two weeks",
            "The upgrade was not worth it.",
            "Shucks, the concert is sold out",
            "Gah, my phone died again",
            "Is it just me or is this app so slow?",
            "Why is the app so bad?",
            "Busy busy busy, no time for anything",
            "Yeah right, like that will ever happen",
            "Thanks for nothing.",
            "Missed the train again, story of my life",
        ], "negative")
    }

    /// The rule names itself in the explanation and leaves words that are not mild alone.
    func testUnassertedMildWordsAreExplainedAndOtherWordsKeepTheirValence() throws {
        let ready = try XCTUnwrap(p.contribution("Is my card ready?", "ready"))
        XCTAssertEqual(ready.adjusted, ready.base * SentimentRules.mildUnassertedFactor)
        XCTAssertTrue(ready.rules.contains { $0.contains("not asserted") }, "\(ready.rules)")
        // "good" is not a mild word: a question keeps it, as before.
        XCTAssertGreaterThan(p.compound("Is it good?"), 0)
        XCTAssertLessThan(p.compound("Why is it so bad?"), 0)
        // "!" makes a question an exclamation: the mild word counts.
        XCTAssertGreaterThan(p.compound("Who's ready?!"), 0)
        // Wh-word exclamations are not questions.
        XCTAssertGreaterThan(p.compound("What a fun and busy day, worth it"), 0)
    }

    func testEveryMildEntryHasAValenceAndAMissingOneFailsToLoad() throws {
        let lex = p.lexicon
        let entries = try DataFile.wordList(lex.directory + "/mild.txt")
        XCTAssertGreaterThan(entries.count, 50)
        let analyzer = p.scorer.analyzer
        XCTAssertNoThrow(try SentimentScorer(lexicon: lex, analyzer: analyzer))
        XCTAssertThrowsError(try SentimentScorer(lexicon: lex, analyzer: analyzer, mildEntries: ["ready", "qwzx"])) { e in
            XCTAssertTrue("\(e)".contains("'qwzx' has no valence"), "\(e)")
            XCTAssertEqual((e as? DataFileError)?.line, 2)
        }
        XCTAssertThrowsError(try SentimentScorer(lexicon: lex, analyzer: analyzer, mildEntries: ["worth the qwzx"]))
    }
}
