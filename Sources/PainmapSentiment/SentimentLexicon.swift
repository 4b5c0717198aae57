import PainmapText

/// painmap's sentiment word lists, loaded once from `lexicons/<lang>/` and shared read-only by every thread.
///   sentiment.tsv    term -> valence (-4...4), words, slang, emoticons, emoji
///   phrases.tsv      multiword expressions that beat their words ("waste of money")
///   modifiers.tsv    boosters (> 0) and dampeners (< 0), single or multiword ("extremely", "kind of")
///   negations.txt    negation cues ("not", "never", "without", "hardly")
///   contrastive.tsv  connectives and the weight of the words before / after them ("but", "although")
/// `SentimentScorer` reads two more: irrealis.txt (wish cues) and mild.txt (everyday mild words that count only
/// where asserted, see SentimentScorer+Mild.swift).
public struct SentimentLexicon: Sendable {
    public let valences: [String: Double]
    public let phrases: [[String]: Double]
    public let modifiers: [[String]: Double]
    public let negations: Set<String>
    public let contrastives: [[String]: (before: Double, after: Double)]
    /// Longest phrase, modifier and connective, in words: bounds the look-ahead.
    public let longestPhrase: Int
    public let directory: String
    /// The language these lists are for: the folder's name ("en"). Stored: it is compared per document.
    public let language: String
    /// The single-word entries by their bytes, built once here and shared by every worker's scorer.
    public let terms: SentimentTerms

    /// The lists of multiword entries, as `load(directory:alongside:)` hands them out.
    public struct MultiwordLists {
        public let phrases: [[String]: Double]
        public let modifiers: [[String]: Double]
        public let contrastives: [[String]: (before: Double, after: Double)]
        public let directory: String
    }

    /// `alongside` gets the multiword lists as soon as they are read, on the calling thread, while another
    /// thread still reads sentiment.tsv (which takes longer): work that needs only them is done in time
    /// that thread would otherwise wait (`painmap sentiment` lays out the scorer's multiword tables there).
    /// Its error, if any, comes after the lexicon's own.
    public static func load(directory: String, alongside: (MultiwordLists) throws -> Void = { _ in }) throws -> SentimentLexicon {
        // sentiment.tsv (~11,500 rows) is read on another thread while this one reads the other lists:
        // loading the lexicon was over half of `painmap sentiment`'s start-up, on one core. Its errors
        // still come first, as when the files were read one after the other.
        // That thread also starts the byte table of terms with them (`SentimentTerms.Builder`): reading the
        // other lists takes longer than sentiment.tsv, and the whole table built after both was ~12.5M
        // instructions more on this thread (callgrind).
        let pendingValences = Pending<([String: Double], SentimentTerms.Builder)>()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            pendingValences.result = Result { try readValences(directory + "/sentiment.tsv") }
        }
        let others = Result { try readMultiword(directory: directory) }
        var alongsideError: (any Error)? = nil
        if case .success(let (phrases, modifiers, _, contrastives)) = others {
            do { try alongside(MultiwordLists(phrases: phrases, modifiers: modifiers, contrastives: contrastives, directory: directory)) }
            catch { alongsideError = error }
        }
        group.wait()
        // Taken out of `pendingValences`, not copied: while it still held the builder, `add` appending to the
        // builder's three tables copied each of them first (~0.5M instructions, callgrind).
        let valences: [String: Double]
        var termsBuilder: SentimentTerms.Builder
        (valences, termsBuilder) = try pendingValences.result.take()!.get()
        let (phrases, modifiers, negations, contrastives) = try others.get()
        if let alongsideError { throw alongsideError }
        termsBuilder.add(modifiers: modifiers, negations: negations)
        // The lengths read in place: through arrays of the keys and `map(\.count)`, each of the ~4,600 keys
        // went through `swift_getAtKeyPath`, ~3.4M instructions on the thread every worker waits for (callgrind).
        let longest = [phrases.keys.lazy.map { $0.count }.max(), modifiers.keys.lazy.map { $0.count }.max(),
                       contrastives.keys.lazy.map { $0.count }.max()].compactMap { $0 }.max() ?? 1
        return SentimentLexicon(valences: valences, phrases: phrases, modifiers: modifiers, negations: negations,
                                contrastives: contrastives, longestPhrase: longest, directory: directory,
                                language: (directory as NSString).lastPathComponent,
                                terms: SentimentTerms(termsBuilder))
    }

    /// A result handed from the thread that computes it to the one that waits for it (a DispatchGroup).
    private final class Pending<T>: @unchecked Sendable { var result: Result<T, any Error>? }

    /// Room reserved in the table of valences per line of sentiment.tsv. Twice the rows: sized for the rows
    /// alone it was ~70% full, and inserts compared their terms with others on the way (~1.3M instructions
    /// in String comparisons; the thread reading sentiment.tsv went from ~24.0M to ~23.0M, callgrind). The
    /// table is also read while scoring.
    private static let valenceSlotsPerRow = 2

    /// sentiment.tsv: term -> valence, and the byte table of its terms (`SentimentTerms.Builder`), filled
    /// row by row. A term listed more than once gets the mean of its valences: sum and count, added in file
    /// order (an array per term cost an allocation for each of the ~11,000 terms).
    private static func readValences(_ path: String) throws -> ([String: Double], SentimentTerms.Builder) {
        // Sized for every row up front, and each row's entry updated in one access: growing the table and
        // hashing each term twice were ~9M instructions of start-up (callgrind), on the thread the
        // workers wait for. Iteration order of a Dictionary is per process anyway; nothing depends on it.
        // Rows read in place (`DataFile.scan`), not as an array of String fields each.
        // Each term's valence goes straight into the table it is returned in; the few terms listed more
        // than once also get their sum and count on the side, and their mean at the end. Sums and counts
        // for every term, then a second table of their means (`mapValues`), were ~2M instructions more.
        // The same values: a term's first valence is its sum, and a sum divided by 1 is itself.
        // The byte table gets each row's valence too (the last of a repeated term's, then its mean): a
        // term's id is that of its NFC form, so canonically equivalent terms, one key of `valences`, share it.
        var valences: [String: Double] = [:]
        var terms = SentimentTerms.Builder()
        var repeated: [String: (sum: Double, count: Int)] = [:]
        try DataFile.scan(path, lineCount: { valences.reserveCapacity(valenceSlotsPerRow * $0); terms.reserve(rows: $0) }) { row in
            // `key(bytes:)`, and the id of a key that is its own bytes, interned from them.
            let (term, id) = try row.withField(0, "term") { p -> (String, Int?) in
                let term = String(decoding: p, as: UTF8.self)
                return isKeyForm(p) ? (term, terms.id(asciiKey: p)) : (keyByRules(term), nil)
            }
            guard !term.isEmpty else { throw DataFileError(file: row.file, line: row.line, "empty term") }
            // As a sum from 0 (what the table held before): "-0" is stored as 0.
            let v = 0 + (try row.double(1, "valence", in: -4...4))
            terms.valence[id ?? terms.id(term)] = v
            guard let earlier = valences.updateValue(v, forKey: term) else { return }
            if repeated[term] == nil { repeated[term] = (earlier, 1) }
            repeated[term]!.sum += v; repeated[term]!.count += 1
        }
        for (term, r) in repeated {
            valences[term] = r.sum / Double(r.count)
            terms.valence[terms.id(term)] = r.sum / Double(r.count)
        }
        return (valences, terms)
    }

    /// phrases.tsv, modifiers.tsv, negations.txt and contrastive.tsv.
    private static func readMultiword(directory: String) throws
        -> ([[String]: Double], [[String]: Double], Set<String>, [[String]: (before: Double, after: Double)]) {
        var phrases: [[String]: Double] = [:]
        let phrasesPath = directory + "/phrases.tsv"
        try DataFile.scan(phrasesPath, lineCount: { phrases.reserveCapacity($0) }) { row in   // no regrowth
            let words = try row.withField(0, "phrase", SentimentLexicon.words(bytes:))
            guard words.count >= 2 else {
                throw DataFileError(file: row.file, line: row.line, "a phrase needs at least two words (single words go in sentiment.tsv)")
            }
            // A second row for a phrase would silently replace the first: whoever edits the file must pick one.
            // Found by the insert itself, and the first row's line looked up only then: a table of every
            // phrase's line, and a look-up in it before each insert, were ~8M instructions of start-up on the
            // thread every worker waits for (callgrind). The duplicate is still reported before a bad value.
            let value: Double
            do { value = try row.double(1, "valence", in: -4...4) } catch {
                if phrases[words] != nil { throw try duplicatePhrase(words, row, phrasesPath) }
                throw error
            }
            if phrases.updateValue(value, forKey: words) != nil { throw try duplicatePhrase(words, row, phrasesPath) }
        }
        var modifiers: [[String]: Double] = [:]
        try DataFile.scan(directory + "/modifiers.tsv") { row in
            modifiers[try row.withField(0, "modifier", SentimentLexicon.words(bytes:))] = try row.double(1, "scalar", in: -2...2)
        }
        let negations = Set(try DataFile.wordList(directory + "/negations.txt").map(SentimentLexicon.key))
        var contrastives: [[String]: (Double, Double)] = [:]
        try DataFile.scan(directory + "/contrastive.tsv") { row in
            contrastives[try row.withField(0, "connective", SentimentLexicon.words(bytes:))] =
                (try row.double(1, "before_weight", in: 0...4), try row.double(2, "after_weight", in: 0...4))
        }
        return (phrases, modifiers, negations, contrastives)
    }

    /// The error for a phrase listed twice, at `row`, naming the line of its first row in `path`.
    private static func duplicatePhrase(_ words: [String], _ row: TSVLine, _ path: String) throws -> DataFileError {
        let first = try DataFile.rows(path).first { SentimentLexicon.words($0.fields[0]) == words }?.line ?? row.line
        return DataFileError(file: row.file, line: row.line, "'\(words.joined(separator: " "))' is already on line \(first)")
    }

    public static func load(lexicons: String? = nil, language: String = "en",
                            alongside: (MultiwordLists) throws -> Void = { _ in }) throws -> SentimentLexicon {
        try load(directory: ResourceLocator.lexiconsDirectory(override: lexicons) + "/" + language, alongside: alongside)
    }

    /// The form a term is stored under, matching the tokenizer's look-up forms: lower case except for
    /// emoticons (":D" and ":d" differ), straight apostrophes, emoji without variation selectors or skin tones.
    static func key(_ term: String) -> String {
        // Most terms are already keys (lower-case ASCII letters, apostrophes, hyphens, no spaces around):
        // one pass over the bytes returns them as they are. Trimming, testing and re-decoding every term
        // was ~15% of `painmap sentiment`'s start-up instructions (callgrind).
        var s = term
        return s.withUTF8(isKeyForm) ? term : keyByRules(term)
    }

    /// `key` of the term whose UTF-8 bytes are `p`: the String is made from the bytes once, where `key`
    /// needed a String of the whole field first (~500 instructions a row of the lexicon, callgrind).
    static func key(bytes p: UnsafeBufferPointer<UInt8>) -> String {
        let term = String(decoding: p, as: UTF8.self)
        return isKeyForm(p) ? term : keyByRules(term)
    }

    /// Whether bytes `p` are a term that is its own key: lower-case ASCII letters, apostrophes and hyphens.
    private static func isKeyForm(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = p.first, f != 0x20, f != 0x09, let l = p.last, l != 0x20, l != 0x09 else { return false }
        for c in p where !isKeyByte(c) { return false }
        return true
    }

    /// Whether `c` may be in a term that is its own key: a lower-case ASCII letter, apostrophe or hyphen.
    @inline(__always)
    private static func isKeyByte(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A || c == 0x27 || c == 0x2D }

    /// `key` by its rules, for any term (and the reference its fast path is tested against).
    static func keyByRules(_ term: String) -> String {
        let t = term.trimmedSpaces
        // ASCII terms (most of them): the same rules on bytes. The scalar properties below cost a third of
        // `painmap sentiment`'s start-up for ~16,000 terms.
        if t.utf8.allSatisfy({ $0 < 0x80 }) {
            let isWord = t.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0x27 || $0 == 0x2D }
            // Fix (session 10): the emoticons made of letters alone ("xD", "XD", "XDD") are emoticons to the tokenizer
            // and keep their case; lower-cased here they were keys no token has, and never scored.
            guard isWord, !Tokenizer.isEmoticon(t) else { return t }
            return String(decoding: t.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        // Words are stored lower case; emoticons keep their case (":D" is not ":d"), as the tokenizer does.
        let isWord = t.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "'" || $0 == "-" || $0 == "’" }
        var out = String.UnicodeScalarView()
        for s in (isWord ? t.lowercased() : t).unicodeScalars {
            switch s.value {
            case 0x2019, 0x2018, 0x02BC: out.append("'")
            case 0xFE0F, 0xFE0E, 0x1F3FB...0x1F3FF: continue
            default: out.append(s)
            }
        }
        return out.isEmpty ? t : String(out)
    }

    static func words(_ phrase: String) -> [String] {
        var s = phrase
        return s.withUTF8(words(bytes:))
    }

    /// `words` of the phrase whose UTF-8 bytes are `p` (a field of a lexicon file, read in place).
    static func words(bytes p: UnsafeBufferPointer<UInt8>) -> [String] {
        // ASCII phrases (nearly all) are cut at spaces on bytes, which is the same cut as by Characters:
        // in ASCII only "\r\n" joins two bytes into one Character, and neither is a space. The generic
        // `split` over Characters was ~36M instructions of `painmap sentiment`'s start-up (callgrind: about
        // 8,000 calls at ~4,500 each), on the thread that waits for the others.
        // The ASCII test and the count of spaces in one pass (two were ~0.5M instructions more, callgrind).
        // The same pass tells whether every word is its own key (`plain`: lower-case letters, apostrophes,
        // hyphens and the spaces between), which then is not tested word by word (`isKeyForm`).
        var spaces = 0, plain = true
        for c in p {
            if c >= 0x80 { return wordsByRules(String(decoding: p, as: UTF8.self)) }
            if c == 0x20 { spaces += 1 } else if !isKeyByte(c) { plain = false }
        }
        var out: [String] = []
        out.reserveCapacity(spaces + 1)   // one allocation, not one per growth
        var a = 0
        for k in 0...p.count where k == p.count || p[k] == 0x20 {
            if k > a {
                let word = UnsafeBufferPointer(rebasing: p[a..<k])
                out.append(plain ? String(decoding: word, as: UTF8.self) : key(bytes: word))
            }
            a = k + 1
        }
        return out
    }

    /// `words` by Characters, for any phrase (and the reference its byte path is tested against).
    static func wordsByRules(_ phrase: String) -> [String] {
        phrase.split(separator: " ").map { key(String($0)) }
    }
}

import Foundation
