import Foundation

/// Splits a token stream into sentences. Survives abbreviations (the tokenizer already absorbed their
/// periods), decimals and URLs (single tokens), ellipses, emoji, line breaks and bullet lists.
public enum SentenceSplitter {
    public static func split(tokens: [Token], bytes: [UInt8]) -> [Range<Int>] {
        // On raw buffers: this looks at every token and the bytes around it, and Array's bounds checks
        // were a visible share of it.
        tokens.withUnsafeBufferPointer { t in bytes.withUnsafeBufferPointer { b in split(tokens: t, bytes: b) } }
    }

    /// The sentences of a document whose tokens have their spans: the ranges of `split`, each with the span
    /// from its first token's start to its last token's end. Built in one array: making the ranges and then
    /// mapping them was one more allocation per document.
    static func sentences(tokens: [Token], bytes: [UInt8]) -> [Sentence] {
        var out: [Sentence] = []
        sentences(tokens: tokens, bytes: bytes, into: &out)
        return out
    }

    /// `sentences` into `out`, emptied first (keeping its capacity: the analyzer reuses one array).
    static func sentences(tokens: [Token], bytes: [UInt8], into out: inout [Sentence]) {
        out.removeAllFew()
        tokens.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { b in
                split(tokens: t, bytes: b, into: &out, make: { r in
                    Sentence(tokens: r, span: Span(t[r.lowerBound].span.start, t[r.upperBound - 1].span.end))
                }, range: \.tokens)
            }
        }
    }

    static func split(tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        split(tokens: tokens, bytes: bytes, into: &out, make: { $0 }, range: { $0 })
        return out
    }

    /// The splitter, appending to the empty `out`, with `make` turning each range into the element stored
    /// and `range` reading it back.
    @inline(__always)
    static func split<S>(tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, into out: inout [S],
                         make: (Range<Int>) -> S, range: (S) -> Range<Int>) {
        guard !tokens.isEmpty else { return }
        var start = 0
        // Most documents are one line: then no gap between tokens holds a line break, and the gaps are not
        // scanned byte by byte for one (that scan was ~24M instructions of `painmap sentiment` on the
        // 200k-line bench file, callgrind). One memchr answers for the whole document.
        let hasNewline = !bytes.isEmpty && memchr(bytes.baseAddress!, 0x0A, bytes.count) != nil
        func newlines(_ a: Token, _ b: Token) -> Int { hasNewline ? newlinesBetween(a, b, bytes) : 0 }
        // A "sentence" of punctuation alone ("xD ." or a stray "!!") belongs to the one before it: merged as
        // each is closed (a second pass over a second array was one more allocation per document).
        func close(_ end: Int) {
            guard end > start else { return }
            if let last = out.last, (start..<end).allSatisfy({ tokens[$0].kind == .punctuation || tokens[$0].kind == .symbol }) {
                out[out.count - 1] = make(range(last).lowerBound..<end)
            } else {
                out.append(make(start..<end))
            }
            start = end
        }

        var i = -1
        while true {
            i += 1
            // On one line, only punctuation, emoji and emoticons can end a sentence: the tokens between them
            // (words, nearly all) are skipped on their kind alone. Through the whole loop body below, which
            // decides nothing for them, they cost ~28 instructions each, ~10M of `painmap sentiment` on
            // 20,000 bench lines (callgrind).
            if !hasNewline {
                while i < tokens.count, !SentenceSplitter.mayEnd(tokens[i].kind) { i += 1 }
            }
            guard i < tokens.count else { break }
            let t = tokens[i]
            // A line break before this token: a new sentence for bullets, blank lines, capitals, or
            // when the previous line ended a thought (terminal punctuation or emoji).
            if i > start {
                let breaks = newlines(tokens[i - 1], t)
                if breaks > 0 {
                    let prev = tokens[i - 1]
                    if breaks > 1 || isBullet(t, bytes) || startsUpper(t, bytes) || t.kind != .word
                        || prev.kind == .emoji || prev.kind == .emoticon || isTerminal(prev, bytes) {
                        close(i)
                    }
                }
            }
            // The "." of a numbered list item ("1. Open the app") belongs to its bullet: it ended a
            // "sentence" of just "1." before.
            if t.kind == .punctuation, isListNumberPeriod(tokens, i, bytes) { continue }
            guard isTerminal(t, bytes) else {
                // Emoji or emoticons followed by a capitalized word end a sentence in social posts.
                if (t.kind == .emoji || t.kind == .emoticon), i + 1 < tokens.count, tokens[i + 1].kind == .word,
                   startsUpper(tokens[i + 1], bytes), newlines(t, tokens[i + 1]) == 0,
                   i > start, tokens[i - 1].kind != .emoji {
                    close(i + 1)
                }
                continue
            }
            // Keep closing quotes and brackets with the sentence they close.
            var end = i + 1
            while end < tokens.count, isCloser(tokens[end], bytes), newlines(tokens[end - 1], tokens[end]) == 0 { end += 1 }
            // Ellipsis followed by a lower-case word continues the sentence ("I waited... and waited").
            if isEllipsis(t, bytes), end < tokens.count, !startsUpper(tokens[end], bytes), tokens[end].kind == .word { continue }
            // A run of emoji right after the punctuation belongs to this sentence.
            while end < tokens.count, tokens[end].kind == .emoji || tokens[end].kind == .emoticon,
                  newlines(tokens[end - 1], tokens[end]) == 0 { end += 1 }
            close(end)
        }
        close(tokens.count)
    }

    /// Whether a token of this kind can end a sentence on its line (`split` asks nothing else of the others).
    @inline(__always)
    static func mayEnd(_ kind: TokenKind) -> Bool { kind == .punctuation || kind == .emoji || kind == .emoticon }

    static func newlinesBetween(_ a: Token, _ b: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        var i = Int(a.end)
        while i < Int(b.start) { if bytes[i] == 0x0A { n += 1 }; i += 1 }
        return n
    }

    static func isTerminal(_ t: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard t.kind == .punctuation else { return false }
        let b = bytes[Int(t.start)]
        if b == 0x21 || b == 0x3F || b == 0x2E { return true }                 // ! ? . and their runs
        if t.end - t.start == 3, b == 0xE2, bytes[Int(t.start) + 1] == 0x80, bytes[Int(t.start) + 2] == 0xA6 { return true }  // …
        return false
    }

    static func isEllipsis(_ t: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = bytes[Int(t.start)]
        return (b == 0x2E && t.end - t.start >= 2) || b == 0xE2
    }

    static func isCloser(_ t: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard t.kind == .punctuation else { return false }
        let b = bytes[Int(t.start)]
        if b == 0x29 || b == 0x5D || b == 0x22 || b == 0x27 { return true }      // ) ] " '
        return t.end - t.start == 3 && b == 0xE2 && bytes[Int(t.start) + 1] == 0x80
            && (bytes[Int(t.start) + 2] == 0x9D || bytes[Int(t.start) + 2] == 0x99)  // ” ’
    }

    static func startsUpper(_ t: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        CharClass.isUppercase(CharClass.decode(bytes, Int(t.start)).0)
    }

    /// A "." right after a number of at most three digits that starts the text or a line.
    static func isListNumberPeriod(_ tokens: UnsafeBufferPointer<Token>, _ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let t = tokens[i]
        guard i > 0, t.kind == .punctuation, t.end - t.start == 1, bytes[Int(t.start)] == 0x2E else { return false }
        let num = tokens[i - 1]
        guard num.kind == .number, num.end == t.start, num.end - num.start <= 3,
              bytes[Int(num.start)..<Int(num.end)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return i == 1 || newlinesBetween(tokens[i - 2], num, bytes) > 0
    }

    /// "-", "*", "•", "1.", "2)" at the start of a line.
    static func isBullet(_ t: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = bytes[Int(t.start)]
        if t.kind == .punctuation && (b == 0x2D || b == 0x2A) { return true }
        if t.end - t.start == 3, b == 0xE2, bytes[Int(t.start) + 1] == 0x80, bytes[Int(t.start) + 2] == 0xA2 { return true }
        return t.kind == .number && Int(t.end) < bytes.count && (bytes[Int(t.end)] == 0x2E || bytes[Int(t.end)] == 0x29)
    }
}
