import XCTest
import PainmapText
@testable import PainmapSentiment

/// Shared fixtures for the sentiment-stage tests.
enum SentimentFixture {
    /// Loaded once: `TextResources.load()` and `SentimentLexicon.load()` find /work/main/lexicons from the
    /// sources' #filePath. Both are read-only and Sendable; each test makes its own scorer (scorers cache).
    static let loaded: Result<(TextResources, SentimentLexicon), any Error> = Result {
        (try TextResources.load(), try SentimentLexicon.load())
    }

    static func scorer() throws -> SentimentScorer {
        let (resources, lexicon) = try loaded.get()
        var options = AnalyzerOptions()
        options.stemming = false   // as `painmap sentiment` does: scores use look-up forms, not stems
        return try SentimentScorer(lexicon: lexicon, analyzer: Analyzer(resources: resources, options: options))
    }
}

/// A scorer with the helpers the tests share: score a text, find a contribution, recover the raw sum.
final class SentimentProbe {
    let scorer: SentimentScorer
    var lexicon: SentimentLexicon { scorer.lexicon }

    init() throws { scorer = try SentimentFixture.scorer() }

    func analyze(_ text: String) -> AnalyzedDocument { scorer.analyzer.analyze(text) }

    func score(_ text: String, explain: Bool = true) -> SentimentResult {
        scorer.score(analyze(text), explain: explain)
    }

    func compound(_ text: String) -> Double { score(text, explain: false).document.compound }

    /// The summed valence behind a compound: the inverse of `s / sqrt(s^2 + alpha)`.
    func rawSum(_ text: String) -> Double { SentimentProbe.rawSum(compound: compound(text)) }

    static func rawSum(compound c: Double) -> Double {
        c * (SentimentRules.normalizationAlpha / (1 - c * c)).squareRoot()
    }

    /// The contributions of `text`, as `score(_, explain: true)` lists them.
    func contributions(_ text: String) -> [SentimentContribution] { score(text).contributions }

    /// The one contribution whose span text is `span` (compared case-insensitively), or a test failure.
    func contribution(_ text: String, _ span: String, file: StaticString = #filePath, line: UInt = #line) -> SentimentContribution? {
        let all = contributions(text)
        let hits = all.filter { $0.text.lowercased() == span.lowercased() }
        XCTAssertEqual(hits.count, 1, "expected one contribution '\(span)' in \"\(text)\", got \(describe(all))", file: file, line: line)
        return hits.first
    }

    func describe(_ cs: [SentimentContribution]) -> String {
        "[" + cs.map { "\"\($0.text)\" \($0.base) -> \($0.adjusted) \($0.rules)" }.joined(separator: ", ") + "]"
    }

    /// A single word's lexicon valence, looked up the way the scorer stores it.
    func valence(_ word: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
        guard let v = lexicon.valences[SentimentLexicon.key(word)] else {
            XCTFail("'\(word)' is not in sentiment.tsv", file: file, line: line)
            return .nan
        }
        return v
    }

    func phraseValence(_ phrase: String) -> Double? { lexicon.phrases[SentimentLexicon.words(phrase)] }

    /// The document label of `text` (positive, neutral, negative), cut where the scorer cuts.
    func label(_ text: String) -> String {
        let c = compound(text)
        return c >= SentimentRules.labelThreshold ? "positive" : c <= -SentimentRules.labelThreshold ? "negative" : "neutral"
    }

    /// Fails for each of `texts` whose label is not `expected`, with its contributions.
    func assertLabels(_ texts: [String], _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        for t in texts where label(t) != expected {
            XCTFail("\"\(t)\" reads \(label(t)), expected \(expected): \(describe(contributions(t)))", file: file, line: line)
        }
    }
}

/// `text[span.start..<span.end]` counted in Unicode scalars, computed independently of
/// `AnalyzedDocument.originalText`.
func scalarSlice(_ text: String, _ span: Span) -> String? {
    let scalars = Array(text.unicodeScalars)
    guard span.start >= 0, span.start <= span.end, span.end <= scalars.count else { return nil }
    var v = String.UnicodeScalarView()
    v.append(contentsOf: scalars[span.start..<span.end])
    return String(v)
}

/// Deterministic pseudo-random numbers (a 64-bit LCG) for generated documents: the same every run.
struct FixedRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
    mutating func pick<T>(_ xs: [T]) -> T { xs[next(xs.count)] }
}

/// Fixed vocabulary for the generated sentences: every adjective is a plain single-word entry of
/// sentiment.tsv with a clear valence (checked by `testGeneratorVocabularyIsClearlyPolar`).
enum Generated {
    static let positive = ["good", "great", "excellent", "amazing", "helpful", "fast", "reliable", "friendly",
                           "wonderful", "fantastic", "awesome", "perfect", "pleasant", "useful", "smooth", "nice",
                           "easy", "intuitive", "responsive", "professional", "happy", "impressive", "polite"]
    static let negative = ["bad", "terrible", "awful", "slow", "rude", "useless", "broken", "horrible", "buggy",
                           "unreliable", "confusing", "frustrating", "disappointing", "poor", "annoying", "dreadful",
                           "clunky", "unhelpful", "laggy", "unusable", "overpriced", "unprofessional", "angry"]
    static let nouns = ["app", "support", "delivery", "service", "update", "checkout", "staff", "website", "agent",
                        "installation", "billing page", "mobile app", "customer service team"]
    /// Templates with one noun slot {n} and one adjective slot {a}.
    static let templates = ["The {n} is {a}.", "The {n} was {a}", "I found the {n} {a}.", "Our {n} has been {a} lately.",
                            "Honestly the {n} is {a}!", "The {n} seemed {a} to me", "Overall, the {n} was {a}."]

    static func fill(_ template: String, noun: String, adjective: String) -> String {
        template.replacingOccurrences(of: "{n}", with: noun).replacingOccurrences(of: "{a}", with: adjective)
    }

    /// Every template x noun x adjective of `adjectives`.
    static func sentences(_ adjectives: [String]) -> [(template: String, noun: String, adjective: String)] {
        var out: [(String, String, String)] = []
        for t in templates { for n in nouns { for a in adjectives { out.append((t, n, a)) } } }
        return out
    }

    /// Documents of one to five sentences mixing polar, neutral, negated, boosted, contrastive, irrealis,
    /// shouted and emoji sentences, drawn with a fixed seed.
    static func documents(count: Int, seed: UInt64 = 20240611) -> [String] {
        var r = FixedRandom(seed: seed)
        let extras = ["The parcel came on Tuesday.", "I ordered it for my brother.", "It is not {a}.",
                      "It is very {a}!!", "The {n} is {a}, but the price is {b}.", "Although it is {b}, the {n} is {a}.",
                      "It would be great if the {n} was {a}.", "The {n} is SO {a}!!!", "Why is the {n} so {b}??",
                      "Loooove the {n} :)", "The {n} is {a} 👍🏽", "The {n} is {b} 😡", "I wish the {n} were {a}.",
                      "Not only {a} but also {a}.", "The least {a} {n} ever.", "At least the {n} is {a}.",
                      "It looks like a {a} {n}.", "waste of money", "Can't complain.", "Second to none!",
                      "THE {N} IS {B}!!!!!!", "{a} {a} {a} {a} {a} {a} {a} {a} {a} {a}"]
        var docs: [String] = []
        for _ in 0..<count {
            var parts: [String] = []
            for _ in 0..<(1 + r.next(5)) {
                let adjs = r.next(2) == 0 ? positive : negative
                let template = r.next(3) == 0 ? r.pick(templates) : r.pick(extras)
                let noun = r.pick(nouns), a = r.pick(adjs), b = r.pick(r.next(2) == 0 ? positive : negative)
                parts.append(fill(template, noun: noun, adjective: a)
                    .replacingOccurrences(of: "{b}", with: b)
                    .replacingOccurrences(of: "{N}", with: noun.uppercased())
                    .replacingOccurrences(of: "{B}", with: b.uppercased()))
            }
            docs.append(parts.joined(separator: " "))
        }
        return docs
    }
}
