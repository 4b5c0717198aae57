import XCTest
import PainmapText
@testable import PainmapSentiment

/// One test per rule of the sentiment scorer, on hand-written sentences. Assertions are on signs,
/// orderings and relations; exact values only where a rule's constant (SentimentRules, modifiers.tsv,
/// contrastive.tsv) makes them obvious.
final class SentimentRuleTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    /// Lexicon values reach the scorer as Float (its per-form cache): compare with them to 1e-6.
    private let eps = 1e-6

    // MARK: negation

    func testNegationByContractionFlipsAndKeepsPartOfTheStrength() throws {
        XCTAssertGreaterThan(p.compound("The app is reliable"), 0)
        XCTAssertLessThan(p.compound("The app isn't reliable"), 0)
        let c = try XCTUnwrap(p.contribution("The app isn't reliable", "reliable"))
        XCTAssertEqual(c.base, p.valence("reliable"), accuracy: eps)
        XCTAssertEqual(c.adjusted, c.base * SentimentRules.negationFactor, accuracy: eps, "'not good' keeps 70% of 'good', flipped")
        XCTAssertTrue(c.rules.contains { $0.hasPrefix("negated by 'isn't'") }, "\(c.rules)")
        // Curly apostrophe (phones) and a missing apostrophe are the same negation.
        XCTAssertEqual(p.compound("The app isn’t reliable"), p.compound("The app isn't reliable"), accuracy: eps)
        XCTAssertEqual(p.compound("The app isnt reliable"), p.compound("The app isn't reliable"), accuracy: eps)
        // A negated negative swings less far: faint praise.
        let crash = try XCTUnwrap(p.contribution("It doesn't crash", "crash"))
        XCTAssertEqual(crash.adjusted, crash.base * SentimentRules.negatedNegativeFactor, accuracy: eps)
        XCTAssertGreaterThan(p.compound("It doesn't crash"), 0)
        XCTAssertLessThan(p.compound("It doesn't crash"), -p.compound("It crashes"), "'doesn't crash' is weaker praise than 'crashes' is blame")
        XCTAssertLessThan(p.compound("I don't like it"), 0, "'n't' before the verb 'like'")
    }

    func testNeverNegates() throws {
        XCTAssertGreaterThan(p.compound("The agent was helpful"), 0)
        XCTAssertLessThan(p.compound("The agent was never helpful"), 0)
        let c = try XCTUnwrap(p.contribution("The agent was never helpful", "helpful"))
        XCTAssertTrue(c.rules.contains { $0.hasPrefix("negated by 'never'") }, "\(c.rules)")
        XCTAssertLessThan(p.compound("I never liked the app"), 0)
    }

    func testNeverSoEmphasisesInsteadOfNegating() throws {
        // SentimentRules.neverSoEmphasis: "never been so happy", "never this good" are praise.
        XCTAssertGreaterThan(p.compound("It was never this good"), p.compound("It was good"))
        let c = try XCTUnwrap(p.contribution("It was never this good", "good"))
        XCTAssertEqual(c.adjusted, c.base * SentimentRules.neverSoEmphasis, accuracy: eps)
        XCTAssertGreaterThan(p.compound("Never so good"), 0)
        XCTAssertGreaterThan(p.compound("I have never been so happy"), 0, "the rule's own example")
        XCTAssertGreaterThan(p.compound("I was never so happy with a purchase"), 0)
        XCTAssertGreaterThan(p.compound("I have never been so impressed"), 0, "also when 'so' starts a phrase (\"so impressed\")")
        XCTAssertGreaterThan(p.compound("I have never been so happy"), p.compound("I have been happy"))
        XCTAssertLessThan(p.compound("I was never happy with it"), 0, "without 'so'/'this' it is a plain negation")
        XCTAssertLessThan(p.compound("The app was never that good"), 0, "'never that good' is a complaint")
        XCTAssertLessThan(p.compound("The app is never as good as before"), 0, "'never as good as' is a complaint")
        // SentimentRules.neverSoBridges: a linking verb between "never" and "so"/"this".
        XCTAssertGreaterThan(p.compound("never felt so good"), 0)
        XCTAssertGreaterThan(p.compound("the food never tasted this good"), 0)
        XCTAssertLessThan(p.compound("it never felt so bad"), p.compound("it felt bad"), "emphasised on either side")
        XCTAssertLessThan(p.compound("it never felt good"), 0, "without 'so'/'this' it is a plain negation")
    }

    func testNotWantingABadThingIsAWorry() throws {
        // SentimentRules.unwantedFactor: the bad thing keeps its sign, at half its strength.
        XCTAssertLessThan(p.compound("I don't want another war"), 0)
        let c = try XCTUnwrap(p.contribution("I don't want another war", "war"))
        XCTAssertEqual(c.adjusted, c.base * SentimentRules.unwantedFactor, accuracy: eps)
        XCTAssertGreaterThan(p.compound("you don't need to worry"), 0, "'need' is not a want verb: reassurance")
        XCTAssertLessThan(p.compound("I don't want the app"), p.compound("I want the app"), "a wanted good thing is still negated")
    }

    func testWithoutNegates() {
        XCTAssertLessThan(p.compound("It crashes"), 0)
        XCTAssertGreaterThan(p.compound("It works without crashing"), 0, "without + negative = praise")
        XCTAssertGreaterThan(p.compound("We left with a smile"), 0)
        XCTAssertLessThan(p.compound("We left without a smile"), 0, "without + positive = complaint")
    }

    func testHardlyNegates() {
        XCTAssertGreaterThan(p.compound("The app is usable"), 0)
        XCTAssertLessThan(p.compound("The app is hardly usable"), 0)
        XCTAssertGreaterThan(p.compound("The app hardly crashes"), 0)
    }

    func testNotOnlyButDoesNotNegate() throws {
        XCTAssertLessThan(p.compound("The app is not fast"), 0)
        let text = "The app is not only fast but also reliable"
        XCTAssertGreaterThan(p.compound(text), 0)
        let fast = try XCTUnwrap(p.contribution(text, "fast"))
        XCTAssertGreaterThan(fast.adjusted, 0, "\(fast.rules)")
        XCTAssertFalse(fast.rules.contains { $0.hasPrefix("negated") }, "\(fast.rules)")
        XCTAssertGreaterThan(p.compound("Not only fast but reliable"), 0)
        XCTAssertLessThan(p.compound("Not only slow but also buggy"), 0)
        // The "but" of "not only ... but" adds the second clause to the first: no contrast weights.
        let both = "The app is not only slow but it also crashes"
        for word in ["slow", "crashes"] {
            let c = try XCTUnwrap(p.contribution(both, word))
            XCTAssertFalse(c.rules.contains { $0.hasPrefix("contrast") }, "\(word): \(c.rules)")
        }
        XCTAssertTrue(try XCTUnwrap(p.contribution("The app is slow but it never crashes", "slow")).rules.contains { $0.hasPrefix("contrast") },
                      "a plain 'but' still shifts weight")
    }

    func testANegatedStopAssertsWhatFollows() throws {
        // "can't stop crashing" says it keeps crashing: a complaint, not a negated one.
        XCTAssertLessThan(p.compound("The app can't stop crashing"), 0)
        XCTAssertEqual(p.compound("The app can't stop crashing"), p.compound("The app is crashing"), accuracy: eps)
        XCTAssertLessThan(p.compound("It never stops freezing"), 0)
        XCTAssertGreaterThan(p.compound("I can't stop smiling"), 0)
        let smiling = try XCTUnwrap(p.contribution("I couldn't stop smiling", "smiling"))
        XCTAssertFalse(smiling.rules.contains { $0.hasPrefix("negated") }, "\(smiling.rules)")
        // Without "stop" the negation still flips.
        XCTAssertLessThan(p.compound("I am not smiling"), 0)
    }

    func testNegationStopsAtPunctuationAndAfterLookBack() {
        XCTAssertGreaterThan(p.compound("No, the app is great"), 0, "the comma ends the reach of 'no'")
        // "not" is six tokens before "good", beyond SentimentRules.lookBack.
        XCTAssertGreaterThan(SentimentRules.lookBack, 0)
        XCTAssertGreaterThan(p.compound("I did not expect the app to be this good"), 0)
    }

    // MARK: boosters and dampeners

    func testBoostersRaiseMagnitude() throws {
        let scalar = try XCTUnwrap(p.lexicon.modifiers[["extremely"]])
        XCTAssertGreaterThan(scalar, 0)
        XCTAssertGreaterThan(p.compound("The app is extremely good"), p.compound("The app is good"))
        XCTAssertLessThan(p.compound("The app is extremely slow"), p.compound("The app is slow"))
        let good = try XCTUnwrap(p.contribution("The app is extremely good", "good"))
        XCTAssertEqual(good.adjusted - good.base, scalar, accuracy: eps, "a booster right before the word counts fully")
        let slow = try XCTUnwrap(p.contribution("The app is extremely slow", "slow"))
        XCTAssertEqual(slow.adjusted - slow.base, -scalar, accuracy: eps, "boosters add to the magnitude of negatives too")
        XCTAssertTrue(good.rules.contains("boosted by 'extremely'"), "\(good.rules)")
        XCTAssertNil(p.contributions("The app is extremely good").first { $0.text.lowercased() == "extremely" })
    }

    func testAModifierBeforeAPhraseIsOnlyAModifier() throws {
        // "A modifier right before a sentiment word is only a modifier": a phrase is a sentiment span too.
        let text = "The app completely stopped working"
        let cs = p.contributions(text)
        XCTAssertEqual(cs.map { $0.text.lowercased() }, ["stopped working"], p.describe(cs))
        let c = try XCTUnwrap(cs.first)
        XCTAssertEqual(c.adjusted - c.base, -(p.lexicon.modifiers[["completely"]] ?? .nan), accuracy: eps)
        XCTAssertLessThan(p.compound(text), p.compound("The app stopped working"))
    }

    func testModifiersAndNeutralWordsGetNoValenceFromAStrippedForm() {
        // The inflection fallback is for forms the lexicon lacks; modifiers and negations are in it.
        for text in ["It simply works", "Prices are fairly high", "It is purely cosmetic"] {
            XCTAssertEqual(p.compound(text), 0, text)
            XCTAssertTrue(p.contributions(text).isEmpty, "\(text): \(p.describe(p.contributions(text)))")
        }
        // A 0 in sentiment.tsv marks a word as neutral on purpose: "honestly" is not "honest", "lately" not "late".
        XCTAssertEqual(p.lexicon.valences["honestly"], 0)
        for text in ["Honestly", "Lately", "Frankly, I ordered it", "Surely"] { XCTAssertEqual(p.compound(text), 0, text) }
        XCTAssertEqual(p.compound("Honestly the app is terrible"), p.compound("The app is terrible"), accuracy: eps)
        XCTAssertLessThan(p.compound("Honestly the app is not good!"), 0)
        // "mean" is 0 because it is nearly always the verb; its unkind sense comes from phrases.
        for text in ["What does this fee mean?", "That means my card is blocked", "I mean, it arrived", "What is the meaning of this charge"] {
            XCTAssertEqual(p.compound(text), p.compound(text.replacingOccurrences(of: "mean", with: "say")), accuracy: eps, text)
        }
        XCTAssertLessThan(p.compound("The agent was mean to me"), 0)
        // The inflection fallback still works for sentiment words.
        XCTAssertLessThan(p.compound("The app freezed twice"), 0, "\"freezed\" -> \"freeze\"")
        XCTAssertLessThan(p.compound("The app is baaaad"), 0)
    }

    func testInflectionFallbackFollowsEnglishSpelling() {
        // Cut blindly, "rating", "rated" and "rates" were "rat" (-1.2) and "dudes" was "dud": customer
        // feedback about exchange rates and star ratings read negative.
        for text in ["The rating is 4 stars", "I rated it", "What are your exchange rates?", "Those dudes called me"] {
            XCTAssertTrue(p.contributions(text).isEmpty, "\(text): \(p.describe(p.contributions(text)))")
        }
        XCTAssertEqual(Inflection.baseForms(of: Array("rates".utf8)).map { String(decoding: $0, as: UTF8.self) }, ["rate"])
        XCTAssertEqual(Inflection.baseForms(of: Array("rating".utf8)).map { String(decoding: $0, as: UTF8.self) }, ["rate"])
        XCTAssertEqual(Inflection.baseForms(of: Array("Crashes".utf8)).map { String(decoding: $0, as: UTF8.self) }, ["Crash", "Crashe"])
        XCTAssertEqual(Inflection.baseForms(of: Array("charging".utf8)).map { String(decoding: $0, as: UTF8.self) }, ["charg", "charge"])
        XCTAssertEqual(Inflection.baseForms(of: Array("played".utf8)).map { String(decoding: $0, as: UTF8.self) }, ["play", "playe"])
        XCTAssertEqual(Inflection.baseForms(of: Array("happily".utf8)).map { String(decoding: $0, as: UTF8.self) }, ["happi", "happy"])
        XCTAssertTrue(Inflection.baseForms(of: Array("used".utf8)).isEmpty, "stems under three letters are not tried")
        // Real inflections of lexicon words still score.
        XCTAssertNil(p.lexicon.valences["smashes"]); XCTAssertNil(p.lexicon.valences["joked"])
        XCTAssertLessThan(p.compound("The courier smashes every parcel"), 0, "\"smashes\" -> \"smash\"")
        XCTAssertLessThan(p.compound("He joked"), 0, "\"joked\" -> \"joke\"")
    }

    func testDampenersLowerMagnitude() throws {
        let scalar = try XCTUnwrap(p.lexicon.modifiers[["kind", "of"]])
        XCTAssertLessThan(scalar, 0)
        let good = p.compound("The app is good"), kindOfGood = p.compound("The app is kind of good")
        XCTAssertGreaterThan(kindOfGood, 0)
        XCTAssertLessThan(kindOfGood, good)
        let slow = p.compound("The app is slow"), kindOfSlow = p.compound("The app is kind of slow")
        XCTAssertLessThan(kindOfSlow, 0)
        XCTAssertGreaterThan(kindOfSlow, slow)
        let c = try XCTUnwrap(p.contribution("The app is kind of good", "good"))
        XCTAssertEqual(c.adjusted - c.base, scalar, accuracy: eps)
        XCTAssertNil(p.contributions("The app is kind of slow").first { $0.text.lowercased().hasPrefix("kind") },
                     "'kind of' before a word is a dampener, not kindness")
        XCTAssertGreaterThan(p.compound("The app is kinda good"), 0)
        XCTAssertLessThan(p.compound("The app is kinda good"), good)
    }

    func testBarelyLowersMagnitude() {
        // negations.txt: "barely" reads as a negation ("barely usable" is a complaint), so it lowers the
        // magnitude of the word and turns it.
        let usable = p.compound("The app is usable"), barely = p.compound("The app is barely usable")
        XCTAssertLessThan(abs(barely), abs(usable))
        XCTAssertLessThan(barely, 0)
        let noticeable = p.compound("The lag is annoying"), barelyNoticeable = p.compound("The lag is barely annoying")
        XCTAssertLessThan(abs(barelyNoticeable), abs(noticeable))
    }

    // MARK: contrast

    func testButShiftsWeightToTheClauseAfterIt() throws {
        let (before, after) = try XCTUnwrap(p.lexicon.contrastives[["but"]])
        XCTAssertLessThan(before, 1); XCTAssertGreaterThan(after, 1)
        let text = "The app is good but the support is terrible"
        XCTAssertLessThan(p.compound(text), 0)
        XCTAssertGreaterThan(p.compound("The support is terrible but the app is good"), 0)
        let good = try XCTUnwrap(p.contribution(text, "good")), terrible = try XCTUnwrap(p.contribution(text, "terrible"))
        XCTAssertEqual(good.adjusted, good.base * before, accuracy: eps)
        XCTAssertEqual(terrible.adjusted, terrible.base * after, accuracy: eps)
        // Without the connective the same words lean the other way less, or not at all.
        XCTAssertLessThan(p.compound(text), p.compound("The app is good and the support is terrible"))
    }

    func testHoweverInTheMiddleAndFronted() throws {
        let (before, after) = try XCTUnwrap(p.lexicon.contrastives[["however"]])
        let middle = "The app is good, however the support is terrible"
        XCTAssertLessThan(p.compound(middle), 0)
        XCTAssertEqual(try XCTUnwrap(p.contribution(middle, "good")).adjusted, p.valence("good") * before, accuracy: eps)
        XCTAssertGreaterThan(p.compound("The support is terrible, however the app is good"), 0)
        // Fronted "However," opens the clause the writer stands behind.
        let fronted = "However, the app is good"
        XCTAssertEqual(try XCTUnwrap(p.contribution(fronted, "good")).adjusted, p.valence("good") * after, accuracy: eps)
        XCTAssertGreaterThan(p.compound(fronted), p.compound("The app is good"))
        // Contrast stays inside its sentence.
        let r = p.score("The app is good. However, the support is terrible.")
        XCTAssertEqual(r.sentences.count, 2)
        XCTAssertEqual(r.sentences[0].compound, p.compound("The app is good."), accuracy: eps)
        XCTAssertLessThan(r.sentences[1].compound, p.compound("The support is terrible."))
    }

    func testAlthoughFrontedAndInTheMiddle() throws {
        let (before, after) = try XCTUnwrap(p.lexicon.contrastives[["although"]])
        XCTAssertGreaterThan(before, 1); XCTAssertLessThan(after, 1)
        // In the middle: the conceded clause follows "although".
        let middle = "The app is good, although the support is terrible"
        XCTAssertGreaterThan(p.compound(middle), 0)
        XCTAssertEqual(try XCTUnwrap(p.contribution(middle, "good")).adjusted, p.valence("good") * before, accuracy: eps)
        XCTAssertEqual(try XCTUnwrap(p.contribution(middle, "terrible")).adjusted, p.valence("terrible") * after, accuracy: eps)
        // Fronted: the conceded clause runs to the comma, the main clause after it carries the weight.
        let fronted = "Although the support is terrible, the app is good"
        XCTAssertGreaterThan(p.compound(fronted), 0)
        XCTAssertEqual(try XCTUnwrap(p.contribution(fronted, "terrible")).adjusted, p.valence("terrible") * after, accuracy: eps)
        XCTAssertEqual(try XCTUnwrap(p.contribution(fronted, "good")).adjusted, p.valence("good") * before, accuracy: eps)
        XCTAssertEqual(p.compound(fronted), p.compound(middle), accuracy: eps, "the same claim either way round")
        XCTAssertLessThan(p.compound("Although the app is good, the support is terrible"), 0)
        XCTAssertLessThan(p.compound("The support is terrible, although the app is good"), 0)
    }

    // MARK: emphasis

    func testAllCapsEmphasisInMixedCaseText() throws {
        XCTAssertGreaterThan(p.compound("The app is GOOD"), p.compound("The app is good"))
        XCTAssertLessThan(p.compound("The app is TERRIBLE"), p.compound("The app is terrible"))
        let good = try XCTUnwrap(p.contribution("The app is GOOD", "GOOD"))
        XCTAssertEqual(good.adjusted - good.base, SentimentRules.capsEmphasis, accuracy: eps)
        let bad = try XCTUnwrap(p.contribution("The app is TERRIBLE", "TERRIBLE"))
        XCTAssertEqual(bad.adjusted - bad.base, -SentimentRules.capsEmphasis, accuracy: eps)
        XCTAssertGreaterThan(p.compound("The app is VERY good"), p.compound("The app is very good"), "a shouted booster boosts more")
    }

    func testNoCapsEmphasisWhenTheWholeTextIsCaps() {
        XCTAssertEqual(p.compound("THE APP IS GOOD"), p.compound("The app is good"), accuracy: eps)
        XCTAssertEqual(p.compound("THE SUPPORT IS TERRIBLE"), p.compound("The support is terrible"), accuracy: eps)
        // One-letter words ("I", "A") are not evidence of mixed case.
        XCTAssertEqual(p.compound("I LOVE IT"), p.compound("i love it"), accuracy: eps)
    }

    func testExclamationMarksAddEmphasisUpToACap() {
        let plain = p.rawSum("The app is good")
        XCTAssertEqual(p.rawSum("The app is good!") - plain, SentimentRules.exclamationEmphasis, accuracy: 1e-6)
        XCTAssertEqual(p.rawSum("The app is good!!") - plain, 2 * SentimentRules.exclamationEmphasis, accuracy: 1e-6)
        let capped = Double(SentimentRules.exclamationCap) * SentimentRules.exclamationEmphasis
        XCTAssertEqual(p.rawSum("The app is good!!!!") - plain, capped, accuracy: 1e-6)
        XCTAssertEqual(p.compound("The app is good!!!!!!!!!!"), p.compound("The app is good!!!!"), accuracy: eps, "more than the cap adds nothing")
        XCTAssertLessThan(p.compound("The app is terrible!!"), p.compound("The app is terrible"), "emphasis follows the lean")
        XCTAssertEqual(p.compound("I ordered it on Monday!!!"), 0, "no lean, nothing to emphasise")
    }

    func testRepeatedQuestionMarksAddEmphasis() {
        let plain = p.rawSum("Why is the app so bad")
        XCTAssertEqual(p.rawSum("Why is the app so bad?"), plain, accuracy: 1e-6, "one '?' is a question, not emphasis")
        XCTAssertEqual(p.rawSum("Why is the app so bad??") - plain, -2 * SentimentRules.questionEmphasis, accuracy: 1e-6)
        let capped = Double(SentimentRules.questionCap) * SentimentRules.questionEmphasis
        XCTAssertEqual(p.rawSum("Why is the app so bad???????") - plain, -capped, accuracy: 1e-6)
        XCTAssertGreaterThan(p.compound("Is it really this good??"), p.compound("Is it really this good"))
        XCTAssertEqual(p.compound("Did you get my email??"), 0, "no sentiment to emphasise")
    }

    func testLetterElongationAddsEmphasis() throws {
        XCTAssertGreaterThan(p.compound("The app is goooood"), p.compound("The app is good"))
        XCTAssertLessThan(p.compound("The app is baaaad"), p.compound("The app is bad"))
        let c = try XCTUnwrap(p.contribution("The app is goooood", "goooood"))
        XCTAssertEqual(c.base, p.valence("good"), accuracy: eps)
        XCTAssertEqual(c.adjusted - c.base, SentimentRules.elongationEmphasis, accuracy: eps)
    }

    // MARK: emoji and emoticons

    func testEmojiAndEmoticonsCarrySentiment() throws {
        XCTAssertGreaterThan(p.compound("Delivered today :)"), 0)
        XCTAssertLessThan(p.compound("Delivered today :("), 0)
        XCTAssertLessThan(p.compound("The delivery 😡"), 0)
        XCTAssertGreaterThan(p.compound("The delivery 👍🏽"), 0)
        XCTAssertGreaterThan(p.compound("Thanks for the help :)"), p.compound("Thanks for the help"))
        XCTAssertLessThan(p.compound("The parcel was late :("), p.compound("The parcel was late"))
        // A skin tone does not change the emoji's meaning, and the span keeps the modifier.
        XCTAssertEqual(p.compound("The delivery 👍🏽"), p.compound("The delivery 👍"), accuracy: eps)
        let thumbs = try XCTUnwrap(p.contribution("The delivery 👍🏽", "👍🏽"))
        XCTAssertEqual(thumbs.base, try XCTUnwrap(p.lexicon.valences["👍"]), accuracy: eps)
        XCTAssertEqual(try XCTUnwrap(p.contribution("Delivered today :(", ":(")).base, try XCTUnwrap(p.lexicon.valences[":("]), accuracy: eps)
    }

    // MARK: phrases

    func testPhrasesBeatTheirWords() throws {
        let cases: [(text: String, phrase: String, positive: Bool)] = [
            ("This thing is a waste of money", "waste of money", false),
            ("Honestly it is not worth it", "not worth it", false),
            ("It does the job", "does the job", true),
            ("I can't complain", "can't complain", true),
            ("Their support is second to none", "second to none", true),
        ]
        for (text, phrase, positive) in cases {
            let value = try XCTUnwrap(p.phraseValence(phrase), "\(phrase) is in phrases.tsv")
            let cs = p.contributions(text)
            let hits = cs.filter { $0.text.lowercased().hasSuffix(phrase) }
            XCTAssertEqual(hits.count, 1, "\(text): \(p.describe(cs))")
            XCTAssertEqual(cs.count, 1, "the phrase's words do not count again: \(p.describe(cs))")
            if let c = hits.first, c.text.lowercased() == phrase {
                XCTAssertEqual(c.base, value, accuracy: eps, text)
            }
            XCTAssertEqual(p.compound(text) > 0, positive, text)
            XCTAssertEqual(p.compound(text) < 0, !positive, text)
        }
        // The words alone would say otherwise.
        XCTAssertGreaterThan(p.compound("Honestly it is worth"), p.compound("Honestly it is not worth it"))
        XCTAssertLessThan(p.compound("I complain"), 0)
        XCTAssertGreaterThan(p.compound("I can't complain"), p.compound("I can't") + 0.05)
        XCTAssertGreaterThan(p.phraseValence("second to none")!, p.phraseValence("not worth it")!)
    }

    // MARK: irrealis and wishes

    func testNamesHoldingASentimentWordAreNeutral() throws {
        // A 0 in phrases.tsv: departments, products and plans whose name has a sentiment word in it.
        XCTAssertEqual(p.phraseValence("customer care"), 0)
        for text in ["I called customer care 5 times", "I bought a gift card", "My free trial ended"] {
            XCTAssertTrue(p.contributions(text).isEmpty, "\(text): \(p.describe(p.contributions(text)))")
            XCTAssertEqual(p.score(text).document.neutral, 1, accuracy: eps, text)
        }
        XCTAssertGreaterThan(p.compound("Customer care was brilliant"), 0)
        XCTAssertLessThan(p.compound("The gift card never arrived"), 0)
        XCTAssertGreaterThan(p.compound("They really care"), 0, "the word alone keeps its valence")
    }

    func testIrrealisAndWishesReadNegative() throws {
        XCTAssertGreaterThan(p.compound("It is great and it works"), 0)
        let wouldBe = "It would be great if it worked"
        XCTAssertLessThan(p.compound(wouldBe), 0)
        let great = try XCTUnwrap(p.contribution(wouldBe, "great"))
        XCTAssertEqual(great.adjusted, great.base * SentimentRules.irrealisFactor, accuracy: eps)
        let cue = p.contributions(wouldBe).filter { $0.rules == ["irrealis cue"] }
        XCTAssertEqual(cue.map(\.adjusted), [SentimentRules.irrealisCueValence])

        XCTAssertGreaterThan(p.compound("The app is faster"), 0)
        XCTAssertLessThan(p.compound("I wish the app was faster"), 0)
        XCTAssertLessThan(p.compound("They should have called me back"), 0)
        XCTAssertEqual(p.rawSum("They should have called me back"), SentimentRules.irrealisCueValence, accuracy: 1e-6,
                       "the cue alone is a mild complaint")
        XCTAssertLessThan(p.compound("The agent should have been more helpful"), 0)
    }

    /// phrases.tsv: acceptance ("don't mind") and passing an exam are mild and clear praise, not a negation or a loss.
    func testAcceptanceAndPassingPhrases() {
        XCTAssertGreaterThan(p.compound("I don't mind the rain"), 0)
        XCTAssertGreaterThan(p.compound("I wouldn't mind a coffee right now"), 0)
        XCTAssertGreaterThan(p.compound("I PASSED THE BAR EXAM!!!!!"), 0)
        XCTAssertGreaterThan(p.compound("that test was brutal but i think i passed!!"), 0)
        XCTAssertEqual(p.compound("oh wait never mind"), 0, accuracy: eps, "'never mind' takes back, it does not complain")
        // "deserved better" complains; a best friend is a friend, not "best".
        XCTAssertLessThan(p.compound("They deserved better"), 0)
        XCTAssertLessThan(p.compound("she is my best friend"), p.compound("she is the best"))
        // What a request looks for is not had yet, and a title's words are a name (phrases of 0).
        XCTAssertEqual(p.compound("Does anyone know a good vet in the area?"), 0, accuracy: eps)
        XCTAssertEqual(p.compound("new episode of walking dead tonight"), 0, accuracy: eps)
        XCTAssertGreaterThan(p.compound("Breaking Bad is amazing"), 0, "what is said of the title still counts")
        // Sports exclamations and the idiom of praise that sounds like a complaint.
        XCTAssertGreaterThan(p.compound("RONALDOOOOO WHAT A GOAL"), 0)
        XCTAssertGreaterThan(p.compound("this cake is so good it should be illegal"), 0)
        XCTAssertLessThan(p.compound("these fees should be illegal"), 0)
    }

    /// A cue that opens a phrase of phrases.tsv belongs to the phrase, whose valence already says what the wish means.
    func testIrrealisCueOpeningAPhraseIsThePhrases() throws {
        for text in ["We should have switched sooner", "wish I found this sooner", "well, it could have been worse"] {
            XCTAssertGreaterThan(p.compound(text), 0, "\(text): \(p.describe(p.contributions(text)))")
            XCTAssertFalse(p.contributions(text).contains { $0.rules.contains("irrealis cue") }, text)
        }
        XCTAssertLessThan(p.compound("It could have been better"), 0, "a negative phrase stays negative, without the cue on top")
        XCTAssertEqual(p.contributions("It could have been better").count, 1)
        XCTAssertLessThan(p.compound("It could have been faster"), 0, "no phrase: still a wish")
    }

    func testRequestsWithoutIfReadAsMissingAndGreetingsAsNeutral() throws {
        // A feature request praises what is not there.
        for text in ["I'd love a dark mode", "We would love the option to export", "An export to Excel would be fantastic"] {
            XCTAssertLessThan(p.compound(text), 0, "\(text): \(p.describe(p.contributions(text)))")
        }
        // Praise that only sounds like a wish stays praise.
        XCTAssertGreaterThan(p.compound("I would recommend it to anyone"), 0)
        XCTAssertGreaterThan(p.compound("This would be a great gift"), 0)
        // A ticket's greeting and sign-off say nothing about the problem between them.
        let ticket = "Good afternoon, my invoice has a charge for March. Kind regards, Tom"
        XCTAssertEqual(p.compound(ticket), p.compound("My invoice has a charge for March."), accuracy: eps,
                       p.describe(p.contributions(ticket)))
    }

    func testIrrealisReachesOnlyItsOwnClause() throws {
        // After the clause: "I wish it had a dark mode - the app is great".
        let after = "I wish it had a dark mode - the app is great"
        XCTAssertGreaterThan(try XCTUnwrap(p.contribution(after, "great")).adjusted, 0)
        // Before the cue: praise said before the wish is not part of the wish.
        let before = "The app works great and I wish it had a dark mode"
        let praise = try XCTUnwrap(p.contribution(before, "works great"))
        XCTAssertEqual(praise.adjusted, praise.base, accuracy: eps, "\(praise.rules)")
        XCTAssertGreaterThan(p.compound(before), 0)
        let word = try XCTUnwrap(p.contribution("The app is great and I wish it had a dark mode", "great"))
        XCTAssertEqual(word.adjusted, word.base, accuracy: eps, "\(word.rules)")
    }

    // MARK: least, like

    func testLeastNegatesButAtLeastDoesNot() throws {
        XCTAssertGreaterThan(p.compound("The agent was helpful"), 0)
        let least = "The agent was the least helpful"
        XCTAssertLessThan(p.compound(least), 0)
        XCTAssertTrue(try XCTUnwrap(p.contribution(least, "helpful")).rules.contains { $0.hasPrefix("'least'") })
        let atLeast = "At least the agent was helpful"
        XCTAssertGreaterThan(p.compound(atLeast), 0)
        let c = try XCTUnwrap(p.contribution(atLeast, "helpful"))
        XCTAssertFalse(c.rules.contains { $0.hasPrefix("'least'") || $0.hasPrefix("negated") }, "\(c.rules)")
        XCTAssertGreaterThan(p.compound("At least it is good"), 0)
    }

    func testABoosterInsideAPhraseBoostsThePhrase() throws {
        let plain = p.compound("It no longer works"), boosted = p.compound("It no longer really works")
        XCTAssertLessThan(plain, 0)
        XCTAssertLessThan(boosted, plain, "the phrase still matches, and the booster adds to it")
        let c = try XCTUnwrap(p.contribution("It no longer really works", "no longer really works"))
        XCTAssertTrue(c.rules.contains { $0.contains("inside the phrase") }, "\(c.rules)")
        // After a negation the booster softens instead ("not really worth it"): no boost from inside.
        XCTAssertGreaterThanOrEqual(p.compound("not really worth it"), p.compound("not worth it"))
    }

    func testAnAdverbAfterAPhrasesNegationHedgesOrEmphasisesIt() throws {
        // The phrase still matches with the adverb inside ("never arrived", "does not work")...
        let plain = p.compound("My parcel never arrived"), hedged = p.compound("My parcel never really arrived")
        XCTAssertLessThan(hedged, -0.05, "a hedge keeps the complaint")
        XCTAssertGreaterThan(hedged, plain, "'really' after the negation softens it")
        XCTAssertLessThan(p.compound("The app does not really work"), -0.05)
        let c = try XCTUnwrap(p.contribution("My parcel never really arrived", "parcel never really arrived"))
        XCTAssertTrue(c.rules.contains { $0.hasPrefix("softened by 'really'") }, "\(c.rules)")
        // ... and "even" / "ever" make the negation stronger.
        XCTAssertLessThan(p.compound("My parcel never even arrived"), plain)
    }

    func testLikeAsAVerbAndAsAPreposition() throws {
        XCTAssertGreaterThan(p.compound("I like it"), 0)
        XCTAssertNotNil(p.contribution("I like it", "like"))
        XCTAssertGreaterThan(p.compound("Like it!"), 0, "a verb at the start of a sentence")
        XCTAssertGreaterThan(p.compound("We really like the new design"), 0)
        XCTAssertEqual(p.compound("It looks like a toy"), 0, "a preposition carries no sentiment")
        XCTAssertTrue(p.contributions("It looks like a toy").isEmpty)
        let scam = p.contributions("It feels like a scam")
        XCTAssertEqual(scam.map { $0.text.lowercased() }, ["scam"], p.describe(scam))
        XCTAssertLessThan(p.compound("It feels like a scam"), 0)
        // A request is not praise.
        XCTAssertEqual(p.contributions("I would like a refund").map { $0.text.lowercased() }, ["refund"])
        XCTAssertEqual(p.compound("I'd like to change my delivery address"), 0)
        XCTAssertEqual(p.compound("We'd like to know when it ships"), 0)
    }

    // MARK: language, empty text

    func testDocumentsInAnotherLanguageAreLeftUnscored() {
        for text in ["Das Produkt ist sehr gut und die Lieferung war schnell, ich bin zufrieden.",
                     "Le produit est très bon et la livraison était rapide. Je suis content.",
                     "El producto es muy bueno y la entrega fue rápida, estoy muy contento con la compra."] {
            let doc = p.analyze(text)
            XCTAssertNotEqual(doc.language.code, "en", text)
            let r = p.scorer.score(doc, explain: true)
            XCTAssertFalse(r.scored, text)
            XCTAssertEqual(r.document, .neutralScore, text)
            XCTAssertEqual(r.sentences.count, doc.sentences.count, text)
            XCTAssertTrue(r.sentences.allSatisfy { $0 == .neutralScore }, text)
            XCTAssertTrue(r.contributions.isEmpty, text)
        }
        XCTAssertTrue(p.score("The app is good").scored)
    }

    func testEmptyTextIsNeutral() {
        for text in ["", "   ", "\n\n", "The parcel came on Tuesday."] {
            let r = p.score(text)
            XCTAssertEqual(r.document.compound, 0, text.debugDescription)
            XCTAssertEqual(r.document.label, .neutral, text.debugDescription)
            XCTAssertEqual(r.document.neutral, 1, text.debugDescription)
            XCTAssertEqual(r.document.positive + r.document.negative, 0, text.debugDescription)
            XCTAssertTrue(r.contributions.isEmpty, text.debugDescription)
        }
        XCTAssertTrue(p.score("").sentences.isEmpty)
    }
}

/// The scorer reuses its sentence-score array once the caller drops a result (as the analyzer reuses its
/// token array): results the caller keeps must not change when later texts are scored.
final class SentimentArrayReuseTests: XCTestCase {
    func testKeptResultsSurviveArrayReuse() throws {
        let scorer = try SentimentFixture.scorer()
        let texts = ["Not bad at all. But the app crashes constantly!", "", "Great. Awful. Fine. Terrible!!", "meh"]
        var kept: [SentimentResult] = []
        for t in texts {
            kept.append(scorer.score(scorer.analyzer.analyze(t)))
            for _ in 0..<3 { _ = scorer.score(scorer.analyzer.analyze("I love it. I hate it. It is okay, I guess.")) }
        }
        for (k, t) in texts.enumerated() {
            let again = scorer.score(scorer.analyzer.analyze(t))
            XCTAssertEqual(kept[k].sentences, again.sentences, t)
            XCTAssertEqual(kept[k].document, again.document, t)
        }
    }
}
