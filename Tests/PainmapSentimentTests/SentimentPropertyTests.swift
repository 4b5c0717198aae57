import XCTest
import PainmapText
@testable import PainmapSentiment

/// Properties over many generated sentences (fixed adjective lists, simple templates, a fixed seed), and the
/// explanations.
final class SentimentPropertyTests: XCTestCase {
    private var p: SentimentProbe!
    override func setUpWithError() throws { p = try SentimentProbe() }

    func testGeneratorVocabularyIsClearlyPolar() {
        for a in Generated.positive { XCTAssertGreaterThanOrEqual(p.valence(a), 1.0, a) }
        for a in Generated.negative { XCTAssertLessThanOrEqual(p.valence(a), -1.0, a) }
        for n in Generated.nouns { XCTAssertEqual(p.compound("the \(n)"), 0, "\(n) is neutral") }
    }

    func testVeryNeverLowersTheMagnitude() throws {
        var checked = 0, absorbed = 0, insidePhrase: Set<String> = []
        for (t, n, a) in Generated.sentences(Generated.positive + Generated.negative) {
            let plain = Generated.fill(t, noun: n, adjective: a)
            // "very" goes right before the span that scores the adjective: the adjective itself, or a phrase
            // that contains it ("app is broken"), which a "very" inside would break up.
            let span = try XCTUnwrap(p.contributions(plain).first { $0.text.lowercased().split(separator: " ").contains(Substring(a)) },
                                     "\"\(plain)\": \(p.describe(p.contributions(plain)))")
            if span.text.lowercased() != a { insidePhrase.insert(span.text.lowercased()); absorbed += 1 }
            var scalars = Array(plain.unicodeScalars)
            scalars.insert(contentsOf: "very ".unicodeScalars, at: span.span.start)
            var v = String.UnicodeScalarView(); v.append(contentsOf: scalars)
            let very = String(v)
            let c0 = p.compound(plain), c1 = p.compound(very)
            XCTAssertGreaterThanOrEqual(abs(c1), abs(c0) - 1e-6, "\"\(very)\" \(c1) vs \"\(plain)\" \(c0)")
            XCTAssertEqual(c1.sign, c0.sign, "\"\(very)\" \(c1) vs \"\(plain)\" \(c0)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 4000)
        // Nearly every adjective scores on its own; the few phrases are subject + verb + adjective entries.
        XCTAssertLessThan(Double(absorbed), 0.1 * Double(checked), "\(insidePhrase.sorted())")
    }

    func testNegatingAClearlyPositiveSentenceNeverLeavesItPositive() {
        let negations = ["not {a}", "n't {a}", "never {a}", "hardly {a}", "not very {a}", "not really {a}", "never that {a}", "never as {a} as before"]
        var checked = 0
        for (t, n, a) in Generated.sentences(Generated.positive) {
            let plain = Generated.fill(t, noun: n, adjective: a)
            XCTAssertEqual(SentimentLabel(compound: p.compound(plain)), .positive, "\"\(plain)\" is clearly positive")
            for neg in negations {
                // "n't" attaches to the verb ("is" -> "isn't", "seemed" -> "didn't seem"); "I found the {n} {a}" has none.
                let text: String
                if neg == "n't {a}" {
                    let contractions = [(" has been {a}", " hasn't been {a}"), (" is {a}", " isn't {a}"),
                                        (" was {a}", " wasn't {a}"), (" seemed {a}", " didn't seem {a}")]
                    guard let (verb, negated) = contractions.first(where: { t.contains($0.0) }) else { continue }
                    text = Generated.fill(t.replacingOccurrences(of: verb, with: negated), noun: n, adjective: a)
                } else {
                    text = Generated.fill(t.replacingOccurrences(of: "{a}", with: neg), noun: n, adjective: a)
                }
                let c = p.compound(text)
                XCTAssertNotEqual(SentimentLabel(compound: c), .positive, "\"\(text)\" \(c) (from \"\(plain)\")")
                XCTAssertLessThan(c, p.compound(plain), "\"\(text)\"")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
    }

    func testScoresAreBoundedSharesSumToOneAndLabelsFollowThresholds() {
        let docs = Generated.documents(count: 1500)
            + Generated.sentences(Generated.positive + Generated.negative).map { Generated.fill($0.0, noun: $0.1, adjective: $0.2) }
            + [String(repeating: "AMAZING!!!! ", count: 200), String(repeating: "Terrible, awful, useless 😡😡 ", count: 300)]
        var labels: [SentimentLabel: Int] = [:]
        for text in docs {
            let doc = p.analyze(text)
            let r = p.scorer.score(doc)
            for (k, s) in ([r.document] + r.sentences).enumerated() {
                let what = k == 0 ? "document" : "sentence \(k)"
                XCTAssertTrue(s.compound >= -1 && s.compound <= 1 && s.compound.isFinite, "\(what) of \"\(text)\": \(s.compound)")
                XCTAssertEqual(s.positive + s.neutral + s.negative, 1, accuracy: 1e-9, "\(what) of \"\(text)\"")
                for share in [s.positive, s.neutral, s.negative] { XCTAssertTrue(share >= 0 && share <= 1, "\(what) of \"\(text)\"") }
                let expected: SentimentLabel = s.compound >= 0.05 ? .positive : s.compound <= -0.05 ? .negative : .neutral
                XCTAssertEqual(s.label, expected, "\(what) of \"\(text)\": \(s.compound)")
            }
            labels[r.document.label, default: 0] += 1
            // Per-sentence scores exist for every sentence.
            XCTAssertEqual(r.sentences.count, doc.sentences.count, text)
        }
        XCTAssertGreaterThan(labels[.positive] ?? 0, 100, "\(labels)")
        XCTAssertGreaterThan(labels[.negative] ?? 0, 100, "\(labels)")
        XCTAssertGreaterThan(labels[.neutral] ?? 0, 10, "\(labels)")
        XCTAssertLessThanOrEqual(p.compound(String(repeating: "great ", count: 5000)), 1)
        XCTAssertGreaterThanOrEqual(p.compound(String(repeating: "awful ", count: 5000)), -1)
    }

    func testLabelThresholds() {
        XCTAssertEqual(SentimentRules.labelThreshold, 0.05)
        XCTAssertEqual(SentimentLabel(compound: 0.05), .positive)
        XCTAssertEqual(SentimentLabel(compound: 0.0499), .neutral)
        XCTAssertEqual(SentimentLabel(compound: 0), .neutral)
        XCTAssertEqual(SentimentLabel(compound: -0.0499), .neutral)
        XCTAssertEqual(SentimentLabel(compound: -0.05), .negative)
        XCTAssertEqual(SentimentLabel(compound: 1), .positive)
        XCTAssertEqual(SentimentLabel(compound: -1), .negative)
        XCTAssertEqual(p.score("The app is good").document.label, .positive)
        XCTAssertEqual(p.score("The app is terrible").document.label, .negative)
        XCTAssertEqual(p.score("The app was updated on Monday").document.label, .neutral)
    }

    func testEverySentenceGetsItsOwnScore() {
        var r = FixedRandom(seed: 7)
        for _ in 0..<300 {
            let k = 1 + r.next(6)
            var parts: [String] = []
            for _ in 0..<k {
                let (t, n, a) = r.pick(Generated.sentences(r.next(2) == 0 ? Generated.positive : Generated.negative))
                var s = Generated.fill(t, noun: n, adjective: a)
                if !s.hasSuffix(".") && !s.hasSuffix("!") { s += "." }
                parts.append(s)
            }
            let text = parts.joined(separator: " ")
            let doc = p.analyze(text)
            let result = p.scorer.score(doc)
            XCTAssertEqual(doc.sentences.count, k, text)
            XCTAssertEqual(result.sentences.count, k, text)
            guard result.sentences.count == k else { continue }
            for (i, part) in parts.enumerated() {
                // Without shouting, a sentence scores the same inside the document as on its own.
                XCTAssertEqual(result.sentences[i].compound, p.compound(part), accuracy: 1e-9, "sentence \(i) of \"\(text)\"")
            }
            // The document sums its sentences' valence.
            let sum = result.sentences.map { SentimentProbe.rawSum(compound: $0.compound) }.reduce(0, +)
            XCTAssertEqual(SentimentProbe.rawSum(compound: result.document.compound), sum, accuracy: 1e-6, text)
        }
    }

    // MARK: explanations

    func testExplanationsListEachContributingSpanWithBaseAndAdjustedValence() throws {
        let text = "The delivery was NOT fast, but support was sooo helpful!! 👍🏽 Café staff were kind of rude :("
        let doc = p.analyze(text)
        let r = p.scorer.score(doc, explain: true)
        let words = r.contributions.map { $0.text }
        XCTAssertEqual(words, ["fast", "helpful", "👍🏽", "rude", ":("], p.describe(r.contributions))
        let fast = r.contributions[0], helpful = r.contributions[1], rude = r.contributions[3]
        XCTAssertEqual(fast.base, p.valence("fast"), accuracy: 1e-6)
        XCTAssertLessThan(fast.adjusted, 0, "negated by NOT, then down-weighted before 'but'")
        XCTAssertEqual(fast.rules.count, 2, "\(fast.rules)")
        XCTAssertEqual(helpful.base, p.valence("helpful"), accuracy: 1e-6)
        XCTAssertGreaterThan(helpful.adjusted, helpful.base, "\(helpful.rules)")
        XCTAssertEqual(rude.base, p.valence("rude"), accuracy: 1e-6)
        XCTAssertGreaterThan(rude.adjusted, rude.base, "dampened by 'kind of': \(rude.rules)")
        XCTAssertLessThan(rude.adjusted, 0)
        XCTAssertEqual(Set(r.contributions.map(\.sentence)), [0, 1])

        // explain: false scores the same and lists nothing.
        let quiet = p.scorer.score(doc, explain: false)
        XCTAssertEqual(quiet.document, r.document)
        XCTAssertEqual(quiet.sentences, r.sentences)
        XCTAssertTrue(quiet.contributions.isEmpty)
    }

    func testExplanationSpansSliceTheOriginalText() {
        let texts = ["The delivery was NOT fast, but support was sooo helpful!!",
                     "🙂🙂 Über-fast delivery, naïve me thought it would be great if it worked 😡",
                     "It would be great if it worked. I wish it was faster",
                     "Cafe\u{301} staff: the least helpful agents EVER 👎🏿 — a waste of money",
                     "<p>Not only fast but reliable</p> &amp; second to none :)",
                     "Waaaay too slow!!! Can’t complain about the price though ¯\\_(ツ)_/¯",
                     "  \t Great app.\n\nTerrible support.  ",
                     ] + Generated.documents(count: 300, seed: 99)
        var spans = 0
        for text in texts {
            let doc = p.analyze(text)
            let r = p.scorer.score(doc, explain: true)
            XCTAssertEqual(r.sentences.count, doc.sentences.count, text)
            for c in r.contributions {
                spans += 1
                XCTAssertEqual(scalarSlice(text, c.span), c.text, "span \(c.span) of \"\(text)\"")
                XCTAssertEqual(doc.originalText(c.span), c.text)
                XCTAssertFalse(c.text.isEmpty)
                XCTAssertTrue(c.sentence >= 0 && c.sentence < doc.sentences.count, "\(c)")
                if c.sentence >= 0 && c.sentence < doc.sentences.count {
                    let s = doc.sentences[c.sentence].span
                    XCTAssertTrue(c.span.start >= s.start && c.span.end <= s.end, "\(c.text) \(c.span) outside its sentence \(s)")
                }
                XCTAssertNotEqual(c.base, 0, "only spans that move the score: \(c)")
                XCTAssertTrue(c.adjusted.isFinite)
                if c.adjusted != c.base { XCTAssertFalse(c.rules.isEmpty, "a changed value names its rules: \(c)") }
                if c.rules == ["irrealis cue"] {
                    XCTAssertEqual(c.base, SentimentRules.irrealisCueValence)
                } else {
                    XCTAssertEqual(c.rules.isEmpty, c.adjusted == c.base, "rules are listed exactly when the value changed: \(c)")
                }
            }
            // Without punctuation emphasis, a sentence's valence is the sum of its contributions' adjusted values.
            for (k, s) in doc.sentences.enumerated() {
                let sentenceText = doc.originalText(s.span)
                if sentenceText.contains("!") || sentenceText.contains("??") { continue }
                let sum = r.contributions.filter { $0.sentence == k }.map(\.adjusted).reduce(0, +)
                XCTAssertEqual(SentimentProbe.rawSum(compound: r.sentences[k].compound), sum, accuracy: 1e-6, "\"\(sentenceText)\" in \"\(text)\"")
            }
        }
        XCTAssertGreaterThan(spans, 300)
    }
}
