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
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            return word.count >= s.count && zip(word.suffix(s.count), s).allSatisfy { $0 | 0x20 == $1 }
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
        return "sxzo".utf8.contains(last) || (last == 0x68 && (before == 0x63 || before == 0x73))  // ch, sh
    }

    /// One vowel group, ending consonant + vowel + consonant (not w, x or y): "rat", "hop", "lov".
    private static func isMonosyllabicCVC(_ s: [UInt8]) -> Bool {
        let n = s.count
        let c = s.map { $0 | 0x20 }
        guard !isVowel(c[n - 1]), !"wxy".utf8.contains(c[n - 1]), isVowel(c[n - 2]), !isVowel(c[n - 3]) else { return false }
        var groups = 0, inVowels = false
        for x in c {
            let v = isVowel(x)
            if v && !inVowels { groups += 1 }
            inVowels = v
        }
        return groups == 1
    }

    private static func isVowel(_ c: UInt8) -> Bool { "aeiou".utf8.contains(c) }
}
