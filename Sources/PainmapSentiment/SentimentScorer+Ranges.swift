import PainmapText

extension SentimentScorer {
    /// The score of part of a document (a clause), with the same rules as a sentence. `mixedCase` says
    /// whether the whole document mixes cases (ALL-CAPS emphasis only counts then).
    public func score(_ doc: AnalyzedDocument, tokens range: Range<Int>, mixedCase: Bool) -> SentimentScore {
        guard !range.isEmpty else { return .neutralScore }
        var none: [SentimentContribution] = []
        _ = loadFormInfos(doc.tokens, range)   // what scoreSentence reads for these tokens
        let s = scoreSentence(doc, range, index: 0, mixedCase: mixedCase, explain: false, into: &none)
        return SentimentScorer.makeScore(sum: s.sum, pos: s.pos, neg: s.neg, neutral: s.neutralWords)
    }

    /// Whether the document mixes ALL-CAPS words with others (then caps are emphasis). `score` counts the
    /// same in `loadFormInfos`' pass over the tokens: keep the two alike.
    public static func isMixedCase(_ doc: AnalyzedDocument) -> Bool {
        var caps = 0, words = 0
        for t in doc.tokens where t.kind == .word && t.end - t.start >= 2 {
            words += 1
            if t.flags.contains(.allCaps) { caps += 1 }
        }
        return caps > 0 && caps < words
    }

    /// The lexicon valence of a token's form, if any (for picking the word that names a problem).
    public func valence(of t: Token) -> Double? {
        lexicon.valences[analyzer.vocabulary.string(t.form)]
    }
}
