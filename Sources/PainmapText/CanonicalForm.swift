import Foundation

/// The NFC form that word lists are keyed in (stopwords, lexicon terms): Dictionary and vocabulary look-ups
/// compare the forms the tokenizer makes, which are NFC. One function for every list, because Foundation's
/// normalisation is costly and nearly every word needs none.
public enum CanonicalForm {
    /// `s` in NFC. An ASCII word, and one the standard library's quick check calls NFC, is returned as it
    /// is (an NFC string is its own normal form); only the rest go through Foundation, which normalised
    /// every word before: ~7,000 instructions a non-ASCII term (2.4M of `painmap sentiment`'s start-up for
    /// the ~340 such terms) and 5.7M for its two analyzers' stopwords (callgrind). The ASCII test runs on
    /// the contiguous bytes: `utf8.allSatisfy` went through the generic iterator at ~280 instructions a
    /// term.
    public static func nfc(_ s: String) -> String {
        var bytes = s
        let ascii = bytes.withUTF8 { p in !p.contains { $0 >= 0x80 } }
        return ascii || isKnownNFC(s) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// Whether `s` is NFC by the standard library's quick check (a false answer may still be NFC).
    public static func isKnownNFC(_ s: String) -> Bool {
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            var span = s.utf8Span
            return span.checkForNFC(quickCheck: true)
        }
        return false
    }
}
