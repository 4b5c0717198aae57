import PainmapText

/// English posts that the language identifier took for another language ("ha ha that's brilliant" read as Spanish).
/// See `SentimentRules.laughSyllables`.
extension SentimentScorer {
    /// Whether the document's English evidence outweighs the guessed language's function words. Asked only for
    /// documents identified as another language; on bytes and form ids (the lexicon's byte table), no String.
    @inline(never)
    func outweighsOtherLanguage(_ doc: AnalyzedDocument) -> Bool {
        let v = analyzer.vocabulary
        let tokens = doc.tokens
        var english = 0, other = 0
        var previousWord = -2   // index of the last word token
        for k in tokens.indices where tokens[k].kind == .word {
            let form = tokens[k].form
            defer { previousWord = k }
            // Letters of another language settle it (the identifier counts them; English posts rarely have them).
            let (ascii, valence, laugh) = v.withBytes(form) { b -> (Bool, Bool, Bool) in
                guard !b.contains(where: { $0 >= 0x80 }) else { return (false, false, false) }
                let value = lexicon.terms.lookup(b).flatMap { lexicon.terms.valence[$0] }
                let laugh = SentimentRules.laughSyllables.contains { $0.utf8.elementsEqual(b) }
                return (true, value.map { $0 != 0 } ?? false, laugh)
            }
            guard ascii else { return false }
            if laugh {
                // A laugh when beside the same syllable ("ha ha"), not the Spanish verb ("ha sido").
                let prev = previousWord == k - 1 && tokens[k - 1].form == form
                let next = k + 1 < tokens.count && tokens[k + 1].kind == .word && tokens[k + 1].form == form
                if prev || next { english += 1; continue }
            }
            if analyzer.isStopword(form, language: doc.language.code) { other += 1 }
            else if valence { english += 1 }
        }
        return english > other
    }
}
