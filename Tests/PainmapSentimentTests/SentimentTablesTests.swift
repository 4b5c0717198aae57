import XCTest
import PainmapText
@testable import PainmapSentiment

/// Scorers made from shared `SentimentTables` score like a scorer that built its own tables, whichever
/// worker built them and whatever the other workers' vocabularies already held.
final class SentimentTablesTests: XCTestCase {
    /// Texts that reach the multiword tables (phrases, multiword modifiers, connectives, irrealis cues),
    /// the mild and stake words, the banter words and the rules' cue words.
    private let texts = [
        "The delivery was NOT fast, but support was sooo helpful!!",
        "It would be great if it actually worked",
        "kind of meh, not bad at all",
        "I wish the app was not so slow, but honestly the team is great",
        "Total waste of money, the screen stopped working after a week",
        "Not only is it cheap but it also works really well",
        "never that good, can't stop crashing",
        "I would like a refund. Customer care never answered.",
        "this beat is sick lol, we destroyed them 5-0",
        "haven't laughed this hard in ages",
        "Had pizza at the beach, then the train was cancelled and I missed the concert",
        "Is it worth it? What a great idea, said nobody ever",
        "",
    ]

    private func analyzer() throws -> Analyzer {
        let (resources, _) = try SentimentFixture.loaded.get()
        var options = AnalyzerOptions()
        options.stemming = false   // as `painmap sentiment` does
        return try Analyzer(resources: resources, options: options)
    }

    /// (compound, label, contributions as text) of each text, with explanations.
    private func readings(_ s: SentimentScorer) -> [String] {
        texts.map { t in
            let r = s.score(s.analyzer.analyze(t), explain: true)
            let parts = r.contributions.map { "\($0.text) \($0.base) \($0.adjusted) \($0.rules)" }
            return "\(r.document.compound) \(r.document.label) \(r.sentences.map(\.compound)) \(parts)"
        }
    }

    func testScorersOnSharedTablesScoreLikeOneMadeAlone() throws {
        let (_, lexicon) = try SentimentFixture.loaded.get()
        let alone = try SentimentScorer(lexicon: lexicon, analyzer: analyzer())
        let expected = readings(alone)
        let shared = SentimentTables.Shared()
        let first = try analyzer(), second = try analyzer()
        let a = try SentimentScorer(tables: shared.tables(lexicon: lexicon, for: first.vocabulary), analyzer: first)
        let b = try SentimentScorer(tables: shared.tables(lexicon: lexicon, for: second.vocabulary), analyzer: second)
        XCTAssertEqual(readings(a), expected)
        XCTAssertEqual(readings(b), expected)
        // Again, after both vocabularies grew differently (each scorer read the texts in another order).
        XCTAssertEqual(readings(b), expected)
        XCTAssertEqual(readings(a), expected)
    }

    func testAFreshVocabularyFitsTheTablesAndGetsTheSameTables() throws {
        let (_, lexicon) = try SentimentFixture.loaded.get()
        let tables = try SentimentTables(lexicon: lexicon, vocabulary: analyzer().vocabulary)
        let fresh = try analyzer()
        XCTAssertTrue(tables.fits(fresh.vocabulary))
        XCTAssertTrue(try tables.fitting(fresh.vocabulary) === tables)
    }

    /// A vocabulary whose ids differ (words met in another order before the tables) does not fit: the
    /// scorer gets tables built for it, and still scores like one made alone.
    func testAVocabularyWithOtherIdsGetsItsOwnTables() throws {
        let (_, lexicon) = try SentimentFixture.loaded.get()
        let expected = readings(try SentimentScorer(lexicon: lexicon, analyzer: analyzer()))
        let tables = try SentimentTables(lexicon: lexicon, vocabulary: analyzer().vocabulary)
        let other = try analyzer()
        for w in ["zebra", "quokka", "but", "not", "waste"] { _ = other.vocabulary.intern(w) }
        XCTAssertFalse(tables.fits(other.vocabulary))
        let own = try tables.fitting(other.vocabulary)
        XCTAssertFalse(own === tables)
        XCTAssertEqual(readings(try SentimentScorer(tables: tables, analyzer: other)), expected)
    }

    /// Workers made on several threads at once (as `painmap sentiment` makes them) share one set of tables.
    func testConcurrentWorkersShareOneSetOfTables() throws {
        let (resources, lexicon) = try SentimentFixture.loaded.get()
        let expected = readings(try SentimentScorer(lexicon: lexicon, analyzer: analyzer()))
        let shared = SentimentTables.Shared()
        var options = AnalyzerOptions()
        options.stemming = false
        let workers = try PerWorker(workers: 4, concurrently: true) { () -> SentimentScorer in
            let a = try Analyzer(resources: resources, options: options)
            return try SentimentScorer(tables: shared.tables(lexicon: lexicon, for: a.vocabulary), analyzer: a)
        }
        for w in 0..<4 { XCTAssertEqual(readings(workers[w]), expected, "worker \(w)") }
    }
    /// As `painmap sentiment` builds them: the multiword layout made from the lists `load` hands out while it
    /// still reads sentiment.tsv, the rest once the lexicon is loaded.
    func testTablesFromALayoutBuiltWhileTheLexiconLoadsScoreLikeOnesBuiltAfter() throws {
        let (_, lexicon) = try SentimentFixture.loaded.get()
        let expected = readings(try SentimentScorer(lexicon: lexicon, analyzer: analyzer()))
        let a = try analyzer()
        var layout: MultiwordLayout?
        var handed: SentimentLexicon.MultiwordLists?
        let loaded = try SentimentLexicon.load(directory: lexicon.directory) { lists in
            handed = lists
            layout = MultiwordLayout(phrases: lists.phrases, modifiers: lists.modifiers, contrastives: lists.contrastives,
                                     cues: try MultiwordLayout.irrealisCues(directory: lists.directory), vocabulary: a.vocabulary)
        }
        let lists = try XCTUnwrap(handed)
        XCTAssertEqual(lists.phrases, loaded.phrases)
        XCTAssertEqual(lists.modifiers, loaded.modifiers)
        XCTAssertEqual(Set(lists.contrastives.keys), Set(loaded.contrastives.keys))
        let tables = try SentimentTables(lexicon: loaded, vocabulary: a.vocabulary, layout: XCTUnwrap(layout))
        XCTAssertEqual(readings(try SentimentScorer(tables: tables, analyzer: a)), expected)
        let other = try analyzer()
        XCTAssertEqual(readings(try SentimentScorer(tables: tables, analyzer: other)), expected)
    }

    func testAnErrorOfTheWorkDoneAlongsideTheLoadIsThrown() throws {
        struct Failed: Error {}
        let (_, lexicon) = try SentimentFixture.loaded.get()
        XCTAssertThrowsError(try SentimentLexicon.load(directory: lexicon.directory) { _ in throw Failed() }) { XCTAssertTrue($0 is Failed) }
    }
}
