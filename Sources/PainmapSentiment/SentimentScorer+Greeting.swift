import PainmapText

/// A greeting is neutral only where it greets (session 11). phrases.tsv lists "good morning", "good day" and the like as
/// names of 0, so that "Good morning, my card was declined" is not praise; but "exhausted but good day", "it was a good
/// day" and "had a good morning at the beach" say the day was good. See `SentimentRules.greetingTimes`.
struct GreetingWords {
    /// "good": the first word of every greeting of `SentimentRules.greetingTimes` (one compare for each name of 0 met).
    let good: UInt32
    let times: Set<UInt32>
    let leads: Set<UInt32>
    let notGreetingFollowers: Set<UInt32>

    init(vocabulary v: Vocabulary) {
        good = v.intern("good")
        times = Set(SentimentRules.greetingTimes.map { v.intern($0) })
        leads = Set(SentimentRules.greetingLeads.map { v.intern($0) })
        notGreetingFollowers = Set(SentimentRules.greetingNotFollowers.map { v.intern($0) })
    }
}

extension SentimentScorer {
    /// Whether the name of 0 at `i` (`count` words) is a greeting said where it does not greet: "good" + one of
    /// `greetingTimes`, with a word before it in its clause that is not one of `greetingLeads` ("it was a good day",
    /// "exhausted but good day"), or one of `greetingNotFollowers` right after it ("good day at the beach"). Its words
    /// then score as any others. Asked for every name of 0 matched (out of line: it keeps `scoreSentence` small); all
    /// but greetings fail the first compare.
    @inline(never)
    func isGreetingOutOfPlace(at i: Int, count: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        let g = greeting
        guard tokens[i].form == g.good, count == 2, g.times.contains(tokens[i + 1].form) else { return false }
        var j = i - 1
        while j >= range.lowerBound {
            let t = tokens[j]
            // Only its own clause: "Order 6079 || Good afternoon, ..." greets after the subject line's "||".
            if t.kind == .punctuation || t.kind == .symbol { break }
            if t.kind == .word || t.kind == .hashtag || t.kind == .number, !g.leads.contains(t.form) { return true }
            j -= 1
        }
        let next = i + count
        return next < range.upperBound && tokens[next].kind == .word && g.notGreetingFollowers.contains(tokens[next].form)
    }
}
