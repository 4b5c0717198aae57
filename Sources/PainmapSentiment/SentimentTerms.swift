import Foundation
import PainmapText

/// The lexicon's single-word entries (sentiment.tsv, one-word modifiers, negations) by their UTF-8 bytes:
/// what a word form is, without building a String. In a vocabulary of its own, not the analyzer's (the
/// analyzer's ids must not change: other stages order things by them).
///
/// Built once per lexicon and shared read-only by every worker's `SentimentScorer`: it depends on the
/// lexicon alone, and each worker building its own copy was ~43M instructions of its start-up (callgrind,
/// `painmap sentiment` on empty input, most of that this table). `Vocabulary.lookup` only reads, so
/// concurrent look-ups are safe once `init` has returned; nothing interns into it afterwards.
public final class SentimentTerms: @unchecked Sendable {
    private let vocabulary: Vocabulary
    /// Per term id: its valence (sentiment.tsv), its scalar as a one-word modifier, whether it is a negation.
    let valence: [Double?]
    let modifier: [Double?]
    let negation: [Bool]

    /// The table of a finished `Builder`.
    init(_ b: Builder) {
        vocabulary = b.vocabulary
        valence = b.valence; modifier = b.modifier; negation = b.negation
    }

    /// The table being built: sentiment.tsv's terms first, then the one-word modifiers and negations. In two
    /// steps so that the first runs on the thread that read sentiment.tsv while another reads the other
    /// lists (SentimentLexicon.load): building the whole table after both was ~12.5M instructions on
    /// the thread every worker waits for (callgrind).
    struct Builder {
        /// Sized for the ~12,000 terms of sentiment.tsv, modifiers and negations: grown from the default size
        /// it rehashed three times.
        let vocabulary = Vocabulary(capacity: 1 << 14)
        var valence: [Double?] = [], modifier: [Double?] = [], negation: [Bool] = []

        /// Room reserved beyond sentiment.tsv's terms for the one-word modifiers and negations it lacks (~300 in
        /// lexicons/en): with room for 64, `add` grew each table twice, copying ~11,500 entries each time (~0.7M
        /// instructions of start-up, callgrind).
        static let otherTermsReserve = 1024

        init() {}

        /// Room for `rows` terms of sentiment.tsv and the other terms.
        mutating func reserve(rows: Int) {
            valence.reserveCapacity(rows + Builder.otherTermsReserve)
            modifier.reserveCapacity(rows + Builder.otherTermsReserve)
            negation.reserveCapacity(rows + Builder.otherTermsReserve)
        }

        /// The id of the lexicon key `key`, with a slot in each table (for `valence[id] = ...`).
        mutating func id(_ key: String) -> Int { term(key) }

        /// The id of the key whose bytes `p` are lower-case ASCII (its own NFC form), interned as they are.
        /// Used while sentiment.tsv is read, instead of a second pass over the finished table's keys as
        /// Strings (NFC check, UTF-8 view, intern): that thread went from ~25.7M to ~24.0M instructions
        /// (callgrind; the interning itself, ~4.8M, remains).
        mutating func id(asciiKey p: UnsafeBufferPointer<UInt8>) -> Int { slot(Int(vocabulary.intern(p))) }

        mutating func add(modifiers: [[String]: Double], negations: Set<String>) {
            for (words, value) in modifiers where words.count == 1 { modifier[term(words[0])] = value }
            for word in negations { negation[term(word)] = true }
        }

        /// The id of term `s`, with a slot in each table.
        private mutating func term(_ s: String) -> Int {
            // Dictionary look-ups by String compare canonically equivalent strings as equal; forms are NFC,
            // so keys are stored NFC to find the same entries.
            slot(Int(vocabulary.intern(CanonicalForm.nfc(s))))
        }

        /// `id`, after giving it a slot in each table if it is new.
        @inline(__always)
        private mutating func slot(_ id: Int) -> Int {
            if id >= valence.count {
                valence.append(nil); modifier.append(nil); negation.append(false)
            }
            return id
        }
    }

    /// The term id of the bytes `p`, or nil when no single-word entry has them.
    @inline(__always)
    func lookup(_ p: UnsafeBufferPointer<UInt8>) -> Int? { vocabulary.lookup(p).map(Int.init) }
}
