import PainmapText

extension SentimentScorer {
    /// Whether the irrealis cue at `i` opens a greeting ("wishing you a happy birthday", "wish me luck"):
    /// `SentimentRules.wellWishCues` + an object + a continuation. Asked only where an irrealis cue matched
    /// (a few times per thousand tokens), so the look-ups by string cost nothing measurable.
    @inline(never)
    func isWellWish(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard i + 2 < range.upperBound else { return false }
        let v = analyzer.vocabulary
        return SentimentRules.wellWishCues.contains(v.string(tokens[i].form))
            && SentimentRules.wellWishObjects.contains(v.string(tokens[i + 1].form))
            && SentimentRules.wellWishContinuations.contains(v.string(tokens[i + 2].form))
    }
}
