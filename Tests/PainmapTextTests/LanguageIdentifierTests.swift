import XCTest
@testable import PainmapText

/// Language identification from function words and letters, on short and long texts, and the
/// `--language` override (`AnalyzerOptions.language`).
final class LanguageIdentifierTests: XCTestCase {
    private var analyzer: Analyzer!

    override func setUpWithError() throws {
        analyzer = try TextFixture.analyzer()
    }

    private func language(_ text: String) -> LanguageGuess { analyzer.analyze(text).language }

    static let long: [String: String] = [
        "en": "I ordered a pair of shoes three weeks ago and they still have not arrived. The tracking page says the parcel is in transit, but nobody at your support answers my emails. I want my money back.",
        "de": "Ich habe vor drei Wochen ein Paar Schuhe bestellt und sie sind immer noch nicht angekommen. Der Kundenservice antwortet nicht auf meine E-Mails. Ich will mein Geld zurück.",
        "fr": "J'ai commandé des chaussures il y a trois semaines et elles ne sont toujours pas arrivées. Le service client ne répond pas à mes messages. Je veux être remboursé.",
        "es": "Pedí unos zapatos hace tres semanas y todavía no han llegado. El servicio de atención al cliente no responde a mis correos. Quiero que me devuelvan el dinero.",
        "nl": "Ik heb drie weken geleden schoenen besteld en ze zijn nog steeds niet aangekomen. De klantenservice reageert niet op mijn e-mails. Ik wil mijn geld terug.",
    ]

    func testTheLanguagesWithStopwordListsAreKnown() throws {
        XCTAssertEqual(try TextFixture.resources().languages, ["de", "en", "es", "fr", "nl"])
    }

    func testLongTexts() {
        for (code, text) in Self.long {
            let guess = language(text)
            XCTAssertEqual(guess.code, code, text)
            XCTAssertGreaterThanOrEqual(guess.confidence, 0.5, "\(code): \(guess)")
            XCTAssertLessThanOrEqual(guess.confidence, 1)
        }
    }

    func testShortTexts() {
        XCTAssertEqual(language("The app is slow").code, "en")
        XCTAssertEqual(language("Die App ist langsam").code, "de")
        XCTAssertEqual(language("Très lent").code, "fr")
        XCTAssertEqual(language("Muy lento").code, "es")
        XCTAssertEqual(language("Heel traag").code, "nl")
        XCTAssertEqual(language("Why is it so slow?").code, "en")
        XCTAssertEqual(language("Warum ist das so langsam?").code, "de")
    }

    func testShortTextsAreLessCertainThanLongOnes() {
        let short = language("The app is slow")
        let long = language(Self.long["en"]!)
        XCTAssertGreaterThan(short.confidence, 0)
        XCTAssertLessThan(short.confidence, long.confidence)
    }

    func testLettersAloneCanPointToALanguage() {
        let guess = language("Größe falsch")
        XCTAssertEqual(guess.code, "de")
        XCTAssertGreaterThan(guess.confidence, 0)
        XCTAssertEqual(language("Señal débil").code, "es")
    }

    func testTextWithoutEvidenceFallsBackToTheDefault() throws {
        for text in ["", "   ", "crash crash crash", "😡😡😡", "https://example.com", "$49.99"] {
            let guess = language(text)
            XCTAssertEqual(guess.code, "en", text)
            XCTAssertEqual(guess.confidence, 0, text)
        }
        let german = try TextFixture.analyzer(AnalyzerOptions(defaultLanguage: "de"))
        XCTAssertEqual(german.analyze("crash crash crash").language, LanguageGuess(code: "de", confidence: 0))
        XCTAssertEqual(german.analyze("The app is slow").language.code, "en")
    }

    func testStopwordsAreMatchedWhateverTheirCase() {
        XCTAssertEqual(language("THE APP IS SLOW").code, "en")
        XCTAssertEqual(language("DIE APP IST LANGSAM").code, "de")
    }

    func testLanguageOverride() throws {
        let forced = try TextFixture.analyzer(AnalyzerOptions(language: "de"))
        let doc = forced.analyze(Self.long["en"]!)
        XCTAssertEqual(doc.language, LanguageGuess(code: "de", confidence: 1))
        // The override decides the stemmer too.
        let t = forced.views("connections")
        XCTAssertEqual(t.first?.stem, try SnowballStemmer(language: "german").stem("connections"))
        XCTAssertNotEqual(t.first?.stem, "connect")
    }

    func testOverrideToALanguageWithoutStopwords() throws {
        let forced = try TextFixture.analyzer(AnalyzerOptions(language: "it"))
        let doc = forced.analyze("Le consegne arrivano sempre in ritardo")
        XCTAssertEqual(doc.language.code, "it")
        XCTAssertEqual(forced.views(doc).first { $0.text == "consegne" }?.stem,
                       try SnowballStemmer(language: "italian").stem("consegne"))
        XCTAssertFalse(forced.isStopword(doc.tokens[0].form, language: "it"), "no Italian list, so nothing is a stopword")
    }

    func testIsStopwordPerLanguage() throws {
        let doc = analyzer.analyze("the die")
        XCTAssertTrue(analyzer.isStopword(doc.tokens[0].form, language: "en"))
        XCTAssertFalse(analyzer.isStopword(doc.tokens[0].form, language: "de"))
        XCTAssertTrue(analyzer.isStopword(doc.tokens[1].form, language: "de"))
        XCTAssertFalse(analyzer.isStopword(doc.tokens[1].form, language: "en"))
        XCTAssertFalse(analyzer.isStopword(doc.tokens[0].form, language: "xx"))
    }

    func testEachDocumentIsIdentifiedOnItsOwn() {
        // One analyzer, documents in turn: caches must not carry one document's language to the next.
        let codes = ["en", "de", "fr", "es", "nl", "en", "de"].map { language(Self.long[$0]!).code }
        XCTAssertEqual(codes, ["en", "de", "fr", "es", "nl", "en", "de"])
    }
}
