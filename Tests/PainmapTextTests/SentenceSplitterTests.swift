import XCTest
@testable import PainmapText

/// Sentences in reviews, social posts and tickets: abbreviations, decimals, ellipses, URLs, emoji,
/// line breaks and bullet lists.
final class SentenceSplitterTests: XCTestCase {
    private var analyzer: Analyzer!

    override func setUpWithError() throws {
        analyzer = try TextFixture.analyzer()
    }

    private func sentences(_ text: String) -> [String] { analyzer.sentences(text) }

    func testPlainSentences() {
        XCTAssertEqual(sentences("The app crashes. Support never answers! Why? I want a refund."),
                       ["The app crashes.", "Support never answers!", "Why?", "I want a refund."])
    }

    func testTitlesAndCommonAbbreviations() {
        XCTAssertEqual(sentences("Mr. Smith from support called. Dr. Jones too."),
                       ["Mr. Smith from support called.", "Dr. Jones too."])
        XCTAssertEqual(sentences("They sell shoes, bags etc. and hats. Fine."),
                       ["They sell shoes, bags etc. and hats.", "Fine."])
    }

    func testDottedAbbreviations() {
        XCTAssertEqual(sentences("Use a VPN, e.g. WireGuard. It works, i.e. mostly."),
                       ["Use a VPN, e.g. WireGuard.", "It works, i.e. mostly."])
        XCTAssertEqual(sentences("Shipping to the U.S. was fast. Thanks."),
                       ["Shipping to the U.S. was fast.", "Thanks."])
    }

    func testNumberAbbreviationsOnlyBeforeNumbers() {
        XCTAssertEqual(sentences("I ordered No. 5 twice. It never came."), ["I ordered No. 5 twice.", "It never came."])
        XCTAssertEqual(sentences("See p. 12 of the manual. Nothing there."), ["See p. 12 of the manual.", "Nothing there."])
        XCTAssertEqual(sentences("I said no. Then I left."), ["I said no.", "Then I left."])
    }

    func testGermanAbbreviations() {
        XCTAssertEqual(sentences("Die Lieferung kam ca. drei Tage zu spät, z.B. am Montag. Schade."),
                       ["Die Lieferung kam ca. drei Tage zu spät, z.B. am Montag.", "Schade."])
    }

    func testInitialsDoNotEndSentences() {
        XCTAssertEqual(sentences("I spoke to J. Smith yesterday. He was kind."),
                       ["I spoke to J. Smith yesterday.", "He was kind."])
    }

    func testDecimalsAndPrices() {
        XCTAssertEqual(sentences("It costs 3.50 now. Before it was $2.99. Version 5.2.1 broke it."),
                       ["It costs 3.50 now.", "Before it was $2.99.", "Version 5.2.1 broke it."])
    }

    func testVersionNumbersAfterLetters() {
        XCTAssertEqual(sentences("Version v2.3.1 crashed. Then iOS17.2 too."), ["Version v2.3.1 crashed.", "Then iOS17.2 too."])
    }

    func testEllipses() {
        XCTAssertEqual(sentences("I waited... and waited. Nothing happened… Then it crashed."),
                       ["I waited... and waited.", "Nothing happened…", "Then it crashed."])
        XCTAssertEqual(sentences("Well... It broke again."), ["Well...", "It broke again."])
    }

    func testURLsAndEmailAddresses() {
        XCTAssertEqual(sentences("Go to https://example.com/help.html. Then click Save."),
                       ["Go to https://example.com/help.html.", "Then click Save."])
        XCTAssertEqual(sentences("Visit www.example.com. Or mail help@example.com. Nobody answers."),
                       ["Visit www.example.com.", "Or mail help@example.com.", "Nobody answers."])
    }

    func testEmojiInSocialPosts() {
        XCTAssertEqual(sentences("Love it 😍 Will buy again 👍"), ["Love it 😍", "Will buy again 👍"])
        XCTAssertEqual(sentences("Great app!!! 😍😍 But it crashes?! 😡"), ["Great app!!! 😍😍", "But it crashes?! 😡"])
        XCTAssertEqual(sentences("so slow :( Never again"), ["so slow :(", "Never again"])
    }

    func testEmojiInsideASentenceDoNotSplitIt() {
        XCTAssertEqual(sentences("The 📦 arrived broken"), ["The 📦 arrived broken"])
        XCTAssertEqual(sentences("my 👩‍💻 colleague 👍🏽 agrees."), ["my 👩‍💻 colleague 👍🏽 agrees."])
    }

    func testQuestionAndExclamationRuns() {
        XCTAssertEqual(sentences("Seriously?!? Three weeks!!! No answer."), ["Seriously?!?", "Three weeks!!!", "No answer."])
    }

    func testClosingQuotesAndBracketsStayWithTheirSentence() {
        XCTAssertEqual(sentences("He said \"stop.\" Then he left."), ["He said \"stop.\"", "Then he left."])
        XCTAssertEqual(sentences("(It broke again.) I gave up."), ["(It broke again.)", "I gave up."])
        XCTAssertEqual(sentences("She wrote \u{201C}never again!\u{201D} Fair."), ["She wrote \u{201C}never again!\u{201D}", "Fair."])
    }

    func testLineBreaks() {
        XCTAssertEqual(sentences("the app is slow\nand it crashes"), ["the app is slow\nand it crashes"],
                       "a wrapped line continues the sentence")
        XCTAssertEqual(sentences("The app is slow\nIt crashes"), ["The app is slow", "It crashes"])
        XCTAssertEqual(sentences("slow app\n\nno refund either"), ["slow app", "no refund either"],
                       "a blank line ends a paragraph")
        XCTAssertEqual(sentences("so bad 😡\nnever again"), ["so bad 😡", "never again"])
    }

    func testBulletLists() {
        XCTAssertEqual(sentences("Problems:\n- login fails\n- sync is slow\n* no dark mode\n• crashes"),
                       ["Problems:", "- login fails", "- sync is slow", "* no dark mode", "• crashes"])
    }

    func testNumberedLists() {
        XCTAssertEqual(sentences("Steps:\n1. Open the app\n2. Tap login\n3. It crashes"),
                       ["Steps:", "1. Open the app", "2. Tap login", "3. It crashes"])
        XCTAssertEqual(sentences("1) slow\n2) ugly"), ["1) slow", "2) ugly"])
    }

    func testANumberEndingASentenceStillEndsIt() {
        XCTAssertEqual(sentences("I give it 2. Not more."), ["I give it 2.", "Not more."])
    }

    func testTicketWithParagraphs() {
        let ticket = """
            Hello,

            my order #4711 arrived damaged. The box was wet, e.g. the manual was unreadable.
            I paid 49.99 EUR... for this?

            Please refund me.
            """
        XCTAssertEqual(sentences(ticket), [
            "Hello,",
            "my order #4711 arrived damaged.",
            "The box was wet, e.g. the manual was unreadable.",
            "I paid 49.99 EUR... for this?",
            "Please refund me.",
        ])
    }

    func testSentencesCoverAllTokensInOrder() {
        let doc = analyzer.analyze("Hi!! Mr. X said 3.5 stars :( e.g. bad. www.x.com. 😡😡\n- one\n- two... ok")
        var next = 0
        for s in doc.sentences {
            XCTAssertEqual(s.tokens.lowerBound, next)
            XCTAssertFalse(s.tokens.isEmpty)
            XCTAssertEqual(s.span.start, doc.tokens[s.tokens.lowerBound].span.start)
            XCTAssertEqual(s.span.end, doc.tokens[s.tokens.upperBound - 1].span.end)
            next = s.tokens.upperBound
        }
        XCTAssertEqual(next, doc.tokens.count)
    }

    func testSentenceSpansAfterHTMLAndRemovedQuotes() {
        let text = "<p>It broke. <b>Again</b>!</p>\n> old quote\nFix it."
        XCTAssertEqual(sentences(text), ["It broke.", "Again</b>!", "Fix it."])
    }

    func testNoSentencesWithoutTokens() {
        XCTAssertEqual(analyzer.analyze("").sentences, [])
        XCTAssertEqual(analyzer.analyze(" \n\n ").sentences, [])
        XCTAssertEqual(SentenceSplitter.split(tokens: [], bytes: []), [])
    }

    func testPunctuationAloneIsNotASentence() {
        XCTAssertEqual(sentences("..."), ["..."])
        XCTAssertEqual(sentences("Fine. !!!").count, 1)
    }

    /// `sentences` builds the analyzer's sentences in one pass; it must give `split`'s ranges with the spans
    /// of their first and last tokens, merged "sentences" of punctuation alone included.
    func testSentencesMatchSplitRanges() {
        let texts = ["The app crashes. Support never answers! Why? I want a refund.", "xD . !! ok", "Great!!! 😍😍 Love it",
                     "- one\n- two\n\nThree... and four", "Mr. Smith called (twice). \"Fine.\" Done", "", "!!", "a\nB"]
        for text in texts {
            let doc = analyzer.analyze(text)
            let expected = SentenceSplitter.split(tokens: doc.tokens, bytes: doc.normalized.bytes).map { r in
                Sentence(tokens: r, span: Span(doc.tokens[r.lowerBound].span.start, doc.tokens[r.upperBound - 1].span.end))
            }
            XCTAssertEqual(SentenceSplitter.sentences(tokens: doc.tokens, bytes: doc.normalized.bytes), expected, text)
            XCTAssertEqual(doc.sentences, expected, text)
        }
    }
}
