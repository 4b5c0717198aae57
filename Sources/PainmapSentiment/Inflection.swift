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
        // A StaticString compared in place: `Array(suffix.utf8)` and `zip` made each of the eight tests
        // cost ~1,000 instructions, and every form new to a worker that the lexicon lacks runs them all
        // (callgrind: baseForms was ~15% of `painmap sentiment` on 20,000 lines).
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount, u = suffix.utf8Start, w = word.count
            guard w >= n else { return false }
            for k in 0..<n where word[w - n + k] | 0x20 != u[k] { return false }
            return true
        }
        func stem(dropping n: Int) -> [UInt8]? { word.count - n >= minimumStem ? Array(word.dropLast(n)) : nil }

        if ends("ies"), let s = stem(dropping: 3) { out.append(s + [0x79]) }                      // y
        if ends("es"), let s = stem(dropping: 2), takesEs(s) { out.append(s) }
        if ends("s"), !ends("ss"), let s = stem(dropping: 1) { out.append(s) }
        if ends("ied"), let s = stem(dropping: 3) { out.append(s + [0x79]) }
        if ends("ed"), let s = stem(dropping: 2) { out += bases(ofVerbStem: s) }
        if ends("ing"), let s = stem(dropping: 3) { out += bases(ofVerbStem: s) }
        if ends("ly"), let s = stem(dropping: 2) { out.append(s) }
        if ends("ily"), let s = stem(dropping: 3) { out.append(s + [0x79]) }
        return out
    }

    /// Stems shorter than this are not tried: too many short words are something else.
    static let minimumStem = 3

    /// The bases of a verb stem left by cutting "-ed" or "-ing".
    private static func bases(ofVerbStem s: [UInt8]) -> [[UInt8]] {
        if isMonosyllabicCVC(s) { return [s + [0x65]] }                                           // + e
        return [s, s + [0x65]]
    }

    /// "-es" follows these endings: s, x, z, ch, sh, o.
    private static func takesEs(_ s: [UInt8]) -> Bool {
        let last = s[s.count - 1] | 0x20, before = s[s.count - 2] | 0x20
        return last == 0x73 || last == 0x78 || last == 0x7A || last == 0x6F                        // s x z o
            || (last == 0x68 && (before == 0x63 || before == 0x73))                                // ch, sh
    }

    /// One vowel group, ending consonant + vowel + consonant (not w, x or y): "rat", "hop", "lov".
    private static func isMonosyllabicCVC(_ s: [UInt8]) -> Bool {
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
