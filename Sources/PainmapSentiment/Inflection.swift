/// The base forms an inflected English word may come from, by the spelling rules of its suffix, for the
/// lexicon fallback of words the lexicon lacks ("crashes" -> "crash", "charging" -> "charge").
///
/// Why spelling rules and not every suffix cut: a blind cut finds unrelated lexicon words, and customer
/// feedback is full of them. "rating", "rated" and "rates" cut to "rat" (-1.2), "wines" to "win",
/// "dudes" to "dud". English spelling says which cut is possible:
/// - "-es" is a plural or third person only after s, x, z, ch, sh or o ("crashes", "fixes", "goes");
///   elsewhere the word ends in "-e" + "s" ("rates" is "rate" + "s").
/// - "-ed" and "-ing" after one syllable that ends consonant-vowel-consonant come from a base with a silent
///   e: a base "rat" would have doubled its t ("ratted"), so "rated" and "rating" come from "rate", "hoping"
///   from "hope". w, x and y never double, so "played", "fixed" and "snowing" keep their stem.
///   The doubling itself is not undone: "topped up" and "banning" would become "top" and "ban".
enum Inflection {
    /// Candidate base forms of `word` (ASCII bytes, any case), most likely first; empty when no suffix
    /// rule applies. Stems shorter than three letters are not tried ("used" is not "us").
    static func baseForms(of word: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        word.withUnsafeBufferPointer { w in
            forEachBaseForm(of: w) { stem, extra in
                out.append(Array(w[0..<stem]) + (extra.map { [$0] } ?? []))
                return false
            }
        }
        return out
    }

    /// The rules of `baseForms`, without building arrays: calls `body` with each candidate, in the same order,
    /// as the length of the prefix of `word` it keeps and the letter it appends (y or e), if any, until `body`
    /// returns true; returns whether it did. The scorer's fallback runs this for every form new to a worker
    /// that the lexicon lacks: the arrays of `baseForms` (the word's copy, a stem and candidate each, and their
    /// releases) were ~1,600 of the ~2,300 instructions of each such look-up (callgrind, 50k bench lines).
    @discardableResult
    static func forEachBaseForm(of word: UnsafeBufferPointer<UInt8>, _ body: (_ stem: Int, _ extra: UInt8?) -> Bool) -> Bool {
        let w = word.count
        // A StaticString compared in place: `Array(suffix.utf8)` and `zip` made each of the eight tests
        // cost ~1,000 instructions, and every form new to a worker that the lexicon lacks runs them all
        // (callgrind: baseForms was ~15% of `painmap sentiment` on 20,000 lines).
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount, u = suffix.utf8Start
            guard w >= n else { return false }
            for k in 0..<n where word[w - n + k] | 0x20 != u[k] { return false }
            return true
        }
        func stem(dropping n: Int) -> Int? { w - n >= minimumStem ? w - n : nil }
        let y: UInt8 = 0x79, e: UInt8 = 0x65
        /// The bases of a verb stem left by cutting "-ed" or "-ing": with a silent e after a one-syllable
        /// consonant-vowel-consonant stem, else the stem itself and then with e.
        func verbBases(_ s: Int) -> Bool {
            let stem = UnsafeBufferPointer(rebasing: word[0..<s])
            if isMonosyllabicCVC(stem) { return body(s, e) }
            return body(s, nil) || body(s, e)
        }

        if ends("ies"), let s = stem(dropping: 3), body(s, y) { return true }
        if ends("es"), let s = stem(dropping: 2), takesEs(UnsafeBufferPointer(rebasing: word[0..<s])), body(s, nil) { return true }
        if ends("s"), !ends("ss"), let s = stem(dropping: 1), body(s, nil) { return true }
        if ends("ied"), let s = stem(dropping: 3), body(s, y) { return true }
        if ends("ed"), let s = stem(dropping: 2), verbBases(s) { return true }
        if ends("ing"), let s = stem(dropping: 3), verbBases(s) { return true }
        if ends("ly"), let s = stem(dropping: 2), body(s, nil) { return true }
        if ends("ily"), let s = stem(dropping: 3), body(s, y) { return true }
        return false
    }

    /// Stems shorter than this are not tried: too many short words are something else.
    static let minimumStem = 3

    /// "-es" follows these endings: s, x, z, ch, sh, o.
    private static func takesEs(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let last = s[s.count - 1] | 0x20, before = s[s.count - 2] | 0x20
        return last == 0x73 || last == 0x78 || last == 0x7A || last == 0x6F                        // s x z o
            || (last == 0x68 && (before == 0x63 || before == 0x73))                                // ch, sh
    }

    /// One vowel group, ending consonant + vowel + consonant (not w, x or y): "rat", "hop", "lov".
    private static func isMonosyllabicCVC(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        let last = s[n - 1] | 0x20
        guard !isVowel(last), last != 0x77, last != 0x78, last != 0x79,                            // w x y
              isVowel(s[n - 2] | 0x20), !isVowel(s[n - 3] | 0x20) else { return false }
        var groups = 0, inVowels = false
        for x in s {
            let v = isVowel(x | 0x20)
            if v && !inVowels { groups += 1 }
            inVowels = v
        }
        return groups == 1
    }

    private static func isVowel(_ c: UInt8) -> Bool { c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 }   // a e i o u
}
