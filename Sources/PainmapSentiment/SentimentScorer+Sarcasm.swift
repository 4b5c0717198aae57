import PainmapText

/// Sarcasm: an eye roll (`SentimentRules.sarcasmMarkers`: "Got a parking ticket, awesome 🙄", "Great service 🙄"),
/// or praise that opens a complaint (`SentimentRules.sarcasticCommaOpeners`, `sarcasticLoveOpeners`: "Great, the
/// wifi is down again", "Love it when the train is late"). The praise in their sentence is said to mean its opposite.
extension SentimentScorer {
    /// Whether the form is one of `SentimentRules.sarcasmMarkers`. Asked only for emoji with a negative valence
    /// (a few in a thousand tokens), so the look-up by string costs nothing measurable.
    @inline(never)
    func isSarcasmMarker(_ form: UInt32) -> Bool {
        SentimentRules.sarcasmMarkers.contains(analyzer.vocabulary.string(form))
    }

    /// The openers as word lists, and the words they start with (most sentences are ruled out on their first word).
    private static let commaOpeners = Set(SentimentRules.sarcasticCommaOpeners.map { $0.split(separator: " ").map(String.init) })
    private static let loveOpeners = SentimentRules.sarcasticLoveOpeners.map { $0.split(separator: " ").map(String.init) }
    private static let deedOpeners = SentimentRules.sarcasticDeedOpeners.map { $0.split(separator: " ").map(String.init) }
    private static let deedFirstWords = Set(deedOpeners.map(\.[0]))
    private static let openerFirstWords = Set((commaOpeners.map(\.[0])) + loveOpeners.map(\.[0]))
    private static let longestOpener = (commaOpeners.map(\.count) + loveOpeners.map(\.count)).max() ?? 0
    private static let sincereOpeners = Set(SentimentRules.sincereWhenPositiveOpeners.map { $0.split(separator: " ").map(String.init) })
    /// The first words of `loveOpeners` as bytes, for a check that makes no String.
    private static let loveFirstBytes = Set(loveOpeners.map { Array($0[0].utf8) })

    /// Whether the sentence opens with praise said of a complaint: one of `SentimentRules.sarcasticCommaOpeners`
    /// and then a comma (or "..." or a dash), or one of `sarcasticLoveOpeners`, with more words after it. Asked
    /// only for sentences with both a positive and a negative contribution; the first word is asked of `openerState`
    /// (its String made once per form), the others read as Strings only when it starts an opener. With a contrast in
    /// the sentence (`contrast`) only the love openers count: "Great food, but the service was slow" weighs its parts
    /// by the contrast rule, while "love how support closes my ticket in a day but takes 2 weeks to reply" still sneers.
    @inline(never)
    func opensWithSarcasticPraise(_ range: Range<Int>, _ tokens: [Token], contrast: Bool) -> Bool {
        let v = analyzer.vocabulary
        guard let start = range.first(where: { tokens[$0].kind != .punctuation }), tokens[start].kind == .word,
              isOpenerFirstWord(tokens[start].form) else { return false }
        // Then cheap tests (callgrind, 5k bench lines: making the first word's String for every such sentence
        // was 1.3M instructions, ~1% of scoring): a comma opener needs punctuation within its length, a love
        // opener one of a few first words, compared as bytes.
        let reach = min(start + 1 + SentimentScorer.longestOpener, range.upperBound)
        let punctuationSoon = !contrast && (start + 1..<reach).contains { tokens[$0].kind == .punctuation }
        guard punctuationSoon || v.withBytes(tokens[start].form, { b in
            b.count <= 7 && SentimentScorer.loveFirstBytes.contains { $0.elementsEqual(b) }
        }) else { return false }
        var words: [String] = []
        var k = start
        while k < range.upperBound, tokens[k].kind == .word, words.count <= SentimentScorer.longestOpener {
            words.append(v.string(tokens[k].form))
            k += 1
            let n = words.count
            if !contrast, k < range.upperBound, tokens[k].kind == .punctuation, SentimentScorer.commaOpeners.contains(words),
               v.withBytes(tokens[k].form, { b in
                   b.first == 0x2C || b.first == 0x2E || b.first == 0x2D || (b.count >= 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0x94 || b[2] == 0xA6))
               }) {   // , ... - — …
                return k + 1 < range.upperBound && !tellsRelief(after: k, range, tokens)
            }
            if k < range.upperBound, SentimentScorer.loveOpeners.contains(where: { $0.count == n && $0 == words }) {
                // "Nothing like a cup of tea after a long day": what is "loved" is good (SentimentRules.sincereWhenPositiveOpeners).
                if SentimentScorer.sincereOpeners.contains(words), firstSentimentIsPositive(from: k, range, tokens) { return false }
                return !tellsRelief(after: k, range, tokens)
            }
        }
        return false
    }

    /// Whether the sentence praises a bad deed: one of `SentimentRules.sarcasticDeedOpeners` right before a word of
    /// negative valence ("great job losing my package", "thanks for ruining my weekend"). Asked only for sentences with
    /// both a positive and a negative contribution. Only positive words that are a deed opener's first word
    /// (`openerState`) are looked at, and Strings are made only where a negative word follows at an opener's length:
    /// the first version made Strings for every opener at every word of such sentences (callgrind, 20k bench lines:
    /// +19M instructions; now about +1M).
    @inline(never)
    func praisesABadDeed(_ range: Range<Int>, _ tokens: [Token]) -> Bool {
        let lengths = SentimentScorer.deedOpenerLengths
        for k in range where tokenValence(at: k) > 0 && tokens[k].kind == .word && isDeedFirstWord(tokens[k].form) {
            for n in lengths where k + n < range.upperBound && tokenValence(at: k + n) < 0 {
                if isDeedOpener(at: k, count: n, tokens) { return true }
            }
        }
        return false
    }

    /// Whether the `count` tokens at `k` are one of the deed openers (Strings made here only).
    private func isDeedOpener(at k: Int, count: Int, _ tokens: [Token]) -> Bool {
        let v = analyzer.vocabulary
        let words = (k..<k + count).map { tokens[$0].kind == .word ? v.string(tokens[$0].form) : "" }
        return SentimentScorer.deedOpeners.contains(words)
    }
    private static let deedOpenerLengths = deedOpeners.map(\.count).min()!...deedOpeners.map(\.count).max()!

    /// Whether the form opens a phrase that marks sarcasm (`SentimentRules.sarcasmPhraseOpeners`: "said no one").
    /// Asked only where a negative phrase of two or more words matched; compared as bytes.
    func isSarcasmPhraseOpener(_ form: UInt32) -> Bool {
        analyzer.vocabulary.withBytes(form) { b in
            SentimentScorer.sarcasmPhraseOpenerBytes.contains { $0.elementsEqual(b) }
        }
    }
    private static let sarcasmPhraseOpenerBytes = SentimentRules.sarcasmPhraseOpeners.map { Array($0.utf8) }

    /// Whether the words after the opener (from `k`) tell of something bad that has ended: one of
    /// `SentimentRules.reliefCues` ("Awesome, I passed that horrible test", "Nice, finally done with this stupid exam").
    /// A complaint in a later clause is not relieved: "Great, finally got a reply and it is useless" (a word of negative
    /// valence after a comma, "and" or "but" that follows the cue).
    private func tellsRelief(after k: Int, _ range: Range<Int>, _ tokens: [Token]) -> Bool {
        let v = analyzer.vocabulary
        // Each token's String once (the cues compared them once per cue); "" for a token that is no word.
        let words = (k..<range.upperBound).map { tokens[$0].kind == .word ? v.string(tokens[$0].form) : "" }
        guard let cue = words.indices.first(where: { j in
            SentimentScorer.reliefCues.contains { cue in
                j + cue.count <= words.count && cue.indices.allSatisfy { n in words[j + n] == cue[n] }
            }
        }) else { return false }
        guard let turn = (k + cue + 1..<range.upperBound).first(where: { j in
            let s = v.string(tokens[j].form)
            return s == "," || s == "and" || s == "but" || s == ";"
        }) else { return true }
        return !(turn + 1..<range.upperBound).contains { (valence(of: tokens[$0]) ?? 0) < 0 }
    }
    private static let reliefCues = SentimentRules.reliefCues.map { $0.split(separator: " ").map(String.init) }

    /// Whether the form is the first word of an opener (`openerFirstWords`), remembered per form id in
    /// `openerState`: the cheap tests below pass for most sentences asked (a comma soon), and the String
    /// and Set look-up each then cost ~400 instructions (callgrind: `opensWithSarcasticPraise` was ~770
    /// instructions a call, ~0.7% of `painmap sentiment`).
    private func isOpenerFirstWord(_ form: UInt32) -> Bool { openerRoles(form) & SentimentScorer.openerBit != 0 }
    /// The same for the first words of `SentimentRules.sarcasticDeedOpeners`.
    private func isDeedFirstWord(_ form: UInt32) -> Bool { openerRoles(form) & SentimentScorer.deedBit != 0 }

    private static let knownBit: UInt8 = 1, openerBit: UInt8 = 2, deedBit: UInt8 = 4
    private func openerRoles(_ form: UInt32) -> UInt8 {
        let f = Int(form)
        if f >= openerState.count { openerState.append(contentsOf: repeatElement(0, count: max(f + 1 - openerState.count, 1024))) }
        if openerState[f] & SentimentScorer.knownBit == 0 {
            let s = analyzer.vocabulary.string(form)
            openerState[f] = SentimentScorer.knownBit | (SentimentScorer.openerFirstWords.contains(s) ? SentimentScorer.openerBit : 0)
                | (SentimentScorer.deedFirstWords.contains(s) ? SentimentScorer.deedBit : 0)
        }
        return openerState[f]
    }

    /// Turns the sentence's positive contributions (from `firstContribution` on when explaining) into
    /// `SentimentRules.sarcasmFactor` of themselves. Called once per sarcastic sentence.
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
            contributions[c].rules.append("sarcasm in the sentence (an eye roll, or praise opening a complaint) x\(f)")
        }
    }
}
