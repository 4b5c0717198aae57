import XCTest
@testable import PainmapText

/// Every tokenizer case the text stage promises: words, contractions, URLs, e-mail, mentions, hashtags,
/// numbers with currency and units, emoticons, emoji, punctuation runs, elongation, and spans.
final class TokenizerTests: XCTestCase {
    private var analyzer: Analyzer!

    override func setUpWithError() throws {
        analyzer = try TextFixture.analyzer()
    }

    private func tokens(_ text: String) -> [TokenView] { analyzer.views(text) }

    /// The single token `text` becomes, failing when it is not exactly one.
    private func single(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TokenView? {
        let t = tokens(text)
        XCTAssertEqual(t.count, 1, "\(text.debugDescription) -> \(t)", file: file, line: line)
        return t.count == 1 ? t[0] : nil
    }

    // MARK: words

    func testWordsKeepTheirCaseAndFlagAllCaps() {
        let t = tokens("NEVER again Ok I said OK")
        XCTAssertEqual(t.map(\.text), ["NEVER", "again", "Ok", "I", "said", "OK"])
        XCTAssertTrue(t.allSatisfy { $0.kind == .word })
        XCTAssertEqual(t[0].form, "never", "the look-up form is lower case")
        XCTAssertTrue(t[0].flags.contains(.allCaps))
        XCTAssertTrue(t[0].flags.contains(.capitalized))
        XCTAssertEqual(t[1].flags, [])
        XCTAssertFalse(t[2].flags.contains(.allCaps), "'Ok' is capitalized, not all caps")
        XCTAssertTrue(t[2].flags.contains(.capitalized))
        XCTAssertFalse(t[3].flags.contains(.allCaps), "a single letter is not shouting")
        XCTAssertTrue(t[5].flags.contains(.allCaps))
    }

    func testAllCapsWithNonASCIILetters() {
        let t = tokens("ÜBERHAUPT NICHT gut")
        XCTAssertEqual(t.map(\.text), ["ÜBERHAUPT", "NICHT", "gut"])
        XCTAssertTrue(t[0].flags.contains(.allCaps))
        XCTAssertEqual(t[0].form, "überhaupt")
        XCTAssertFalse(t[2].flags.contains(.allCaps))
    }

    func testHyphenatedAndAccentedWordsStayWhole() {
        XCTAssertEqual(tokens("well-made Kundenservice-Hotline naïve l'été").map(\.text),
                       ["well-made", "Kundenservice-Hotline", "naïve", "l'été"])
    }

    func testDigitsInsideWordsStayInTheWord() {
        let t = tokens("the mp3 file and the B2B portal")
        XCTAssertEqual(t.map(\.text), ["the", "mp3", "file", "and", "the", "B2B", "portal"])
        XCTAssertEqual(t[1].kind, .word)
    }

    func testVersionsAfterLettersAreOneWord() {
        let t = tokens("v2.3.1 and iOS17.2.")
        XCTAssertEqual(t.map(\.text), ["v2.3.1", "and", "iOS17.2", "."])
        XCTAssertEqual(t[0].kind, .word)
    }

    func testDottedAbbreviationsAreOneToken() {
        for word in ["e.g.", "i.e.", "U.S.", "z.B."] {
            guard let t = single(word) else { continue }
            XCTAssertEqual(t.text, word)
            XCTAssertEqual(t.kind, .word)
            XCTAssertTrue(t.flags.contains(.abbreviation), word)
        }
    }

    // MARK: contractions

    func testNegatingContractionsAreOneTokenWithNegationVisible() {
        let cases = ["don't": "don't", "can't": "can't", "won't": "won't", "isn't": "isn't", "didn't": "didn't",
                     "DON'T": "don't", "Doesn't": "doesn't"]
        for (word, form) in cases {
            guard let t = single(word) else { continue }
            XCTAssertEqual(t.text, word)
            XCTAssertEqual(t.kind, .word, word)
            XCTAssertEqual(t.form, form, word)
            XCTAssertTrue(t.flags.contains(.contraction), word)
            XCTAssertTrue(t.flags.contains(.negation), word)
        }
    }

    func testCurlyApostrophesAreContractionsWithAStraightForm() {
        for (word, form) in ["don\u{2019}t": "don't", "can\u{2019}t": "can't", "won\u{2019}t": "won't",
                             "isn\u{2019}t": "isn't", "DON\u{2019}T": "don't"] {
            guard let t = single(word) else { continue }
            XCTAssertEqual(t.text, word, "the token keeps the curly apostrophe")
            XCTAssertEqual(t.form, form, "the look-up form has a straight apostrophe")
            XCTAssertTrue(t.flags.contains(.contraction), word)
            XCTAssertTrue(t.flags.contains(.negation), word)
        }
        guard let curly = single("it\u{2019}s"), let straight = single("it's") else { return }
        XCTAssertEqual(curly.form, straight.form)
        XCTAssertEqual(curly.stem, straight.stem)
    }

    func testContractionsInASentenceKeepTheirSpan() {
        let text = "I can\u{2019}t log in and I won't retry"
        let doc = analyzer.analyze(text)
        let t = analyzer.views(doc)
        XCTAssertEqual(t.map(\.text), ["I", "can\u{2019}t", "log", "in", "and", "I", "won't", "retry"])
        XCTAssertEqual(t[1].span, Span(2, 7))
        XCTAssertEqual(t.filter { $0.flags.contains(.negation) }.map(\.form), ["can't", "won't"])
        assertSpansRoundTrip(doc)
    }

    func testNonNegatingContractions() {
        for word in ["it's", "I'm", "we\u{2019}ll", "you've"] {
            guard let t = single(word) else { continue }
            XCTAssertTrue(t.flags.contains(.contraction), word)
            XCTAssertFalse(t.flags.contains(.negation), word)
        }
    }

    func testNegationsTypedWithoutApostrophe() {
        for word in ["dont", "cant", "wont", "isnt", "cannot", "Didnt"] {
            guard let t = single(word) else { continue }
            XCTAssertTrue(t.flags.contains(.negation), word)
            XCTAssertFalse(t.flags.contains(.contraction), word)
        }
        XCTAssertFalse(single("want")?.flags.contains(.negation) ?? true)
        XCTAssertFalse(single("cant\u{00E9}")?.flags.contains(.negation) ?? true)
    }

    // MARK: URLs, e-mail, mentions, hashtags

    func testURLs() {
        let t = tokens("See https://example.com/help?id=12&x=y. Or www.example.org, or http://x.io/a_(b) now")
        let urls = t.filter { $0.kind == .url }.map(\.text)
        XCTAssertEqual(urls, ["https://example.com/help?id=12&x=y", "www.example.org", "http://x.io/a_(b)"])
        // Trailing sentence punctuation is not part of the URL.
        XCTAssertEqual(t.map(\.text)[2], ".")
        XCTAssertEqual(t.first { $0.kind == .url }?.form, "https://example.com/help?id=12&x=y")
    }

    func testURLInParenthesesLeavesTheClosingParenthesis() {
        let t = tokens("(see https://example.com/faq)")
        XCTAssertEqual(t.map(\.text), ["(", "see", "https://example.com/faq", ")"])
        XCTAssertEqual(t[2].kind, .url)
    }

    func testEmailAddresses() {
        let t = tokens("Write to jane.doe+billing@mail.example.co.uk. Or SUPPORT@Example.com")
        let emails = t.filter { $0.kind == .email }
        XCTAssertEqual(emails.map(\.text), ["jane.doe+billing@mail.example.co.uk", "SUPPORT@Example.com"])
        XCTAssertEqual(emails.last?.form, "support@example.com")
        XCTAssertEqual(t.map(\.text), ["Write", "to", "jane.doe+billing@mail.example.co.uk", ".", "Or", "SUPPORT@Example.com"],
                       "the period ending the sentence is not part of the address")
    }

    func testNotEmailAddresses() {
        XCTAssertFalse(tokens("meet me @ noon").contains { $0.kind == .email })
        XCTAssertFalse(tokens("user@localhost").contains { $0.kind == .email }, "a domain needs a dot")
    }

    func testMentionsAndHashtags() {
        let t = tokens("@acme_support your #app is #Broken again #Lieferverzögerung")
        XCTAssertEqual(t[0].text, "@acme_support")
        XCTAssertEqual(t[0].kind, .mention)
        let tags = t.filter { $0.kind == .hashtag }
        XCTAssertEqual(tags.map(\.text), ["#app", "#Broken", "#Lieferverzögerung"])
        XCTAssertEqual(tags[1].form, "#broken")
    }

    func testHashtagsAreStemmedWithoutTheirHash() throws {
        let t = tokens("#delays #crashing")
        XCTAssertEqual(t.map(\.stem), ["delay", "crash"])
        XCTAssertEqual(t.map(\.kind), [.hashtag, .hashtag])
    }

    // MARK: numbers

    func testNumbersWithCurrencyAndUnits() {
        for text in ["$49.99", "49,99 €", "€5", "£10", "3 weeks", "2x", "10%", "1,000,000", "24h", "5th", "3.5",
                     "2 hours", "10 MB", "3 Wochen"] {
            guard let t = single(text) else { continue }
            XCTAssertEqual(t.text, text)
            XCTAssertEqual(t.kind, .number, text)
        }
    }

    func testNumbersInASentence() {
        let t = tokens("Paid $49.99 and waited 3 weeks, 2x longer than 10 days.")
        XCTAssertEqual(t.filter { $0.kind == .number }.map(\.text), ["$49.99", "3 weeks", "2x", "10 days"])
        XCTAssertEqual(t.last?.text, ".")
    }

    func testANumberBeforeAnOrdinaryWordDoesNotSwallowIt() {
        XCTAssertEqual(tokens("3 apples").map(\.text), ["3", "apples"])
        XCTAssertEqual(tokens("5 stars").map(\.text), ["5 stars"])
    }

    func testTimesAreOneNumber() {
        XCTAssertEqual(single("10:30")?.kind, .number)
    }

    // MARK: emoticons

    func testEmoticons() {
        for face in [":)", ":-(", ":'(", "<3", "xD", "XD", ";)", ":D", ":P", ":/", "^_^", "-_-", ":\u{2019}(", "</3"] {
            guard let t = single(face) else { continue }
            XCTAssertEqual(t.kind, .emoticon, face)
            XCTAssertEqual(t.text, face)
        }
    }

    func testEmoticonsInText() {
        let t = tokens("great app :) but slow :-( love it <3 xD")
        XCTAssertEqual(t.filter { $0.kind == .emoticon }.map(\.text), [":)", ":-(", "<3", "xD"])
        XCTAssertEqual(tokens("great:)").map(\.text), ["great", ":)"])
    }

    func testBracketsAndLettersThatAreNotFaces() {
        XCTAssertFalse(tokens("(see below)").contains { $0.kind == .emoticon })
        XCTAssertFalse(tokens("xDrive is a car").contains { $0.kind == .emoticon })
    }

    // MARK: emoji

    func testEachEmojiIsOneToken() {
        let t = tokens("😡😡 👍")
        XCTAssertEqual(t.map(\.text), ["😡", "😡", "👍"])
        XCTAssertTrue(t.allSatisfy { $0.kind == .emoji })
        XCTAssertEqual(t.map(\.span), [Span(0, 1), Span(1, 2), Span(3, 4)])
    }

    func testSkinTonesStayWithTheirEmojiAndLeaveTheForm() {
        guard let t = single("👍🏽") else { return }
        XCTAssertEqual(t.kind, .emoji)
        XCTAssertEqual(t.span, Span(0, 2))
        XCTAssertEqual(t.form, "👍", "the look-up form drops the skin tone")
        XCTAssertEqual(single("👍")?.form, t.form)
    }

    func testZWJSequencesAreOneToken() {
        for e in ["👩‍💻", "👨‍👩‍👧‍👦", "👩🏽‍💻", "🏳️‍🌈", "🏃‍♀️", "👩‍🦰", "❤️‍🔥"] {
            guard let t = single(e) else { continue }
            XCTAssertEqual(t.kind, .emoji, e)
            XCTAssertEqual(t.text, e)
            XCTAssertEqual(t.span, Span(0, e.unicodeScalars.count), e)
        }
        XCTAssertEqual(single("👩🏽‍💻")?.form, single("👩‍💻")?.form, "skin tones leave ZWJ forms too")
    }

    func testFlagsVariationSelectorsAndTagSequences() {
        for e in ["🇩🇪", "🇺🇸", "❤️", "☹️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"] {
            guard let t = single(e) else { continue }
            XCTAssertEqual(t.kind, .emoji, e)
        }
        XCTAssertEqual(tokens("🇩🇪🇫🇷").map(\.text), ["🇩🇪", "🇫🇷"])
        XCTAssertEqual(single("❤️")?.form, "❤", "the form drops the variation selector")
    }

    func testKeycapEmojiAreOneToken() {
        for e in ["1\u{FE0F}\u{20E3}", "#\u{FE0F}\u{20E3}", "*\u{FE0F}\u{20E3}", "5\u{20E3}"] {
            guard let t = single(e) else { continue }
            XCTAssertEqual(t.kind, .emoji, e.debugDescription)
            XCTAssertEqual(t.text, e)
        }
    }

    func testEmojiAgainstWords() {
        let t = tokens("love😍it")
        XCTAssertEqual(t.map(\.text), ["love", "😍", "it"])
        XCTAssertEqual(t.map(\.kind), [.word, .emoji, .word])
    }

    // MARK: punctuation

    func testPunctuationRunsAreTokens() {
        let t = tokens("Why?! No!!! Really??? Wait... ok")
        XCTAssertEqual(t.map(\.text), ["Why", "?!", "No", "!!!", "Really", "???", "Wait", "...", "ok"])
        XCTAssertEqual(t.filter { $0.kind == .punctuation }.map(\.text), ["?!", "!!!", "???", "..."])
    }

    func testSinglePunctuationAndSymbols() {
        let t = tokens("a, b; (c) & d…")
        XCTAssertEqual(t.map(\.text), ["a", ",", "b", ";", "(", "c", ")", "&", "d", "…"])
        XCTAssertEqual(t[7].kind, .symbol)
        XCTAssertEqual(t[9].kind, .punctuation)
    }

    // MARK: elongation

    func testElongationIsAFlagWithANormalizedForm() {
        guard let t = single("soooo") else { return }
        XCTAssertEqual(t.text, "soooo", "the token keeps what was typed")
        XCTAssertTrue(t.flags.contains(.elongated))
        XCTAssertEqual(t.form, "soo", "runs of three or more letters are cut to two")
        XCTAssertEqual(single("Sooooooo")?.form, "soo")
        XCTAssertEqual(single("SOOOO")?.form, "soo")
        XCTAssertEqual(single("cooool")?.form, "cool")
        XCTAssertEqual(single("goooood")?.form, "good")
    }

    func testDoubleLettersAreNotElongation() {
        for w in ["good", "coffee", "committee", "sooner"] {
            XCTAssertFalse(single(w)?.flags.contains(.elongated) ?? true, w)
            XCTAssertEqual(single(w)?.form, w)
        }
    }

    func testElongationOfNonASCIILettersIgnoresCase() {
        guard let lower = single("schööööön"), let upper = single("SCHÖÖÖÖÖN") else { return }
        XCTAssertTrue(lower.flags.contains(.elongated))
        XCTAssertEqual(lower.form, "schöön")
        XCTAssertTrue(upper.flags.contains(.elongated))
        XCTAssertEqual(upper.form, lower.form, "shouting does not change the look-up form")
    }

    // MARK: spans

    func testSpansSliceTheOriginalBackInUnicodeScalars() {
        let text = "Don't buy!!! Arrived 3 weeks late 😡 SOOOO bad, can\u{2019}t believe $49.99 for 2x :) <3 xD 👩🏽‍💻 #fail @acme https://x.com/a?b=1 mail me@x.org"
        let doc = analyzer.analyze(text)
        XCTAssertEqual(doc.tokens.count, 24)
        assertSpansWellFormed(doc)
        assertSpansRoundTrip(doc)
    }

    func testSpansCountEmojiBeforeTheTokenAsScalars() {
        let text = "👨‍👩‍👧 ok 👍🏽 great 🇩🇪 done"
        let doc = analyzer.analyze(text)
        let t = analyzer.views(doc)
        XCTAssertEqual(t.map(\.text), ["👨‍👩‍👧", "ok", "👍🏽", "great", "🇩🇪", "done"])
        // 👨‍👩‍👧 is five scalars (three people, two joiners); 👍🏽 two; 🇩🇪 two.
        XCTAssertEqual(t.map(\.span), [Span(0, 5), Span(6, 8), Span(9, 11), Span(12, 17), Span(18, 20), Span(21, 25)])
        assertSpansRoundTrip(doc)
    }

    func testSpansAfterHTMLStripping() {
        let text = "<p>Hello <b>world</b>!</p><div>Not 😡 <i>at</i> all</div>"
        let doc = analyzer.analyze(text)
        let t = analyzer.views(doc)
        XCTAssertEqual(t.map(\.text), ["Hello", "world", "!", "Not", "😡", "at", "all"])
        XCTAssertEqual(t[1].span, Span(12, 17))
        assertSpansRoundTrip(doc)
    }

    func testSpansCoverWholeHTMLEntities() {
        let text = "caf&eacute; &amp; more &#x1F600; ok"
        let doc = analyzer.analyze(text)
        let t = analyzer.views(doc)
        XCTAssertEqual(t.map(\.text), ["café", "&", "more", "😀", "ok"])
        XCTAssertEqual(scalarSlice(text, t[0].span), "caf&eacute;")
        // A one-byte result has one origin: the span of "&" is the entity's "&" (a known limit of the map).
        XCTAssertEqual(scalarSlice(text, t[1].span), "&")
        XCTAssertEqual(scalarSlice("x &lt;3 y", analyzer.views("x &lt;3 y")[1].span), "&lt;3")
        XCTAssertEqual(scalarSlice(text, t[3].span), "&#x1F600;")
        XCTAssertEqual(scalarSlice(text, t[4].span), "ok")
    }

    func testSpansOfDecomposedTextCoverTheCombiningMarks() {
        let text = "cafe\u{301} e\u{301}te\u{301} ok"
        let doc = analyzer.analyze(text)
        let t = analyzer.views(doc)
        XCTAssertEqual(t.map { scalars($0.text) }, [scalars("caf\u{E9}"), scalars("\u{E9}t\u{E9}"), scalars("ok")])
        XCTAssertEqual(t.map(\.span), [Span(0, 5), Span(6, 11), Span(12, 14)])
        assertSpansRoundTrip(doc)
    }

    func testSpansAfterWhitespaceFoldingAndLineBreaks() {
        let text = "  first\t\t word \r\n\r\n\r\n   second\u{00A0}\u{00A0}line  "
        let doc = analyzer.analyze(text)
        let t = analyzer.views(doc)
        XCTAssertEqual(t.map(\.text), ["first", "word", "second", "line"])
        XCTAssertEqual(t[0].span, Span(2, 7))
        assertSpansRoundTrip(doc)
    }

    func testByteRangesPointIntoTheNormalizedText() {
        let doc = analyzer.analyze("Ärger   mit 😡 <b>Lieferung</b>")
        for t in doc.tokens {
            let text = doc.text(of: t)
            XCTAssertEqual(Array(text.utf8), Array(doc.normalized.bytes[Int(t.start)..<Int(t.end)]))
        }
        XCTAssertEqual(doc.tokens.map { doc.text(of: $0) }, ["Ärger", "mit", "😡", "Lieferung"])
    }

    func testTokensAreInOrderAndDoNotOverlap() {
        let doc = analyzer.analyze("Mr. Smith paid $5 on 3.4.2025 via https://pay.example.com/x?y=1 :) 👍🏽👍🏽!!!")
        for (a, b) in zip(doc.tokens, doc.tokens.dropFirst()) {
            XCTAssertLessThanOrEqual(a.end, b.start)
            XCTAssertLessThanOrEqual(a.span.end, b.span.start)
        }
        assertSpansRoundTrip(doc)
    }

    func testKindNamesAndFlagNames() {
        XCTAssertEqual(TokenKind.allCases.map(\.name),
                       ["word", "number", "url", "email", "mention", "hashtag", "emoticon", "emoji", "punct", "symbol"])
        let all: TokenFlags = [.allCaps, .elongated, .contraction, .negation, .capitalized, .abbreviation]
        XCTAssertEqual(all.names, ["all_caps", "elongated", "contraction", "negation", "capitalized", "abbreviation"])
    }

    func testTheTokenizerCanBeUsedDirectlyOnBytes() {
        var tokenizer = Tokenizer()
        let vocabulary = Vocabulary()
        var out: [Token] = []
        let bytes = Array("Can't wait!!! 😍".utf8)
        bytes.withUnsafeBufferPointer { tokenizer.tokenize($0, vocabulary: vocabulary, into: &out) }
        XCTAssertEqual(out.map(\.kind), [.word, .word, .punctuation, .emoji])
        XCTAssertEqual(out.map { vocabulary.string($0.form) }, ["can't", "wait", "!!!", "😍"])
        XCTAssertEqual(out.map { Int($0.start)..<Int($0.end) }, [0..<5, 6..<10, 10..<13, 14..<18])
    }
}
