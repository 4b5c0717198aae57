import PainmapText

/// "It's not like it was terrible", "it wasn't like I hated it", "it's not like you care" (session 11): "not like" + a
/// clause denies the clause, it does not negate a liking. The first sentiment word or phrase of the clause after "like"
/// is negated, as a negation right before it would negate it; "like" itself is a preposition there and scores nothing.
/// See `SentimentRules.notLikeNegations`, `notLikeCopulas`, `notLikeSubjects`.
struct NotLikeWords {
    let negations: Set<UInt32>, not: UInt32, copulas: Set<UInt32>, subjects: Set<UInt32>

    init(vocabulary v: Vocabulary) {
        negations = Set(SentimentRules.notLikeNegations.map { v.intern($0) })
        not = v.intern("not")
        copulas = Set(SentimentRules.notLikeCopulas.map { v.intern($0) })
        subjects = Set(SentimentRules.notLikeSubjects.map { v.intern($0) })
    }
}

extension SentimentScorer {
    /// Whether the "like" at `i` (read as a preposition) closes "it's not like" before a clause: "isn't"/"wasn't" right
    /// before it, or "not" after "it's"/"is"/"was", and a subject right after it. Asked only for a prepositional "like"
    /// in a sentence with an open negation.
    @inline(never)
    func isNotLikeIdiom(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        let w = notLike
        guard i > range.lowerBound, i + 1 < range.upperBound, w.subjects.contains(tokens[i + 1].form) else { return false }
        let n = tokens[i - 1].form
        if w.negations.contains(n) { return true }
        return n == w.not && i - 2 >= range.lowerBound && w.copulas.contains(tokens[i - 2].form)
    }

    /// The valence `v` of the first span at `i` after the idiom's "like" at `like`, negated when no clause break stands
    /// between them (the look-back of `applyModifiersAndNegation` stops at "like", so the negation is not counted twice).
    @inline(never)
    func negatedAfterNotLike(_ v: Double, at i: Int, like: Int, _ tokens: [Token], explain: Bool, rules: inout [String]?) -> Double {
        for k in like + 1..<i where tokens[k].kind == .punctuation || tokens[k].kind == .emoji || tokens[k].kind == .emoticon { return v }
        let f = v > 0 ? SentimentRules.negationFactor : SentimentRules.negatedNegativeFactor
        if explain { rules?.append("denied by 'not like' x\(f)") }
        return v * f
    }
}
