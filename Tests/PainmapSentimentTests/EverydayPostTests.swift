import XCTest
import PainmapText
@testable import PainmapSentiment

/// Everyday posts, session 8 (issue #3: mildly positive everyday posts read as negative). Written by the painmap team
/// from ordinary English, each with the label a careful reader would give; not taken from any rated data set.
/// Fifth batch: 168 posts (106 positive, 30 neutral, 32 negative) of the kinds people tweet about their day (work,
/// school, weather, commute, chores, food, family, pets, sport, TV, sleep, weekend plans): mostly mildly positive
/// posts with one mild negative word, a bare negation, "at least" or a contrast in them, plus plain announcements
/// and real mild complaints. All labels were written before the scorer was run on the batch: 132 of 168 right with
/// main's scorer and lexicons, 146 after this session's rules and entries, 147 with the plain-praise entries
/// (PlainPraiseTests) merged beside them. A second set of 40 (`laterPosts`) was
/// written after the rules as a check: 27 right with main, 35 after. Posts still read wrong are listed in
/// `knownMisses`, not asserted.
/// The rules: "at least" opening a clause is a consolation, not the dampener "least" (`SentimentRules.leastFactor`);
/// a stake after the turn of a contrast, the complaint before it (`stakeAfterTurnFactor`, `scaleStakes`); a
/// negation reaches over no "and" (`negationStopWords`); "haven't laughed this hard in ages" (`longTimeDegrees`,
/// `longTimeSpans`, SentimentScorer+LongTime); "nothing like" before a good thing is sincere
/// (`sincereWhenPositiveOpeners`); a positive phrase owns the negation it opens with ("Nothing beats a nap").
final class EverydayPostTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    static let positivePosts = [
            "Finally friday, long week but made it",
            "Rainy day, perfect excuse to stay in and watch movies",
            "Traffic wasn't too bad this morning",
            "Not a bad start to the week",
            "Made it to work on time for once",
            "Early morning run done, feeling good",
            "Cleaned the whole apartment, feels so much better",
            "Laundry done, dishes done, time to relax",
            "Tired but happy after a long hike",
            "Exhausted but it was worth it",
            "Snow day! no school tomorrow",
            "No work tomorrow, sleeping in",
            "Can't believe how nice it is outside today",
            "Cold but sunny, my favourite kind of day",
            "Homemade soup on a cold night, just what I needed",
            "Mom's lasagna never disappoints",
            "Dinner with the family tonight, missed them",
            "My little sister graduated today, so proud",
            "Dad finally learned how to text lol",
            "The dog stole my spot on the couch again haha",
            "My cat knocked everything off the desk, still cute though",
            "Puppy is asleep, finally some peace and quiet",
            "Passed my driving test!",
            "Survived my first week at the new job",
            "Got through the exam, think it went ok",
            "Only one exam left then summer",
            "Stayed up way too late watching Netflix, no regrets",
            "Binge watched the whole season in one day, no shame",
            "That episode last night though, can't stop thinking about it",
            "Lazy Saturday, no plans and loving it",
            "Sunday brunch with the girls",
            "Pancakes for breakfast, the weekend has started",
            "First coffee of the day, ahh",
            "Caught the bus just in time",
            "Train was late but I got a seat",
            "Commute was quiet today, nice change",
            "Boss let us leave early today",
            "Got a small raise, not much but I'll take it",
            "Meetings all day but at least the pizza was free",
            "Quick nap after work, feel like a new person",
            "Slept 10 hours, much needed",
            "Home sweet home after a crazy week",
            "Back to the gym after two weeks off, sore but happy",
            "Legs are dead after leg day, worth it",
            "Ran my first 5k, slow but I finished",
            "Our team lost but what a match",
            "Won our pub quiz last night",
            "Beat my brother at fifa finally",
            "The kids are finally asleep, wine time",
            "Garden is starting to look good",
            "Tomatoes are finally growing",
            "Fixed the leaky tap myself, who needs a plumber",
            "Car is back from the shop and runs like new",
            "Found a tenner in my old jacket",
            "Free donuts in the break room",
            "Grandma called just to say hi",
            "Weather is crazy warm for November, not complaining",
            "Bit chilly this morning but the sun is out",
            "Nothing better than fresh sheets",
            "Can't go wrong with pizza on a Friday night",
            "Hard week but good people make it easier",
            "Monday wasn't so bad after all",
            "Long drive home but the music was good",
            "Power's back on, we survived the storm",
            "Finished my essay at 2am, bed time",
            "Haven't had a day this relaxing in months",
            "Haven't smiled this much in years",
            "Never get tired of this view",
            "Can't complain, life is good",
            "No rain today for once!",
            "Not bad for a Monday",
            "Nothing like a cup of tea after a long day",
            "First snow of the year, so pretty",
            "Rain on the window, candles lit, book in hand",
            "Busy day but got everything done",
            "Crazy busy at work but the team is great",
            "Early shift done, rest of the day is mine",
            "Chilling on the balcony with a cold drink",
            "Chillin with the boys tonight",
            "Just chilling at home, nothing to do, bliss",
            "Watching the game with dad, just like old times",
            "Kids made me breakfast in bed, a bit burnt but sweet",
            "Spilled coffee on my shirt but still had a great day",
            "Forgot my umbrella but the rain stopped just in time",
            "Ate way too much at thanksgiving, so full and happy",
            "Baked cookies for the neighbours",
            "Picked up my new glasses, I can see again haha",
            "Dentist said no cavities!",
            "Test results came back fine, what a relief",
            "Late night drive with the windows down",
            "Fell asleep on the couch watching TV, best nap ever",
            "Halfway through the week already",
            "Payday tomorrow, can't wait",
            "Weekend plans: sleep, pizza, repeat",
            "Game night with friends, I lost every round but had a blast",
            "My son scored his first goal today",
            "Walked the dog in the snow, he loved it",
            "The cat finally let me pet her",
            "Cooked dinner without burning anything, small wins",
            "Made my own bread for the first time, not perfect but tasty",
            "Hard workout today, feeling strong",
            "No homework this weekend, finally",
            "Just finished the last exam of the year!!",
            "Classes are cancelled, back to bed",
            "Hot chocolate and a blanket, winter isn't so bad",
            "Storm outside, cozy inside",
    ]

    static let neutralPosts = [
            "Heading to work",
            "On the bus to school",
            "Grocery shopping after work",
            "Anyone know what time the game starts?",
            "Dentist at 3 tomorrow",
            "Doing laundry tonight",
            "Watching the weather forecast",
            "Working from home today",
            "Making pasta for dinner",
            "Just woke up",
            "Going to my parents this weekend",
            "Need to buy milk on the way home",
            "Back to school on Monday",
            "Parent teacher meeting tonight",
            "Taking the dog to the vet tomorrow",
            "Weather says rain on Thursday",
            "Off to the post office",
            "Picking up the kids at 4",
            "Watching the second episode now",
            "Bus number 12 is running every 20 minutes today",
            "Packing for the trip tomorrow",
            "Does the pool open at 7 on Saturdays?",
            "Moving the couch to the other room",
            "Cutting the grass this afternoon",
            "Train to London at 8",
            "First day of the new semester tomorrow",
            "Ordered a pizza",
            "Mowing the lawn later",
            "Stopped at the gas station",
            "Who's watching the match tonight?",
    ]

    static let negativePosts = [
            "another rainy monday, ugh",
            "stuck in traffic for 2 hours",
            "Missed my train by a minute, next one in an hour",
            "Train delayed another 40 minutes, great",
            "Woke up with a sore throat, not again",
            "Long day and nothing got done",
            "Spilled coffee all over my laptop",
            "Forgot my lunch at home, starving",
            "Too tired to cook tonight",
            "Can't sleep again",
            "Burnt the toast, this day is off to a bad start",
            "Dropped my phone and the screen is shattered",
            "So much homework this weekend, kill me",
            "Boss made us stay late again",
            "The neighbours are so loud tonight",
            "It's freezing and the heating is broken",
            "Flight cancelled, stuck at the airport",
            "Car won't start this morning",
            "Locked myself out of the house",
            "Failed my driving test",
            "Migraine since lunch, can't look at a screen",
            "Our team lost again, so frustrating",
            "Ran out of coffee, worst morning",
            "The dog chewed my new shoes",
            "Internet down all evening, so bored",
            "Haven't slept properly in weeks",
            "Not looking forward to work tomorrow",
            "Nothing goes right today",
            "Finals week is killing me",
            "Rained all weekend, plans ruined",
            "Waited at least 3 hours in the waiting room",
            "No hot water this morning",
    ]

    /// A second set of 40 posts (25 positive, 7 neutral, 8 negative), written after this session's rules as a check
    /// that they carry to posts they were not made from (the writer knew the rules, so it is not a blind test), labels
    /// before the set was run: 27 of 40 right with main's scorer and lexicons, 35 after (the last entries it prompted:
    /// "kicking in", "got it done").
    static let laterPosts: [(text: String, expected: String)] = [
        ("Rough morning but the afternoon was lovely", "positive"),
        ("Bus was packed but I got home early", "positive"),
        ("Long shift done, pizza and bed", "positive"),
        ("Still tired but the coffee is kicking in", "positive"),
        ("Rainy Sunday, soup on the stove and a movie on", "positive"),
        ("Kids are loud but at least they're having fun", "positive"),
        ("Couldn't sleep so I watched the sunrise, worth it", "positive"),
        ("Haven't eaten this well in weeks, thanks mum", "positive"),
        ("Haven't been this excited for a game in years", "positive"),
        ("No alarm tomorrow, just sleeping in", "positive"),
        ("Chilling in the garden with the dog", "positive"),
        ("Lazy morning with pancakes", "positive"),
        ("Hard day at work but my cat was waiting at the door", "positive"),
        ("Traffic was awful but the podcast was great", "positive"),
        ("Missed the train but caught the next one and still made it on time", "positive"),
        ("Cold but sunny walk by the river", "positive"),
        ("Dishes done, feet up, tea in hand", "positive"),
        ("First day off in weeks, doing absolutely nothing", "positive"),
        ("Busy week but we got the project done", "positive"),
        ("Exhausted but proud of the team today", "positive"),
        ("Nothing like fresh bread in the morning", "positive"),
        ("Nothing beats Sunday dinner at grandma's", "positive"),
        ("The sun finally came out this afternoon", "positive"),
        ("Got my grades back, not bad at all", "positive"),
        ("My dog won't stop wagging his tail since I got home", "positive"),
        ("Dentist appointment moved to Friday", "neutral"),
        ("Doing the dishes then heading out", "neutral"),
        ("Late night shift this week", "neutral"),
        ("Picking up dry cleaning after lunch", "neutral"),
        ("Bus 42 is diverted today", "neutral"),
        ("Cooking chicken for dinner tonight", "neutral"),
        ("Anyone know if the gym is open on bank holidays?", "neutral"),
        ("Traffic was awful and the radio was broken", "negative"),
        ("Couldn't sleep at all, so tired today", "negative"),
        ("The kids are sick and I'm not far behind", "negative"),
        ("Long day and the train is cancelled", "negative"),
        ("Rain all weekend and the roof is leaking again", "negative"),
        ("At least 20 people ahead of me in the queue, ugh", "negative"),
        ("Haven't slept properly in days", "negative"),
        ("My coffee went cold before I even got to drink it", "negative"),
    ]

    /// Posts of the fifth batch (both sets) that the scorer still reads wrong, with the label a person would give: a mild
    /// setback told before what went well with no lexicon word ("Train was late but I got a seat", "slow but I
    /// finished"), good news with no evaluative word ("My son scored his first goal today"), warmth said as a loss
    /// ("missed them"), a stake's faint glow in a plain announcement ("Ordered a pizza"), sarcasm said after the
    /// complaint ("Train delayed another 40 minutes, great").
    static let knownMisses: [(text: String, expected: String)] = [
        ("Finally friday, long week but made it", "positive"),
        ("Dinner with the family tonight, missed them", "positive"),
        ("Only one exam left then summer", "positive"),
        ("That episode last night though, can't stop thinking about it", "positive"),
        ("Train was late but I got a seat", "positive"),
        ("Got a small raise, not much but I'll take it", "positive"),
        ("Legs are dead after leg day, worth it", "positive"),
        ("Our team lost but what a match", "positive"),
        ("Fixed the leaky tap myself, who needs a plumber", "positive"),
        ("Found a tenner in my old jacket", "positive"),
        ("Finished my essay at 2am, bed time", "positive"),
        ("Late night drive with the windows down", "positive"),
        ("Halfway through the week already", "positive"),
        ("My son scored his first goal today", "positive"),
        ("Classes are cancelled, back to bed", "positive"),
        ("Going to my parents this weekend", "neutral"),
        ("Weather says rain on Thursday", "neutral"),
        ("Ordered a pizza", "neutral"),
        ("Train delayed another 40 minutes, great", "negative"),
        ("The dog chewed my new shoes", "negative"),
        ("Waited at least 3 hours in the waiting room", "negative"),
        ("Rainy Sunday, soup on the stove and a movie on", "positive"),
        ("Hard day at work but my cat was waiting at the door", "positive"),
        ("Busy week but we got the project done", "positive"),
        ("Picking up dry cleaning after lunch", "neutral"),
        ("Bus 42 is diverted today", "neutral"),
    ]

    private static func asserted(_ posts: [String]) -> [String] {
        let missed = Set(knownMisses.map(\.text))
        return posts.filter { !missed.contains($0) }
    }

    func testFifthBatchPositivePosts() { p.assertLabels(Self.asserted(Self.positivePosts), "positive") }
    func testFifthBatchNeutralPosts() { p.assertLabels(Self.asserted(Self.neutralPosts), "neutral") }
    func testFifthBatchNegativePosts() { p.assertLabels(Self.asserted(Self.negativePosts), "negative") }

    func testLaterSet() {
        let missed = Set(Self.knownMisses.map(\.text))
        for label in ["positive", "neutral", "negative"] {
            p.assertLabels(Self.laterPosts.filter { $0.expected == label && !missed.contains($0.text) }.map(\.text), label)
        }
    }

    func testKnownMissesAreListedOnceWithTheirBatchLabel() {
        XCTAssertEqual(Set(Self.knownMisses.map(\.text)).count, Self.knownMisses.count)
        for m in Self.knownMisses {
            let batch = Self.positivePosts.contains(m.text) ? "positive" : Self.neutralPosts.contains(m.text) ? "neutral"
                : Self.negativePosts.contains(m.text) ? "negative" : Self.laterPosts.first { $0.text == m.text }?.expected ?? "none"
            XCTAssertEqual(batch, m.expected, m.text)
        }
    }

    // MARK: the rules behind them

    /// "at least" opening a clause is a consolation: what follows is the good part, not dampened. "The least helpful"
    /// still negates, and "at least" after what it qualifies ("smells great at least lol") still dampens the next word.
    func testAtLeastIsAConsolation() throws {
        p.assertLabels(["Studying for finals but at least there's coffee", "At least the agent was polite",
                        "Meetings all day but at least the pizza was free"], "positive")
        let coffee = try XCTUnwrap(p.contribution("Studying for finals but at least there's coffee", "coffee"))
        XCTAssertTrue(coffee.rules.contains { $0.hasPrefix("'at least'") }, "\(coffee.rules)")
        XCTAssertFalse(coffee.rules.contains { $0.hasPrefix("dampened") || $0.contains("stake in a complaint") }, "\(coffee.rules)")
        p.assertLabels(["The agent was the least helpful"], "negative")
        let lol = try XCTUnwrap(p.contribution("smells great at least lol", "lol"))
        XCTAssertTrue(lol.rules.contains { $0.hasPrefix("dampened by 'least'") }, "\(lol.rules)")
    }

    /// A pleasant thing after the turn of a contrast answers the complaint before it; a stake in the complaint's own
    /// clause still yields.
    func testStakesAfterTheTurnOfAContrast() throws {
        p.assertLabels(["Bit chilly this morning but the sun is out", "Cold outside but the hot chocolate makes up for it",
                        "Long week but pizza tonight"], "positive")
        // (Not "the sun is out": since the session-8 plain-praise phrases, "sun is out" is a phrase, not the stake "sun".)
        let pizzaTonight = try XCTUnwrap(p.contribution("Long week but pizza tonight", "pizza"))
        XCTAssertTrue(pizzaTonight.rules.contains { $0.hasPrefix("a stake after the turn") }, "\(pizzaTonight.rules)")
        p.assertLabels(["the concert was cancelled", "I ordered a pizza but it never came",
                        "Tickets were pricey but the concert was cancelled"], "negative")
        let pizza = try XCTUnwrap(p.contribution("The food was great but the pizza was cold", "pizza"))
        XCTAssertTrue(pizza.rules.contains { $0.hasPrefix("a stake in a complaint") }, "\(pizza.rules)")
    }

    /// A negation does not reach over "and": "no plans and loving it" does not negate "loving it".
    func testNegationStopsAtAnd() throws {
        p.assertLabels(["Lazy Saturday, no plans and loving it", "no homework and happy"], "positive")
        let loving = try XCTUnwrap(p.contribution("no plans and loving it", "loving it"))
        XCTAssertGreaterThan(loving.adjusted, 0)
        XCTAssertTrue(p.contributions("no plans and loving it").contains { $0.rules.contains("negation of no sentiment word") })
        p.assertLabels(["the screen doesn't turn on and slow to charge", "not good and not cheap", "I don't like it"], "negative")
    }

    /// "haven't laughed this hard in ages" says now is the best in a long time; without the degree word or the span
    /// of time the negation still negates.
    func testNotSinceLongAgoEmphasises() throws {
        p.assertLabels(["I haven't laughed this hard in ages", "Haven't smiled this much in years",
                        "haven't been this happy in a long time", "hadn't felt so relaxed since the summer"], "positive")
        let smiled = try XCTUnwrap(p.contribution("Haven't smiled this much in years", "smiled"))
        XCTAssertTrue(smiled.rules.contains { $0.hasPrefix("not since long ago") }, "\(smiled.rules)")
        p.assertLabels(["haven't been this disappointed in years", "I haven't been happy in years",
                        "haven't enjoyed it this week", "the app hasn't worked this well, it crashes"], "negative")
    }

    /// "Nothing like" before a good thing praises it; before a bad thing it sneers.
    func testNothingLikeBeforeAGoodThingIsSincere() {
        p.assertLabels(["Nothing like a cup of tea after a long day", "nothing like a hot shower after a cold run"], "positive")
        p.assertLabels(["Nothing like a 2 hour delay to start the week", "nothing like a broken lift after a long day"], "negative")
    }

    /// A positive phrase that opens with a negation owns it; a negative one still negates its object.
    func testAPositivePhraseOwnsItsNegation() throws {
        let nap = try XCTUnwrap(p.contribution("Nothing beats a nap on a lazy Sunday", "nap"))
        XCTAssertGreaterThan(nap.adjusted, 0)
        XCTAssertEqual(p.label("No complaints here, just chilling with my dog"), "positive")
        // The phrase's own look-back still reads the negation before it.
        p.assertLabels(["not worth it", "honestly not worth it"], "negative")
        let bonus = try XCTUnwrap(p.contribution("I haven't received the bonus", "bonus"))
        XCTAssertLessThan(bonus.adjusted, 0)
    }
}
