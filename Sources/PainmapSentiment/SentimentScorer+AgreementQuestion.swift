import PainmapText

/// A question that asks for agreement: "isn't this the best day ever?", "don't you love this song?". See
/// `SentimentRules.agreementSubjects`.
extension SentimentScorer {
    /// Whether the negation at `j`, the first token of a sentence with a "?", is a negated contraction ("isn't",
    /// "don't") followed by one of `SentimentRules.agreementSubjects`. Asked only for a negation that opens a question
    /// (a few in ten thousand tokens), so the look-ups by string cost nothing measurable.
    @inline(never)
    func asksForAgreement(negationAt j: Int, _ range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard tokens[j].flags.rawValue & TokenFlags.negation.rawValue != 0, j + 1 < range.upperBound else { return false }
        return SentimentRules.agreementSubjects.contains(analyzer.vocabulary.string(tokens[j + 1].form))
    }
}
