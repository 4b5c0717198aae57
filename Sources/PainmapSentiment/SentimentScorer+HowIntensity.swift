import PainmapText

/// "It's ridiculous how good these tacos are", "crazy how fast she learned it", "disgusting how talented he is"
/// (session 11): a dark word before "how" and a positive word says how much, not that anything is bad. The dark word
/// (`SentimentRules.howIntensityWords`) then counts for nothing and the positive word speaks; before a negative word
/// it keeps its sense ("it's ridiculous how slow the app is").
extension SentimentScorer {
    /// Whether the negative word at `i` is followed by "how" and, at most `SentimentRules.howIntensityReach` tokens
    /// after "how", by a positive word or phrase as the first sentiment of the clause. Asked only for negative words
    /// of `howIntensityWords` (a role bit), and then only past a form compare on the next token.
    @inline(never)
    func isHowIntensity(at i: Int, in range: Range<Int>, _ tokens: [Token], explain: Bool, rules: inout [String]?) -> Bool {
        guard i + 2 < range.upperBound, banterRole(tokens[i + 1].form) & BanterWords.howWord != 0 else { return false }
        let end = min(range.upperBound, i + 2 + SentimentRules.howIntensityReach)
        let clauseEnd = (i + 2..<end).first(where: { tokens[$0].kind == .punctuation }) ?? end
        guard firstSentimentIsPositive(from: i + 2, range.lowerBound..<clauseEnd, tokens) else { return false }
        if explain { rules?.append("emphasis before 'how' and praise: 0") }
        return true
    }

    /// Whether the positive word at `i`, one of `SentimentRules.wonderHowWords`, stands before "how" and a clause whose
    /// first sentiment is negative: "amazing how a company this big can be this bad", "funny how the refund takes weeks
    /// but the charge takes seconds". The wonder is the complaint's emphasis, not praise. Asked only for positive words
    /// followed by "how" (a role bit of the next token).
    @inline(never)
    func isWonderBeforeComplaint(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard SentimentRules.wonderHowWords.contains(analyzer.vocabulary.string(tokens[i].form)) else { return false }
        let clauseEnd = (i + 2..<range.upperBound).first(where: { tokens[$0].kind == .punctuation }) ?? range.upperBound
        return (firstSentiment(from: i + 2, range.lowerBound..<clauseEnd, tokens) ?? 0) < 0
    }
}
