/// Emoticons the tokenizer keeps whole. Their sentiment lives in the lexicon; this list only says what
/// a token is. Longest first within each first byte, so ":-))" wins over ":-)".
enum Emoticons {
    struct Entry {
        let bytes: [UInt8]
        /// Starts with a letter, digit or bracket: only at the start of a whitespace-separated chunk, so
        /// "(see below)" or "grade D:" are not faces.
        let needsBoundaryBefore: Bool
        /// Ends with a letter or is ambiguous: must be followed by space, end or sentence punctuation.
        let needsBoundaryAfter: Bool
    }

    static let all: [String] = [
        ":)", ":-)", ":))", ":)))", ":-))", ":]", ":-]", "=)", "=]", ":D", ":-D", "=D", ":DD", ";D",
        "xD", "XD", "xDD", "XDD", ":P", ":-P", ":p", ":-p", "=P", ";)", ";-)", ";))", ";P", ";p", ";-P",
        ":(", ":-(", ":((", ":(((", ":[", ":-[", "=(", ":'(", ":'-(", ":’(", ":''(", ":'))", ":')", ":'D",
        ":/", ":-/", ":\\", ":-\\", "=/", ":|", ":-|", ":o", ":O", ":-o", ":-O", ":0", ":*", ":-*", ":x",
        ":X", ":S", ":s", ":$", ":@", ":3", "=3", ">:(", ">:-(", ">:[", ">:)", ">:D", "D:", "D-:", "<3",
        "<33", "<333", "</3", "<\\3", "^_^", "^^", "^.^", "^-^", "-_-", "-.-", "T_T", "T.T", "TT_TT", ";_;",
        "o_O", "O_o", "o.O", "O.o", "0_0", "o_o", "O_O", ">_<", ">.<", "(:", "(-:", "):", ")-:", "B)", "B-)",
        "8-)", "¯\\_(ツ)_/¯", "\\o/", "\\o", "o/", ":-#", ":#", "%)", "<(^_^)>", "(^_^)", "(>_<)", "(T_T)",
    ]

    /// `all` as a set, for `Tokenizer.isEmoticon`.
    static let set = Set(all)

    /// Bit `b` set when an emoticon starts with ASCII byte `b` (bytes 64...127 in `firstBytesHigh`): the
    /// tokenizer's word fast path asks this for every word. Literals, so reading them needs no lazy
    /// initialization (a computed table cost a `swift_once` call per word in profiles); FastPathTests
    /// checks them against `all`.
    static let firstBytesLow: UInt64 = 0x7D01_2320_0000_0000
    static let firstBytesHigh: UInt64 = 0x0100_8000_5110_8014

    @inline(__always)
    static func mayStart(_ b: UInt8) -> Bool {
        if b >= 128 { return byFirstByte[Int(b)] != nil }
        return (b < 64 ? firstBytesLow >> UInt64(b) : firstBytesHigh >> UInt64(b - 64)) & 1 != 0
    }

    static let byFirstByte: [[Entry]?] = {
        var table = [[Entry]?](repeating: nil, count: 256)
        for e in all {
            let u = Array(e.utf8)
            let first = u[0]
            let last = u[u.count - 1]
            let entry = Entry(
                bytes: u,
                needsBoundaryBefore: !(first == 0x3A || first == 0x3B || first == 0x3D),   // : ; =
                needsBoundaryAfter: CharClass.isASCIILetter(last) || CharClass.isDigit(last) || e == "):" || e == "D:")
            if table[Int(first)] == nil { table[Int(first)] = [] }
            table[Int(first)]!.append(entry)
        }
        for k in 0..<256 { table[k]?.sort { $0.bytes.count > $1.bytes.count } }
        return table
    }()
}

/// Abbreviations whose period does not end a sentence.
enum Abbreviations {
    static let always: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "approx", "dept", "inc", "ltd",
        "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "fig", "cf", "ca", "al", "esp", "incl", "excl",
        "min", "max", "avg", "est", "govt", "hr", "hrs", "tel", "ave", "blvd", "rd", "apt", "ref", "msg",
        "bzw", "usw", "ggf", "inkl", "evtl", "ca", "str", "nr", "tel", "vgl", "sog", "zzgl", "mio", "mrd",
    ]
    /// Abbreviations only when a number follows: "No. 5", "p. 12", "Art. 3" (but "I said no." ends).
    static let beforeNumber: Set<String> = ["no", "vol", "p", "pp", "art", "ch", "sec", "op", "ex"]

    /// Whether the word `start..<dot` followed by the period at `dot` is an abbreviation.
    static func absorbsPeriod(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ dot: Int) -> Bool {
        let len = dot - start
        if len == 1, CharClass.isUppercase(UInt32(p[start])) {
            // An initial ("J. Smith"), unless it is the pronoun "I" ending a sentence.
            return p[start] != 0x49 && dot + 2 < p.count && p[dot + 1] == 0x20 && CharClass.isUppercase(UInt32(p[dot + 2]))
        }
        guard len <= 6 else { return false }
        // ASCII words (nearly all) lower-cased and packed into an integer: building and lower-casing a
        // String for every word before a period, then hashing it, was ~1.5% of `painmap sentiment` (perf).
        var key: UInt64 = 0
        for k in 0..<len {
            let c = p[start + k]
            if c >= 0x80 { return absorbsPeriodByString(p, start, dot) }
            key |= UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) << (8 * UInt64(k))
        }
        return absorbs(always: alwaysKeys.contains(key), etc: key == etcKey, beforeNumber: beforeNumberKeys.contains(key), p, dot)
    }

    /// `absorbsPeriod` through `String.lowercased()`: for words with non-ASCII letters (and the reference
    /// the packed path is tested against).
    static func absorbsPeriodByString(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ dot: Int) -> Bool {
        let w = String(decoding: UnsafeBufferPointer(rebasing: p[start..<dot]), as: UTF8.self).lowercased()
        return absorbs(always: always.contains(w), etc: w == "etc", beforeNumber: beforeNumber.contains(w), p, dot)
    }

    private static func absorbs(always: Bool, etc: Bool, beforeNumber: Bool, _ p: UnsafeBufferPointer<UInt8>, _ dot: Int) -> Bool {
        if always {
            // "etc." may still end a sentence: not an abbreviation when a capitalized word follows a space.
            if etc, dot + 2 < p.count, p[dot + 1] == 0x20 || p[dot + 1] == 0x0A, CharClass.isUppercase(UInt32(p[dot + 2])) { return false }
            return true
        }
        if beforeNumber {
            var j = dot + 1
            while j < p.count, p[j] == 0x20 { j += 1 }
            return j < p.count && CharClass.isDigit(p[j])
        }
        return false
    }

    /// The ASCII words of a list packed as `absorbsPeriod` packs them.
    private static func packed(_ words: Set<String>) -> Set<UInt64> {
        Set(words.map { w in w.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) } })
    }
    static let alwaysKeys = PackedWordSet(packed(always))
    static let beforeNumberKeys = PackedWordSet(packed(beforeNumber))
    static let etcKey = packed(["etc"]).first!
}

/// Negation visible in the token: "n't" contractions (straight or curly), "cannot", and the apostrophe-less
/// spellings people type ("dont", "cant").
enum Negations {
    static let apostropheless: [String] = [
        "dont", "cant", "wont", "isnt", "wasnt", "didnt", "doesnt", "couldnt", "shouldnt", "wouldnt", "arent",
        "werent", "havent", "hasnt", "hadnt", "aint", "mustnt", "neednt", "cannot", "mightnt", "shant",
    ]
    /// The same words packed into 64-bit integers (at most 8 ASCII letters each), so the check runs on
    /// every word without building a `String`.
    static let packed: [UInt64] = apostropheless.map { pack(Array($0.utf8)[...]) }

    /// The same words packed little-endian, as `Tokenizer.shortLowerWord` packs a word's look-up form.
    static let littleEndianKeys: [UInt64] = apostropheless.map { w in
        w.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// `isNegatingContraction` for a word `shortLowerWord` took, from its packed look-up form: such a word is
    /// ASCII letters only (no apostrophe), so only the apostrophe-less spellings can match, and its form is
    /// the word lower-cased, as `pack` compares it. Measured: ~300 instructions a call through the general
    /// test (slices, a byte loop, packing) for the ~1 word in 25 that ends in "t"; ~50 here.
    @inline(__always)
    static func isApostrophelessNegation(packed key: UInt64) -> Bool {
        // All of them end in "nt" but "cannot" ("ot"): a word with another letter before its last (most
        // words ending in "t": "that", "just", "great", "about") is none, without the scan of the list
        // (~21 compares; callgrind, `painmap sentiment` on 20,000 bench lines: ~390k iterations).
        let length = (64 - key.leadingZeroBitCount + 7) >> 3
        guard length >= 2 else { return false }
        let nextToLast = UInt8(truncatingIfNeeded: key >> UInt64(8 * (length - 2)))
        guard nextToLast == 0x6E || nextToLast == 0x6F else { return false }
        for k in littleEndianKeys where k == key { return true }
        return false
    }

    @inline(__always)
    static func pack<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var v: UInt64 = 0
        for b in bytes { v = (v << 8) | UInt64(b | 0x20) }
        return v
    }

    static func isNegatingContraction(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        let len = b - a
        guard len >= 4, (p[b - 1] | 0x20) == 0x74 else { return false }   // all of them end in "t"
        // ...n't with a straight apostrophe
        if p[b - 2] == 0x27, (p[b - 3] | 0x20) == 0x6E { return true }
        // ...n’t with U+2019 (E2 80 99)
        if len >= 6, p[b - 2] == 0x99, p[b - 3] == 0x80, p[b - 4] == 0xE2, (p[b - 5] | 0x20) == 0x6E { return true }
        guard len <= 8 else { return false }
        for i in a..<b where p[i] >= 0x80 { return false }
        let v = pack(UnsafeBufferPointer(rebasing: p[a..<b]))
        for k in packed where k == v { return true }   // 21 integer compares beat hashing here
        return false
    }
}
