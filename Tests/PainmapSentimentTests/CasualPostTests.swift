import XCTest
import PainmapText
@testable import PainmapSentiment

/// Casual social posts, session 7 (issue #3: positive posts read as negative or neutral). Written by the painmap team
/// from ordinary English, each with the label a careful reader would give; not taken from any rated data set.
/// Third batch: 148 posts (121 positive, 15 negative, 12 neutral) of the kinds people tweet (fandom, food, sport, music,
/// thanks, birthdays, slang, emoji, @mentions, #hashtags, URLs, caps, stretched words), written before the scorer was
/// run on them: 129 of 148 right with main's scorer and lexicons, 142 after this session's rules and entries.
/// Fourth batch: 170 more posts (positive posts with dark or negated words, 2013-style tweets, banter, everyday news),
/// written in four sets after the first fixes, each set's labels before it was run: 135 of 170 right with main's scorer
/// and lexicons, 148 after this session's rules and the lexicon entries the sets prompted.
/// The rules: slang praise of a rave noun (`SentimentRules.ravePraiseWords`, lexicons/en/raves.txt), expletives in
/// praise (`banterIntensityWords`), laughing hyperbole (`laughHyperboleWords`) (SentimentScorer+Banter); negated
/// comparatives (`topNegations`) and surprise (`surpriseVerbs`) (SentimentScorer+Comparative); wishes to see someone
/// (`meetVerbs`) and welcomes of an offer (`welcomeSubjects`) (SentimentScorer+WellWish); "What a game!!"
/// (`exclamativeOpeners`); wins told with violent verbs (`victoryVerbs`, SentimentScorer+Victory); English posts taken
/// for another language (`laughSyllables`, SentimentScorer+Language).
final class CasualPostTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    func testThirdBatchPositivePosts() {
        p.assertLabels([
            "damn that was good",
            "that burger was damn good",
            "this beat is sick",
            "that goal was insane!!",
            "crazy good show tonight",
            "she is such a bad ass",
            "so freaking happy right now",
            "so fucking proud of you",
            "holy shit we won",
            "hell yeah!!",
            "can't wait to see you guys next week!",
            "cant wait for the weekend",
            "I can't wait!!! 🎉",
            "wish you a happy birthday @jess_m",
            "happy birthday to my best friend, love you loads",
            "hope you have a wonderful birthday!",
            "miss you guys! see you soon",
            "missing you already, had the best time",
            "lol you're hilarious",
            "haha love it",
            "hahaha this is gold",
            "xoxo",
            "thanks babe <3",
            "you're the sweetest <3 <3",
            ":) :)",
            "see you tomorrow :D",
            "good night everyone xx",
            "#blessed",
            "loving the new album #music",
            "Sunday roast with the fam #happy",
            "What a game!!! #LFC",
            "GET IN!!!! 3 points",
            "we're through to the final!!!",
            "unbeaten run continues 💪",
            "champions again 🏆🏆",
            "that comeback tho 🔥🔥",
            "cooking pasta tonight, yum",
            "best tacos in town 🌮",
            "this pizza is to die for",
            "omg this cake is heavenly",
            "nothing beats a cold beer on a hot day",
            "coffee and a good book, perfect morning",
            "just got back from the beach, so relaxed",
            "Paris was a dream ✈️",
            "landed in Tokyo!!! let the adventure begin",
            "road trip with my besties 🚗",
            "my dog is the goodest boy",
            "look at this little fluff ball 😍",
            "new episode of the show tonight, so hyped",
            "just finished the series and wow",
            "the concert last night was unreal",
            "still can't get over how good that gig was",
            "this song never gets old",
            "on repeat all day 🎧",
            "saw them live for the first time, dream come true",
            "thank you so much for the birthday wishes everyone!!",
            "thanks for the follow!",
            "thanks for having us, had a blast",
            "appreciate you bro",
            "much love to everyone who came",
            "shoutout to @mike for the ride, legend",
            "big congrats @sarahj 🎉",
            "congratulations on the baby!!!",
            "so proud of my little sister today",
            "happy friday peeps!",
            "TGIF!!",
            "weekend vibes ☀️",
            "beautiful day in the park",
            "sunset tonight was gorgeous",
            "finally spring!! 🌸",
            "snow day!! no school ❄️",
            "just got my results and I got an A!!",
            "I DID IT!!!",
            "SO EXCITED FOR TONIGHT",
            "THIS IS AMAZING",
            "yaaaay",
            "woohoo!",
            "yessss finally",
            "sooooo good",
            "best day everrrr",
            "omgggg I love her",
            "she's killing it",
            "you nailed it",
            "he smashed it out of the park",
            "that performance was fire",
            "this is epic",
            "too cute 😭",
            "I'm dead 😂😂",
            "crying laughing at this",
            "lmao this is so me",
            "not gonna lie, that was pretty awesome",
            "no complaints here, great day",
            "couldn't be happier",
            "couldn't ask for a better team",
            "never been happier",
            "nothing but love for this city",
            "should have done this years ago, loving it",
            "would be great to see you all again soon!",
            "rest in peace legend, thank you for the music",
            "miss this place so much, best summer ever",
            "can't believe how lucky I am",
            "not bad at all!",
            "no worries mate, anytime",
            "don't forget to smile today :)",
            "follow us for more updates! http://bit.ly/xyz",
            "who else is excited for tonight?!",
            "how cute is this?!",
            "good vibes only ✌️",
            "mood: happy",
            "Thank God it's over, we made it!",
            "it's crazy how much I love this song",
            "killer workout this morning 💪",
            "wicked night out with the lads",
            "ahh so good to be home",
            "awww that's so sweet",
            "aww thanks hun x",
        ], "positive")
    }

    func testThirdBatchNegativePosts() {
        p.assertLabels([
            "my phone died and I missed the last bus",
            "so fucking tired of this",
            "this traffic is killing me",
            "hate mondays",
            "I miss my grandma so much 😢",
            "can't sleep again",
            "ugh my head is pounding",
            "worst game I've seen all season, awful",
            "feeling really down today",
            "the ending was so disappointing",
            "damn, missed it by a minute",
            "lost my wallet 😩",
            "sick again, stuck in bed",
            "crazy how bad the service was",
            "I wish I could go but I'm stuck at work",
        ], "negative")
    }

    func testThirdBatchNeutralPosts() {
        p.assertLabels([
            "going to the shops later",
            "anyone know what time the game starts?",
            "just posted a photo http://instagram.com/p/xyz",
            "new blog post: how to repot a plant",
            "meeting at 3pm",
            "@dave what's the address?",
            "watching the news",
            "the match kicks off at 8",
            "reading about the history of Rome",
            "tomorrow is the last day to register",
            "heading to work",
        ], "neutral")
    }

    func testFourthBatchPositivePosts() {
        p.assertLabels([
            "Finally done with exams, no more stress!!",
            "Lazy Sunday, perfect",
            "No school tomorrow!!!",
            "Rainy day, curled up with a book and tea",
            "Sad the holiday is over but we had an amazing time",
            "ate way too much but it was so worth it",
            "no more exams!!!",
            "so tired after the gym but feeling great",
            "Can't believe it's already Friday! :)",
            "I don't know what I'd do without you guys",
            "there's no place like home",
            "it's been a crazy week but we made it",
            "who needs sleep when you have coffee lol",
            "kids are finally asleep, wine time",
            "don't stop believing!",
            "never give up on your dreams",
            "can't stop smiling today",
            "no regrets, best night ever",
            "No matter what, I'll always love you",
            "Goodbye winter, hello spring!",
            "I'm so full lol",
            "beat my personal best today, legs are dead",
            "stayed up way too late watching movies, no regrets",
            "hard work pays off!",
            "survived my first week at the new job!",
            "bye bye braces!!",
            "the long wait is finally over, new album out now!!",
            "Tears of joy right now",
            "can't complain, life is good",
            "It's not easy but it's worth it",
            "I miss summer already but fall is pretty too",
            "got no sleep but the concert was worth it",
            "Sick of winning lol",
            "ok this is getting ridiculous, 5 wins in a row!",
            "RT @jenny: thanks for the follow! have a great weekend :)",
            "@mike_b haha yes!! can't wait to see you tomorrow",
            "Good morning twitter! Have a blessed day",
            "#FF @sarah @tom @lucy awesome people",
            "gonna be a good day",
            "I want to go back to Hawaii, best trip ever",
            "ur the best",
            "u made my day :)",
            "Going to see my favorite band tonight!!!",
            "when you find money in your old jeans :)",
            "if you're happy and you know it clap your hands",
            "just had the best burrito of my life",
            "so glad it's the weekend",
            "my mom is the best cook in the world",
            "Happy Thanksgiving! So thankful for my family and friends",
            "@coffeeshop your new latte is amazing, thank you!",
            "omg I just met Justin Bieber!!!!!",
            "ha ha that's brilliant",
            "you're so funny lol",
            "I'm in love with this weather",
            "beautiful morning for a run",
            "we did it!!! #champions",
            "best concert of my life, thank you @coldplay",
            "finished my first marathon today! exhausted but so happy",
            "can't believe I get to see them live next month!",
            "it's finally here!!! #iPhone",
            "lol I can't believe I did that",
            "thank you all for the birthday wishes, feeling so loved",
            "i just want to say thank you to everyone who supported us",
            "nothing but good vibes today",
            "who wants to go get ice cream?? :D",
            "this is why I love twitter",
            "hope everyone has a great day!",
            "Wish me luck tomorrow!",
            "can't get enough of this song",
            "bring on the weekend!",
            "I'm so addicted to this show",
            "this song gives me chills",
            "ridiculously good pizza",
            "stupidly happy right now",
            "terribly excited for tomorrow",
            "so excited I can't sleep",
            "damn you look good",
            "you guys are crazy talented",
            "cheesy but cute",
            "my guilty pleasure song",
            "no pain no gain 💪",
            "kill it tonight!",
            "break a leg tonight!",
            "freaking out, I got the job!!",
            "I'm shaking, we won!!",
            "speechless. thank you all",
            "goosebumps every time",
            "I can't even, this is so cute",
            "stop it, too cute",
            "this is too much 😍",
            "ugh you're so cute",
            "you're the worst lol love you",
            "shut up!! congrats!!",
            "not gonna lie, I teared up",
            "happy tears",
            "cried at the wedding, so beautiful",
            "literally crying, this is so beautiful",
            "sorry not sorry",
            "lol I'm such a nerd",
            "wicked cool",
            "dangerously good cookies",
            "fell in love with this place",
            "I'm so lucky to have you",
            "had a blast, no regrets",
            "Off to Vegas baby!!",
            "Just booked my flights home for Christmas!",
            "Movie night with the girls :)",
            "This weather is perfect for a bbq",
            "Got my hair done today, feeling fabulous",
            "Just finished my last exam, summer here I come!",
            "My baby girl turns 2 today, where did the time go",
            "@tom thanks man, I owe you one",
            "Can't believe how fast my son is growing up, so proud",
            "Watching the sunrise from the mountain top",
            "Pancakes for breakfast, yes please",
            "Spending the day at the lake with the family",
            "Date night with my husband, haven't done this in ages",
            "Netflix and pizza, the perfect Friday",
            "New shoes!!",
            "Free coffee at work today",
            "Just found out I'm going to be a dad!",
            "We got a puppy!!! Meet Max",
            "Late night talks with my best friend are the best",
            "Only 5 more days till vacation",
            "It's my birthday!!!",
            "Sleeping in tomorrow, no alarm",
            "Retweet if you love Fridays",
            "I'm so ready for this weekend",
            "He finally asked me out!!",
            "First time seeing snow, it's magical",
            "This little café has the best croissants",
            "Mom made my favorite dinner",
        ], "positive")
    }

    func testFourthBatchNegativePosts() {
        p.assertLabels([
            "ugh I wanna go home",
            "I want my money back",
            "if only I could sleep",
            "can't believe how rude that waiter was",
            "I don't even know anymore",
        ], "negative")
    }

    func testFourthBatchNeutralPosts() {
        p.assertLabels([
            "RT @CNN: President to speak at 9pm",
            "@jack what time is the meeting?",
            "Reading the paper",
            "new post on the blog http://t.co/abc123",
            "Anyone else watching the debate tonight?",
            "What's everyone doing this weekend?",
            "New profile pic",
            "Who's going to the game on Saturday?",
            "Just got back from the store",
            "Does anyone have a phone charger I can borrow?",
            "Meeting with the team at 10",
        ], "neutral")
    }

    /// Posts of the third and fourth batches that the scorer still reads wrong, with the label a person would give.
    /// Not asserted; listed so that a change that fixes them can be seen and the batches are reported whole: slang
    /// said of a person ("a total killer"), longing said of good things ("I wish every day was like today"), excitement
    /// with no lexicon word ("I'm screaming"), mishaps and wants told of good times ("my feet hurt from dancing",
    /// "wanna go to the beach so bad"), playful self-mockery ("the struggle is real lol", "I'm not crying, you're crying").
    static let knownMisses: [(batch: Int, text: String, expected: String)] = [
        (3, "the drummer was a total killer", "positive"),
        (3, "my cat just fell asleep on my lap, I'm not moving ever again", "positive"),
        (3, "that finale!!! I'm screaming", "positive"),
        (3, "I wish every day was like today", "positive"),
        (3, "check out my new video!! https://youtu.be/abc", "positive"),
        (3, "in the queue at the post office", "neutral"),
        (4, "Just got home from a long day at work, time to relax with a glass of wine", "positive"),
        (4, "I hate that I love this song so much", "positive"),
        (4, "Sorry I missed your call, I was at the beach all day :)", "positive"),
        (4, "my feet hurt from dancing all night haha", "positive"),
        (4, "shut up and take my money", "positive"),
        (4, "wanna go to the beach so bad", "positive"),
        (4, "I never knew how much I needed this", "positive"),
        (4, "if only every day could be this good", "positive"),
        (4, "don't you just love it when a plan comes together", "positive"),
        (4, "I'm so jealous! have fun guys", "positive"),
        (4, "I'm not crying, you're crying", "positive"),
        (4, "this cake is sinful", "positive"),
        (4, "the struggle is real lol", "positive"),
        (4, "I could eat this every day", "positive"),
        (4, "bad day turned good", "positive"),
        (4, "The new Adele album is everything", "positive"),
        (4, "That feeling when you finally finish a big project", "positive"),
        (4, "Going to bed, early start tomorrow", "neutral"),
        (4, "Heading to the gym", "neutral"),
    ]

    func testKnownMissesAreListedOnceWithAValidLabel() {
        XCTAssertEqual(Set(Self.knownMisses.map(\.text)).count, Self.knownMisses.count)
        for m in Self.knownMisses { XCTAssertTrue(["positive", "negative", "neutral"].contains(m.expected)) }
    }

    /// Misses listed above until session 8's everyday-post rules and entries (EverydayPostTests, PlainPraiseTests) read them right.
    func testFormerMissesReadRight() {
        p.assertLabels(["nothing like a hot shower after a cold run"], "positive")
        p.assertLabels(["I just want this week to be over"], "negative")
        p.assertLabels(["Laundry day"], "neutral")
    }

    // MARK: the rules behind them

    /// Slang said of a thing people rave about is praise; said of anything else, or without a copula, it keeps its sense.
    func testSlangPraiseNeedsARaveNoun() throws {
        let sick = try XCTUnwrap(p.contribution("this beat is sick", "sick"))
        XCTAssertEqual(sick.adjusted, SentimentRules.ravePraiseValence, accuracy: 1e-9)
        p.assertLabels(["this beat is sick", "that goal was insane!!", "killer workout this morning", "sick beats"], "positive")
        p.assertLabels(["the wait was insane", "the price is insane!!", "my kid is sick", "the killer was caught",
                        "the food made me sick"], "negative")
    }

    /// An expletive beside praise only says how strongly; beside a complaint it keeps its weight.
    func testExpletivesInPraiseCountForNothing() throws {
        let shit = try XCTUnwrap(p.contribution("holy shit we won", "shit"))
        XCTAssertEqual(shit.adjusted, 0, accuracy: 1e-9)
        XCTAssertEqual(p.label("holy shit we won"), "positive")
        let damn = try XCTUnwrap(p.contribution("damn, missed it by a minute", "damn"))
        XCTAssertLessThan(damn.adjusted, 0)
        // Not the slang adjectives: "crazy" beside a faint positive word still judges.
        XCTAssertLessThan(try XCTUnwrap(p.contribution("that sounds crazy", "crazy")).adjusted, 0)
    }

    /// Hyperbole of the writer in a post that laughs is laughter; "my phone is dead lol" is still a mishap.
    func testLaughingHyperbole() {
        p.assertLabels(["lmao I'm dying", "I'm dead 😂", "dead 😂😂", "😭😭 lmao", "I'm literally crying haha"], "positive")
        p.assertLabels(["my phone is dead lol", "crying at the airport", "my phone is dead"], "negative")
        XCTAssertTrue(p.contributions("I'm dead. 😂").contains { $0.rules.contains { $0.contains("laughing hyperbole") } })
    }

    /// A negated comparative says nothing tops it, either way; a plain negated comparative is still negated.
    func testNegatedComparativesAreSuperlatives() {
        p.assertLabels(["never been happier", "no better way to spend a Sunday", "could not be more excited",
                        "can't get any better"], "positive")
        p.assertLabels(["never felt worse", "couldn't be more disappointed", "it's no better", "no better than before",
                        "the new version is not better"], "negative")
        XCTAssertGreaterThan(p.compound("never been happier"), p.compound("been happy"))
    }

    /// A past negated expectation reports a surprise; a present one, or a past opinion, still says no.
    func testSurpriseIsNotNegation() {
        p.assertLabels(["didn't expect to love it this much", "never thought I'd enjoy a musical"], "positive")
        p.assertLabels(["I don't think it's good", "I don't think I'd like it much, it's awful"], "negative")
    }

    /// A wish to see someone, or a welcome of an offer, is warmth; a wish for a missing feature is still a complaint.
    func testWishesToMeetAndWelcomes() {
        p.assertLabels(["would love to see you guys", "would be great to see you all again soon!", "that would be amazing!",
                        "yes please, that would be great"], "positive")
        p.assertLabels(["would love to see you add a dark mode", "that would be great if it worked", "this would be nice to have",
                        "It would be great if the app had a dark mode"], "negative")
    }

    /// "What a ...!" exclaims; "What time is it!" asks.
    func testWhatAExclaims() {
        XCTAssertEqual(p.label("What a game!!"), "positive")
        XCTAssertNotEqual(p.label("What time is it!"), "positive")
        XCTAssertEqual(p.label("What a mess!"), "negative")
    }

    /// A countdown is not a time clause; "when" and "until" before a mild word still are.
    func testCountdownIsNotATimeClause() {
        p.assertLabels(["Only 5 more days till vacation", "two sleeps until the weekend!"], "positive")
        p.assertLabels(["let me know when the sale is ready", "wait until it's ready"], "neutral")
    }

    /// A win told with a violent verb is praise; a loss, a passive or no sign of a match is not.
    func testVictoryVerbs() {
        p.assertLabels(["we destroyed them 5-0", "thrashed them 4-0", "we absolutely hammered them"], "positive")
        p.assertLabels(["we got destroyed 5-0", "they destroyed us 3-0", "the storm destroyed them", "the courier crushed it"], "negative")
    }

    /// An English post that the identifier takes for Spanish ("ha ha") is scored; a German or Spanish one is not.
    func testEnglishPostsTakenForAnotherLanguageAreScored() {
        let ha = p.score("ha ha that's brilliant")
        XCTAssertTrue(ha.scored)
        XCTAssertEqual(p.label("ha ha that's brilliant"), "positive")
        for t in ["Das Bad war hell und die Küche war fast neu", "Das Bad war hell und die Kueche war fast neu",
                  "la comida es excelente y el servicio muy bueno"] {
            let r = p.score(t)
            XCTAssertFalse(r.scored, t)
            XCTAssertEqual(r.document.compound, 0, t)
        }
    }
}
