import XCTest
@testable import PainmapText

/// NFC, HTML out, whitespace folded, quoted replies and signatures removed by default and kept with
/// `.keepAll`, the original kept beside the normalized text.
final class NormalizerTests: XCTestCase {
    private func normalize(_ s: String, _ options: NormalizationOptions = NormalizationOptions()) -> NormalizedText {
        Normalizer(options: options).normalize(s)
    }

    // MARK: NFC

    func testDecomposedAccentsAreComposed() {
        let n = normalize("e\u{301}")
        XCTAssertEqual(n.bytes, [0xC3, 0xA9], "e + U+0301 becomes the single scalar U+00E9")
        XCTAssertEqual(scalars(n.text), [0xE9])
        XCTAssertEqual(scalars(normalize("cafe\u{301} A\u{30A}ngstro\u{308}m").text), scalars("caf\u{E9} \u{C5}ngstr\u{F6}m"))
    }

    func testSeveralMarksAndHangulJamoAreComposed() {
        // Canonical reordering: dot below (ccc 220) before dot above (ccc 230), then composition.
        XCTAssertEqual(scalars(normalize("s\u{307}\u{323}").text), [0x1E69])
        XCTAssertEqual(scalars(normalize("\u{1100}\u{1161}\u{11A8}").text), [0xAC01], "Hangul L+V+T jamo -> 각")
    }

    func testSingletonsAreReplaced() {
        XCTAssertEqual(scalars(normalize("\u{212B}").text), [0xC5], "ANGSTROM SIGN -> Å")
        XCTAssertEqual(scalars(normalize("\u{2126}").text), [0x3A9], "OHM SIGN -> Ω")
    }

    func testComposedTextIsLeftAlone() {
        let s = "Grüße aus Köln, naïve café 😀 日本語"
        XCTAssertEqual(normalize(s).bytes, Array(s.utf8))
    }

    func testMarksWithoutACompositionStayAfterTheirBase() {
        XCTAssertEqual(scalars(normalize("x\u{301}").text), [0x78, 0x301])
    }

    func testTheOriginalIsKeptBesideTheNormalizedText() {
        let s = "<p>Cafe\u{301}   &amp; more</p>\r\n\r\nOn Mon, Support wrote:\n> quoted"
        let n = normalize(s)
        XCTAssertEqual(scalars(n.original), scalars(s), "the original is kept exactly, not normalized")
        XCTAssertEqual(n.originalScalarCount, s.unicodeScalars.count)
        XCTAssertEqual(scalars(n.text), scalars("Caf\u{E9} & more"))
        XCTAssertEqual(n.origin.count, n.bytes.count, "every normalized byte of changed text maps back to the original")
        XCTAssertTrue(n.origin.allSatisfy { $0 >= 0 && Int($0) < n.originalScalarCount })
    }

    // MARK: HTML

    func testHTMLTagsAreRemoved() {
        XCTAssertEqual(normalize("Hello <b>world</b>, <a href=\"https://x.com\">click</a> <img src=x.png/>here").text,
                       "Hello world , click here")
    }

    func testBlockTagsBecomeLineBreaks() {
        let text = normalize("<div>one</div><div>two</div><p>three<br>four<br/>five</p><ul><li>a</li><li>b</li></ul>").text
        XCTAssertEqual(text.split(separator: "\n").map(String.init), ["one", "two", "three", "four", "five", "a", "b"])
        XCTAssertTrue(text.contains("three\nfour\nfive"), text.debugDescription)
        XCTAssertFalse(text.contains("\n\n\n"), "at most one blank line")
    }

    func testScriptStyleAndCommentsAreRemovedWithTheirContent() {
        XCTAssertEqual(normalize("a<script type=\"x\">var x = 1 < 2;</script>b<style>p { color: red }</style>c<!-- note -->d").text,
                       "a b c d")
    }

    func testEntitiesAreDecoded() {
        XCTAssertEqual(normalize("Tom &amp; Jerry &lt;3 &quot;ok&quot; caf&eacute; &#233;t&#xE9; &euro;5 &hellip; &#x1F600;").text,
                       "Tom & Jerry <3 \"ok\" café été €5 … 😀")
        XCTAssertEqual(normalize("a&nbsp;&nbsp;b").text, "a b", "&nbsp; is whitespace and folds")
        XCTAssertEqual(normalize("AT&amp;T").text, "AT&T")
    }

    func testTextThatOnlyLooksLikeHTMLIsKept() {
        XCTAssertEqual(normalize("R&D, Q&A, fish & chips, &unknown; 5 < 6 and <3").text,
                       "R&D, Q&A, fish & chips, &unknown; 5 < 6 and <3")
        XCTAssertEqual(normalize("&#0; &#xZZ; &;").text, "&#0; &#xZZ; &;")
    }

    func testAddressesInAngleBracketsAreNotTags() {
        let n = normalize("Write to <jane@example.com> or see <https://example.com/help>", .keepAll)
        XCTAssertEqual(n.text, "Write to <jane@example.com> or see <https://example.com/help>")
    }

    func testHTMLIsKeptWhenStrippingIsOff() {
        let s = "<b>bold</b> &amp;"
        XCTAssertEqual(normalize(s, NormalizationOptions(stripHTML: false)).text, s)
    }

    // MARK: whitespace

    func testWhitespaceIsFolded() {
        XCTAssertEqual(normalize("  a \t b\u{00A0}\u{00A0}c\u{2003}d  ").text, "a b c d")
    }

    func testLineBreaksAreKeptAndBlankLinesFolded() {
        XCTAssertEqual(normalize("one\r\ntwo\rthree\u{2028}four\n\n\n\n\nfive\n  \n \t\nsix\n\n").text,
                       "one\ntwo\nthree\nfour\n\nfive\n\nsix")
    }

    func testControlCharactersAndNULs() {
        XCTAssertEqual(normalize("a\u{0}b\u{7}c\u{1B}d").text, "ab c d")
    }

    func testByteOrderMarkAndInvisibleCharacters() {
        XCTAssertEqual(normalize("\u{FEFF}Hello").text, "Hello", "a byte order mark at the start of a file is not text")
        XCTAssertEqual(normalize("soft\u{AD}ware").text, "software", "soft hyphens are invisible break hints")
        XCTAssertEqual(normalize("zero\u{200B}width").text, "zero width", "a zero-width space separates words")
        XCTAssertEqual(scalars(normalize("👩\u{200D}💻").text), [0x1F469, 0x200D, 0x1F4BB], "joiners stay")
    }

    func testEmptyAndBlankInput() {
        for s in ["", " ", "\n\n", " \t\r\n\u{00A0} "] {
            let n = normalize(s)
            XCTAssertEqual(n.bytes, [], s.debugDescription)
            XCTAssertEqual(n.origin, [])
            XCTAssertEqual(n.removed, [])
        }
    }

    // MARK: quoted replies

    let reply = """
        Thanks, but the app still crashes on login.

        On Mon, 3 Mar 2025 at 10:02, Support <help@example.com> wrote:
        > Have you tried restarting?
        > Regards, Support
        """

    func testQuotedRepliesAreRemovedByDefault() {
        let n = normalize(reply)
        XCTAssertEqual(n.text, "Thanks, but the app still crashes on login.")
        XCTAssertEqual(n.removed.count, 1)
        let removed = scalarSlice(reply, n.removed[0])
        XCTAssertTrue(removed.hasPrefix("On Mon, 3 Mar 2025"), removed)
        XCTAssertTrue(removed.hasSuffix("Regards, Support"), removed)
    }

    func testQuotedRepliesAreKeptWithKeepAll() {
        let n = normalize(reply, .keepAll)
        XCTAssertEqual(n.text, """
            Thanks, but the app still crashes on login.

            On Mon, 3 Mar 2025 at 10:02, Support <help@example.com> wrote:
            > Have you tried restarting?
            > Regards, Support
            """)
        XCTAssertEqual(n.removed, [])
    }

    func testAWrappedReplyHeaderIsFound() {
        let s = "It is still broken.\nOn Mon, 3 Mar 2025 at 10:02, Customer Support Team\n<help@example.com> wrote:\n> old"
        XCTAssertEqual(normalize(s).text, "It is still broken.")
    }

    func testGermanReplyHeaderAndOriginalMessageMarkers() {
        XCTAssertEqual(normalize("Geht immer noch nicht.\nAm 03.03.2025 um 10:02 schrieb Support <help@example.de>:\n> Alt").text,
                       "Geht immer noch nicht.")
        XCTAssertEqual(normalize("Still broken.\n-----Original Message-----\nFrom: Support\nSubject: Re").text, "Still broken.")
        XCTAssertEqual(normalize("Still broken.\n________________________________\nFrom: Support").text, "Still broken.")
    }

    func testInlineQuotedLinesAreRemovedAndTheAnswersKept() {
        let s = "> Did the update help?\nNo, it did not.\n> Which version?\nVersion 5.2."
        let n = normalize(s)
        XCTAssertEqual(n.text, "No, it did not.\nVersion 5.2.")
        XCTAssertEqual(n.removed.map { scalarSlice(s, $0) }, ["> Did the update help?", "> Which version?"])
        XCTAssertEqual(normalize(s, .keepAll).text, s)
    }

    func testOrdinarySentencesStartingWithOnAreNotReplyHeaders() {
        let s = "On Monday the app crashed.\nOn Tuesday it wrote nothing."
        XCTAssertEqual(normalize(s).text, s)
    }

    // MARK: signatures

    func testSignatureDelimiterBlockIsRemoved() {
        let s = "Please fix the export.\n--\nJohn Doe\nACME Inc.\n+1 555 0100"
        let n = normalize(s)
        XCTAssertEqual(n.text, "Please fix the export.")
        XCTAssertEqual(n.removed.map { scalarSlice(s, $0) }, ["--\nJohn Doe\nACME Inc.\n+1 555 0100"])
        XCTAssertEqual(normalize(s, .keepAll).text, s)
        XCTAssertEqual(normalize("Please fix it.\n-- \nJohn").text, "Please fix it.", "the standard '-- ' delimiter")
    }

    func testSentFromMyPhoneIsRemoved() {
        let s = "The app logs me out every hour.\n\nSent from my iPhone"
        XCTAssertEqual(normalize(s).text, "The app logs me out every hour.")
        XCTAssertEqual(normalize(s, .keepAll).text, "The app logs me out every hour.\n\nSent from my iPhone")
        XCTAssertEqual(normalize("Geht nicht.\nVon meinem iPhone gesendet").text, "Geht nicht.")
        XCTAssertEqual(normalize("Broken.\nGet Outlook for Android").text, "Broken.")
    }

    func testBestRegardsBlockIsRemoved() {
        let s = "Your courier lost my parcel.\n\nBest regards,\nJane Doe\nCustomer #4711"
        let n = normalize(s)
        XCTAssertEqual(n.text, "Your courier lost my parcel.")
        XCTAssertEqual(n.removed.map { scalarSlice(s, $0) }, ["Best regards,\nJane Doe\nCustomer #4711"])
        XCTAssertEqual(normalize(s, .keepAll).text, s)
        XCTAssertEqual(normalize("Paket fehlt.\nMit freundlichen Grüßen\nMax Mustermann").text, "Paket fehlt.")
    }

    func testASignOffFollowedByALongTextIsNotASignature() {
        let s = "Hi,\nThanks!\nThe first thing is that the login page never loads on my phone.\nSecond, the app crashes.\nThird, support never answers.\nFourth, refunds take weeks.\nFifth, nothing works."
        XCTAssertEqual(normalize(s).text, s)
    }

    func testASignOffWordOnTheFirstLineIsKept() {
        XCTAssertEqual(normalize("Thanks!\nfor nothing").text, "Thanks!\nfor nothing")
        XCTAssertEqual(normalize("Thanks for the quick reply, but it is still broken").text,
                       "Thanks for the quick reply, but it is still broken")
    }

    func testOptionsCanBeSwitchedSeparately() {
        let s = "Broken again.\n> quoted\n--\nJane"
        XCTAssertEqual(normalize(s, NormalizationOptions(stripQuotedReplies: false)).text, "Broken again.\n> quoted")
        XCTAssertEqual(normalize(s, NormalizationOptions(stripSignatures: false)).text, "Broken again.\n--\nJane")
    }

    // MARK: mapping back

    func testSpanMapsNormalizedBytesToTheOriginal() {
        let s = "  <b>Grüße</b>   aus\t\tKöln  "
        let n = normalize(s)
        XCTAssertEqual(n.text, "Grüße aus Köln")
        let text = n.text
        for word in ["Grüße", "aus", "Köln"] {
            let r = text.utf8.firstRange(of: word.utf8)!
            let a = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
            let b = text.utf8.distance(from: text.utf8.startIndex, to: r.upperBound)
            XCTAssertEqual(scalarSlice(s, n.span(a, b)), word)
        }
    }

    /// The byte path (`normalize(normalASCII:)`), for ASCII lines with doubled, leading or trailing spaces
    /// too, gives what the String path gives (bytes, origins, original), and declines what it cannot take.
    func testSpacedASCIIMatchesTheStringPath() {
        let fixed = ["Great  app", "  leading", "trailing  ", " a  b   c ", "> quoted  reply", "  > quoted",
                     "On Monday  Bob wrote:", "Sent from my  iPhone", "sent  from my phone", "----- Original  Message -----",
                     "Am Montag  schrieb Bob:", "ok  & fine", "a <b>  c", "   ", "", "x", "tab\there  x", "caf\u{E9}  ok",
                     "Also  good", "gone  -- away", "_under  score"]
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab oOsSgGvVaA->_:w".utf8)
        var texts = fixed
        for _ in 0..<3000 {
            let n = Int.random(in: 0..<24, using: &rng)
            texts.append(String(decoding: (0..<n).map { _ in alphabet.randomElement(using: &rng)! }, as: UTF8.self))
        }
        for options in [NormalizationOptions(), .keepAll] {
            let normalizer = Normalizer(options: options)
            var taken = 0
            for text in texts {
                var storage: [UInt8] = []
                var utf8 = Array(text.utf8)
                let fast = utf8.withUnsafeMutableBufferPointer { normalizer.normalize(normalASCII: UnsafeBufferPointer($0), reusing: &storage) }
                guard let fast else { continue }
                taken += 1
                let slow = normalizer.normalize(text)
                XCTAssertEqual(fast.bytes, slow.bytes, text)
                XCTAssertEqual(fast.origin.isEmpty ? Array(0..<Int32(fast.bytes.count)) : fast.origin,
                               slow.origin.isEmpty ? Array(0..<Int32(slow.bytes.count)) : slow.origin, text)
                XCTAssertEqual(fast.originalScalarCount, slow.originalScalarCount, text)
                XCTAssertEqual(fast.removed, slow.removed, text)
                XCTAssertEqual(fast.original, slow.original, text)
            }
            XCTAssertGreaterThan(taken, 1000)
        }
        var storage: [UInt8] = []
        for declined in ["> quoted  reply", "On Monday  Bob wrote:", "Sent from my  iPhone", "ok  & fine", "   ", "caf\u{E9}  ok"] {
            var utf8 = Array(declined.utf8)
            XCTAssertNil(utf8.withUnsafeMutableBufferPointer { Normalizer().normalize(normalASCII: UnsafeBufferPointer($0), reusing: &storage) }, declined)
        }
        for taken in ["Great  app", "  leading", "trailing ", "> quoted", "Also  good"] {
            var utf8 = Array(taken.utf8)
            let options = taken.hasPrefix(">") ? NormalizationOptions.keepAll : NormalizationOptions()
            XCTAssertNotNil(utf8.withUnsafeMutableBufferPointer { Normalizer(options: options).normalize(normalASCII: UnsafeBufferPointer($0), reusing: &storage) }, taken)
        }
    }
}
