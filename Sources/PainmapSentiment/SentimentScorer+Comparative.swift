import PainmapText

/// A negated comparative says nothing tops it: "never been happier", "couldn't be prouder", "no better way to spend
/// a Sunday" (`SentimentRules.topNegations`). A negated expectation in the past reports a surprise: "didn't expect
/// to love it this much" (`SentimentRules.surpriseVerbs`). Both are negations that do not negate the word after them.
/// The session-11 words of the rule as form ids (`SentimentRules.topNeedsThan`, `topThanObjects`, `bestDoerVerbs`).
struct ComparativeWords {
    let needsThan: Set<UInt32>, thanObjects: Set<UInt32>, doers: Set<UInt32>, than: UInt32, nobody: UInt32

    init(vocabulary v: Vocabulary) {
        needsThan = Set(SentimentRules.topNeedsThan.map { v.intern($0) })
        thanObjects = Set(SentimentRules.topThanObjects.map { v.intern($0) })
        doers = Set(SentimentRules.bestDoerVerbs.map { v.intern($0) })
        than = v.intern("than"); nobody = v.intern("nobody")
    }
}

extension SentimentScorer {
    /// Whether the negation at `j` is of this kind for the sentiment word at `i` (after it in its sentence). Asked
    /// only for negations of `topNegations` in the look-back of a sentiment word; the words between and around are
    /// tested by their banter roles (a table read), and the comparative's String is made only when they fit.
    @inline(never)
    func negatesToTheTop(at j: Int, comparative i: Int, _ range: Range<Int>, _ tokens: [Token]) -> Bool {
        let v = analyzer.vocabulary
        let w = comparative
        let f = tokens[j].form
        // "does not get any better than this", "doesn't get much better than that": only with "than this" (session 11).
        // These tests compare form ids: "doesn't work", "don't like it" fail them without a String made.
        var needsThan = w.needsThan.contains(f)
        if f == ids.not {
            guard j > range.lowerBound, banterRole(tokens[j - 1].form) & BanterWords.topModal != 0 else { return false }
            needsThan = w.needsThan.contains(tokens[j - 1].form)
        }
        // The comparative: the word at `i`, or the one after it when the scored span is a phrase that opens with a
        // bridge ("much better" of phrases.tsv in "doesn't get much better than this").
        var c = i
        while c + 1 < range.upperBound, c < i + 2, banterRole(tokens[c].form) & BanterWords.topBridge != 0 { c += 1 }
        if f == w.nobody {
            // "nobody does it better", "nobody makes pizza better than my dad" (session 11).
            guard j + 1 < i, w.doers.contains(tokens[j + 1].form) else { return false }
            return isComparative(v.string(tokens[c].form))
        }
        if needsThan {
            guard c + 2 < range.upperBound, tokens[c + 1].form == w.than, w.thanObjects.contains(tokens[c + 2].form) else { return false }
            if c != i { return isComparative(v.string(tokens[c].form)) }
        }
        let negation = v.string(f)
        var afterMore = false
        for k in (j + 1)..<i {
            guard banterRole(tokens[k].form) & BanterWords.topBridge != 0 else { return false }
            afterMore = v.string(tokens[k].form) == "more"
        }
        if negation == "no" {
            // "no better way", not "no better than before" or "it's no better".
            guard i == j + 1, i + 1 < range.upperBound, tokens[i + 1].kind == .word,
                  !["than", "now", "off", "at", "for", "either", "yet", "after", "since"].contains(v.string(tokens[i + 1].form)) else { return false }
        }
        return afterMore || isComparative(v.string(tokens[i].form))
    }

    /// "better", "worse", or a word in -er / -ier whose base is a lexicon word ("happier" -> "happy", "prouder" ->
    /// "proud", "nicer" -> "nice", "bigger" -> "big"): "clever", "super" and "bitter" are not comparatives.
    private func isComparative(_ s: String) -> Bool {
        if s == "better" || s == "worse" { return true }
        guard s.count > 4, s.hasSuffix("er") else { return false }
        let stem = String(s.dropLast(2))
        var candidates = [stem, stem + "e"]
        if stem.hasSuffix("i") { candidates.append(String(stem.dropLast()) + "y") }
        if let last = stem.last, stem.dropLast().last == last { candidates.append(String(stem.dropLast())) }
        return candidates.contains { lexicon.valences[$0] != nil }
    }

    /// Whether the negation at `j`, before one of `SentimentRules.surpriseVerbs`, is in the past (`surpriseNegations`)
    /// and looks ahead to the word at `i` through one of `surpriseLinks`. Asked only when such a verb follows a negation.
    @inline(never)
    func isSurprise(negationAt j: Int, before i: Int, _ tokens: [Token]) -> Bool {
        let v = analyzer.vocabulary
        guard SentimentRules.surpriseNegations.contains(v.string(tokens[j].form)) else { return false }
        return (j + 2..<i).contains { SentimentRules.surpriseLinks.contains(v.string(tokens[$0].form)) }
    }
}
