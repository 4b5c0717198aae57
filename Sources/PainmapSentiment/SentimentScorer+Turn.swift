import PainmapText

/// Stakes after the turn of a contrast (`SentimentRules.stakeAfterTurnFactor`): "Studying for finals but at least
/// there's coffee", "Bit chilly this morning but the sun is out". The pleasant thing answers the complaint before
/// "but"; it is not what the complaint is about, so it does not yield as a stake in a complaint.
extension SentimentScorer {
    /// Keeps `SentimentRules.stakeAfterTurnFactor` of the sentence's stakes (`stakes`, their positive sum), which all
    /// stand after the turn of a contrast with the whole complaint before it. They are settled here: they do not
    /// yield again to another sentence's complaint (`result.stakes` stays 0). Called once per such sentence.
    @inline(never)
    func keepStakesAfterTurn(_ stakes: Double, in range: Range<Int>, _ tokens: [Token], into result: inout SentenceSum,
                             contributions: inout [SentimentContribution], from firstContribution: Int, explain: Bool) {
        let f = SentimentRules.stakeAfterTurnFactor
        let cut = stakes * (1 - f)
        result.sum -= cut; result.pos -= cut
        guard explain else { return }
        scaleExplained(&contributions, from: firstContribution, positive: true, by: f,
                       rule: "a stake after the turn of a contrast, the complaint before it", in: range, tokens) { isStakeForm($0) }
    }
}
