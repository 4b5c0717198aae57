import PainmapText

/// "Not since long ago" (`SentimentRules.longTimeDegrees`, `longTimeSpans`): "I haven't laughed this hard in ages",
/// "haven't been this happy in years" say that now is the best (or worst) in a long time; the negation does not
/// negate the word, it emphasises it.
struct LongTimeWords {
    /// Three words: an array compared in order, no hashing (asked for every negated sentiment word).
    let degrees: [UInt32]
    let spans: Set<UInt32>
    let inWord: UInt32, since: UInt32

    init(vocabulary v: Vocabulary) {
        degrees = SentimentRules.longTimeDegrees.map { v.intern($0) }
        spans = Set(SentimentRules.longTimeSpans.map { v.intern($0) })
        inWord = v.intern("in"); since = v.intern("since")
    }
}

extension SentimentScorer {
    /// Whether the negation at `j` before the sentiment word at `i` says "not since long ago": a degree word
    /// between them or just after the word, then "in" + a span of time, or "since". Asked only for a negation found
    /// before a sentiment word (a few in a hundred sentences); the span set is asked only after "in" (callgrind, 20k
    /// bench lines: ~0.2M instructions, 0.04%).
    @inline(never)
    func isNotSinceLongAgo(negationAt j: Int, word i: Int, _ range: Range<Int>, _ tokens: [Token]) -> Bool {
        let w = longTime
        let end = range.upperBound
        let degreeBetween = (j + 1..<i).contains { w.degrees.contains(tokens[$0].form) }
        let degreeAfter = (i + 1..<min(i + 1 + SentimentRules.longTimeDegreeReach, end)).contains { w.degrees.contains(tokens[$0].form) }
        guard degreeBetween || degreeAfter else { return false }
        let last = min(i + 1 + SentimentRules.longTimeDegreeReach + SentimentRules.longTimeSpanReach, end)
        for k in i + 1..<max(i + 1, last) {
            let f = tokens[k].form
            if tokens[k].kind == .punctuation { return false }
            if f == w.since { return true }
            if f == w.inWord {
                return (k + 1..<min(k + 1 + SentimentRules.longTimeSpanReach, end)).contains { w.spans.contains(tokens[$0].form) }
            }
        }
        return false
    }
}
