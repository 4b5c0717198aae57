/// The language of a document and how sure we are.
public struct LanguageGuess: Sendable, Hashable {
    public var code: String
    /// 0 when nothing pointed to any language (the default was used), up to 1.
    public var confidence: Double
}

/// Identifies the language from function words (each language's stopword list) and a few letters that
/// only some languages use. Short texts with no evidence fall back to the default language.
public struct LanguageIdentifier: Sendable {
    public let defaultLanguage: String
    /// Letters that point to a language: one such letter counts as much as this many function words.
    static let letterWeight = 0.5
    static let letterHints: [UInt32: String] = [
        0xDF: "de", 0xE4: "de", 0xF6: "de", 0xFC: "de", 0xC4: "de", 0xD6: "de", 0xDC: "de",
        0xE7: "fr", 0xE8: "fr", 0xEA: "fr", 0xE0: "fr", 0xEE: "fr", 0x153: "fr",
        0xF1: "es", 0xBF: "es", 0xA1: "es", 0xE1: "es", 0xED: "es", 0xF3: "es", 0xFA: "es",
    ]

    public init(defaultLanguage: String = "en") { self.defaultLanguage = defaultLanguage }

    /// `isStopword(lang, formId)` says whether a token form is a function word of `lang`.
    /// `stopwordMask(form)` has bit `l + 1` set when the form is a function word of `languages[l]`.
    /// `defaultIndex` is `languages.firstIndex(of: defaultLanguage)`, for a caller that asks about many
    /// documents to find once: found per document, it compared the language codes as Strings (one of them
    /// through the stdlib's slow comparison path, the first code not being the default), ~100 instructions
    /// of each line of `painmap sentiment` (callgrind).
    func identify(tokens: [Token], bytes: [UInt8], languages: [String], defaultIndex: Int?? = .none,
                  stopwordMask: (UInt32) -> UInt32) -> LanguageGuess {
        let d = defaultIndex ?? languages.firstIndex(of: defaultLanguage)
        // Scores on the stack: this runs once per document, and the array it used to allocate was one of
        // the few allocations left per document.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: languages.count) { scores in
            scores.initialize(repeating: 0)
            return identify(tokens: tokens, bytes: bytes, languages: languages, defaultIndex: d, scores: scores, stopwordMask: stopwordMask)
        }
    }

    private func identify(tokens: [Token], bytes: [UInt8], languages: [String], defaultIndex: Int?,
                          scores: UnsafeMutableBufferPointer<Double>, stopwordMask: (UInt32) -> UInt32) -> LanguageGuess {
        // The masks first, in a loop with no branch on what it reads: the scoring loop below branches on
        // each mask, and there every read of the stopword table waited for memory on its own (perf: half
        // of this function's cycles on that load); here the reads overlap.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: tokens.count) { masks in
            tokens.withUnsafeBufferPointer { t in
                for k in t.indices { masks[k] = t[k].kind == .word ? stopwordMask(t[k].form) >> 1 : 0 }
            }
            for mask in masks where mask != 0 {
                // A function word of several languages ("so", "was", "in": English and German) is weaker
                // evidence: each of its k languages gets 1/k.
                // Most function words belong to one language: that case is told by one test, without the
                // bit count (a loop of shifts and masks for this build's baseline CPU) and the division.
                let share = mask & (mask &- 1) == 0 ? 1.0 : 1.0 / Double(mask.nonzeroBitCount)
                // Only the set bits, lowest first (the additions in the same order as a loop over every
                // language): testing each language for each function word was ~50M instructions of
                // `painmap sentiment` on the 200k-line bench file (callgrind).
                var bits = mask
                while bits != 0 {
                    let l = bits.trailingZeroBitCount
                    guard l < languages.count else { break }
                    scores[l] += share
                    bits &= bits - 1
                }
            }
        }
        // Language-specific letters (only non-ASCII bytes can be one; most feedback has none).
        bytes.withUnsafeBufferPointer { p in
            var i = CharClass.firstNonASCII(p)
            while i < p.count {
                if p[i] < 0x80 { i += 1; continue }
                let (v, len) = CharClass.decode(p, i)
                if let lang = LanguageIdentifier.letterHints[v], let l = languages.firstIndex(of: lang) {
                    scores[l] += LanguageIdentifier.letterWeight
                }
                i += len
            }
        }
        let total = scores.reduce(0, +)
        guard total > 0, var best = scores.indices.max(by: { scores[$0] < scores[$1] }) else {
            return LanguageGuess(code: defaultLanguage, confidence: 0)
        }
        // A tie goes to the default language, not to whichever sorts first.
        if let d = defaultIndex, scores[d] == scores[best] { best = d }
        // Confidence: share of the evidence, damped for texts with little of it.
        let share = scores[best] / total
        let amount = min(1.0, total / 3.0)
        return LanguageGuess(code: languages[best], confidence: (share * amount * 100).rounded() / 100)
    }
}
