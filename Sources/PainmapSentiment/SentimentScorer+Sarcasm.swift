import PainmapText

/// Sarcasm markers (`SentimentRules.sarcasmMarkers`: an eye roll): "Got a parking ticket, awesome 🙄", "Great
/// service 🙄". The praise in their sentence is said to mean its opposite.
extension SentimentScorer {
    /// Whether the form is one of `SentimentRules.sarcasmMarkers`. Asked only for emoji with a negative valence
    /// (a few in a thousand tokens), so the look-up by string costs nothing measurable.
    @inline(never)
    func isSarcasmMarker(_ form: UInt32) -> Bool {
        SentimentRules.sarcasmMarkers.contains(analyzer.vocabulary.string(form))
    }

    /// Turns the sentence's positive contributions (from `firstContribution` on when explaining) into
    /// `SentimentRules.sarcasmFactor` of themselves. Called once per sentence with a sarcasm marker.
    @inline(never)
    func readAsSarcasm(into result: inout SentenceSum, contributions: inout [SentimentContribution], from firstContribution: Int,
                       explain: Bool) {
        let f = SentimentRules.sarcasmFactor
        let pos = result.pos
        result.sum += pos * f - pos
        result.pos = 0
        result.neg -= pos * f
        guard explain else { return }
        for c in firstContribution..<contributions.count where contributions[c].adjusted > 0 {
            contributions[c].adjusted *= f
            contributions[c].rules.append("sarcasm marker in the sentence x\(f)")
        }
    }
}
