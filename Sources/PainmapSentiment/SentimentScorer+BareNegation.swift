import PainmapText

/// Negations that negate no sentiment word: "my card doesn't work with the app", "the parcel never came",
/// "nobody called me back", "can't log in", "no pedals in the box". They are the core of a complaint, and of a
/// glum post ("nobody texts me anymore"), though no lexicon word is hit. See `SentimentRules.bareNegationValence`.
extension SentimentScorer {
    /// A negation at `p` is attached when a scored span (a sentiment word, a phrase, a name of 0) starts within
    /// the negation rule's reach after it, with no clause break between, or the span covers it. Called for
    /// every scored span while the sentence has open negations; drops the attached ones from `open`.
    @inline(__always)
    func attachNegations(toSpanAt i: Int, length: Int, _ open: inout [Int], _ tokens: [Token]) {
        // The look-back of `applyModifiersAndNegation` reaches `lookBack` tokens, one more over "been".
        let reach = SentimentRules.lookBack + 1
        open.removeAll { p in
            if p >= i { return p < i + length }
            guard i - p <= reach else { return false }
            return !(p + 1..<i).contains { k in
                tokens[k].kind == .punctuation || tokens[k].kind == .symbol || tokens[k].kind == .emoji || tokens[k].kind == .emoticon
            }
        }
    }

    /// Adds `SentimentRules.bareNegationValence` for each negation left in `open` at the end of a sentence,
    /// unless it is not asserted (a question, a condition, a want: "if it doesn't arrive by Friday", "why
    /// can't I log in?"; the mild words' test) or it is "not only".
    func scoreBareNegations(_ open: [Int], in range: Range<Int>, _ doc: AnalyzedDocument, index: Int, questions: Int,
                            exclamations: Int, into result: inout SentenceSum, contributions: inout [SentimentContribution], explain: Bool) {
        let tokens = doc.tokens
        for p in open {
            if p + 1 < range.upperBound, lexicon.language == "en", analyzer.vocabulary.string(tokens[p + 1].form) == "only" { continue }
            if mildUnasserted(at: p, in: range, tokens, questions: questions, exclamations: exclamations) != nil { continue }
            let v = SentimentRules.bareNegationValence
            result.sum += v; result.neg -= v
            if explain {
                let t = tokens[p]
                contributions.append(SentimentContribution(span: t.span, text: doc.originalText(t.span), base: v, adjusted: v,
                                                           rules: ["negation of no sentiment word"], sentence: index))
            }
        }
    }
}
