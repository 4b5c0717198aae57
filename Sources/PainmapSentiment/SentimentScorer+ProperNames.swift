import PainmapText

/// A name inside running text: "finally watching Breaking Bad", "queued for the Dark Knight". See
/// `SentimentRules.nameRunFormulaOpeners`.
extension SentimentScorer {
    /// Whether the Title Case sentiment word at `i` is part of a name: a run of Title Case words (with
    /// `nameRunConnectors` between them: "Dumb and Dumber", "Lord of the Flies") that follows a lower-case word of the
    /// sentence and holds two or more Title Case words, or one after "the" ("the Killers are touring"); that does not
    /// open with a wish or verdict word (`nameRunFormulaOpeners`, or a superlative in -est after "the": "the Greatest")
    /// and holds no emphasis word (`nameRunEmphasisWords`). Asked only for sentiment words that start with a capital
    /// and are not ALL CAPS (a flag test before the call), so the look-ups by string cost nothing measurable.
    @inline(never)
    func isInsideName(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        // The first word of a sentence starts no name by this rule, and most Title Case words are first words
        // ("Great product"): out before any String is made.
        guard i > range.lowerBound else { return false }
        let v = analyzer.vocabulary
        var start = i, end = i + 1, titleWords = 1
        while start > range.lowerBound {
            if isTitleCaseWord(tokens[start - 1]) { start -= 1; titleWords += 1; continue }
            guard let k = connectorRun(endingAt: start - 1, in: range, tokens), k > range.lowerBound,
                  isTitleCaseWord(tokens[k - 1]) else { break }
            start = k - 1; titleWords += 1
        }
        while end < range.upperBound {
            if isTitleCaseWord(tokens[end]) { end += 1; titleWords += 1; continue }
            guard let k = connectorRun(startingAt: end, in: range, tokens), k < range.upperBound,
                  isTitleCaseWord(tokens[k]) else { break }
            end = k + 1; titleWords += 1
        }
        guard start > range.lowerBound else { return false }
        let before = tokens[start - 1]
        guard before.kind == .word, before.flags.rawValue & TokenFlags.capitalized.rawValue == 0 else { return false }
        let first = v.string(tokens[start].form)
        if titleWords < 2 {
            guard v.string(before.form) == "the", !first.hasSuffix("est") else { return false }
        }
        if SentimentRules.nameRunFormulaOpeners.contains(first) { return false }
        return !(start..<end).contains { SentimentRules.nameRunEmphasisWords.contains(v.string(tokens[$0].form)) }
    }

    /// The first token after one to `nameRunConnectorReach` connector words (`SentimentRules.nameRunConnectors`) that
    /// start at `k`, or nil.
    private func connectorRun(startingAt k: Int, in range: Range<Int>, _ tokens: [Token]) -> Int? {
        // Only when a Title Case word follows within reach (flag tests), is a word's String made.
        guard (k + 1..<min(range.upperBound, k + 1 + SentimentRules.nameRunConnectorReach)).contains(where: { isTitleCaseFlags(tokens[$0]) })
        else { return nil }
        var j = k
        while j < range.upperBound, j - k < SentimentRules.nameRunConnectorReach, isConnector(tokens[j]) { j += 1 }
        return j > k ? j : nil
    }

    /// The first token of one to `nameRunConnectorReach` connector words that end at `k`, or nil.
    private func connectorRun(endingAt k: Int, in range: Range<Int>, _ tokens: [Token]) -> Int? {
        guard (max(range.lowerBound, k - SentimentRules.nameRunConnectorReach)..<max(range.lowerBound, k)).contains(where: { isTitleCaseFlags(tokens[$0]) })
        else { return nil }
        var j = k
        while j >= range.lowerBound, k - j < SentimentRules.nameRunConnectorReach, isConnector(tokens[j]) { j -= 1 }
        return j < k ? j + 1 : nil
    }

    private func isConnector(_ t: Token) -> Bool {
        t.kind == .word && t.flags.rawValue & TokenFlags.capitalized.rawValue == 0
            && SentimentRules.nameRunConnectors.contains(analyzer.vocabulary.string(t.form))
    }

    /// A word that starts with a capital and is not ALL CAPS, by its flags alone (also the scoring loop's test before
    /// `isInsideName`).
    @inline(__always)
    func isTitleCaseFlags(_ t: Token) -> Bool {
        t.kind == .word && t.flags.rawValue & (TokenFlags.capitalized.rawValue | TokenFlags.allCaps.rawValue) == TokenFlags.capitalized.rawValue
    }

    /// A word that starts with a capital and is not ALL CAPS, other than the pronoun "I" ("I", "I'm", "I've").
    private func isTitleCaseWord(_ t: Token) -> Bool {
        guard isTitleCaseFlags(t) else { return false }
        return analyzer.vocabulary.withBytes(t.form) { b in !(b.first == 0x69 && (b.count == 1 || b[1] == 0x27)) }   // i, i'…
    }
}
