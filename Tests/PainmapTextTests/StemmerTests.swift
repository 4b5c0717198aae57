import XCTest
@testable import PainmapText

/// Snowball stems from libstemmer, checked against the published outputs of the English (Porter2) and
/// German algorithms; every libstemmer language selectable; unknown languages rejected clearly.
final class StemmerTests: XCTestCase {
    // Pairs from the Snowball project's published vocabularies and algorithm descriptions.
    static let english: [(String, String)] = [
        ("running", "run"), ("generously", "generous"), ("connection", "connect"), ("connections", "connect"),
        ("connected", "connect"), ("connecting", "connect"), ("happiness", "happi"), ("relational", "relat"),
        ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("agreed", "agre"), ("hopping", "hop"),
        ("conditional", "condit"), ("generalization", "general"), ("skies", "sky"), ("dying", "die"),
        ("news", "news"), ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"),
        ("consignment", "consign"), ("knightly", "knight"), ("delivery", "deliveri"), ("refunds", "refund"),
    ]

    static let german: [(String, String)] = [
        ("lieferung", "liefer"), ("häuser", "haus"), ("aufeinanderfolgenden", "aufeinanderfolg"),
        ("aufeinander", "aufeinand"), ("kategorischen", "kategor"), ("käufe", "kauf"), ("kaufen", "kauf"),
        ("ablehnung", "ablehn"),
    ]

    func testEnglishStemsMatchTheSnowballAlgorithm() throws {
        let s = try SnowballStemmer(language: "english")
        for (word, stem) in Self.english { XCTAssertEqual(s.stem(word), stem, word) }
    }

    func testGermanStemsMatchTheSnowballAlgorithm() throws {
        let s = try SnowballStemmer(language: "german")
        for (word, stem) in Self.german { XCTAssertEqual(s.stem(word), stem, word) }
    }

    func testStemmingWorksOnUTF8Bytes() throws {
        let s = try SnowballStemmer(language: "german")
        let bytes = Array("häuser".utf8)
        let out = bytes.withUnsafeBufferPointer { String(decoding: s.stem($0), as: UTF8.self) }
        XCTAssertEqual(out, "haus")
        XCTAssertEqual(s.stem(""), "", "an empty word stems to nothing")
    }

    func testOtherLanguagesWithStopwordLists() throws {
        XCTAssertEqual(try SnowballStemmer(language: "french").stem("continuation"), "continu")
        XCTAssertEqual(try SnowballStemmer(language: "spanish").stem("canciones"), "cancion")
        XCTAssertEqual(try SnowballStemmer(language: "dutch").stem("bestellingen"), "bestell")
    }

    func testEveryLibstemmerLanguageIsSelectable() throws {
        let names = SnowballStemmer.languages
        XCTAssertTrue(names.contains("english"))
        XCTAssertTrue(names.contains("german"))
        XCTAssertGreaterThanOrEqual(names.count, 15, "\(names)")
        for name in names {
            let s = try SnowballStemmer(language: name)
            XCTAssertEqual(s.language, name)
            XCTAssertFalse(s.stem("test").isEmpty, name)
            // And through the analyzer, which stems a document with the forced language.
            let a = try TextFixture.analyzer(AnalyzerOptions(language: name))
            XCTAssertEqual(a.analyze("connections").language.code, name)
        }
    }

    func testEveryKnownLanguageCodeHasAStemmer() throws {
        for (code, name) in LanguageCode.known {
            XCTAssertEqual(LanguageCode.stemmerName(code), name)
            XCTAssertNoThrow(try SnowballStemmer(language: LanguageCode.stemmerName(code)), code)
            XCTAssertNoThrow(try TextFixture.analyzer(AnalyzerOptions(language: code)), code)
        }
        XCTAssertEqual(LanguageCode.stemmerName("DE"), "german")
        XCTAssertEqual(LanguageCode.stemmerName("german"), "german")
    }

    func testUnknownLanguageGivesAClearError() {
        XCTAssertThrowsError(try SnowballStemmer(language: "klingon")) { error in
            guard case let StemmerError.unknownLanguage(name, available) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(name, "klingon")
            XCTAssertEqual(available, SnowballStemmer.languages)
            let message = "\(error)"
            XCTAssertTrue(message.contains("'klingon'"), message)
            XCTAssertTrue(message.contains("english"), "the message lists what is available: \(message)")
        }
        XCTAssertThrowsError(try TextFixture.analyzer(AnalyzerOptions(language: "xx")))
        XCTAssertThrowsError(try TextFixture.analyzer(AnalyzerOptions(defaultLanguage: "xx")))
        XCTAssertThrowsError(try TextFixture.analyzer().stemmer(for: "zz"))
    }

    func testTheAnalyzerStemsWordsAndHashtagsButNotOtherKinds() throws {
        let a = try TextFixture.analyzer(AnalyzerOptions(language: "en"))
        let t = a.views("Running shoes #delays 3 weeks https://x.com/running :)")
        XCTAssertEqual(t.map(\.stem), ["run", "shoe", "delay", "3 weeks", "https://x.com/running", ":)"])
    }

    func testStemsAreOfTheLowerCasedForm() throws {
        let a = try TextFixture.analyzer(AnalyzerOptions(language: "en"))
        XCTAssertEqual(a.views("CONNECTIONS Connections connections").map(\.stem), ["connect", "connect", "connect"])
        let elongated = a.views("sooooo loooove")
        let english = try SnowballStemmer(language: "english")
        XCTAssertEqual(elongated.map(\.form), ["soo", "loove"])
        XCTAssertEqual(elongated.map(\.stem), [english.stem("soo"), english.stem("loove")])
    }

    func testGermanDocumentsAreStemmedInGerman() throws {
        let a = try TextFixture.analyzer()
        let doc = a.analyze("Die Lieferung kam nicht an und die Häuser waren zu")
        XCTAssertEqual(doc.language.code, "de")
        let stems = a.views(doc).map(\.stem)
        XCTAssertEqual(stems[1], "liefer")
        XCTAssertEqual(stems[7], "haus")
    }

    func testStemIDMatchesTheStemsOfTokens() throws {
        let a = try TextFixture.analyzer()
        let doc = a.analyze("The refunds were delayed")
        XCTAssertEqual(try a.stemID(of: "Refund"), doc.tokens[1].stem)
        XCTAssertEqual(try a.stemID(of: "delaying"), doc.tokens[3].stem)
        XCTAssertEqual(a.vocabulary.string(try a.stemID(of: "Lieferungen", language: "de")), "liefer")
        XCTAssertThrowsError(try a.stemID(of: "x", language: "klingon"))
    }

    func testTheSameWordStemsDifferentlyPerLanguage() throws {
        let en = try TextFixture.analyzer(AnalyzerOptions(language: "en"))
        let de = try TextFixture.analyzer(AnalyzerOptions(language: "de"))
        XCTAssertEqual(en.views("Lieferungen").first?.stem, try SnowballStemmer(language: "english").stem("lieferungen"))
        XCTAssertEqual(de.views("Lieferungen").first?.stem, "liefer")
    }
}
