import XCTest
import Foundation
import PainmapText
@testable import PainmapSentiment

/// `SentimentTerms` keys are NFC: a term the quick check calls NFC is kept as it is, the others normalised.
final class SentimentTermsTests: XCTestCase {
    /// Every non-ASCII single-word entry of the lexicon (lexicons/en, the only language with sentiment lists)
    /// that the quick check calls NFC is unchanged by Foundation's NFC, which normalised every such term before.
    func testQuickCheckedNFCTermsAreTheirOwnNFC() throws {
        let lex = try SentimentFixture.loaded.get().1
        var checked = 0
        let terms = Array(lex.valences.keys) + lex.modifiers.keys.filter { $0.count == 1 }.map { $0[0] } + Array(lex.negations)
        for term in terms where !term.utf8.allSatisfy({ $0 < 0x80 }) && CanonicalForm.isKnownNFC(term) {
            XCTAssertEqual(Array(term.utf8), Array(term.precomposedStringWithCanonicalMapping.utf8), term)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 200)
    }

    /// Strings that are not NFC are not called NFC: decomposed accents, a singleton (Ohm sign), Hangul jamo.
    func testQuickCheckRejectsDecomposedStrings() {
        for s in ["cafe\u{301}", "nai\u{308}ve", "\u{2126}", "\u{1100}\u{1161}"] {
            XCTAssertFalse(CanonicalForm.isKnownNFC(s), s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            XCTAssertNotEqual(Array(s.utf8), Array(s.precomposedStringWithCanonicalMapping.utf8))
        }
        XCTAssertTrue(CanonicalForm.isKnownNFC("naïve"))
        XCTAssertTrue(CanonicalForm.isKnownNFC("don’t"))
    }
}
