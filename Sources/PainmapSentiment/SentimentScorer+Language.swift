import PainmapText

/// English posts that the language identifier took for another language ("ha ha that's brilliant" read as Spanish).
/// See `SentimentRules.laughSyllables`.
extension SentimentScorer {
    /// Whether the document's English evidence outweighs the guessed language's function words. Asked only for
    /// documents identified as another language (a few in a thousand lines of feedback), so it reads Strings.
    @inline(never)
    func outweighsOtherLanguage(_ doc: AnalyzedDocument) -> Bool {
        let v = analyzer.vocabulary
        let language = doc.language.code
        // Letters of another language settle it (the identifier counts them; English posts rarely have them).
        if doc.tokens.contains(where: { t in t.kind == .word && v.withBytes(t.form) { b in b.contains { $0 >= 0x80 } } }) { return false }
        let words = doc.tokens.indices.filter { doc.tokens[$0].kind == .word }
        var english = 0, other = 0
        for (n, k) in words.enumerated() {
            let form = doc.tokens[k].form
            let s = v.string(form)
            if SentimentRules.laughSyllables.contains(s) {
                let prev = n > 0 && doc.tokens[words[n - 1]].form == form && words[n - 1] == k - 1
                let next = n + 1 < words.count && doc.tokens[words[n + 1]].form == form && words[n + 1] == k + 1
                if prev || next { english += 1; continue }
            }
            if analyzer.isStopword(form, language: language) { other += 1 }
            else if let value = lexicon.valences[s], value != 0 { english += 1 }
        }
        return english > other
    }
}
