import PainmapText

/// A contrast that opens a sentence turns from the sentence before it (session 11): "Today kinda sucks! But I'll get
/// by, lol", "Long day at work. But dinner with the girls was perfect", "The app looks great. But it crashes every
/// day". Inside a sentence "but" already weighs the clause before it less (contrastive.tsv); said after a full stop it
/// did not reach back, and the earlier sentence kept its full weight in the document. Now the sentence right before
/// counts in the document with the connective's before-weight (the connective's own sentence keeps its after-weight).
/// Only adversative connectives (before-weight below 1: "but", "however"), not a fronted concession ("Although ...").
/// The sentence's own score is unchanged: it still says what that sentence says.
extension SentimentScorer {
    /// Scales the previous sentence (`previous`, its index `index`) by `weight` in the document sums, and in the
    /// explained contributions. Called only for a sentence that opens with an adversative connective.
    @inline(never)
    func turnFromPreviousSentence(_ previous: (sum: Double, pos: Double, neg: Double), index: Int, weight: Double, sum: inout Double, pos: inout Double,
                                  neg: inout Double, contributions: inout [SentimentContribution], explain: Bool) {
        let cut = 1 - weight
        sum -= previous.sum * cut; pos -= previous.pos * cut; neg -= previous.neg * cut
        guard explain else { return }
        for c in contributions.indices where contributions[c].sentence == index && contributions[c].adjusted != 0 {
            contributions[c].adjusted *= weight
            contributions[c].rules.append("the next sentence opens with a contrast x\(weight)")
        }
    }
}
