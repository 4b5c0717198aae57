import PainmapText

/// News exclaimed with nothing evaluative in it: "We bought a house!", "He proposed!!!", "got the internship!!".
/// See `SentimentRules.exclaimedNewsValence`. Asked only for documents with no sentiment contribution at all;
/// the scan is over their punctuation bytes and first words (no String is made unless the first sentence
/// has a "!" and no "?", a few documents in a thousand).
extension SentimentScorer {
    /// Adds the exclaimed-news valence to the first sentence and to the document when the rule holds.
    /// `sentences` are the document's sentence scores (the first one is replaced).
    @inline(never)
    func readExclaimedNews(_ doc: AnalyzedDocument, sum: inout Double, pos: inout Double,
                           sentences: inout [SentimentScore], contributions: inout [SentimentContribution], explain: Bool) {
        guard let first = doc.sentences.first?.tokens, !first.isEmpty else { return }
        let tokens = doc.tokens
        let v = analyzer.vocabulary
        var exclamations = 0
        var lastMark: Token? = nil
        for (k, t) in tokens.enumerated() where t.kind == .punctuation {
            let (bangs, asks) = v.withBytes(t.form) { b -> (Int, Int) in
                var n = (0, 0)
                for c in b { if c == 0x21 { n.0 += 1 } else if c == 0x3F { n.1 += 1 } }   // ! ?
                return n
            }
            if asks > 0 { return }
            if first.contains(k), bangs > 0 { exclamations += bangs; lastMark = t }
        }
        guard exclamations > 0, let mark = lastMark else { return }
        let words = first.filter { tokens[$0].kind == .word }.map { v.string(tokens[$0].form) }
        guard let opener = words.first else { return }
        // "What a game!!": an exclamation, not a question (`SentimentRules.exclamativeOpeners`).
        let exclamative = words.count > 1 && SentimentRules.exclamativeOpeners.contains(words[0] + " " + words[1])
        if SentimentRules.exclaimedNewsRequestOpeners.contains(opener) || (SentimentRules.questionWords.contains(opener) && !exclamative)
            || words.contains(where: { SentimentRules.exclaimedNewsRequestWords.contains($0) || SentimentRules.exclaimedNewsComplaintWords.contains($0) }) {
            return
        }
        let value = SentimentRules.exclaimedNewsValence
            + Double(min(exclamations, SentimentRules.exclamationCap)) * SentimentRules.exclamationEmphasis
        sum += value; pos += value
        let sentenceNeutral = words.count
        sentences[0] = SentimentScorer.makeScore(sum: value, pos: value, neg: 0, neutral: sentenceNeutral)
        if explain {
            contributions.append(SentimentContribution(span: mark.span, text: doc.originalText(mark.span), base: value, adjusted: value,
                                                       rules: ["exclaimed news (no sentiment word, \(exclamations) '!')"], sentence: 0))
        }
    }
}
