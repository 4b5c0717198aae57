import XCTest
import PainmapText
@testable import PainmapSentiment

/// The fixes found with the second social-post dev set (corpora/sentiment/social-dev-2.tsv, session 11): praise said
/// with a negation or a dark word, and greetings. Every sentence here was written for these tests from ordinary English
/// (none is a dev-set post), each with the label a careful reader would give, and with a control that must keep its
/// reading.
final class DevSetTwoTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    // MARK: negated comparatives (SentimentScorer+Comparative)

    func testDoesNotGetBetterThanThisIsTopPraise() {
        p.assertLabels([
            "pancakes on the porch with my kids, it doesn't get much better than this",
            "front row seats. does not get any better than that",
            "honestly life doesnt get any better than this",
            "nobody does pizza better than this little place on 3rd",
            "nobody makes lemonade better than my grandma",
        ], "positive")
        XCTAssertEqual(p.contribution("it doesn't get any better than this", "better")?.rules.contains { $0.hasPrefix("negated comparative") }, true)
    }

    func testDoesNotGetBetterWithoutThanThisStillComplains() {
        p.assertLabels([
            "took the pills for a week and it doesn't get any better",
            "I don't feel any better than yesterday",
            "nobody felt better after that meeting",
            "my knee does not get better no matter what I try",
        ], "negative")
    }

    // MARK: greetings (SentimentScorer+Greeting)

    func testGreetingWordsScoreWhereTheyDoNotGreet() {
        p.assertLabels([
            "sunburnt and sandy but good day",
            "it was a good day at the lake with the cousins",
            "what a good morning, pancakes and no alarm",
            "good day at work, the whole team pitched in",
        ], "positive")
    }

    func testGreetingsStillGreet() {
        p.assertLabels([
            "Good morning, my card was declined twice today",
            "Refund still missing || Good afternoon, my refund has not arrived",
            "hi all, good evening. the app keeps crashing when I log in",
        ], "negative")
        XCTAssertEqual(p.label("Good morning, can you tell me where my order is?"), "neutral")
        XCTAssertEqual(p.label("@dana_r good day to you"), "neutral")
    }

    // MARK: "it's not like" (SentimentScorer+NotLike)

    func testNotLikeDeniesTheClause() {
        p.assertLabels([
            "it's not like the movie was bad, I just wanted more",
            "it wasn't like I hated the soup, it was actually nice",
            "its not like the service was slow either",
        ], "positive")
        p.assertLabels([
            "it's not like you care anyway",
            "it's not like the update was helpful",
        ], "negative")
        XCTAssertEqual(p.contribution("it's not like the movie was bad", "bad")?.rules.contains { $0.contains("not like") }, true)
    }

    func testNotLikeControls() {
        p.assertLabels([
            "I do not like it when the app crashes",
            "the jacket is not like the picture at all",
        ], "negative")
    }

    // MARK: phrases.tsv, session 11

    func testRhetoricalQuestionsOfPraise() {
        p.assertLabels([
            "who doesn't love a snow day",
            "cheap, quick and tasty. what's not to like",
            "how can you not love this little puppy",
        ], "positive")
        // Said of something bad it is sarcasm (SentimentRules.sarcasticLoveOpeners).
        XCTAssertEqual(p.label("who doesn't love a three hour delay at the airport"), "negative")
    }

    func testPraiseSaidWithHardOrNegation() {
        p.assertLabels([
            "a hot bagel on a saturday morning is hard to beat",
            "that wedding toast is a tough act to follow",
            "couldn't have asked for a better weekend with the family",
            "my dog chewed my shoes but I wouldn't trade him for anything",
        ], "positive")
        XCTAssertEqual(p.label("the instructions are hard to follow"), "negative")
    }

    func testReliefAndCoping() {
        p.assertLabels([
            "I was nervous about the surgery but it turned out fine",
            "rough week at work. I'll get by, lol",
            "was scared about the move but it all worked out",
        ], "positive")
    }

    func testSlangPraiseAndSayings() {
        p.assertLabels([
            "my new truck is a beast in the snow",
            "the trampoline park was stupid fun",
            "wasn't sure about the haircut but it's growing on me",
            "crying happy tears at my sister's graduation",
            "crushed my interview this morning!",
            "she killed it at the talent show",
            "totally crushed it at the job fair",
            "our robotics team crushed the competition",
            "that kickflip was sick",
            "insane deal on winter boots right now",
        ], "positive")
        p.assertLabels([
            "the price of these boots is insane",
            "the truck crushed my phone",
            "the beast in that movie gave me nightmares",
        ], "negative")
    }

    // MARK: a dark word before "how" and praise (SentimentScorer+HowIntensity)

    func testDarkWordBeforeHowAndPraiseIsEmphasis() {
        p.assertLabels([
            "it's ridiculous how good this coffee is",
            "crazy how fast my daughter learned to swim",
            "honestly disgusting how talented that kid is",
        ], "positive")
        XCTAssertEqual(p.contribution("it's ridiculous how good this coffee is", "ridiculous")?.adjusted, 0)
    }

    func testDarkWordBeforeHowAndComplaintKeepsItsSense() {
        p.assertLabels([
            "it's ridiculous how slow the checkout is",
            "insane how expensive groceries got this year",
            "ridiculous. how is the site still down",
        ], "negative")
    }

    // MARK: phrases.tsv, session 11, second set

    func testReassuranceAndSmallSayings() {
        p.assertLabels([
            "@jo_b no prob, happy to help anytime",
            "caught a cold but I'll be fine lol",
            "my cheeks hurt after that comedy show",
            "you can never have too many plants",
            "scan came back negative, so relieved",
            "got an A on my chemistry final",
            "this new mixtape slaps",
        ], "positive")
        // Asked, not asserted: no reassurance ("fine" is a mild word).
        XCTAssertEqual(p.label("will it be fine to pay by card?"), "neutral")
    }

    // MARK: laughing "killing me" (SentimentScorer+Banter), dominance in a game, a clear sky

    func testYoureKillingMeLaughs() {
        p.assertLabels(["haha you're killing me with these puns", "this is killing me 😂😂"], "positive")
        p.assertLabels(["my knees are killing me lol", "this humidity is killing me lol"], "negative")
    }

    func testMonsterOnTheFieldAndClearSky() {
        p.assertLabels(["our goalie was a monster on the ice tonight", "not a cloud in the sky all weekend"], "positive")
        XCTAssertEqual(p.label("there's a monster in that movie that scared my kids"), "negative")
    }

    // MARK: negative posts with positive-looking words (phrases.tsv, irrealis.txt)

    func testWearinessLamentAndGrief() {
        p.assertLabels([
            "can't wait for this week to be over, so done",
            "whatever happened to good manners on the bus",
            "lost my grandma last night, still in shock",
        ], "negative")
        // "can't wait" alone is still eagerness.
        XCTAssertEqual(p.label("can't wait for the weekend"), "positive")
    }

    // MARK: a contrast that opens a sentence (SentimentScorer+SentenceTurn)

    func testContrastOpeningASentenceTurnsFromTheOneBefore() {
        p.assertLabels([
            "Worst commute of my life. But the concert made up for it, wow",
            "My flight was awful! But the hotel upgraded us, so happy",
        ], "positive")
        p.assertLabels([
            "The screen is lovely. But the battery dies by noon",
            "Great staff and a fair price. But the parcel took 12 days and came damaged",
        ], "negative")
        // The earlier sentence keeps its own score; only its weight in the document changes.
        let r = p.score("The screen is lovely. But the battery dies by noon")
        XCTAssertGreaterThan(r.sentences[0].compound, 0)
        XCTAssertEqual(p.contribution("The screen is lovely. But the battery dies by noon", "lovely")?.rules.last?.hasPrefix("the next sentence opens with a contrast"), true)
    }

    func testThingsLookingUpAndWeDidIt() {
        p.assertLabels(["tough few months but things are looking up", "four years of night classes and we did it"], "positive")
    }

    // MARK: warm sayings with a negation of no sentiment word (phrases.tsv)

    func testWarmSayingsWithABareNegation() {
        p.assertLabels([
            "honestly don't know what I'd do without my roommates",
            "we're on fire this season, nobody can stop us",
            "never knew I needed a hammock in my life",
            "don't ever change, buddy",
            "couldn't resist the fresh donuts this morning",
        ], "positive")
        // "no matter how" negates nothing; the complaint stays a complaint.
        XCTAssertEqual(p.label("no matter how many times I restart it, the app won't open"), "negative")
    }

    // MARK: a wish for more of what is now (SentimentScorer+WishForMore)

    func testWishForMoreOfNowIsPraise() {
        p.assertLabels([
            "wish every flight was this smooth",
            "if only all my mornings were this peaceful",
        ], "positive")
        p.assertLabels([
            "I wish the checkout was easier",
            "wish this app was faster on my old phone",
        ], "negative")
        XCTAssertEqual(p.contribution("wish every flight was this smooth", "smooth")?.adjusted ?? 0, p.valence("smooth"), accuracy: 1e-6)
    }

    // MARK: names of things that hold a sentiment word (phrases.tsv)

    func testKillerWhaleAndFlatWhiteAreNames() {
        XCTAssertEqual(p.label("what time does the killer whale show start?"), "neutral")
        XCTAssertEqual(p.label("how much is a flat white here?"), "neutral")
        XCTAssertFalse(p.contributions("saw the killer whales at the aquarium").contains { $0.adjusted < 0 })
    }

    // MARK: faces are not negated (SentimentScorer.scoreSentence)

    func testFacesAreNotNegatedByTheWordsBeforeThem() {
        p.assertLabels(["the printer doesn't print 😡", "my code still doesn't compile :(", "I did not sign up for this 😒"], "negative")
        p.assertLabels(["no way, they got engaged 😍", "nothing better than this 🥰"], "positive")
        XCTAssertFalse(p.contribution("the printer doesn't print 😡", "😡")?.rules.contains { $0.hasPrefix("negated") } ?? true)
    }

    func testALaughAfterANegationStillLaughsAtTheFailure() {
        // A laughing face after a negation is read through it, as before: the writer laughs at what failed.
        XCTAssertEqual(p.label("the refund never came 😂 third time asking"), "negative")
    }
}
