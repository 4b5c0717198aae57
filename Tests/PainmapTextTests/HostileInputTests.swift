import XCTest
@testable import PainmapText

/// Input that arrives broken or built to hurt: invalid UTF-8, NUL bytes, a 10 MB document, empty input,
/// huge words, broken HTML, 100,000 emoji, and long runs without spaces. Everything must finish and
/// keep the pipeline's invariants; nothing here asserts on time.
final class HostileInputTests: XCTestCase {
    private var analyzer: Analyzer!

    override func setUpWithError() throws {
        analyzer = try TextFixture.analyzer()
    }

    private func decode(_ bytes: [UInt8], line: Int = 7) -> (String, [InputWarning]) {
        var warnings: [InputWarning] = []
        let s = TextDecoding.decode(bytes, file: "feedback.txt", line: line, warnings: &warnings)
        return (s, warnings)
    }

    // MARK: decoding

    func testInvalidUTF8IsRepairedAndReportedWithLineAndColumn() {
        let (s, w) = decode(Array("ok ".utf8) + [0xFF, 0xFE] + Array(" bad".utf8))
        XCTAssertEqual(scalars(s), scalars("ok \u{FFFD}\u{FFFD} bad"))
        XCTAssertEqual(w.count, 1)
        XCTAssertEqual(w.first?.file, "feedback.txt")
        XCTAssertEqual(w.first?.line, 7)
        XCTAssertEqual(w.first?.column, 4, "1-based byte column of the first bad byte")
        XCTAssertEqual(w.first?.description, "feedback.txt:7:4: invalid UTF-8 replaced with U+FFFD")

        let doc = analyzer.analyze(s)
        XCTAssertEqual(doc.tokens.map { doc.text(of: $0) }, ["ok", "\u{FFFD}", "\u{FFFD}", "bad"])
        assertSpansRoundTrip(doc)
    }

    func testKindsOfInvalidUTF8() {
        let cases: [([UInt8], Int)] = [
            (Array("abc".utf8) + [0xE2, 0x82], 4),        // truncated at the end
            ([0xC0, 0xAF, 0x61], 1),                       // overlong encoding of '/'
            ([0x61, 0xED, 0xA0, 0x80], 2),                 // UTF-16 surrogate
            ([0x61, 0x62, 0x80, 0x63], 3),                 // stray continuation byte
            ([0x61, 0xF8, 0x88, 0x80, 0x80, 0x80], 2),     // five-byte form
            ([0x61, 0xF4, 0x90, 0x80, 0x80], 2),           // above U+10FFFF
            (Array("é".utf8) + [0xC3], 3),                 // truncated after a valid scalar
        ]
        for (bytes, column) in cases {
            let (s, w) = decode(bytes)
            XCTAssertEqual(w.map(\.column), [column], "\(bytes)")
            XCTAssertTrue(s.unicodeScalars.contains("\u{FFFD}"), "\(bytes)")
            XCTAssertFalse(analyzer.analyze(s).tokens.isEmpty)
        }
    }

    func testNULBytesAreRemovedAndReported() {
        let (s, w) = decode(Array("a\u{0}b\u{0}\u{0}c".utf8), line: 3)
        XCTAssertEqual(s, "abc")
        XCTAssertEqual(w.map(\.line), [3])
        XCTAssertEqual(w.map(\.column), [2], "the first NUL")
        XCTAssertEqual(w.first?.message, "NUL byte(s) removed")
    }

    func testNULsAndInvalidUTF8InOneLineReportColumnsOfTheInput() {
        let (s, w) = decode([0x61, 0x00, 0x62, 0xFF, 0x63])
        XCTAssertEqual(scalars(s), scalars("ab\u{FFFD}c"))
        XCTAssertEqual(w.map(\.column), [2, 4], "the bad byte is the 4th byte of the line as read")
    }

    func testValidInputGivesNoWarnings() {
        let text = "Grüße 😀 \u{1F469}\u{200D}\u{1F4BB} \t ok"
        let (s, w) = decode(Array(text.utf8))
        XCTAssertEqual(s, text)
        XCTAssertTrue(w.isEmpty)
        let (empty, none) = decode([])
        XCTAssertEqual(empty, "")
        XCTAssertTrue(none.isEmpty)
    }

    func testDecodingASliceCountsColumnsFromItsStart() {
        let line: ArraySlice<UInt8> = ([0x78, 0x78, 0x0A] + Array("ab".utf8) + [0xFF])[3...]
        var warnings: [InputWarning] = []
        let s = TextDecoding.decode(line, file: "f", line: 2, warnings: &warnings)
        XCTAssertEqual(scalars(s), scalars("ab\u{FFFD}"))
        XCTAssertEqual(warnings.map(\.column), [3])
    }

    func testNULsInTextPassedDirectlyAreDropped() {
        let doc = analyzer.analyze("a\u{0}b c")
        XCTAssertEqual(doc.tokens.map { doc.text(of: $0) }, ["ab", "c"])
        assertSpansWellFormed(doc)
    }

    // MARK: size

    func testATenMegabyteDocumentIsAnalyzed() {
        let paragraph = "Order #4711 arrived 3 weeks late 😡 and the box was DAMAGED!!! Support (support@example.com) never answered, see https://example.com/t/4711. Mr. Smith said e.g. \"soooo sorry\" :( — Grüße, café, naïve… 👍🏽 "
        var text = ""
        text.reserveCapacity(10_500_000)
        while text.utf8.count < 10_000_000 { text += paragraph }
        let repeats = text.utf8.count / paragraph.utf8.count
        let doc = analyzer.analyze(text)
        let perParagraph = analyzer.analyze(paragraph).tokens.count
        XCTAssertEqual(doc.tokens.count, perParagraph * repeats)
        XCTAssertEqual(doc.normalized.originalScalarCount, text.unicodeScalars.count)
        XCTAssertEqual(doc.tokens.last?.span.end, text.unicodeScalars.count - 1, "the last token ends before the final space")
        XCTAssertEqual(doc.tokens.first.map { doc.text(of: $0) }, "Order")
        XCTAssertGreaterThan(doc.sentences.count, repeats)
        XCTAssertEqual(doc.language.code, "en")
        XCTAssertFalse(analyzer.ngrams(doc).isEmpty)
    }

    func testAManyLineDocumentOfSignOffsIsNormalized() {
        // Every line looks like the start of a signature block: the check must not rescan the rest each time.
        let text = String(repeating: "Thanks!\n", count: 200_000) + "The end is not a signature because it is long enough to stay."
        let doc = analyzer.analyze(text)
        XCTAssertEqual(doc.tokens.count, 200_000 * 2 + 14)
    }

    func testRunsWithoutSpacesAreLinear() {
        // Each is one long "word" of many small tokens; a scanner that looks to the end of the run at every
        // token start would take hours here.
        for unit in ["ab_", "ab.", "1-2-", "x+y.", "a.b-c_d", "@a", "#a", "<a", "&amp", ":)", "e.g.", "..!", "(a)", "ab'"] {
            // An address anywhere in the document, so the e-mail scanner is not skipped for lack of an "@".
            let text = String(repeating: unit, count: 300_000 / unit.count) + " write to help@example.com"
            let doc = analyzer.analyze(text)
            XCTAssertEqual(doc.tokens.last?.kind, .email, unit)
            XCTAssertFalse(doc.tokens.isEmpty, unit)
            assertSpansWellFormed(doc)
        }
    }

    // MARK: empty

    func testEmptyAndWhitespaceOnlyInput() {
        for text in ["", " ", "\n", "\r\n\r\n", " \t \n \u{00A0}\u{2003} \u{2028} "] {
            let doc = analyzer.analyze(text)
            XCTAssertEqual(doc.tokens.count, 0, text.debugDescription)
            XCTAssertEqual(doc.sentences.count, 0)
            XCTAssertEqual(doc.normalized.bytes, [])
            XCTAssertEqual(doc.language, LanguageGuess(code: "en", confidence: 0))
            XCTAssertEqual(analyzer.ngrams(doc), [])
            XCTAssertEqual(doc.original, text)
        }
    }

    func testMarkupOnlyInput() {
        for text in ["<p></p>", "<br/><br/>", "&nbsp;&nbsp;", "<script>x()</script>", "> quoted only"] {
            let doc = analyzer.analyze(text)
            XCTAssertTrue(doc.tokens.isEmpty, "\(text) -> \(analyzer.views(doc))")
            XCTAssertTrue(doc.sentences.isEmpty)
        }
    }

    // MARK: huge tokens

    func testAFiveThousandCharacterWord() {
        let word = String(repeating: "abcdefghij", count: 500)
        let doc = analyzer.analyze("x \(word) y")
        let t = analyzer.views(doc)
        XCTAssertEqual(t.map(\.text), ["x", word, "y"])
        XCTAssertEqual(t[1].span, Span(2, 5002))
        XCTAssertEqual(t[1].form, word)
        XCTAssertFalse(t[1].stem.isEmpty)
    }

    func testFiveThousandRepeatedLetters() {
        for letter in ["x", "Ä", "ß"] {
            let t = analyzer.views(String(repeating: letter, count: 5000))
            XCTAssertEqual(t.count, 1, letter)
            XCTAssertTrue(t.first?.flags.contains(.elongated) ?? false, letter)
            XCTAssertEqual(t.first?.span, Span(0, 5000))
        }
    }

    func testHugeURLsNumbersAndHashtags() {
        let url = "https://example.com/" + String(repeating: "a/", count: 2500)
        let number = String(repeating: "9", count: 5000)
        let tag = "#" + String(repeating: "tag", count: 2000)
        let t = analyzer.views("\(url) \(number) \(tag)")
        XCTAssertEqual(t.map(\.kind), [.url, .number, .hashtag])
        XCTAssertEqual(t.map(\.text), [url, number, tag])
    }

    func testAVeryLongEmailLikeRunIsNotAnAddress() {
        // RFC 5321: a local part has at most 64 octets.
        let local = String(repeating: "a", count: 5000)
        XCTAssertFalse(analyzer.views("\(local)@example.com").contains { $0.kind == .email })
        XCTAssertEqual(analyzer.views(String(repeating: "b", count: 64) + "@example.com").map(\.kind), [.email])
    }

    func testAWordWithThousandsOfCombiningMarks() {
        let zalgo = "e" + String(repeating: "\u{301}\u{316}", count: 5000) + " ok"
        let doc = analyzer.analyze(zalgo)
        XCTAssertEqual(doc.tokens.count, 2)
        XCTAssertEqual(doc.tokens.last.map { doc.text(of: $0) }, "ok")
        XCTAssertEqual(doc.tokens.map(\.span), [Span(0, 10001), Span(10002, 10004)], "the word's span covers all its marks")
        // Compared without printing: a failure message of 10,000 marks helps nobody.
        let word = doc.tokens.first.map { doc.text(of: $0) } ?? ""
        XCTAssertTrue(word == scalarSlice(zalgo, Span(0, 10001)), "the NFC word is canonically equivalent to the original")
        XCTAssertEqual(word.unicodeScalars.first, "\u{E9}", "e + U+0301 composed")
    }

    // MARK: HTML

    func testDeeplyNestedHTML() {
        let depth = 20_000
        let text = String(repeating: "<div><span>", count: depth) + "deep text" + String(repeating: "</span></div>", count: depth)
        let doc = analyzer.analyze(text)
        XCTAssertEqual(doc.tokens.map { doc.text(of: $0) }, ["deep", "text"])
        XCTAssertEqual(doc.normalized.text, "deep text")
        assertSpansRoundTrip(doc)
    }

    func testUnclosedAndBrokenHTML() {
        XCTAssertEqual(analyzer.analyze("<b>bold <i>italic <u").normalized.text, "bold italic <u")
        XCTAssertEqual(analyzer.analyze("before <script>alert(1) and the rest").normalized.text, "before")
        XCTAssertEqual(analyzer.analyze("a <!-- never closed b").normalized.text, "a <!-- never closed b")
        XCTAssertEqual(analyzer.analyze("x &amp y &#12345678901; z").normalized.text, "x &amp y &#12345678901; z")
        for text in [String(repeating: "<", count: 100_000), String(repeating: "<a", count: 100_000),
                     String(repeating: "<div ", count: 50_000) + "x", "<" + String(repeating: "a", count: 100_000),
                     String(repeating: "<b>", count: 50_000) + String(repeating: "</i>", count: 50_000),
                     String(repeating: "&", count: 100_000), String(repeating: "&#", count: 100_000),
                     String(repeating: "<script>", count: 10_000), String(repeating: "</script>", count: 10_000)] {
            let doc = analyzer.analyze(text)
            assertSpansWellFormed(doc)
        }
    }

    // MARK: emoji

    func testOneHundredThousandEmoji() {
        let text = String(repeating: "😀", count: 100_000)
        let doc = analyzer.analyze(text)
        XCTAssertEqual(doc.tokens.count, 100_000)
        XCTAssertTrue(doc.tokens.allSatisfy { $0.kind == .emoji })
        XCTAssertEqual(doc.tokens[99_999].span, Span(99_999, 100_000))
        XCTAssertEqual(doc.sentences.count, 1)
        XCTAssertEqual(Set(doc.tokens.map(\.form)).count, 1)
    }

    func testOneHundredThousandEmojiWithSkinTonesAndJoiners() {
        let unit = "👍🏽👩‍💻🇩🇪"
        let text = String(repeating: unit, count: 100_000 / 3 + 1)
        let doc = analyzer.analyze(text)
        XCTAssertEqual(doc.tokens.count, (100_000 / 3 + 1) * 3)
        XCTAssertEqual(doc.tokens.last?.span.end, text.unicodeScalars.count)
        XCTAssertEqual(Set(doc.tokens.map(\.form)).count, 3)
    }

    func testJoinersAndModifiersWithoutABase() {
        for text in [String(repeating: "\u{200D}", count: 10_000), String(repeating: "\u{FE0F}", count: 10_000),
                     String(repeating: "\u{1F3FD}", count: 10_000), String(repeating: "😀\u{200D}", count: 10_000),
                     String(repeating: "\u{20E3}", count: 10_000), String(repeating: "\u{1F1E9}", count: 10_001)] {
            let doc = analyzer.analyze(text)
            assertSpansWellFormed(doc)
            XCTAssertEqual(doc.tokens.last?.span.end ?? text.unicodeScalars.count, text.unicodeScalars.count)
        }
    }
}
