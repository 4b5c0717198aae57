import Foundation
import PainmapText

/// Everyday mild words (lexicons/<lang>/mild.txt) and the contexts where they are not evaluations: a
/// question, a condition, an action asked for or planned, a control's name (`SentimentRules.mildUnassertedFactor`).
/// Their valence stays in sentiment.tsv / phrases.tsv; mild.txt only says which entries follow this rule.
/// Pleasant everyday things (lexicons/<lang>/stakes.txt: "pizza", "beach", "weekend", "birthday") are mild words
/// too, and more: in a sentence that complains they are what is at stake, not praise (`SentimentRules.stakeInComplaintFactor`).
struct MildWords {
    /// Single-word entries, as lexicon keys; an inflected form is mild when the entry it is read as is.
    let terms: Set<String>
    /// The entries of stakes.txt (all of them in `terms` as well).
    let stakes: Set<String>
    /// The valences of `terms` (as the scorer stores them, Float): a word with another valence is read as
    /// another entry, so it is not mild, and that needs no String (callgrind: the String work was ~3,000
    /// instructions per distinct sentiment form, 1.7% of `painmap sentiment` on 20k lines).
    let termValences: Set<Float>
    /// Multiword entries of phrases.tsv ("worth it"), as form ids of the scorer's vocabulary.
    let phrases: Set<[UInt32]>
    /// The first words of `phrases`: most phrase matches are not mild, and this says so without building the key.
    let phraseFirstWords: Set<UInt32>
    /// What each cue word of SentimentRules' lists is (bits below), in one table: one look-up per word.
    /// By form id, as `BanterWords.roles` (every cue word is interned): `mildRole` asks it once for each form it meets
    /// (callgrind, 20k bench lines: the hashed look-ups were ~0.5M instructions).
    let roles: [UInt16]
    static let questionWord: UInt16 = 1, auxiliary: UInt16 = 2, subject: UInt16 = 4, clauseCue: UInt16 = 8, actionMarker: UInt16 = 16
    /// `SentimentScorer.mildState` per form id: its roles (low bits) once `rolesKnown`, whether it is mild
    /// (and a stake) once `mildKnown`.
    static let roleBits: UInt16 = 31, mild: UInt16 = 32, mildKnown: UInt16 = 64, rolesKnown: UInt16 = 128, stake: UInt16 = 256
    let be: UInt32, what: UInt32, a: UInt32, an: UInt32, how: UInt32
    /// `SentimentRules.countdownCues` and `countdownUnits` as form ids.
    let countdownCues: Set<UInt32>, countdownUnits: Set<UInt32>
    /// "not only ... but": not a bare negation (SentimentScorer+BareNegation).
    let only: UInt32

    /// Reads `path` (one entry a line; a missing file means no mild words). Every entry must have a valence
    /// of its own: a word of sentiment.tsv or a phrase of phrases.tsv, not 0.
    /// `stakesPath` is read the same way (stakes.txt: single words only); `stakeEntries` replaces it in tests.
    init(path: String, entries: [String]?, stakesPath: String, stakeEntries: [String]? = nil,
         lexicon: SentimentLexicon, vocabulary v: Vocabulary) throws {
        var terms = Set<String>(), phrases = Set<[UInt32]>(), termValences = Set<Float>(), stakes = Set<String>()
        func read(_ path: String, _ entries: [String]?) throws -> [(line: Int, text: String)] {
            if let entries { return entries.enumerated().map { ($0.offset + 1, $0.element) } }
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            return try DataFile.rows(path).map { ($0.line, $0.fields[0].trimmedSpaces) }.filter { !$0.1.isEmpty }
        }
        for (line, text) in try read(stakesPath, stakeEntries) {
            let words = SentimentLexicon.words(text)
            guard words.count == 1, let value = lexicon.valences[words[0]], value > 0 else {
                throw DataFileError(file: stakesPath, line: line, "'\(text)' is not one word with a positive valence in sentiment.tsv: give it one there first")
            }
            stakes.insert(words[0]); terms.insert(words[0]); termValences.insert(Float(value))
        }
        let rows = try read(path, entries)
        for (line, text) in rows {
            let words = SentimentLexicon.words(text)
            if words.count == 1 {
                guard let value = lexicon.valences[words[0]], value != 0 else {
                    throw DataFileError(file: path, line: line, "'\(words[0])' has no valence in sentiment.tsv: give it one there first")
                }
                terms.insert(words[0])
                termValences.insert(Float(value))
            } else {
                guard let value = lexicon.phrases[words], value != 0 else {
                    throw DataFileError(file: path, line: line, "'\(words.joined(separator: " "))' has no valence in phrases.tsv: give it one there first")
                }
                phrases.insert(words.map { v.intern($0) })
            }
        }
        self.terms = terms
        self.stakes = stakes
        self.termValences = termValences
        self.phrases = phrases
        phraseFirstWords = Set(phrases.map { $0[0] })
        var roles: [UInt16] = []
        for (words, bit) in [(SentimentRules.questionWords, MildWords.questionWord), (SentimentRules.questionAuxiliaries, MildWords.auxiliary),
                             (SentimentRules.questionSubjects, MildWords.subject), (SentimentRules.unassertedClauseCues, MildWords.clauseCue),
                             (SentimentRules.mildActionMarkers, MildWords.actionMarker)] {
            for word in words {
                let id = Int(v.intern(word))
                if id >= roles.count { roles.append(contentsOf: repeatElement(0, count: id + 1 - roles.count)) }
                roles[id] |= bit
            }
        }
        self.roles = roles
        countdownCues = Set(SentimentRules.countdownCues.map { v.intern($0) })
        countdownUnits = Set(SentimentRules.countdownUnits.map { v.intern($0) })
        be = v.intern("be"); what = v.intern("what"); a = v.intern("a"); an = v.intern("an"); how = v.intern("how"); only = v.intern("only")
    }
}

extension SentimentScorer {
    /// Whether the form reads as a mild word of mild.txt: the word itself, or the entry the inflection
    /// fallback reads it as ("saving" -> "save"). `valence` is the form's valence. Remembered per form id: asked
    /// for every sentiment word.
    func isMildForm(_ form: UInt32, valence: Double) -> Bool {
        let f = Int(form)
        if f < mildState.count, mildState[f] & MildWords.mildKnown != 0 { return mildState[f] & MildWords.mild != 0 }
        growMildState(f)
        guard mildWords.termValences.contains(Float(valence)) else { mildState[f] |= MildWords.mildKnown; return false }
        let s = analyzer.vocabulary.string(form)
        var entry: String? = lexicon.valences[s] != nil ? s : nil
        if entry == nil, s.hasPrefix("#"), lexicon.valences[String(s.dropFirst())] != nil { entry = String(s.dropFirst()) }
        if entry == nil {
            // The fallback's candidates in its order; the squeezed and hyphenless ones only when they differ
            // (callgrind: building them for every inflected form was most of this function's cost).
            var candidates: [String] = []
            var squeezed = ""
            for c in s where c != squeezed.last { squeezed.append(c) }
            if squeezed != s { candidates.append(squeezed) }
            if s.utf8.contains(0x2D) { candidates.append(String(s.filter { $0 != "-" })) }   // "-"
            candidates += Inflection.baseForms(of: Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) }
            entry = candidates.first { lexicon.valences[$0] != nil }
        }
        let mild = entry.map { mildWords.terms.contains($0) } ?? false
        let stake = entry.map { mildWords.stakes.contains($0) } ?? false
        mildState[f] |= MildWords.mildKnown | (mild ? MildWords.mild : 0) | (stake ? MildWords.stake : 0)
        return mild
    }

    /// Whether a form that `isMildForm` found mild reads as an entry of stakes.txt (known once it was asked).
    @inline(__always)
    func isStakeForm(_ form: UInt32) -> Bool {
        let f = Int(form)
        return f < mildState.count && mildState[f] & MildWords.stake != 0
    }

    /// A sentence that holds a complaint (a negative contribution) and pleasant things whose positive contributions
    /// sum to `stakes` keeps the share `f` of them, noted as `rule` on the sentence's stake contributions (from
    /// `firstContribution` on) with `explain`: `SentimentRules.stakeInComplaintFactor` when they are what the
    /// complaint is about ("my birthday cake arrived squashed", "the concert was cancelled", "cold pizza again"),
    /// `stakeAfterTurnFactor` when they all stand after the turn of a contrast and the whole complaint before it
    /// ("Studying for finals but at least there's coffee"). Called once per such sentence.
    @inline(never)
    func scaleStakes(_ stakes: Double, by f: Double, rule: String, in range: Range<Int>, _ tokens: [Token],
                     into result: inout SentenceSum, contributions: inout [SentimentContribution], from firstContribution: Int,
                     explain: Bool) {
        let cut = stakes * (1 - f)
        result.sum -= cut; result.pos -= cut
        guard explain else { return }
        scaleExplained(&contributions, from: firstContribution, positive: true, by: f, rule: rule, in: range, tokens) { isStakeForm($0) }
    }

    /// The same for a whole document: the stakes left standing in sentences that did not complain (`stakes`, their
    /// positive sum) yield when another sentence complains ("I ordered a cake for my daughter's birthday. It
    /// arrived late."). The sentence scores keep them; the document's score does not. Called once per such document.
    @inline(never)
    func yieldDocumentStakes(_ stakes: Double, _ doc: AnalyzedDocument, sum: inout Double, pos: inout Double,
                             contributions: inout [SentimentContribution], explain: Bool) {
        let f = SentimentRules.stakeInComplaintFactor
        let cut = stakes * (1 - f)
        sum -= cut; pos -= cut
        guard explain else { return }
        scaleExplained(&contributions, from: 0, positive: true, by: f, rule: "a stake in a complaint of the document",
                       in: doc.tokens.indices, doc.tokens) { isStakeForm($0) }
    }

    /// The cue roles of a form (`MildWords.roles`), remembered per form id: the clause walk asks about
    /// every word before a mild word, and a dictionary look-up each was most of `mildUnasserted`'s cost.
    @inline(__always)
    func mildRole(_ form: UInt32) -> UInt16 {
        let f = Int(form)
        if f < mildState.count, mildState[f] & MildWords.rolesKnown != 0 { return mildState[f] & MildWords.roleBits }
        growMildState(f)
        let r = f < mildWords.roles.count ? mildWords.roles[f] : 0
        mildState[f] |= MildWords.rolesKnown | r
        return r
    }

    /// Notes what `isMildForm` would find for form id `f`, an ASCII form with a valence read as an entry whose
    /// `SentimentTables.mildTerms` are `flags`: `computeFormInfo` knows that entry's term id, where `isMildForm`
    /// made the form's String and its inflections' to find it again (callgrind, 20k bench lines: ~4M instructions,
    /// ~2,000 a sentiment form). Forms that are not ASCII are still answered by `isMildForm`.
    func noteMildEntry(of f: Int, flags: UInt16) {
        growMildState(f)
        mildState[f] |= MildWords.mildKnown | flags
    }

    private func growMildState(_ f: Int) {
        if f >= mildState.count { mildState.append(contentsOf: repeatElement(0, count: max(f + 1 - mildState.count, 1024))) }
    }

    /// Whether the phrase of `count` words at `i` is a mild entry of mild.txt.
    func isMildPhrase(at i: Int, count: Int, _ tokens: [Token]) -> Bool {
        !mildWords.phrases.isEmpty && mildWords.phrases.contains(tokens[i..<i + count].map(\.form))
    }

    /// Why a mild word at `i` is not asserted, or nil when it is: the sentence is a question (a "?" without a
    /// "!", or a question word or an auxiliary + subject first), the word is inside a clause of
    /// `SentimentRules.unassertedClauseCues` (a condition, a time, an embedded question, a want), or it
    /// follows an action marker directly or through "be".
    func mildUnasserted(at i: Int, in range: Range<Int>, _ tokens: [Token], questions: Int, exclamations: Int) -> String? {
        // Cheapest first (callgrind, 200k lines: ~30,000 calls; with a String per punctuation token and one set
        // per cue kind this was 1,350 instructions a call, 0.8% of `painmap sentiment`).
        let w = mildWords
        var k = i - 1
        if k >= range.lowerBound, tokens[k].form == w.be { k -= 1 }
        if k >= range.lowerBound, mildRole(tokens[k].form) & MildWords.actionMarker != 0 { return "action, not a verdict" }
        if exclamations == 0 {
            if questions > 0 { return "question" }
            if let first = range.first(where: { tokens[$0].kind == .word }) {
                let next = first + 1 < range.upperBound ? tokens[first + 1].form : UInt32.max   // no next word
                let f = tokens[first].form
                let role = mildRole(f)
                if role & (MildWords.questionWord | MildWords.auxiliary) != 0 {
                    // "what a fun day", "how fun": exclamations, not questions.
                    let exclamative = (f == w.what && (next == w.a || next == w.an))
                        || (f == w.how && next != UInt32.max && lexicon.valences[analyzer.vocabulary.string(next)] != nil)
                    if !exclamative && (role & MildWords.questionWord != 0 || (next != UInt32.max && mildRole(next) & MildWords.subject != 0)) {
                        return "question"
                    }
                }
            }
        }
        var j = i - 1
        while j >= range.lowerBound {
            let t = tokens[j]
            if t.kind == .punctuation {
                if isClauseBreakForm(t.form) { break }
            } else if mildRole(t.form) & MildWords.clauseCue != 0, !(t.form == w.how && j == i - 1),
                      !(j > range.lowerBound && w.countdownCues.contains(t.form) && w.countdownUnits.contains(tokens[j - 1].form)) {
                return "condition, time, question or want"
            }
            j -= 1
        }
        return nil
    }

    /// Punctuation that ends a clause (, ; : - — and sentence ends), read from the form's bytes.
    private func isClauseBreakForm(_ form: UInt32) -> Bool {
        analyzer.vocabulary.withBytes(form) { b -> Bool in
            guard let c = b.first else { return false }
            switch c {
            case 0x2C, 0x3B, 0x3A, 0x2D, 0x2E, 0x21, 0x3F: return true   // , ; : - . ! ?
            case 0xE2: return b.count >= 3 && b[1] == 0x80 && (b[2] == 0x94 || b[2] == 0xA6)   // — …
            default: return false
            }
        }
    }
}
