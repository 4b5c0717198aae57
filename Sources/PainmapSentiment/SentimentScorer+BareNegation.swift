import PainmapText

/// Negations that negate no sentiment word: "my card doesn't work with the app", "the parcel never came",
/// "nobody called me back", "can't log in", "no pedals in the box". They are the core of a complaint, and of a
/// glum post ("nobody texts me anymore"), though no lexicon word is hit. See `SentimentRules.bareNegationValence`.
///
/// The open negations of a sentence are bits of one UInt64 (bit k: token `range.lowerBound + k`), not an array:
/// with an array, its allocation and the closure that pruned it made `scoreSentence` ~15% dearer (callgrind,
/// 10k bench lines). Negations after a sentence's 64th token are not tracked: they neither count nor cost.
extension SentimentScorer {
    /// The bit of token `i` in a sentence's open-negation mask, or 0 beyond the 64th token.
    @inline(__always)
    static func negationBit(_ i: Int, _ range: Range<Int>) -> UInt64 {
        let k = i - range.lowerBound
        return k < 64 ? 1 << UInt64(k) : 0
    }

    /// A negation at `p` is attached when a scored span (a sentiment word, a phrase, a name of 0) starts within
    /// the negation rule's reach after it, with no clause break between, or the span covers it. Called for
    /// every scored span while the sentence has open negations; clears the attached ones from `open`.
    @inline(__always)
    func attachNegations(toSpanAt i: Int, length: Int, in range: Range<Int>, _ open: inout UInt64, _ tokens: [Token]) {
        // The look-back of `applyModifiersAndNegation` reaches `lookBack` tokens, one more over "been".
        let reach = SentimentRules.lookBack + 1
        var bits = open
        while bits != 0 {
            let k = bits.trailingZeroBitCount
            bits &= bits - 1
            let p = range.lowerBound + k
            let attached: Bool
            if p >= i {
                attached = p < i + length
            } else if i - p <= reach {
                attached = !(p + 1..<i).contains { j in
                    let kind = tokens[j].kind
                    // Nor over "and" (SentimentRules.negationStopWords), as the negation rule's look-back.
                    return kind == .punctuation || kind == .symbol || kind == .emoji || kind == .emoticon || tokens[j].form == ids.and
                }
            } else {
                attached = false
            }
            if attached { open &= ~(1 << UInt64(k)) }
        }
    }

    /// Adds `SentimentRules.bareNegationValence` for each negation left in `open` at the end of a sentence,
    /// unless it is not asserted (a question, a condition, a want: "if it doesn't arrive by Friday", "why
    /// can't I log in?"; the mild words' test) or it is "not only". `weight` is the sentence's contrast weights
    /// (empty when it has none): "the pin was correct but it still didn't work" weighs the negation after "but".
    @inline(never)
    func scoreBareNegations(_ open: UInt64, in range: Range<Int>, _ doc: AnalyzedDocument, index: Int, questions: Int,
                            exclamations: Int, weight: [Double], into result: inout SentenceSum,
                            contributions: inout [SentimentContribution], explain: Bool) {
        let tokens = doc.tokens
        var bits = open
        while bits != 0 {
            let p = range.lowerBound + bits.trailingZeroBitCount
            bits &= bits - 1
            if p + 1 < range.upperBound, tokens[p + 1].form == mildWords.only { continue }
            if mildUnasserted(at: p, in: range, tokens, questions: questions, exclamations: exclamations) != nil { continue }
            let base = SentimentRules.bareNegationValence
            let w = weight.isEmpty ? 1 : weight[p - range.lowerBound]
            let v = base * w
            result.sum += v; result.neg -= v
            if explain {
                let t = tokens[p]
                contributions.append(SentimentContribution(span: t.span, text: doc.originalText(t.span), base: base, adjusted: v,
                                                           rules: ["negation of no sentiment word"] + (w != 1 ? ["contrast x\(w)"] : []), sentence: index))
            }
        }
    }
}
