import XCTest
import PainmapText
@testable import PainmapSentiment

/// Short everyday social posts (tweets, replies): good news marked only by "!", everyday mishaps, slang and internet
/// shorthand, emoji, sarcasm, questions, greetings, plain news and announcements, mixed feelings. Written by the
/// painmap team from ordinary English for session 6, each with the label a careful reader would give; not taken
/// from any rated data set. Two batches: the first was written and run before the session-6 fixes (126 of 165
/// right with main's scorer and lexicons, 156 after); the second was written after those fixes and before it was run, to see
/// whether they generalize (89 of 119 right with main's scorer and lexicons, 97 with the fixes of the first batch, 100 after
/// two lexicon additions it prompted: "locked myself out", holidays as stakes). The rules these lean on:
/// `SentimentRules.exclaimedNewsValence` (SentimentScorer+ExclaimedNews), `sarcasticCommaOpeners` and
/// `sarcasticLoveOpeners` (SentimentScorer+Sarcasm), and the session-6 entries of phrases.tsv and stakes.txt.
final class SocialPostTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    func testFirstBatchPositivePosts() {
        p.assertLabels([
            "I passed my exam!!!",
            "Just got engaged!!",
            "We bought a house!",
            "He proposed!!!",
            "Baby boy arrived this morning, 7lbs 2oz 💙",
            "Officially a college graduate 🎓",
            "First day at the new job tomorrow!",
            "Ran my first 5k without stopping!",
            "Finally hit my savings goal",
            "got the internship!!",
            "The test results came back clear 🙏",
            "Two tickets to the final, let's goooo",
            "New phone day!",
            "My article got published today!",
            "We're going to Disney!!!",
            "Just signed the lease on my first apartment!",
            "yasss queen",
            "lmaooo I'm crying 😂",
            "this is so wholesome",
            "congrats on the new job man!",
            "thank u so much ❤️",
            "ily guys",
            "goals 😍",
            "bro that's insane, well done",
            "ngl this slaps",
            "that party was lit 🔥",
            "lowkey obsessed with this song",
            "tysm for all the birthday love!!",
            "omg yes!!!",
            "he's the goat",
            "This made my whole week",
            "Can't stop listening to this album",
            "10/10 would recommend",
            "The cat figured out how to open doors lol 😹",
            "Good morning sunshine ☀️",
            "Good luck tonight guys!",
            "Happy Monday! Let's make it a good week",
            "Merry Christmas everyone 🎄",
            "Happy anniversary babe 💕",
            "Welcome to the world, little one",
            "Fingers crossed for tomorrow 🤞",
            "Sad to leave but excited for what's next",
            "The movie was long but worth it",
            "Tired but happy",
            "😍😍😍",
            "🙏🙏",
            "🎉🎉🎉",
            "Friday 🥳",
            "Got accepted into my first choice uni!!",
            "My little brother just graduated!",
            "Scored the winning goal today ⚽",
            "Just got my first tattoo and I'm in love",
            "Our offer on the house was accepted!!",
            "I'm going to be an aunt!",
            "Date night tonight 😊",
            "Best. Gift. Ever.",
            "This little guy always cheers me up",
            "You're the best, thank you",
        ], "positive")
    }

    func testFirstBatchNegativePosts() {
        p.assertLabels([
            "missed the bus again",
            "The bread went mouldy",
            "Dropped my phone and the screen shattered",
            "locked my keys in the car",
            "Overslept and missed my train",
            "The washing machine flooded the kitchen",
            "my flight is delayed again",
            "Got a flat tyre on the way to work",
            "The dog threw up on the carpet",
            "Lost my earbud down the drain",
            "Forgot my lunch at home",
            "My phone is on 2% and I'm nowhere near a charger",
            "The printer jammed five minutes before the deadline",
            "Got caught in the rain without a coat",
            "Sent the email to the wrong person 🤦",
            "Got rejected from another job today",
            "the internet has been down all day",
            "Still waiting for the plumber",
            "My train got cancelled, again",
            "Someone dented my car in the car park",
            "Bit my tongue eating lunch",
            "My coffee went cold before I could drink it",
            "Got a speeding ticket",
            "Paper cut. Ow.",
            "the dishwasher broke",
            "Hit every red light on the way home",
            "my team got knocked out in the first round",
            "Sunday and I have to work 😒",
            "can't believe I have to get up at 5am",
            "sooo much traffic",
            "i give up",
            "im so over it",
            "ugh why is everything so expensive",
            "this is the worst",
            "not again",
            "welp there goes my weekend",
            "rip my sleep schedule",
            "why am i like this 😩",
            "smh",
            "idk why i even bother",
            "just my luck",
            "Today sucked",
            "Lost the match 3-0",
            "Grandpa is in hospital, please pray for him",
            "My grandmother passed away last night",
            "We had to put our dog down today 💔",
            "Got laid off today",
            "Can't afford rent this month",
            "Oh great, another Monday",
            "Love it when the train is late 🙄",
            "Wonderful, it's raining again",
            "Fantastic, my laptop died mid-exam",
            "Thanks a lot for nothing",
            "Just what I needed, a flat tyre",
            "nice, the wifi is down again",
            "💔",
            "😡",
            "Monday 😩",
            "exam tomorrow 😬",
            "Great food but terrible service",
        ], "negative")
    }

    func testFirstBatchNeutralPosts() {
        p.assertLabels([
            "What time is kick off?",
            "Anyone watching the game tonight?",
            "Who's coming to Sam's on Friday?",
            "Does anyone know if the pool is open?",
            "What should I cook tonight?",
            "Where's the best place to watch the fireworks?",
            "How was your weekend?",
            "What's the name of that song from the ad?",
            "Has the new episode come out yet?",
            "Are the trains running today?",
            "Hi all",
            "The council meeting has been moved to Thursday",
            "New episode out now",
            "Election results are expected around midnight",
            "Road works on the high street until March",
            "The president will speak at 9pm tonight",
            "Schools in the county will reopen on Monday",
            "Apple announced a new iPhone today",
            "The train to Leeds leaves from platform 4",
            "Interest rates stay at 5%",
            "Census data released today",
            "Mayor to visit the new school on Friday",
            "Voting closes at 10pm",
            "Temperatures will drop to 5 degrees tonight",
            "The stadium holds 60,000 people",
            "Just finished reading chapter 3",
            "On my way",
            "brb",
            "Talk later",
            "Live at 8pm on the channel",
            "Poll: tea or coffee?",
            "Thread on the history of the bridge 👇",
            "My cousin is flying in from Chicago tomorrow",
            "Taking the kids to school",
            "The finance minister presents the budget on Wednesday",
            "Season three is filming in Belfast",
            "Eating lunch at my desk",
            "The results will be posted online",
        ], "neutral")
    }

    func testSecondBatchPositivePosts() {
        p.assertLabels([
            "My sister had her baby!! A healthy little girl",
            "Just got the call, I start Monday!!",
            "Finally paid off my student loans!!!",
            "Got my first car today!",
            "He said yes to prom!",
            "We're moving to Spain next month!!",
            "Booked a last minute trip to Rome!",
            "The puppy slept through the night for the first time",
            "Finished the first draft of my novel!",
            "Got a callback for the second audition!",
            "Tickets booked for the Taylor Swift concert!!!",
            "It's a girl! 🎀",
            "Our band got booked for the summer festival!",
            "Just ran a sub 25 minute 5k!",
            "omg the new trailer 😍😍",
            "this is the content i'm here for",
            "this song is a vibe",
            "you absolute legend",
            "love this for you",
            "the way this made me smile",
            "cutest thing I've seen all day",
            "haha brilliant, thanks for sharing",
            "good morning everyone!",
            "happy new year to all my followers 🎆",
            "Congrats to the class of 2024! 🎓",
            "big thanks to everyone who came out tonight",
            "Best news I've had all year",
            "Hard week but totally worth it",
            "Nervous but so excited for my first day",
            "Can't wait for Saturday!",
            "still smiling from last night",
            "proud of you bro 💪",
            "💯💯",
            "❤️❤️❤️",
            "👏👏👏 well deserved",
            "Yesss we won!!!",
            "That's the cutest dog ever",
        ], "positive")
    }

    func testSecondBatchNegativePosts() {
        p.assertLabels([
            "Woke up with a sore throat",
            "The kettle broke this morning, no tea for me",
            "Our boiler packed in, cold showers all week",
            "Lost my phone on the bus",
            "Stuck on hold for 45 minutes",
            "My flight got moved to 6am 😩",
            "Spent the whole day fixing a leak",
            "Missed the deadline by ten minutes",
            "Car failed its MOT",
            "Broke my glasses",
            "can't get comfortable, back is wrecked",
            "Kids are both sick this week",
            "There's a spider in my bathroom and I can't deal",
            "Got soaked walking the dog",
            "lost my job today",
            "My grandad died this morning",
            "I'm not ok",
            "this year has been rough",
            "worst commute ever",
            "the queue for the toilets was ridiculous",
            "ugh i hate being ill",
            "literally crying, my cat is missing",
            "Perfect, I locked myself out again",
            "Brilliant, the train is cancelled",
            "Cool, my phone just died",
            "Thanks for the parking ticket, really appreciate it 🙄",
            "😤😤",
            "Wednesday 😫",
            "another week of rain 😒",
            "my plants are dying",
            "Flight cancelled. Again.",
            "Oven died on Christmas Eve",
            "I can't find my passport anywhere",
        ], "negative")
    }

    func testSecondBatchNeutralPosts() {
        p.assertLabels([
            "What time does the parade start?",
            "Which day is bin collection?",
            "Are the shops open on Easter Monday?",
            "Is anyone driving to the match?",
            "How long do you boil an egg for?",
            "What's the score?",
            "Did the package come?",
            "The polls open at 7am",
            "The film is two hours long",
            "The team will announce the squad on Friday",
            "Parliament returns next week",
            "The clocks go back on Sunday",
            "The new bus timetable starts in June",
            "Bin day tomorrow",
            "Off to the shops",
            "Back in 5",
            "Sitting on the train",
            "Waiting for the kettle to boil",
            "Picking up a parcel",
            "I'm reading the new Stephen King",
            "Just had some toast",
            "The meeting is at noon in room 4",
            "Podcast episode 12 is out",
            "Registration for the course opens in May",
            "The council votes on the plan next month",
            "There are 30 days in June",
            "Train times have changed from today",
            "The speech starts at 8pm on BBC One",
            "Landed in Manchester",
            "Wearing the blue one today",
        ], "neutral")
    }

    /// Posts of both batches that the scorer still reads wrong, with the label a person would give. Not asserted;
    /// listed so that a change that fixes them can be seen, and so that the batches are reported whole: weight
    /// loss said with a number ("Lost 10 pounds"), a negation inside a cheerful phrase ("because why not 🎂"),
    /// complaints with no feeling word ("this week has been a lot", "the dog chewed through my charger"), sarcasm
    /// whose complaint has no lexicon word ("Gotta love waiting 2 hours at the DMV"), and pleasant things or
    /// chores named in plain announcements ("The bakery on Main Street opens at 7", "Doing laundry"), weather asked
    /// about ("Is it cold out?": "cold" as a mild word also hid asserted complaints in support text).
    static let knownMisses: [(batch: Int, text: String, expected: String)] = [
        (1, "Lost 10 pounds since January!", "positive"),
        (1, "this week has been a lot", "negative"),
        (1, "Is it cold out?", "neutral"),
        (1, "The store will close at 5pm on Christmas Eve", "neutral"),
        (1, "The bakery on Main Street opens at 7", "neutral"),
        (1, "I'm at the gym", "neutral"),
        (1, "The bridge will be closed for repairs this weekend", "neutral"),
        (2, "Mum's home from hospital and doing well", "positive"),
        (2, "First snow of the year ❄️", "positive"),
        (2, "Dog chewed through my charger", "negative"),
        (2, "Just found out my favourite show got cancelled", "negative"),
        (2, "the neighbours are having a party and I have work at 6", "negative"),
        (2, "My toast landed butter side down", "negative"),
        (2, "Rained the whole time we were camping", "negative"),
        (2, "Bank holiday and it's pouring", "negative"),
        (2, "why is my landlord like this", "negative"),
        (2, "whyyy is it so hot", "negative"),
        (2, "Love how my laptop updates right before my meeting", "negative"),
        (2, "Gotta love waiting 2 hours at the DMV", "negative"),
        (2, "No one came to the meeting I organised", "negative"),
        (2, "Anyone know a good plumber in Leeds?", "neutral"),
        (2, "Heavy rain expected overnight in the north", "neutral"),
        (2, "The museum reopens on Tuesday", "neutral"),
        (2, "My dad is driving us to the airport", "neutral"),
        (2, "We're painting the kitchen this weekend", "neutral"),
    ]

    func testKnownMissesAreListedOnceWithAValidLabel() {
        XCTAssertEqual(Set(Self.knownMisses.map(\.text)).count, Self.knownMisses.count)
        for m in Self.knownMisses { XCTAssertTrue(["positive", "negative", "neutral"].contains(m.expected)) }
    }

    /// Misses listed above until session 8's everyday-post rules and entries (EverydayPostTests, PlainPraiseTests) read them right.
    func testFormerMissesReadRight() {
        p.assertLabels(["Cake for breakfast because why not 🎂", "What a goal!!"], "positive")
        p.assertLabels(["Doing laundry"], "neutral")
    }

    // MARK: the rules behind them

    /// A post with no sentiment word whose first sentence exclaims its news reads excited; more "!" more so.
    func testExclaimedNewsReadsExcited() throws {
        let one = p.compound("We bought a house!"), three = p.compound("We bought a house!!!")
        XCTAssertGreaterThan(one, 0)
        XCTAssertGreaterThan(three, one)
        let sum = SentimentProbe.rawSum(compound: one)
        XCTAssertEqual(sum, SentimentRules.exclaimedNewsValence + SentimentRules.exclamationEmphasis, accuracy: 1e-9)
        XCTAssertTrue(p.contributions("He proposed!!!").contains { $0.text == "!!!" && $0.rules.contains { $0.contains("exclaimed news") } })
        // The sentence score says so too.
        XCTAssertGreaterThan(p.score("got the internship!!").sentences[0].compound, 0)
        // Without a "!" the same news is a plain statement.
        XCTAssertEqual(p.label("We bought a house"), "neutral")
    }

    /// Requests, orders, questions and support text with a "!" are not excitement.
    func testExclaimedRequestsQuestionsAndLaterSentencesStayNeutral() {
        p.assertLabels([
            "Please add PayPal to the app!",
            "Let me set a default delivery address!",
            "Tell me what's going on!",
            "Did it ship?! Order 4411",
            "Syncing my photos took three days. Three days!",
        ], "neutral")
        // A complaint keeps its sign: the rule only speaks where nothing else does.
        XCTAssertEqual(p.label("I ordered on Monday. Still nothing!"), p.label("I ordered on Monday. Still nothing."))
        XCTAssertLessThan(p.compound("The app crashed again!"), 0)
        // A question said with a "!" is no news: "Where is my parcel!" reads as the complaint it is, never excited.
        XCTAssertNotEqual(p.label("Where is my parcel!"), "positive")
    }

    /// Praise that opens a complaint, cut off by a comma, is sarcasm; praise with no complaint, or weighed by a
    /// contrast, is sincere.
    func testPraiseOpeningAComplaintIsSarcasm() throws {
        let great = try XCTUnwrap(p.contribution("Great, the wifi is down again", "Great"))
        XCTAssertEqual(great.adjusted, great.base * SentimentRules.sarcasmFactor, accuracy: 1e-9)
        p.assertLabels(["Great, the wifi is down again", "Fantastic, my laptop died mid-exam", "Oh great, another Monday",
                        "Just what I needed, a flat tyre", "Love it when the train is late",
                        "I love how the app logs me out every day"], "negative")
        p.assertLabels(["Great, thanks for the quick reply", "Just what I needed, thank you", "I love how easy it is",
                        "Love it when my kids laugh"], "positive")
        // "love it when", "love how" praise what follows when nothing bad does (phrases.tsv), and sneer across a
        // contrast too.
        p.assertLabels(["Love it when a plan comes together", "I love how my dog sleeps on my feet"], "positive")
        p.assertLabels(["love how support closes my ticket in a day but my refund is still missing"], "negative")
        // Praise before a bad thing that has ended is relief (`SentimentRules.reliefCues`), and a bare "no" is no
        // complaint; a complaint in a later clause still is.
        p.assertLabels(["Awesome, I passed that horrible test", "Nice, the rain finally stopped",
                        "Cool, the broken heater got fixed today", "Amazing, no lines at the DMV today"], "positive")
        p.assertLabels(["Great, finally got a reply and it is useless", "Great, my phone stopped working"], "negative")
        // With a contrast the contrast rule weighs the parts instead: "great" is not flipped.
        let food = try XCTUnwrap(p.contribution("Great food, but the service was slow", "Great"))
        XCTAssertGreaterThan(food.adjusted, 0)
        // A greeting or a thanks before a complaint is politeness: its contribution keeps its sign.
        for t in ["Hi, my card doesn't work", "Thanks, the parcel never came"] {
            XCTAssertFalse(p.contributions(t).contains { $0.rules.contains { $0.contains("sarcasm") } }, "\"\(t)\"")
        }
    }

    /// Loved ones and holidays named in bad news are what the news is about, and asked about they are no cheer.
    func testFamilyAndHolidaysAreStakes() {
        p.assertLabels(["Grandpa is in hospital, please pray for him", "My puppy got sick"], "negative")
        p.assertLabels(["What time does the parade start?", "Are the shops open on Easter Monday?"], "neutral")
        p.assertLabels(["Easter egg hunt with the kids", "Grandma's cookies"], "positive")
    }
}
