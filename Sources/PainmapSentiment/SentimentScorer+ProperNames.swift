import PainmapText

/// A name inside running text: "finally watching Breaking Bad", "queued for the Dark Knight". See
/// `SentimentRules.nameRunFormulaOpeners`.
extension SentimentScorer {
    /// Whether the Title Case sentiment word at `i` is part of a name: a run of two or more Title Case words that
    /// follows a lower-case word of the sentence, does not open with a wish or verdict word
    /// (`nameRunFormulaOpeners`) and holds no emphasis word (`nameRunEmphasisWords`). Asked only for sentiment words
    /// that start with a capital and are not ALL CAPS (a flag test before the call), so the look-ups by string cost
    /// nothing measurable.
    @inline(never)
    func isInsideName(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        var start = i, end = i + 1
        while start > range.lowerBound, isTitleCaseWord(tokens[start - 1]) { start -= 1 }
        while end < range.upperBound, isTitleCaseWord(tokens[end]) { end += 1 }
        guard end - start >= 2, start > range.lowerBound else { return false }
        let before = tokens[start - 1]
        guard before.kind == .word, !before.flags.contains(.capitalized) else { return false }
        let v = analyzer.vocabulary
        if SentimentRules.nameRunFormulaOpeners.contains(v.string(tokens[start].form)) { return false }
        return !(start..<end).contains { SentimentRules.nameRunEmphasisWords.contains(v.string(tokens[$0].form)) }
    }

    /// A word that starts with a capital and is not ALL CAPS, other than the pronoun "I" ("I", "I'm", "I've").
    private func isTitleCaseWord(_ t: Token) -> Bool {
        guard t.kind == .word, t.flags.contains(.capitalized), !t.flags.contains(.allCaps) else { return false }
        return analyzer.vocabulary.withBytes(t.form) { b in !(b.first == 0x69 && (b.count == 1 || b[1] == 0x27)) }   // i, i'…
    }
}
