import XCTest
@testable import PainmapText

/// n-grams over stems, with placeholders for numbers, URLs, e-mail addresses and mentions.
final class NGramTests: XCTestCase {
    private var analyzer: Analyzer!

    override func setUpWithError() throws {
        analyzer = try TextFixture.analyzer(AnalyzerOptions(language: "en"))
    }

    private func strings(_ ids: [UInt32]) -> [String] { ids.map { analyzer.vocabulary.string($0) } }

    private func ngrams(_ text: String, _ options: NGramOptions = NGramOptions()) -> [String] {
        strings(analyzer.ngrams(analyzer.analyze(text), options: options))
    }

    func testUnigramsAndBigramsOfStems() {
        XCTAssertEqual(ngrams("Running shoes hurt my feet"),
                       ["run", "shoe", "hurt", "my", "feet", "run shoe", "shoe hurt", "hurt my", "my feet"])
    }

    func testDefaultOptions() {
        let o = NGramOptions()
        XCTAssertEqual(o.range, 1...2)
        XCTAssertFalse(o.removeStopwords)
    }

    func testStopwordsCanBeRemovedBeforeJoining() {
        XCTAssertEqual(ngrams("The shoes are great", NGramOptions(removeStopwords: true)),
                       ["shoe", "great", "shoe great"])
    }

    func testPunctuationIsSkippedAndOtherKindsBecomePlaceholders() {
        let doc = analyzer.analyze("Paid $49.99 to @acme, see https://x.com or mail a@b.com 😡 :( #refunds!!!")
        XCTAssertEqual(strings(analyzer.featureStems(doc, removeStopwords: false)),
                       ["paid", "<num>", "to", "<mention>", "see", "<url>", "or", "mail", "<email>", "😡", ":(", "refund"])
    }

    func testTrigramsOnly() {
        XCTAssertEqual(ngrams("delivery was very late", NGramOptions(range: 3...3)),
                       ["deliveri was veri", "was veri late"])
    }

    func testTooFewStemsForTheOrderGiveNothing() {
        XCTAssertEqual(ngrams("late", NGramOptions(range: 2...3)), [])
        XCTAssertEqual(ngrams("", NGramOptions(range: 1...3)), [])
        XCTAssertEqual(ngrams("!!! ...", NGramOptions(range: 1...2)), [])
    }

    func testRawStemSequences() {
        let stems = ["a", "b", "c"].map { analyzer.vocabulary.intern($0) }
        var out: [UInt32] = []
        analyzer.ngrams(stems, range: 1...3, into: &out)
        XCTAssertEqual(strings(out), ["a", "b", "c", "a b", "b c", "a b c"])
        out.removeAll()
        analyzer.ngrams(stems, range: 0...1, into: &out)
        XCTAssertEqual(strings(out), ["a", "b", "c"], "order 0 is ignored")
    }

    func testSpellingVariantsShareTheirFeatures() {
        XCTAssertEqual(ngrams("soooo slow"), ngrams("sooo slow"))
        XCTAssertEqual(ngrams("I don\u{2019}t like it"), ngrams("I don't like it"))
        XCTAssertEqual(ngrams("CRASHES again"), ngrams("crashing again"))
        XCTAssertEqual(ngrams("👍🏽 works"), ngrams("👍 works"))
    }

    func testTheSameNGramHasTheSameIdAcrossDocuments() {
        let a = analyzer.ngrams(analyzer.analyze("late delivery"))
        let b = analyzer.ngrams(analyzer.analyze("Late deliveries again"))
        XCTAssertEqual(a[2], b[3], "'late deliveri'")
        XCTAssertEqual(strings([a[2]]), ["late deliveri"])
    }

    func testGermanNGramsUseGermanStemsAndStopwords() throws {
        let de = try TextFixture.analyzer(AnalyzerOptions(language: "de"))
        let doc = de.analyze("Die Lieferungen sind zu spät")
        let ids = de.ngrams(doc, options: NGramOptions(range: 1...2, removeStopwords: true))
        let spaet = try SnowballStemmer(language: "german").stem("spät")
        XCTAssertEqual(ids.map { de.vocabulary.string($0) }, ["liefer", spaet, "liefer \(spaet)"])
    }
}
