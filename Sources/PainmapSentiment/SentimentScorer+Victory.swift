import PainmapText

/// A win told with a verb of violence: "we destroyed them 5-0", "thrashed them 4-0 😂", "we hammered them". See
/// `SentimentRules.victoryVerbs`.
extension SentimentScorer {
    /// Whether the defeat verb at `i` tells the writer's side's win: "we" (`victorySubjects`) at most two words
    /// before it, or a score ("4-0": number, dash, number) at most `victoryScoreReach` tokens after it; not the
    /// writer's side as its object (`victoryLosers`: "they destroyed us 3-0"); and no
    /// passive (`victoryPassives`: "we got destroyed 5-0", "they were hammered") right before it. Asked only for
    /// negative words that are defeat verbs.
    @inline(never)
    func isVictory(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        let v = analyzer.vocabulary
        if i > range.lowerBound, SentimentRules.victoryPassives.contains(v.string(tokens[i - 1].form)) { return false }
        // "they destroyed us 3-0": the writer's side lost.
        if i + 1 < range.upperBound, SentimentRules.victoryLosers.contains(v.string(tokens[i + 1].form)) { return false }
        // "we destroyed them", "we absolutely hammered them"
        for k in stride(from: i - 1, through: max(range.lowerBound, i - 2), by: -1)
        where tokens[k].kind == .word && SentimentRules.victorySubjects.contains(v.string(tokens[k].form)) {
            return true
        }
        // "thrashed them 4-0", "destroyed Leeds 5 - 1"
        let end = min(range.upperBound, i + 1 + SentimentRules.victoryScoreReach)
        var k = i + 1
        while k + 2 < end {
            if tokens[k].kind == .number, tokens[k + 1].kind == .punctuation, tokens[k + 2].kind == .number,
               v.withBytes(tokens[k + 1].form, { b in b.first == 0x2D || (b.count == 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0x93 || b[2] == 0x94)) }) {
                return true   // - – —
            }
            k += 1
        }
        return false
    }
}
