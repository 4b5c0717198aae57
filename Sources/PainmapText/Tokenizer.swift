import Foundation

/// Splits normalized UTF-8 into tokens: words (with contractions), numbers with currency and units, URLs,
/// e-mail addresses, @mentions, #hashtags, emoticons, emoji (ZWJ sequences and skin tones included),
/// punctuation runs and symbols.
///
/// Hand-written over bytes rather than with regular expressions: this runs on every byte of every document
/// and a byte scanner with ASCII fast paths is several times faster than `Regex` or `NSRegularExpression`.
/// Tokens carry their byte range (also as their span: the span of a text whose bytes are its scalars, as
/// for ASCII) and the interned look-up form; the analyzer maps spans of other texts and adds stems.
public struct Tokenizer {
    public init() {}

    /// Whether `term` is, whole, one of the emoticons the tokenizer keeps as they are: its look-up form keeps
    /// its case ("xD" is an emoticon, not the word "xd"), so a list keyed by look-up forms must too.
    public static func isEmoticon(_ term: String) -> Bool { Emoticons.set.contains(term) }

    /// Scratch space for building look-up forms without allocating per token.
    private var scratch: [UInt8] = []
    /// The document's tokens until they are copied out (TokenBuffer says why). A copy of the tokenizer
    /// shares it until either tokenizes (then that one makes its own, see `tokenize`).
    private var pending = TokenBuffer()

    public mutating func tokenize(_ p: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary, into out: inout [Token]) {
        out.append(contentsOf: fill(p, vocabulary: vocabulary).tokens)
    }

    /// The tokens of `p` in place of `out`'s elements (its storage is reused when `out` holds it alone).
    /// For the analyzer, which reuses one array from document to document: emptying it
    /// (`removeAll(keepingCapacity:)`, through the generic `replaceSubrange`), reserving and then appending
    /// paid the generic calls' overhead three times a document; one `replaceSubrange` from the buffer pays
    /// it once (callgrind, `painmap sentiment` on 20,000 bench lines: ~70 instructions a line, with the
    /// same change in `Normalizer.copy` ~170).
    mutating func tokenize(_ p: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary, replacingContentsOf out: inout [Token]) {
        out.replaceSubrange(0..<out.count, with: fill(p, vocabulary: vocabulary).tokens)
    }

    /// The document's tokens, in `pending` until the caller copies them out.
    private mutating func fill(_ p: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary) -> TokenBuffer {
        if !isKnownUniquelyReferenced(&pending) { pending = TokenBuffer() }
        let tokens = pending
        tokens.removeAll()
        let n = p.count
        // Tokens hold their byte offsets as Int32: checked once here, so that each token's are converted
        // without a check (four compares and branches a token in the profile, callgrind).
        precondition(n <= Int(Int32.max), "a document of 2 GB or more")
        // E-mail detection scans ahead from a word's start; only a token with an "@" at most 64 bytes ahead
        // pays for it: `emailEnd` finds an address only where the first "@" from there ends a local part of
        // at most 64 bytes. `nextAt` is that "@" (`Tokenizer.noAt` when there is none). Asked of every word
        // of a document with an "@" anywhere, as before, it cost ~24M instructions of `painmap sentiment` on
        // the 200k-line bench file, a tenth of whose lines (posts) have "@mentions" (callgrind).
        var nextAt = Tokenizer.nextAt(p, from: 0)
        var i = 0
        while i < n {
            let b = p[i]
            if CharClass.isSpace(b) { i += 1; continue }
            let start = i
            if nextAt < i { nextAt = Tokenizer.nextAt(p, from: i) }
            let hasAt = nextAt - i <= 64
            var kind = TokenKind.symbol
            var flags: TokenFlags = []
            var plainWord = false
            var end: Int
            // Whether a space (or the text's start) comes before the token: asked only by the URL and
            // emoticon tests, so found when they run. Found for every token (the compiler did not sink it),
            // it was ~15 instructions a token, ~1.1% of `painmap sentiment`'s instructions on 20,000 bench
            // lines (callgrind: tokenize's own 55.8M -> 50.6M), most of whose tokens reach neither test.
            @inline(__always) func atBoundary() -> Bool { start == 0 || CharClass.isSpace(p[start - 1]) }

            // Most tokens start with an ASCII letter. Before the word test below only a URL ("h", "w"), an
            // emoticon ("xD", "D:", "o_O") or, in a text with an "@", an e-mail address can match one: asked
            // first, in the chain's order, and when none matches the token is a word (a letter opens no
            // number, keycap, mention or hashtag). Skipping the other tests measured ~5% of tokenize; letting
            // words that start with h, w, o, T, D, B or x ("The", "was", "how", "of") and the words of texts
            // with an "@" into this branch too, with its short-word path, cut ~4% of `painmap sentiment`'s
            // per-line instructions (callgrind).
            // A lower-case letter after the first one rules out both a URL and an emoticon: "http", "www."
            // and every emoticon opening with a letter ("xD", "T_T", "o_O", "D:") have a second byte that is
            // no lower-case letter but "t", "w" (`Tokenizer.mayOpenURLOrEmoticon`). Words of "h", "w", "o",
            // "T", "D", "B" ("the", "was", "have", "of", "This") called urlEnd or emoticonEnd at ~100
            // instructions each: ~3% of `painmap sentiment`'s per-line instructions (callgrind).
            // That test first, then the first letter's: asked after "h"/"w" and `Emoticons.mayStart` (bit
            // tables, ~14 instructions), every word paid for those (the same tests: A || (B && C) for
            // (A || B) && (A || C)). With the unchecked offsets in `fill` and `isApostrophelessNegation`'s
            // pre-test: 475.5M -> 470.5M instructions of `painmap sentiment --jobs 1` on 20,000 bench lines.
            if CharClass.isASCIILetter(b),
               !Tokenizer.mayOpenURLOrEmoticon(p, i)
                || ((!(b | 0x20 == 0x68 || b | 0x20 == 0x77) || Tokenizer.urlEnd(p, i, atBoundary: atBoundary()) == nil)
                    && (!Emoticons.mayStart(b) || Tokenizer.emoticonEnd(p, i, atBoundary: atBoundary()) == nil)),
               !hasAt || Tokenizer.emailEnd(p, i) == nil {
                // The commonest token of all, a short lower-case word ending in a space or punctuation that
                // cannot continue it, is finished here from one 8-byte read: it is its own look-up form, and
                // of wordEnd's flags only the negation can apply (see `shortLowerWord`).
                if let (e, key) = Tokenizer.shortLowerWord(p, i) {
                    // A capitalized word ("The", "I") has its first byte lower-cased in `key`: the look-up
                    // form, which wordEnd and makeForm would have made.
                    var f: TokenFlags = b <= 0x5A ? .capitalized : []
                    if e - i >= 4 && p[e - 1] == 0x74 && Negations.isApostrophelessNegation(packed: key) { f.insert(.negation) }
                    let form = vocabulary.intern(packed: key)
                    tokens.append(Token(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: e), kind: .word, flags: f, form: form, stem: form, span: Span(i, e)))
                    i = Tokenizer.pastOneSpace(p, e)
                    continue
                }
                // The same for words of 8 to 15 letters, from two 8-byte reads (`mediumLowerWord`). Of its
                // flags only the negation of an 8-letter word ("shouldnt") can apply: longer words are none.
                if let (e, w0, w1) = Tokenizer.mediumLowerWord(p, i) {
                    var f: TokenFlags = b <= 0x5A ? .capitalized : []
                    if e - i == 8 && p[e - 1] == 0x74 && Negations.isApostrophelessNegation(packed: w0) { f.insert(.negation) }
                    let form = e - i == 8 ? vocabulary.intern(packed: w0) : vocabulary.intern(medium: w0, w1, count: e - i)
                    tokens.append(Token(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: e), kind: .word, flags: f, form: form, stem: form, span: Span(i, e)))
                    i = Tokenizer.pastOneSpace(p, e)
                    continue
                }
                // And short contractions ("don't", "it's", "I'm"), whose flags are the contraction and the
                // negation of "n't" (`shortContraction`).
                if let (e, key, negation) = Tokenizer.shortContraction(p, i) {
                    var f: TokenFlags = b <= 0x5A ? [.capitalized, .contraction] : .contraction
                    if negation { f.insert(.negation) }
                    let form = vocabulary.intern(packed: key)
                    tokens.append(Token(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: e), kind: .word, flags: f, form: form, stem: form, span: Span(i, e)))
                    i = Tokenizer.pastOneSpace(p, e)
                    continue
                }
                (end, flags, plainWord) = Tokenizer.wordEnd(p, i, lookupForm: ())
                kind = .word
            } else if b < 0x80, !CharClass.isASCIIAlnum(b), b != 0x23, b != 0x2A, b != 0x40, b != 0x24 {
                // ASCII punctuation and symbols (",", ".", "!", "(", "-", ...: about one token in eight),
                // but "#", "*" (keycaps, hashtags), "@" (mentions) and "$" (amounts): of the chain below
                // only an emoticon can match one (no URL, e-mail, number or keycap starts with such a byte,
                // and one byte below 0x80 is no letter or emoji), then runs of "!?" and ".-~", then the byte
                // alone. Decided here without the calls of the chain (urlEnd, numberEnd, keycapEnd,
                // isEmojiStart, isPunctuation, makeForm): 462.5M -> 453.8M instructions of `painmap
                // sentiment --jobs 1` on 20,000 bench lines (callgrind), ~200 fewer such a token.
                if Emoticons.mayStart(b), let e = Tokenizer.emoticonEnd(p, i, atBoundary: atBoundary()) {
                    end = e; kind = .emoticon
                } else if b == 0x21 || b == 0x3F {            // runs of ! and ?: "!!!", "?!"
                    end = i + 1
                    while end < n, p[end] == 0x21 || p[end] == 0x3F { end += 1 }
                    kind = .punctuation
                } else if b == 0x2E || b == 0x2D || b == 0x7E {  // runs of . - ~ ("*" is not taken here)
                    end = i + 1
                    while end < n, p[end] == b { end += 1 }
                    kind = .punctuation
                } else {
                    end = i + 1
                    kind = Tokenizer.isASCIIPunctuation(b) ? .punctuation : .symbol
                }
                // Emoticons, punctuation and symbols are their own look-up form (`makeForm`).
                let form = vocabulary.intern(UnsafeBufferPointer(rebasing: p[start..<end]))
                tokens.append(Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), kind: kind,
                                    flags: [], form: form, stem: form, span: Span(start, end)))
                i = Tokenizer.pastOneSpace(p, end)
                continue
            } else if let e = Tokenizer.urlEnd(p, i, atBoundary: atBoundary()) {
                end = e; kind = .url
            } else if Emoticons.mayStart(b), let e = Tokenizer.emoticonEnd(p, i, atBoundary: atBoundary()) {
                // `mayStart` first (bit tables, no call): most of these tokens are punctuation that starts no
                // emoticon (".", ",", "!"), and the call with its look-up of `byFirstByte` (a lazily made
                // global) was ~100 instructions a line of `painmap sentiment` (callgrind).
                end = e; kind = .emoticon
            } else if hasAt, let e = Tokenizer.emailEnd(p, i) {
                end = e; kind = .email
            } else if b == 0x23, let e = Tokenizer.keycapEnd(p, i) {
                // "#️⃣" before hashtags: U+FE0F is a mark, so it would pass as a tag character.
                end = e; kind = .emoji
            } else if (b == 0x40 || b == 0x23), i + 1 < n, Tokenizer.isTagChar(p, i + 1) {   // @mention, #hashtag
                end = i + 1
                while end < n, Tokenizer.isTagChar(p, end) { end += CharClass.decode(p, end).1 }
                kind = b == 0x40 ? .mention : .hashtag
            } else if let e = Tokenizer.numberEnd(p, i) {
                end = e; kind = .number
            } else if let e = Tokenizer.keycapEnd(p, i) {
                end = e; kind = .emoji
            } else {
                let (v, len) = CharClass.decode(p, i)
                if CharClass.isLetter(v) {
                    (end, flags, plainWord) = Tokenizer.wordEnd(p, i, lookupForm: ())
                    kind = .word
                } else if CharClass.isEmojiStart(v) {
                    end = Tokenizer.emojiEnd(p, i)
                    kind = .emoji
                } else if b == 0x21 || b == 0x3F {            // runs of ! and ?: "!!!", "?!"
                    end = i + 1
                    while end < n, p[end] == 0x21 || p[end] == 0x3F { end += 1 }
                    kind = .punctuation
                } else if b == 0x2E || b == 0x2D || b == 0x2A || b == 0x7E {  // runs of . - * ~
                    end = i + 1
                    while end < n, p[end] == b { end += 1 }
                    kind = .punctuation
                } else {
                    end = i + len
                    kind = Tokenizer.isPunctuation(v) ? .punctuation : .symbol
                }
            }
            // Words already in look-up form are interned straight from the document's bytes.
            let form = plainWord ? vocabulary.intern(UnsafeBufferPointer(rebasing: p[start..<end]))
                : makeForm(p, start, end, kind: kind, flags: &flags, vocabulary: vocabulary)
            tokens.append(Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), kind: kind, flags: flags,
                             form: form, stem: form, span: Span(start, end)))
            i = Tokenizer.pastOneSpace(p, end)
        }
        return tokens
    }

    /// `i`, or `i + 1` when a space is there: most tokens are followed by one space, which the loop's
    /// top would skip in an iteration of its own (callgrind, `painmap sentiment --jobs 1` on 20,000 bench
    /// lines: `fill`'s own instructions 39.5M -> 38.7M).
    @inline(__always)
    static func pastOneSpace(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        i < p.count && p[i] == 0x20 ? i + 1 : i
    }

    /// The index of the first "@" at or after `from`, or `noAt`.
    static func nextAt(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < p.count, let hit = memchr(p.baseAddress! + from, 0x40, p.count - from) else { return noAt }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(p.baseAddress!)
    }
    /// `nextAt` when there is no "@": far enough that no token is within 64 bytes of it.
    @inline(__always) static var noAt: Int { Int.max / 2 }

    /// False when the byte after `i` is a lower-case ASCII letter other than "t" and "w": then no URL
    /// ("http", "www.") and no emoticon starting with a letter can start at `i` (FastPathTests checks the
    /// emoticon list). True at the end of the text.
    @inline(__always)
    static func mayOpenURLOrEmoticon(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + 1 < p.count else { return true }
        let c = p[i + 1]
        return !(c >= 0x61 && c <= 0x7A) || c == 0x74 || c == 0x77
    }

    // MARK: forms

    /// Interns the look-up form: lower case, straight apostrophes, letter runs of 3+ cut to 2, emoji without
    /// variation selectors and skin tones. Sets `.elongated` when a run was cut.
    private mutating func makeForm(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, kind: TokenKind,
                                   flags: inout TokenFlags, vocabulary: Vocabulary) -> UInt32 {
        // Zero-copy path: punctuation, emoticons, symbols, and words already in look-up form (lower-case
        // ASCII, no letter run of three) are interned straight from the document's bytes.
        switch kind {
        case .emoticon, .punctuation, .symbol:
            return vocabulary.intern(UnsafeBufferPointer(rebasing: p[a..<b]))
        case .word:
            var simple = true
            var last: UInt8 = 0, run = 0
            for i in a..<b {
                let c = p[i]
                if c >= 0x80 || (c >= 0x41 && c <= 0x5A) { simple = false; break }
                if c == last { run += 1; if run >= 3 { simple = false; break } } else { last = c; run = 1 }
            }
            if simple { return vocabulary.intern(UnsafeBufferPointer(rebasing: p[a..<b])) }
        default: break
        }
        // ASCII words with capitals or letter runs ("The", "SOOO"), e-mail, mentions and hashtags: lower-cased
        // into a stack buffer and interned from there. Appending to `scratch` byte by byte paid Array's
        // capacity and uniqueness checks on every byte (measured: makeForm ~4% -> ~2% of tokenize).
        if kind == .word || kind == .email || kind == .mention || kind == .hashtag {
            let done: UInt32? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b - a) { buf -> UInt32? in
                var n = 0
                var last: UInt8 = 0, run = 0
                for i in a..<b {
                    var c = p[i]
                    if c >= 0x80 { return nil }
                    if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                    if c == last, c >= 0x61 && c <= 0x7A {
                        run += 1
                        if run >= 3 { flags.insert(.elongated); continue }
                    } else { last = c; run = 1 }
                    buf[n] = c; n += 1
                }
                return vocabulary.intern(UnsafeBufferPointer(rebasing: buf[0..<n]))
            }
            if let done { return done }
        }
        scratch.removeAll(keepingCapacity: true)
        switch kind {
        case .emoji:
            var i = a
            while i < b {
                let (v, len) = CharClass.decode(p, i)
                if !(v == 0xFE0F || v == 0xFE0E || (v >= 0x1F3FB && v <= 0x1F3FF)) { scratch.append(contentsOf: p[i..<i + len]) }
                i += len
            }
            if scratch.isEmpty { scratch.append(contentsOf: p[a..<b]) }
        case .emoticon, .url, .number, .punctuation, .symbol:
            if kind == .url || kind == .number {
                for i in a..<b { let c = p[i]; scratch.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
            } else {
                scratch.append(contentsOf: p[a..<b])
            }
        case .word, .email, .mention, .hashtag:
            var i = a
            var last: UInt32 = 0, run = 0
            // ASCII fast path: most words never leave it.
            while i < b, p[i] < 0x80 {
                var c = p[i]
                i += 1
                if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                if UInt32(c) == last, c >= 0x61 && c <= 0x7A {
                    run += 1
                    if run >= 3 { flags.insert(.elongated); continue }
                } else { last = UInt32(c); run = 1 }
                scratch.append(c)
            }
            while i < b {
                var (v, len) = CharClass.decode(p, i)
                i += len
                if v == 0x2019 || v == 0x2018 || v == 0x02BC { v = 0x27 }        // curly apostrophes -> '
                if v >= 0x41 && v <= 0x5A { v |= 0x20 }
                else if v >= 0x80, let s = Unicode.Scalar(v), s.properties.changesWhenLowercased {
                    let lower = s.properties.lowercaseMapping.unicodeScalars
                    if lower.count == 1, let l = lower.first {
                        // One scalar ("Ö" -> "ö"): go on to the run check, so "SCHÖÖÖN" gets the form of "schööön".
                        v = l.value
                    } else {
                        for c in lower { appendScalar(c.value) }
                        last = 0; run = 0
                        continue
                    }
                }
                if v == last, CharClass.isLetter(v) {
                    run += 1
                    if run >= 3 { flags.insert(.elongated); continue }
                } else { last = v; run = 1 }
                appendScalar(v)
            }
        }
        return scratch.withUnsafeBufferPointer { vocabulary.intern($0) }
    }

    @inline(__always) private mutating func appendScalar(_ v: UInt32) {
        if v < 0x80 { scratch.append(UInt8(v)); return }
        if let s = Unicode.Scalar(v) { scratch.append(contentsOf: UTF8.encode(s)!) }
    }

    // MARK: words

    /// Words: letters and marks, digits after the first letter, inner apostrophes ("don't", "l'été"), inner
    /// hyphens ("well-made"), dotted abbreviations ("e.g.", "U.S."), and a period after known abbreviations.
    static func wordEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> (Int, TokenFlags) {
        let (end, flags, _) = wordEnd(p, start, lookupForm: ())
        return (end, flags)
    }

    /// Also says whether the word is already in look-up form (lower-case ASCII with no letter run of three),
    /// found during the same scan so that `makeForm` need not read the word again.
    /// `wordAtATime: false` runs the byte-by-byte loop alone (the definition the tests compare against).
    static func wordEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, lookupForm: Void,
                        wordAtATime: Bool = true) -> (Int, TokenFlags, Bool) {
        let n = p.count
        var i = start
        var letters = 0, upper = 0, lower = 0
        var firstUpper = false
        var apostrophe = false
        var plain = true
        var last: UInt8 = 0, run = 0
        while i < n {
            // Eight bytes at a time while the word goes on in ASCII letters and digits (nearly all words).
            if wordAtATime, i + 8 <= n {
                let k = Tokenizer.letterRun(p, i, atStart: i == start, letters: &letters, upper: &upper, lower: &lower,
                                            firstUpper: &firstUpper, last: &last, run: &run, plain: &plain)
                i += k
                if k == 8 { continue }
            }
            // ASCII fast path for letters and digits.
            let c = p[i]
            if c < 0x80 {
                if CharClass.isASCIILetter(c) {
                    letters += 1
                    if c <= 0x5A { upper += 1; if i == start { firstUpper = true } } else { lower += 1 }
                    if c == last { run += 1; if run >= 3 { plain = false } } else { last = c; run = 1 }
                    i += 1
                    continue
                }
                if i > start && CharClass.isDigit(c) { last = c; run = 1; i += 1; continue }
                // Other ASCII ends the word unless it is an inner period, apostrophe or hyphen. (This used to
                // clear `plain` first, so no word ever took the zero-copy path in `tokenize`.)
                if c != 0x2E && c != 0x27 && c != 0x2D { break }
            }
            let (v, len) = CharClass.decode(p, i)
            if CharClass.isLetter(v) || (i > start && v < 0x80 && CharClass.isDigit(UInt8(v))) {
                plain = false
                if CharClass.isLetter(v) {
                    letters += 1
                    if CharClass.isUppercase(v) { upper += 1; if i == start { firstUpper = true } }
                    else if CharClass.isLowercase(v) { lower += 1 }
                }
                i += len
                continue
            }
            // A period between digits after letters ("v2.3.1", "ios17.2") stays inside: split there, it
            // ended a sentence in the middle of "Version v2.3.1 crashed".
            if v == 0x2E, i > start, CharClass.isDigit(p[i - 1]), i + 1 < n, CharClass.isDigit(p[i + 1]) { plain = false; i += 1; continue }
            // Inner apostrophe or hyphen, followed by a letter.
            if v == 0x27 || v == 0x2019 || v == 0x2D {
                let j = i + len
                if j < n, CharClass.isLetter(CharClass.decode(p, j).0) {
                    plain = false
                    if v != 0x2D { apostrophe = true }
                    i = j
                    continue
                }
            }
            break
        }
        var flags: TokenFlags = []
        if letters >= 2 && upper >= 2 && lower == 0 { flags.insert(.allCaps) }
        if firstUpper { flags.insert(.capitalized) }
        if apostrophe { flags.insert(.contraction) }

        // Dotted abbreviation: single letters joined by periods ("e.g.", "i.e.", "U.S.", "z.B.").
        if i - start == 1, i + 2 < n, p[i] == 0x2E, CharClass.isASCIILetter(p[i + 1]) {
            var j = i
            while j + 2 <= n, p[j] == 0x2E, j + 1 < n, CharClass.isASCIILetter(p[j + 1]),
                  j + 2 == n || !CharClass.isASCIILetter(p[j + 2]) { j += 2 }
            if j > i {
                if j < n, p[j] == 0x2E { j += 1 }
                return (j, flags.union(.abbreviation), false)
            }
        }
        if i < n, p[i] == 0x2E, Abbreviations.absorbsPeriod(p, start, i) {
            return (i + 1, flags.union(.abbreviation), false)
        }
        if Negations.isNegatingContraction(p, start, i) { flags.insert(.negation) }
        return (i, flags, plain && upper == 0)
    }

    /// The end of the word at `i` and its look-up form packed into an integer, when it is 1 to 7 ASCII
    /// letters, all lower case but perhaps the first, with no letter three times in a row (once lower-cased),
    /// followed by the end of the text or an ASCII byte that cannot continue a word (not a letter, digit,
    /// apostrophe or hyphen; a period only after two or more letters that are no abbreviation).
    /// Then `wordEnd` ends it there with no flag but `.capitalized` (an upper-case first letter) and perhaps
    /// `.negation`, and its form is the word lower-cased (`makeForm` cuts no run). Nil otherwise.
    /// The end of the text and the period (a sentence's last word, often the line's) were left to wordEnd
    /// at ~400 instructions a word; taking them here cut ~0.4% of `painmap sentiment`'s per-line instructions.
    /// `@_transparent`, not `@inline(__always)`: `fill` is too large for the optimizer's inliner, which left
    /// this (and then the overload it calls) out of line even marked always, a call with four saved
    /// registers a word. Transparent functions are inlined before that limit applies (callgrind, `painmap
    /// sentiment --jobs 1` on 20,000 bench lines: 396.9M -> 389.8M instructions; `fill` with its callees
    /// 99.4M -> 92.3M). Tried first: a loop over runs of such words in a function of its own, where the
    /// inliner did inline it: +2.3M, as the runs are short (~2 words) and the word ending each was tested twice.
    @_transparent
    static func shortLowerWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt64)? {
        #if _endian(big)
        return nil
        #else
        guard i + 8 <= p.count else { return shortLowerWordAtEnd(p, i) }
        return shortLowerWord(UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self), p, i)
        #endif
    }

    /// `shortLowerWord` within 8 bytes of the end: the bytes left, then zeros (a zero is no letter, so the
    /// word stops there; text has no NUL bytes). Not inlined: most words are further from the end.
    @inline(never)
    static func shortLowerWordAtEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt64)? {
        // One copy of the bytes left into the low bytes of `x` (little-endian), for the last word of most
        // lines: assembled byte by byte with shifts and bounds checks, this function (with the test it
        // inlines) cost ~180 instructions a call, now ~110 (callgrind).
        var x: UInt64 = 0
        withUnsafeMutableBytes(of: &x) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[i...])) }
        return shortLowerWord(x, p, i)
    }

    // Byte-parallel tests on 8 bytes read little-endian (SWAR), shared by the short-word fast paths.
    // Computed, not stored: a stored static is initialized lazily, behind a check on every use.
    @inline(__always) static var swarOnes: UInt64 { 0x0101_0101_0101_0101 }
    @inline(__always) static var swarHigh: UInt64 { 0x8080_8080_8080_8080 }
    @inline(__always) static var swarLow7: UInt64 { 0x7F7F_7F7F_7F7F_7F7F }

    /// `x` with its first byte lower-cased if it is an upper-case letter: then it is judged as the rest.
    @inline(__always)
    static func firstLowerCased(_ x: UInt64) -> UInt64 {
        let first = UInt8(truncatingIfNeeded: x)
        return first >= 0x41 && first <= 0x5A ? x | 0x20 : x
    }

    /// Bit 7 of each byte of `w` that is a lower-case ASCII letter (0x61...0x7A).
    @inline(__always)
    static func lowerLetters(_ w: UInt64) -> UInt64 {
        let z = w & swarLow7
        return (z &+ swarOnes &* 0x1F) & ~(z &+ swarOnes &* 0x05) & ~w & swarHigh
    }

    /// Bit 7 of each byte of `w` within `m`, but the first, that equals the byte before it.
    @inline(__always)
    static func repeatsOfPrevious(_ w: UInt64, within m: UInt64) -> UInt64 {
        let d = w ^ (w << 8)
        return ~(((d & swarLow7) &+ swarLow7) | d) & swarHigh & m & ~UInt64(0xFF)
    }

    /// Whether byte `t`, after a word's letters, ends the word where the fast paths may end it: ASCII, no
    /// letter or digit, no apostrophe or hyphen (which `wordEnd` may take into the word).
    /// One bit test in `endsShortWordBits` (the fast paths ask it of every word): the four range and
    /// equality tests compiled to ~14 instructions a word (callgrind, 20,000 bench lines of `painmap
    /// sentiment`: `shortLowerWord` 28.9M -> 26.0M with its callees, `mediumLowerWord` 4.7M -> 4.4M).
    @inline(__always)
    static func endsShortWord(_ t: UInt8) -> Bool {
        guard t < 0x80 else { return false }
        return ((t < 0x40 ? endsShortWordBits.low : endsShortWordBits.high) >> UInt64(t & 0x3F)) & 1 != 0
    }

    /// `endsShortWord` of bytes 0x00...0x3F (bit n: byte n) and 0x40...0x7F (bit n: byte 0x40 + n): every
    /// byte but the apostrophe, the hyphen, the digits and the letters. Computed, not stored (see `swarOnes`).
    @inline(__always) static var endsShortWordBits: (low: UInt64, high: UInt64) {
        (~(1 << 0x27 | 1 << 0x2D | 0x3FF << 0x30), ~(0x3FF_FFFF << 0x01 | 0x3FF_FFFF << 0x21))
    }

    /// The definition `endsShortWord` is tested against (FastPathTests).
    static func endsShortWordReference(_ t: UInt8) -> Bool {
        t < 0x80 && !CharClass.isASCIIAlnum(t) && t != 0x27 && t != 0x2D
    }

    /// `shortLowerWord` on the 8 bytes from `i` read into `x` (little-endian). `@_transparent` as the other
    /// overload (inlined into `fill`, `shortLowerWord(_:_:)` still called this out of line).
    @_transparent
    static func shortLowerWord(_ x: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt64)? {
        #if _endian(big)
        return nil
        #else
        let w = firstLowerCased(x)
        let stop = ~lowerLetters(w) & swarHigh
        guard stop != 0 else { return nil }
        let k = stop.trailingZeroBitCount >> 3
        guard k > 0 else { return nil }
        let t = UInt8(truncatingIfNeeded: x >> UInt64(8 * k))
        guard endsShortWord(t) else { return nil }
        let m: UInt64 = (1 << UInt64(8 * k)) &- 1
        let equal = repeatsOfPrevious(w, within: m)
        guard equal & (equal << 8) == 0 else { return nil }                         // a letter three times
        // After one letter a period may start a dotted abbreviation ("e.g."); after more, wordEnd takes it
        // into the word only when `absorbsPeriod` says so.
        if t == 0x2E, k == 1 || periodAbsorbed(p, i, i + k) { return nil }
        return (i + k, w & m)
        #endif
    }

    /// `shortLowerWord` for words of 8 to 15 letters, on the 16 bytes from `i`: all lower case but perhaps
    /// the first, no letter three times in a row (once lower-cased), ended as a short word must be. Returns
    /// the end and the look-up form packed little-endian: its first 8 bytes in `w0` (the first letter
    /// lower-cased), the rest in `w1` (zero above them). Nil when fewer than 16 bytes are left (wordEnd then
    /// takes the word) or the word is not such a one.
    /// Why: `shortLowerWord` ends words of at most 7 letters; longer ones (about one word in twelve in the
    /// 200k-line bench file, `painmap sentiment`'s input) went through `wordEnd` at ~475 instructions each
    /// (callgrind: 234M instructions for 493k calls). FastPathTests checks it against `wordEnd`.
    /// `@_transparent` for the reason `shortLowerWord` gives (callgrind, `painmap sentiment --jobs 1` on
    /// 20,000 bench lines: 389.8M -> 388.3M instructions, ~29 fewer for each of the 49k calls).
    @_transparent
    static func mediumLowerWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt64, UInt64)? {
        #if _endian(big)
        return nil
        #else
        guard i + 16 <= p.count else { return nil }
        let raw = UnsafeRawPointer(p.baseAddress! + i)
        let x0 = raw.loadUnaligned(as: UInt64.self), x1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let high = swarHigh, low7 = swarLow7
        let w0 = firstLowerCased(x0)
        guard lowerLetters(w0) == high else { return nil }        // 8 letters
        let stop = ~lowerLetters(x1) & high
        guard stop != 0 else { return nil }                         // 16 letters or more
        let k = stop.trailingZeroBitCount >> 3                       // letters after the first 8
        let t = UInt8(truncatingIfNeeded: x1 >> UInt64(8 * k))
        guard endsShortWord(t) else { return nil }
        let m: UInt64 = (1 << UInt64(8 * k)) &- 1
        // Bytes equal to the one before them: in w0 (bytes 1...7), and in the word's part of x1 (byte 8
        // compared with byte 7). Two in a row, within or across the two words, make a letter three times.
        let e0 = repeatsOfPrevious(w0, within: ~0)
        let d1 = x1 ^ ((x1 << 8) | (w0 >> 56))
        let e1 = ~(((d1 & low7) &+ low7) | d1) & high & m
        guard e0 & (e0 << 8) == 0, e1 & (e1 << 8) == 0, e0 >> 63 == 0 || e1 & 0x80 == 0 else { return nil }
        if t == 0x2E, periodAbsorbed(p, i, i + 8 + k) { return nil }
        return (i + 8 + k, w0, x1 & m)
        #endif
    }

    /// A contraction of at most 7 bytes in the 8 from `i`: lower-case letters but perhaps the first, one
    /// straight apostrophe with letters on both sides, no letter three times in a row (once lower-cased),
    /// ended as `shortLowerWord` ends a word. Then `wordEnd` ends it there with `.contraction`, `.capitalized`
    /// for a capital and `.negation` for "n't" (`Negations.isNegatingContraction`), and `makeForm` makes the
    /// word lower-cased its form. Returns the end, that form packed little-endian, and the negation.
    /// Why: these ("don't", "it's", "I'm", "can't", "didn't": ~2.5% of the words of the 200k-line bench
    /// file) went through `wordEnd` and `makeForm`, ~550 instructions a word (callgrind). FastPathTests
    /// checks it against `wordEnd`.
    static func shortContraction(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt64, Bool)? {
        #if _endian(big)
        return nil
        #else
        guard i + 8 <= p.count else { return nil }
        let x = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
        let high = swarHigh
        let w = firstLowerCased(x)
        let lower = lowerLetters(w)
        // The apostrophe: the first byte that is no lower-case letter, after at least one letter.
        let a = (~lower & high).trailingZeroBitCount >> 3
        guard a >= 1, a < 8, UInt8(truncatingIfNeeded: w >> UInt64(8 * a)) == 0x27 else { return nil }
        // The end: the first byte after the apostrophe that is no lower-case letter, after at least one.
        let after = ~lower & high & ~((1 << UInt64(8 * a + 8)) &- 1)
        guard after != 0 else { return nil }
        let k = after.trailingZeroBitCount >> 3
        guard k >= a + 2 else { return nil }
        let t = UInt8(truncatingIfNeeded: x >> UInt64(8 * k))
        guard endsShortWord(t) else { return nil }
        let m: UInt64 = (1 << UInt64(8 * k)) &- 1
        let equal = repeatsOfPrevious(w, within: m)
        guard equal & (equal << 8) == 0 else { return nil }                         // a letter three times
        if t == 0x2E, periodAbsorbed(p, i, i + k) { return nil }
        let key = w & m
        // "n't": "t" last, the apostrophe before it and "n" before that.
        let negation = k >= 4 && a == k - 2 && UInt8(truncatingIfNeeded: key >> UInt64(8 * (k - 1))) == 0x74
            && UInt8(truncatingIfNeeded: key >> UInt64(8 * (k - 3))) == 0x6E
        return (i + k, key, negation)
        #endif
    }

    /// `Abbreviations.absorbsPeriod` out of line: inlined, it slowed `shortLowerWord` for every word.
    @inline(never)
    static func periodAbsorbed(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ dot: Int) -> Bool {
        Abbreviations.absorbsPeriod(p, start, dot)
    }

    /// The bytes from `i` on that the ASCII branch of `wordEnd`'s loop would take (letters, and digits after
    /// the first byte), at most 8, read as one word: returns their count and updates the loop's state
    /// exactly as that branch would byte by byte (counts of letters and cases, the last byte and the length
    /// of its run of equal letters, capped at 3, where `plain` clears). Hand-written because scanning words
    /// was a tenth of `painmap sentiment` byte by byte; FastPathTests checks it against the loop. All masks
    /// hold a flag in bit 7 of each byte; for bytes below 0x80 the additions carry into no other byte.
    @inline(__always)
    static func letterRun(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, atStart: Bool, letters: inout Int, upper: inout Int,
                          lower: inout Int, firstUpper: inout Bool, last: inout UInt8, run: inout Int, plain: inout Bool) -> Int {
        #if _endian(big)
        return 0
        #else
        let x = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high = ones &* 0x80, low7 = ones &* 0x7F
        let ascii = ~x & high
        let y = (x | (ones &* 0x20)) & low7                                          // letters lower-cased
        let letter = (y &+ ones &* 0x1F) & ~(y &+ ones &* 0x05) & high & ascii          // 0x61 <= y <= 0x7A
        let z = x & low7
        var digit = (z &+ ones &* 0x50) & ~(z &+ ones &* 0x46) & high & ascii          // 0x30 <= z <= 0x39
        if atStart { digit &= ~UInt64(0x80) }
        let stop = ~(letter | digit) & high
        let k = stop == 0 ? 8 : stop.trailingZeroBitCount >> 3
        guard k > 0 else { return 0 }
        let m: UInt64 = k == 8 ? ~0 : (1 << UInt64(8 * k)) &- 1
        let lettersK = letter & m
        let upperK = lettersK & ~(x << 2)                                               // bit 5 clear
        let nl = lettersK.nonzeroBitCount, nu = upperK.nonzeroBitCount
        letters += nl; upper += nu; lower += nl - nu
        if atStart && upperK & 0x80 != 0 { firstUpper = true }
        // A letter equal to the byte before it (to `last` for the first byte) adds to the run.
        let d = x ^ ((x << 8) | UInt64(last))
        let equal = ~(((d & low7) &+ low7) | d) & high
        let inc = equal & lettersK
        if inc & (inc << 8) != 0 || (inc & 0x80 != 0 && run >= 2) { plain = false }
        last = UInt8(truncatingIfNeeded: x >> UInt64(8 * (k - 1)))
        let t = (~(inc << UInt64(8 * (8 - k))) & high).leadingZeroBitCount >> 3      // trailing run of increments
        run = min(t < k ? t + 1 : run + k, 3)
        return k
        #endif
    }

    // MARK: numbers

    static let unitWords: Set<String> = [
        "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours",
        "day", "days", "week", "weeks", "wk", "wks", "month", "months", "year", "years", "yr", "yrs", "times",
        "percent", "dollars", "dollar", "euros", "euro", "pounds", "bucks", "usd", "eur", "gbp", "stars", "star",
        "gb", "mb", "kb", "tb", "kg", "g", "lb", "lbs", "km", "mi", "miles", "cm", "mm", "m", "ml", "l", "items",
        "calls", "emails", "attempts", "tries", "orders", "packages", "parcels", "people",
        "tage", "wochen", "monate", "stunden", "minuten", "jahre", "mal", "stück",
    ]

    /// "$49.99", "49,99 €", "3 weeks", "2x", "10%", "5th", "24h", "1,000,000".
    static func numberEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        let n = p.count
        var i = start
        let (v0, l0) = CharClass.decode(p, i)
        if CharClass.isCurrencySymbol(v0) {
            guard i + l0 < n, CharClass.isDigit(p[i + l0]) else { return nil }
            i += l0
        } else if !(v0 < 0x80 && CharClass.isDigit(UInt8(v0))) {
            return nil
        } else if start > 0, CharClass.isASCIILetter(p[start - 1]) {
            return nil
        }
        // Keycap emoji "1️⃣" are not numbers.
        if keycapEnd(p, i) != nil { return nil }
        while i < n {
            if CharClass.isDigit(p[i]) { i += 1; continue }
            if (p[i] == 0x2E || p[i] == 0x2C || p[i] == 0x3A), i + 1 < n, CharClass.isDigit(p[i + 1]) { i += 2; continue }
            break
        }
        // Attached suffix: %, trailing currency, or up to 4 letters of unit or ordinal ("2x", "5th", "10mb").
        if i < n, p[i] == 0x25 { return i + 1 }
        var j = i
        while j < n, j - i < 5, CharClass.isASCIILetter(p[j]) { j += 1 }
        if j > i, j - i <= 4, j == n || !CharClass.isASCIIAlnum(p[j]) { return j }
        // Separate unit or currency: "3 weeks", "49,99 €".
        if i + 1 < n, p[i] == 0x20 {
            let (v, len) = CharClass.decode(p, i + 1)
            if CharClass.isCurrencySymbol(v) { return i + 1 + len }
            var k = i + 1
            while k < n, CharClass.isASCIILetter(p[k]) { k += 1 }
            if k > i + 1, k - i <= 9, k == n || !CharClass.isASCIIAlnum(p[k]) {
                let w = String(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<k]), as: UTF8.self).lowercased()
                if unitWords.contains(w) { return k }
            }
        }
        if i < n, CharClass.decode(p, i).0 == 0x20AC { return i + 3 }   // "49€"
        return i
    }

    // MARK: URLs and e-mail

    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ s: StaticString) -> Bool {
        let len = s.utf8CodeUnitCount
        guard i + len <= p.count else { return false }
        let u = s.utf8Start
        for k in 0..<len where (p[i + k] | (CharClass.isASCIILetter(p[i + k]) ? 0x20 : 0)) != u[k] { return false }
        return true
    }

    static func urlEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, atBoundary: Bool) -> Int? {
        let b = p[i] | 0x20
        guard b == 0x68 || b == 0x77 else { return nil }   // h, w
        guard hasPrefix(p, i, "http://") || hasPrefix(p, i, "https://") || (hasPrefix(p, i, "www.") && atBoundary) else { return nil }
        var j = i
        var parens = 0
        while j < p.count {
            let c = p[j]
            if CharClass.isSpace(c) || c == 0x3C || c == 0x3E || c == 0x22 { break }
            if c == 0x28 { parens += 1 } else if c == 0x29 { parens -= 1 }
            j += 1
        }
        // Trailing punctuation belongs to the sentence, not the URL.
        while j > i, ".,;:!?'\")]".utf8.contains(p[j - 1]) {
            // Keep a ")" that closes a "(" of the URL ("wiki/Foo_(bar)"): only an unmatched one is stripped.
            if p[j - 1] == 0x29 && parens >= 0 { break }
            if p[j - 1] == 0x29 { parens += 1 }
            j -= 1
        }
        return j - i > 7 || hasPrefix(p, i, "www.") && j - i > 5 ? j : nil
    }

    static func emailEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard CharClass.isASCIIAlnum(p[i]) else { return nil }
        // RFC 5321 caps the local part at 64 octets and the domain at 255. The caps also keep this scan
        // short: it runs at every token start, and unbounded it made runs like "ab_ab_ab..." quadratic.
        let localLimit = min(p.count, i + 64)
        var j = i
        while j < localLimit, CharClass.isASCIIAlnum(p[j]) || p[j] == 0x2E || p[j] == 0x5F || p[j] == 0x25 || p[j] == 0x2B || p[j] == 0x2D { j += 1 }
        guard j < p.count, p[j] == 0x40, j > i else { return nil }
        let domainLimit = min(p.count, j + 1 + 255)
        var k = j + 1
        while k < domainLimit, CharClass.isASCIIAlnum(p[k]) || p[k] == 0x2E || p[k] == 0x2D { k += 1 }
        if k == domainLimit, k < p.count, CharClass.isASCIIAlnum(p[k]) { return nil }   // domain too long
        while k > j + 1, p[k - 1] == 0x2E || p[k - 1] == 0x2D { k -= 1 }
        // The last dot of the trimmed domain: a sentence's final period ("mail me@x.org.") is not the
        // domain's dot, which made such addresses fail the check below.
        var lastDot = -1
        for d in (j + 1)..<max(k, j + 1) where p[d] == 0x2E { lastDot = d }
        guard lastDot > j + 1, lastDot < k - 2 else { return nil }
        return k
    }

    static func isTagChar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let (v, _) = CharClass.decode(p, i)
        return v == 0x5F || (v < 0x80 && CharClass.isASCIIAlnum(UInt8(v))) || (v >= 0x80 && CharClass.isLetter(v))
    }

    /// `isPunctuation` of an ASCII byte: ! " ' ( ) , - . / : ; ? [ ] { } _ `
    /// (a switch: searching a string literal per token was slow).
    @inline(__always)
    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        switch b {
        case 0x21, 0x22, 0x27, 0x28, 0x29, 0x2C, 0x2D, 0x2E, 0x2F, 0x3A, 0x3B, 0x3F, 0x5B, 0x5D, 0x7B, 0x7D, 0x5F, 0x60: return true
        default: return false
        }
    }

    // MARK: emoji and emoticons

    /// One emoji grapheme: a pictograph with its variation selector and skin tone, ZWJ sequences
    /// ("👩‍💻", "👨‍👩‍👧"), flags (two regional indicators) and tag sequences.
    static func emojiEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        let n = p.count
        let (v0, l0) = CharClass.decode(p, start)
        var i = start + l0
        if v0 >= 0x1F1E6 && v0 <= 0x1F1FF {
            if i < n { let (v1, l1) = CharClass.decode(p, i); if v1 >= 0x1F1E6 && v1 <= 0x1F1FF { i += l1 } }
            return i
        }
        while i < n {
            let (v, len) = CharClass.decode(p, i)
            if CharClass.isEmojiModifier(v) { i += len; continue }
            if v == 0x200D, i + len < n {
                let (w, wl) = CharClass.decode(p, i + len)
                if CharClass.isEmojiStart(w) { i += len + wl; continue }
            }
            break
        }
        return i
    }

    /// "1️⃣", "#️⃣": a digit, `#` or `*`, an optional variation selector, and the combining keycap.
    static func keycapEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let b = p[i]
        guard CharClass.isDigit(b) || b == 0x23 || b == 0x2A else { return nil }
        var j = i + 1
        if j + 3 <= p.count, p[j] == 0xEF, p[j + 1] == 0xB8, p[j + 2] == 0x8F { j += 3 }   // U+FE0F
        if j + 3 <= p.count, p[j] == 0xE2, p[j + 1] == 0x83, p[j + 2] == 0xA3 { return j + 3 }  // U+20E3
        return nil
    }

    static func emoticonEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, atBoundary: Bool) -> Int? {
        guard let candidates = Emoticons.byFirstByte[Int(p[i])] else { return nil }
        for e in candidates {   // longest first
            let len = e.bytes.count
            guard i + len <= p.count else { continue }
            var ok = true
            for k in 0..<len where p[i + k] != e.bytes[k] { ok = false; break }
            guard ok else { continue }
            if e.needsBoundaryBefore && !atBoundary { continue }
            if i + len < p.count {
                let next = p[i + len]
                if CharClass.isASCIIAlnum(next) { continue }
                if e.needsBoundaryAfter && !CharClass.isSpace(next) && !".,!?".utf8.contains(next) { continue }
            }
            return i + len
        }
        return nil
    }

    static func isPunctuation(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIIPunctuation(UInt8(v)) }
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
