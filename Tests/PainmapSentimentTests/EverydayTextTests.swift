import XCTest
import PainmapText
@testable import PainmapSentiment

/// Everyday social-media text (life, weather, games, music, friends, work, food, travel, TV) with a clear feel, and
/// everyday neutral statements and questions. Written by the painmap team from ordinary English for session 5;
/// not taken from any rated data set. The rules these lean on: everyday phrases (phrases.tsv), mild words
/// (mild.txt), pleasant things that yield to a complaint (stakes.txt, `SentimentRules.stakeInComplaintFactor`) and
/// negations of no sentiment word (`SentimentRules.bareNegationValence`).
final class EverydayTextTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    func testEverydayPositivePostsReadPositive() {
        p.assertLabels([
            "yay, the weekend is finally here",
            "Woohoo! Got the job!!",
            "Finally home after a long trip, my own bed at last",
            "can't wait for the concert tomorrow",
            "So ready for vacation",
            "That was so much fun, let's do it again soon",
            "Best day ever with my girls",
            "omg this song is everything",
            "haha you're a legend",
            "Snow day! No school tomorrow",
            "Morning run done, feeling great",
            "Made it to the final round 🙌",
            "Date night with the hubby ❤️",
            "Sunday roast with the whole family, bliss",
            "Our team won the championship!!!",
            "Pancakes for breakfast :)",
            "we did it!! 🎉",
            "Cute puppy at the park made my day",
            "That sunset tho 😍",
            "Season 2 drops tonight, hyped",
            "Beach, sun and a good book. Perfect",
            "Got my braces off today!! 😁",
            "Fresh sheets, hot tea and Netflix. heaven",
            "Love this weather",
            "cuddles with my cat on a rainy afternoon",
            "Had the best burger of my life",
            "Nailed the presentation",
            "finally got tickets!!",
            "Road trip with the squad this weekend",
            "so proud of my little sister",
            "That movie was incredible",
            "new haircut and feeling myself",
            "Happy birthday to my best friend, love you!",
            "Thank you all for the birthday wishes, you made my day",
            "Kids are asleep, wine is poured. Yesss",
            "Coffee tastes extra good this morning",
            "Got a promotion at work!",
            "Early morning swim, so refreshing",
            "Friday night pizza and games with friends",
            "Weekend mode: ON",
            "The new album is fire 🔥🔥",
            "Such a chill evening",
            "Spring is here, flowers everywhere 🌸",
            "Made homemade pasta for the first time and it turned out amazing",
            "Can't stop smiling today",
            "Finally finished the puzzle!",
            "Game night was a blast",
            "Reunited with my college roommates after 10 years",
            "Best. Weekend. Ever.",
            "Breakfast in bed 🥰",
            "ahh I love fall",
            "Sleeping in tomorrow, no alarm",
            "So excited for the trip",
            "My garden is finally blooming",
            "Grandma's cookies hit different",
            "That nap was exactly what I needed",
            "Feeling blessed",
            "Lol best comeback ever",
            "Watching the game with the boys, let's go!!",
            "Hot chocolate and a blanket, cozy night in",
            "That show is hilarious",
            "we're engaged!!! 💍",
            "Just adopted a kitten 😻",
            "Had a lovely walk along the river",
            "shoutout to the barista who remembered my name :)",
            "Road closed but found a gorgeous detour",
            "yesss free pizza at the office",
            "Loving my new running shoes",
            "Happy Friday everyone!",
            "this playlist slaps",
            "The kids built a snowman, so cute",
            "Just hit 10k followers, thank you!!",
            "lol this meme 😂😂",
            "Summer nights like this 🥂",
            "The fireworks were stunning",
            "Feeling good about tomorrow's exam",
            "She said yes!!!",
            "Mission accomplished",
            "Sunshine all week, finally!",
            "Got the last seat on the train, lucky me",
            "baby's first steps today 😭❤️",
            "Grateful for good friends",
            "Lazy Sunday in pajamas, perfect",
            "Free concert in the park tonight, come along!",
            "That concert was unreal",
            "New personal best at the gym 💪",
            "vacation starts NOW",
            "Brunch with the girls was amazing",
            "woke up to snow ❄️ so pretty",
            "Best tacos in town, no contest",
            "Hubby surprised me with flowers 💐",
            "I'm so happy right now",
            "The view from the top was worth the climb",
            "can't wait to see you all tonight",
            "Just had the best nap",
            "Long weekend coming up 🙌",
            "That was a good game",
            "we got a puppy!!!",
            "Home sweet home",
            "Love my new apartment",
            "Cheers to the weekend 🍻",
            "finally caught up on sleep",
            "Awesome night out with the team",
            "Sunday funday",
            "Hugs from my niece are the best",
            "The sun is shining and I'm off work",
            "haha that's brilliant",
            "Movie marathon with my bestie",
            "so stoked for the game tonight",
            "Victory!",
            "Got upgraded to first class 😎",
            "this made me laugh so hard",
            "Best pizza I've ever had, no joke",
            "fresh snow on the mountain, epic day of skiing",
            "Love you mom ❤️",
            "great vibes at the festival",
            "First day of summer break!!!",
            "Our little one turned 2 today, time flies 🥳",
            "Beach day! ☀️🌊",
            "I'm obsessed with this new show",
            "Thanks for a wonderful evening",
            "that was a fun ride",
            "yay my package came early",
            "The kids loved the zoo",
            "what a beautiful morning",
            "Sleeping under the stars tonight, so peaceful",
            "Finally, a day off",
            "Dancing all night 💃",
            "XD that's hilarious",
            "so blessed to have you all",
            "totally nailed it",
            "the cat is purring on my lap :)",
            "Perfect day for a picnic",
            "woke up feeling amazing",
            "Family dinner tonight, can't wait",
            "Went for a hike, views were breathtaking",
            "Loving this sunny weather",
            "bought a new guitar, so excited to learn",
            "so much fun at the fair today",
            "woot, done with finals",
            "Payday 🤑",
            "Bring on the weekend",
            "back in the gym and loving it",
            "Best seats in the house tonight",
            "Pool party at Jake's this afternoon",
            "just got home from the best concert of my life",
            "Snow on Christmas morning ❄️🎄",
            "finally weekend, time to relax",
            "Holiday starts tomorrow!!",
            "Our wedding anniversary today, 10 years 💕",
            "Off to the beach with the kids",
            "baked banana bread and the house smells amazing",
            "Won the pub quiz last night 🏆",
            "yay, the sun is out",
            "Movie night with popcorn and blankets",
            "Just got back from a long walk on the beach, so relaxing",
            "Finished the marathon! Legs are jelly but who cares",
            "My birthday weekend starts now 🎂",
            "Nothing beats a cold beer after work",
            "hell yeah, tickets for the final!",
            "Friday night pizza is the best tradition",
            "We made it to the summit!",
            "Finally moved into our new place!",
            "Bring it on, 2024",
            "Christmas shopping done, feeling festive",
            "Such a cozy morning with coffee and rain outside",
            "let's go team!!",
            "My sourdough finally rose 😄",
            "Back from the holiday feeling recharged",
            "Had a great time at the festival",
            "Lazy Saturday, no plans, bliss",
            "Grandpa's stories never get old",
            "my dog learned to roll over!",
            "The new Zelda is so good",
            "Weekend in the mountains with friends",
            "Our baby girl is home ❤️",
            "Date night at our favorite Italian place",
            "Pay rise confirmed!",
            "Best gig I've been to in years",
            "finally got my license!!",
            "The garden looks so pretty this spring",
            "Just booked our honeymoon 🌴",
            "Concert tonight, so pumped",
            // Known misses until session 6, read by the exclaimed-news rule (SentimentRules.exclaimedNewsValence):
            "Just finished my first half marathon!!",
            "Just booked flights to Lisbon!",
            "Just saw the northern lights!!",
            "Finished my thesis!!!",
            "Got an A on my paper!!",
            "Beat the final boss after 3 days!!",
            "just got my first paycheck!",
            "Got the keys to our first house!!",
            // and by session 6 entries of phrases.tsv ("passed my driving test", "got a hole in one", "let's gooo"):
            "I passed my driving test!!!",
            "got a hole in one!!",
            "Kickoff in an hour, let's gooo",
        ], "positive")
    }

    func testEverydayNegativePostsReadNegative() {
        p.assertLabels([
            "ugh, Monday again",
            "Another Monday, kill me now",
            "So tired I can barely keep my eyes open",
            "no sleep last night, exhausted",
            "Missing you so much right now",
            "wish I was at the beach instead of this office",
            "my flight got cancelled, stuck at the airport",
            "It's freezing outside",
            "Starving and the fridge is empty",
            "Hungover and regretting everything",
            "so stressed about exams",
            "smh people can't drive in the rain",
            "ffs the bus left without me",
            "fml, locked out of my own house",
            "meh, the movie was just ok",
            "Sick in bed all weekend",
            "My phone died in the middle of the call",
            "Stuck in traffic again",
            "The neighbours are drilling at 7am, ugh",
            "Lost my keys again",
            "bored out of my mind",
            "It's been raining all week",
            "My team lost again. Gutted.",
            "Spilled coffee all over my shirt",
            "Woke up with a cold",
            "can't sleep",
            "Worst. Day. Ever.",
            "Nobody showed up to my party 😢",
            "so done with this week",
            "I hate Mondays",
            "Broke up with my girlfriend today",
            "My cat is sick and I'm so worried",
            "Missed my flight, this is a nightmare",
            "i'm so lonely tonight",
            "Another rainy weekend 🙄",
            "Power's out and it's freezing",
            "ugh my head is pounding",
            "Failed my driving test again",
            "Why does my Wifi always die when I need it",
            "The game got rained out 😞",
            "So much homework, no life",
            "Burnt the toast, burnt the eggs, great start to the day",
            "Feeling sick to my stomach",
            "My car broke down on the highway",
            "Traffic is insane today",
            "Long week and it's only Tuesday",
            "heartbroken",
            "Can't believe summer is over already 😭",
            "Rest in peace grandpa, I miss you",
            "Flight delayed 4 hours, ugh",
            "The concert was cancelled",
            "Nothing to do and nobody to see",
            "Tired of being tired",
            "my back is killing me",
            "Stuck at work till 10 tonight",
            "Got a parking ticket, awesome 🙄",
            "The heating is broken and it's minus 10",
            "awful night's sleep",
            "Allergies are killing me today",
            "Sunburnt and sore",
            "My ice cream fell on the ground 😩",
            "Lost the final. Devastated.",
            "Jet lag is destroying me",
            "Sad to see the season end",
            "My laptop crashed and I lost the whole essay",
            "Still no power after 3 days",
            "Can't find a single parking spot, so annoying",
            "Late for work again",
            "Toothache from hell",
            "Someone stole my bike",
            "my boss is driving me crazy",
            "Rain on my birthday, of course",
            "This heat is unbearable",
            "Cramps all day 😣",
            "Waited an hour for the bus in the cold",
            "Hate when people chew loudly",
            "so hungry, lunch can't come soon enough",
            "My sister ate my leftovers 😤",
            "Worst haircut of my life",
            "Lost my wallet on the train",
            "Feeling really down today",
            "First day back at work after vacation, kill me",
            "Exams next week and I haven't studied at all",
            "weekend's over already? 😩",
            "Monday blues",
            "I miss summer",
            "It's only Wednesday?? ugh",
            "Groceries are so expensive now",
            "Stepped on a Lego. Pain.",
            "Sleepless night with a teething baby",
            "My plants all died while I was away",
            "Nope, not going out in this weather",
            "so sleepy during the meeting",
            "Another day, another migraine",
            "traffic made me miss the first half of the game",
            "I have the flu and it sucks",
            "Ran out of coffee. Disaster.",
            "yikes, that was embarrassing",
            "oh no, I left my lunch at home",
            "The new season is so boring",
            "That ending was so disappointing",
            "Kids have been screaming all day",
            "Exhausted after a 12 hour shift",
            "Crying over the finale 😭",
            "Can't believe they killed off my favorite character",
            "The landlord is raising the rent again",
            "The pool is closed all summer, bummer",
            "Freezing in this office",
            "Ugh, spilled red wine on the new carpet",
            "The train is packed and there's no AC",
            "Can't stand this humidity",
            "my sunday plans got cancelled",
            "Couldn't get tickets, sold out in 2 minutes",
            "I'm sick and tired of this snow",
            "Didn't get the job",
            "My fantasy team is a mess",
            "so frustrated with my code right now",
            "My flight got delayed and I'll miss my connection",
            "crashed my bike and scraped my knee",
            "My phone screen cracked",
            "Homesick",
            "Another sleepless night",
            "So much snow, can't even leave the house",
            "Miss my family",
            "feeling so alone",
            "Forgot my umbrella and got soaked",
            "The wifi at this hotel is a joke",
            "Ugh, the dentist tomorrow",
            "My car got towed",
            "I'm so behind on everything",
            "Food poisoning, worst night of my life",
            "Slept through my alarm and missed the exam",
            "Can't breathe, hay fever is brutal",
            "Lost to my little brother at Mario Kart, embarrassing",
            "Raining on the one day I planned a picnic",
            "I'm dreading tomorrow",
            "The queue at the post office is endless",
            "Wasted my whole Saturday on chores",
            "Got stood up",
            "My flatmate never cleans up",
            "Broke my toe on the coffee table",
            "ugh, out of milk again",
            "No hot water this morning 🥶",
            "Cancelled again, so disappointed",
            "The roads are a mess",
            "Missed the last train home",
            "Overtime again this weekend",
            "bleh",
            "feeling crappy",
            "Sad day",
            "my coffee is cold and so is my heart",
            "Why does everything hurt",
            "I wish I was home",
            "My birthday and I'm stuck at work till 9",
            "Holiday ruined by food poisoning",
            "The concert got postponed again",
            "Rain all weekend, great 🙄",
            "pizza arrived cold and soggy",
            "My wedding photos got lost by the photographer",
            "Spent Christmas alone this year",
            "The beach was packed and dirty",
            "Flight home from vacation cancelled",
            "Coffee machine at work is broken again",
            "I can't believe how rude that waiter was",
            "Can't believe I have to work this weekend",
            "My vacation is over, back to the grind",
            "ugh, Sunday night anxiety",
            "Lost my voice before the gig",
            "Woke up at 4am and couldn't sleep",
            "Sunday scaries are real",
            "Another Monday, another 12 hour shift",
            "The festival got rained out",
            "Our picnic got ruined by wasps",
            "Just my luck, the shop closed five minutes ago",
            "My cake collapsed in the oven",
            "Oh no, I forgot mum's birthday",
            "No sleep again, this baby is teething",
            "Friends cancelled on me last minute",
            "Summer's over 😭",
            "Forgot my gym bag, whole day wasted",
            "The party was so boring",
            "Hangover from hell",
            "Can't find my passport and the flight is tomorrow",
            "Feeling down and it's only Tuesday",
            "Stuck in bed with a fever on my day off",
            "Train cancelled, missed the wedding ceremony",
            "The new season is a let down",
            "Dropped my phone in the pool",
            "Nobody remembered my birthday",
            "Christmas dinner was a disaster",
        ], "negative")
    }

    /// Plans, facts and questions of everyday life and of support: neutral.
    func testEverydayStatementsAndQuestionsStayNeutral() {
        p.assertLabels([
            "What time does the game start tonight?",
            "Are you coming to the party on Saturday?",
            "At the store, need anything?",
            "The meeting moved to 3pm",
            "Heading to the airport now",
            "Anyone know a good place to get my bike fixed?",
            "Where are we meeting for lunch?",
            "I'm taking the train to Leeds on Friday",
            "What are you watching these days?",
            "Dinner at 7?",
            "Just got to the office",
            "The match is on channel 4 at 8",
            "Who's driving tomorrow?",
            "Is the library open on Sundays?",
            "We're out of milk, can you grab some on the way home?",
            "The bus comes every 20 minutes",
            "My brother is visiting next week",
            "What's the wifi password?",
            "I'll be there in 10 minutes",
            "Does anyone have a phone charger I can borrow?",
            "The new season comes out in March",
            "Which train goes to the stadium?",
            "Cooking pasta tonight",
            "Can someone send me the notes from class?",
            "Moving to a new flat next month",
            "How long does it take to get to the beach from here?",
            "The store closes at 6 on Saturdays",
            "What's everyone doing for New Year's?",
            "Should I bring anything to the barbecue?",
            "I'm working from home today",
            "Reading a book about the Roman empire",
            "The kids have school until 3",
            "Is the concert indoors or outdoors?",
            "Our flight leaves at 6am",
            "Watching the news",
            "The forecast says 15 degrees tomorrow",
            "I need to buy a new phone charger",
            "Walking the dog",
            "Has anyone seen my blue jacket?",
            "Where did you get that lamp?",
            "How do I change my profile picture?",
            "Is my order ready for pickup?",
            "When will my new card arrive?",
            "How do I play music through my car speakers?",
            "Can I save the playlist offline?",
            "Do you deliver on weekends?",
            "What is the weather like in Rome in April?",
            "The game is available on PC and console",
            "Tickets go on sale Friday at 10am",
            "Is there parking near the venue?",
            "Can I bring my dog to the cafe?",
            "My package is out for delivery",
            "I'm at the train station",
            "How much is a ticket to the museum?",
            "Is anyone going to the match on Sunday?",
            "Update: the meeting is now on Thursday",
            "Does the hotel have a pool?",
            "Got my tickets for next week",
            "Which episode are you on?",
            "I'll call you after work",
            "The library has a new opening time",
            "The game was moved to Sunday",
            "Anyone up for a walk later?",
            "Do I need a visa for Canada?",
            "My sister lives in Berlin",
            "I'm making soup for dinner",
            "The school bus is at 7:45",
            "How do I reset my password?",
            "Can I change my delivery address?",
            "Is the free trial available in my country?",
            "Where can I find my order history?",
            "When does the sale end?",
            "Is the app available on Android?",
            "Can you send me the invoice again?",
            "Does the subscription include music?",
            "Is there a student discount?",
            "How do I turn off notifications?",
            "My order number is 48213",
            "I want to change my plan",
            "Please update my email address",
            "Can I pay with a gift card?",
            "What are your opening hours on Sunday?",
            "Is the weekend timetable different?",
            "How do I book a table for Friday?",
            "Is the game ready to download yet?",
            "Can I pause my subscription while I'm on holiday?",
            "I tried to log in from my phone",
            "Where do I enter the promo code?",
            "Need to pick up the kids at 4",
            "Just got home",
            "Tomorrow is Tuesday",
            "The train leaves at 8:15",
            "The office is closed on Monday",
            "I'm watching the game at Dave's",
            "Has the package been shipped yet?",
            "Are you free on Thursday afternoon?",
            "I'll be ready in five minutes",
            "What's the best way to contact customer support?",
            "Is there a good way to move my photos to a new phone?",
            "Are you open on Christmas Eve?",
            "Can I change my delivery to the weekend?",
            "Do you ship to Canada before Christmas?",
            "My order is a birthday present, can you add a note?",
            "I'm moving to a new address next month, how do I update it?",
            "When is the best time to call?",
            "Do I need to book the concert tickets in advance?",
            "Is the pool open on holidays?",
            "The shop is closed on Sundays",
            "Let me know if the party starts at 7 or 8",
            "How do I add a song to my playlist?",
            "Does the hotel have a beach shuttle?",
            "We have a meeting at 10 tomorrow",
            "My flight lands at 6pm",
            "Could you deliver it before the weekend?",
            "What time does the museum open?",
            "Is the coffee shop on the corner still open?",
            "How many people are coming to the barbecue?",
            "Is there a family discount for the zoo?",
        ], "neutral")
    }

    /// Plans that name a pleasant thing: a person may feel a faint glow or nothing; never a complaint.
    func testPleasantPlansNeverReadNegative() {
        for t in [
            "Just ordered a pizza",
            "We're having tacos for dinner",
            "Going to the gym after work",
            "The kids are at their grandparents this weekend",
            "Going to visit my parents this weekend",
            "I ordered the cake for Saturday",
            "I'll bring the drinks on Friday",
            "We're playing at 5 on field 2",
        ] { XCTAssertNotEqual(p.label(t), "negative", "\"\(t)\": \(p.describe(p.contributions(t)))") }
    }

    /// Forecasts, appointments and chores: nothing to be glad about, a faint gloom at most.
    func testForecastsAndChoresNeverReadPositive() {
        for t in [
            "Is it supposed to snow tomorrow?",
            "It's supposed to rain later",
            "I have a dentist appointment at 9",
            "Is the festival cancelled if it rains?",
        ] { XCTAssertNotEqual(p.label(t), "positive", "\"\(t)\": \(p.describe(p.contributions(t)))") }
    }

    /// Sentences of the same hand-written set that the scorer still reads wrong, with the label a person would
    /// give: sarcasm ("awesome 🙄"), achievements and events without an evaluative word ("I passed my driving
    /// test!!!"), bad luck told as plain fact ("the milk went off"). Not asserted; listed so that a change that fixes
    /// them can be seen, and so that the set is reported whole (24 of them; 11 more, fixed in session 6, are asserted above).
    static let knownMisses: [(text: String, expected: String)] = [
            ("lmao my dog just stole a whole sandwich off the counter", "positive"),
            ("Just landed in Tokyo 🇯🇵✈️", "positive"),
            ("Goal!!! What a strike", "positive"),
            ("My team is on fire this season", "positive"),
            ("A+ service at the new cafe down the street", "positive"),
            ("Just got back from Paris, what a trip", "positive"),
            ("got 100% on my test", "positive"),
            ("Caught my first fish today 🎣", "positive"),
            ("The kids made me breakfast in bed, melting", "positive"),
            ("2 weeks off work starting today", "positive"),
            ("Wedding day tomorrow, can't sleep from excitement", "positive"),
            ("The dog ate my headphones", "negative"),
            ("got dumped over text, classy", "negative"),
            ("Cold coffee and a 3 hour meeting. great", "negative"),
            ("Everyone's on vacation but me", "negative"),
            ("Neighbors' dog barking all night", "negative"),
            ("Why is it already dark at 4pm", "negative"),
            ("The milk went off", "negative"),
            ("Left my phone at home, feel naked", "negative"),
            ("can't wait for this week to be over", "negative"),
            ("This weekend went by way too fast", "negative"),
            ("My favorite cafe closed for good", "negative"),
            ("why does this always happen to me", "negative"),
            ("Is the wedding venue wheelchair accessible?", "neutral"),
    ]

    func testKnownMissesAreListedOnceWithAValidLabel() {
        XCTAssertEqual(Set(Self.knownMisses.map(\.text)).count, Self.knownMisses.count)
        for m in Self.knownMisses { XCTAssertTrue(["positive", "negative", "neutral"].contains(m.expected)) }
    }

    // MARK: the rules behind them

    /// A pleasant thing named in a sentence that complains is the stake, not praise; elsewhere it glows.
    func testStakesYieldToAComplaintInTheirSentence() throws {
        let concert = try XCTUnwrap(p.contribution("The concert was cancelled", "concert"))
        XCTAssertEqual(concert.adjusted, concert.base * SentimentRules.stakeInComplaintFactor)
        XCTAssertTrue(concert.rules.contains { $0.contains("stake") }, "\(concert.rules)")
        XCTAssertLessThan(p.compound("The concert was cancelled"), 0)
        XCTAssertGreaterThan(p.compound("Concert tonight!"), 0)
        XCTAssertLessThan(p.compound("My birthday cake arrived squashed"), 0)
        XCTAssertGreaterThan(p.compound("Birthday weekend!"), 0)
        // Another sentence's complaint takes it from the document's score, not from its own sentence's
        // ("I ordered a cake for my daughter's birthday. It arrived late." is a complaint).
        XCTAssertLessThan(p.compound("I ordered a cake for my daughter's birthday. It arrived late."), 0)
        let mixed = p.score("Pizza night! Long week though.")
        XCTAssertGreaterThan(mixed.sentences[0].compound, 0)
        XCTAssertTrue(mixed.contributions.contains { $0.text == "Pizza" && $0.adjusted == 0 && $0.rules.contains { $0.contains("document") } })
        // A question makes it a mild word that does not count.
        XCTAssertEqual(p.label("Do you deliver on weekends?"), "neutral")
        // A negated pleasant thing is no stake: "no coffee" is the complaint itself.
        XCTAssertLessThan(p.compound("No coffee this morning"), 0)
        // One's favourite is what a complaint is about: "favorite" praises only where nothing is wrong.
        XCTAssertLessThan(p.compound("they cancelled my favourite show after 1 season :/"), 0)
        XCTAssertLessThan(p.compound("my favorite mug broke"), 0)
        XCTAssertGreaterThan(p.compound("this is my favorite app"), 0)
    }

    func testEveryStakeNeedsAPositiveValence() throws {
        let analyzer = p.scorer.analyzer
        XCTAssertNoThrow(try SentimentScorer(lexicon: p.lexicon, analyzer: analyzer, stakeEntries: ["pizza"]))
        XCTAssertThrowsError(try SentimentScorer(lexicon: p.lexicon, analyzer: analyzer, stakeEntries: ["pizza", "qwzx"])) { e in
            XCTAssertTrue("\(e)".contains("'qwzx'"), "\(e)")
            XCTAssertEqual((e as? DataFileError)?.line, 2)
        }
        XCTAssertThrowsError(try SentimentScorer(lexicon: p.lexicon, analyzer: analyzer, stakeEntries: ["awful"]))
        XCTAssertThrowsError(try SentimentScorer(lexicon: p.lexicon, analyzer: analyzer, stakeEntries: ["cold beer"]))
    }

    /// A negation that negates no sentiment word is a mild complaint where it is asserted.
    func testBareNegationsReadAsMildComplaints() throws {
        let n = try XCTUnwrap(p.contribution("My top-up hasn't gone through", "hasn't"))
        XCTAssertEqual(n.adjusted, SentimentRules.bareNegationValence)
        XCTAssertTrue(n.rules.contains { $0.contains("negation of no sentiment word") }, "\(n.rules)")
        for t in ["My card isn't working anymore.", "Nobody called me back.", "The box came with no pedals.",
                  "I can't log in on my phone.", "Still haven't received my parcel"] {
            XCTAssertEqual(p.label(t), "negative", "\"\(t)\": \(p.describe(p.contributions(t)))")
        }
        // Questions, conditions and help requests assert nothing: neutral.
        for t in ["Why hasn't my transfer gone through?", "If it doesn't arrive by Friday, can I cancel?",
                  "Don't you deliver on Sundays?", "I don't know how to activate my card.", "Not only cheap but also fast."] {
            XCTAssertFalse(p.contributions(t).contains { $0.rules.contains("negation of no sentiment word") }, "\"\(t)\"")
        }
        // A negation of a sentiment word is that word's: "not good" is not also a bare negation.
        XCTAssertEqual(p.contributions("The food was not good").count, 1)
        // Contrast weighs it like a word: after "but" it counts more than before it.
        let after = try XCTUnwrap(p.contribution("The pin was right but the machine still didn't give me the cash", "didn't"))
        XCTAssertLessThan(after.adjusted, SentimentRules.bareNegationValence)
    }

    /// Praise said through a negation of no sentiment word is praise (phrases.tsv), not a bare negation.
    func testPraiseIdiomsWithANegationStayPositive() {
        p.assertLabels(["couldn't ask for more", "I can't get enough of this song", "never been better",
                      "I wouldn't change a thing", "nothing better than a cold beer", "didn't want it to end"], "positive")
    }

    /// A wish for someone is a greeting (`SentimentRules.wellWishCues`); a wish for what is missing stays irrealis.
    func testWellWishesAreGreetingsNotIrrealis() {
        p.assertLabels(["Wishing you a happy birthday!", "I wish you all the best", "Wish me luck!",
                      "wishing everyone a merry christmas"], "positive")
        p.assertLabels(["I wish you would fix this", "wish you guys had a dark mode", "I wish the app was faster"], "negative")
    }

    /// Praise of a bad deed, praise nobody would give, praise that has ended, and a promise that failed are complaints
    /// (`SentimentRules.sarcasticDeedOpeners`, `sarcasmPhraseOpeners`, phrases.tsv, irrealis.txt's "so much for").
    func testPraiseThatSneersOrHasEnded() {
        p.assertLabels(["great job losing my package again", "thanks for ruining my weekend",
                        "best customer service ever, said no one", "it was great until the update",
                        "this used to be my favorite restaurant", "the only good thing about this app is the logo",
                        "so much for fast delivery", "a perfect example of how not to run a business"], "negative")
        p.assertLabels(["great job fixing it", "thanks for the quick reply", "thanks so much for the help",
                        "thank you so much for everything!"], "positive")
        // A condition that never holds, and wonder that emphasises a complaint (`SentimentRules.wonderHowWords`).
        p.assertLabels(["the app is great when it works, which is never",
                        "amazing how a company this big can be this bad at customer service"], "negative")
        p.assertLabels(["amazing how fast it arrived", "great how easy it is to set up"], "positive")
    }

    /// A negated question that asks for agreement says what it asks (`SentimentRules.agreementSubjects`).
    func testQuestionsThatAskForAgreement() {
        p.assertLabels(["isn't this the best day ever?", "aren't they adorable?", "don't you love this song?"], "positive")
        p.assertLabels(["isn't it awful?", "isn't there a better way?", "isn't this great"], "negative")
    }

    /// A contrast after the wish ends it: what follows the turn is asserted, not wished for.
    func testContrastEndsTheWish() {
        p.assertLabels(["it was supposed to rain but it turned out sunny and warm",
                        "I wish it had a dark mode but otherwise it is great", "would be great to catch up soon!"], "positive")
        p.assertLabels(["it was supposed to arrive monday but it still has not come",
                        "I wish the app was faster but it keeps crashing"], "negative")
    }

    /// The one wished well may be someone's (`SentimentRules.wellWishPossessives`); a wish that someone's thing were
    /// otherwise stays irrealis.
    func testWellWishesToSomeonesPeople() {
        p.assertLabels(["wishing my mom a happy birthday", "wish all my friends a merry christmas",
                        "wishing our team the best of luck tomorrow", "wishing my sister a speedy recovery",
                        "wish my little brother a happy birthday for me"], "positive")
        p.assertLabels(["wish my phone had a better camera", "I wish my bank would answer the phone",
                        "wish my phone lasted a whole day"], "negative")
    }

    /// An eye roll turns the praise of its sentence into a sneer (`SentimentRules.sarcasmMarkers`).
    func testEyeRollMarksSarcasm() throws {
        let awesome = try XCTUnwrap(p.contribution("Got a parking ticket, awesome 🙄", "awesome"))
        XCTAssertEqual(awesome.adjusted, awesome.base * SentimentRules.sarcasmFactor, accuracy: 1e-9)
        p.assertLabels(["Got a parking ticket, awesome 🙄", "Great service 🙄"], "negative")
        // Praise in another sentence is left alone.
        XCTAssertGreaterThan(p.compound("Great service. The parking ticket though 🙄"), p.compound("The parking ticket though 🙄"))
    }

    /// "can't believe" is surprise, not a negation of what follows.
    func testCantBelieveDoesNotNegate() {
        XCTAssertGreaterThan(p.compound("I can't believe how good this is"), 0)
        XCTAssertLessThan(p.compound("I can't believe how rude that waiter was"), 0)
        XCTAssertLessThan(p.compound("I don't believe it's good"), 0)
    }
}
