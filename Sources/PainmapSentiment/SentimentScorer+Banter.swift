import Foundation
import PainmapText

/// Banter: the dark and rude words of casual posts that say how strongly the writer feels, not that anything is
/// bad. Three readings (constants and lists in `SentimentRules`):
/// - slang praise (`ravePraiseWords`): "sick", "insane", "killer" said of a thing people rave about (lexicons/en/raves.txt:
///   "this beat is sick", "that goal was insane", "killer workout") is praise (`ravePraiseValence`);
/// - expletives (`banterIntensityWords`: "holy shit we won", "damn, what a night") in a
///   sentence whose other words are all positive count for nothing (`banterInPraiseFactor`);
/// - laughing hyperbole (`laughHyperboleWords`: "I'm dying lol", "crying 😂", "I'm dead lmao") in a post that
///   laughs (`laughterWords`, laughter emoji), said by the writer of themself, counts for nothing (`banterInPraiseFactor`).
struct BanterWords {
    /// What each word is for these rules, by form id of the scorer's vocabulary (bits below); rave nouns with
    /// their plural ("beats", "goals"). An array by id, not a Dictionary: every word was interned, so the ids are
    /// those of the vocabulary's first words, and `computeBanterRole` asks about every form new to a worker
    /// (callgrind, 20k bench lines: the hashed look-ups were ~1M instructions).
    let roles: [UInt16]
    /// "me", after a kill word of laughing hyperbole ("you're killing me 😂").
    let me: UInt32

    /// The roles of form `id` (0 for a word of none).
    @inline(__always)
    func roles(of id: UInt32) -> UInt16 { Int(id) < roles.count ? roles[Int(id)] : 0 }
    static let laughter: UInt16 = 1, hyperbole: UInt16 = 2, intensity: UInt16 = 4, rave: UInt16 = 8, raveNoun: UInt16 = 16, copula: UInt16 = 32
    /// The roles of the negated-comparative rule (SentimentScorer+Comparative.swift).
    static let topNegation: UInt16 = 64, topModal: UInt16 = 256, topBridge: UInt16 = 512
    /// `SentimentRules.laughFirstPerson`.
    static let firstPerson: UInt16 = 1024
    /// `SentimentRules.surpriseVerbs`.
    static let surpriseVerb: UInt16 = 2048
    /// `SentimentRules.victoryVerbs` (SentimentScorer+Victory.swift).
    static let victoryVerb: UInt16 = 4096
    /// `SentimentRules.howIntensityWords`, and "how" (SentimentScorer+HowIntensity.swift).
    static let howIntensity: UInt16 = 8192, howWord: UInt16 = 16384
    /// `SentimentRules.laughKillWords` and `laughKillSubjects` (both: the subjects are never kill words), and "me".
    static let laughKill: UInt16 = 32768
    /// The roles a stretched spelling keeps ("lmaooo", "deaddd", "siiick"): not the nouns and function words.
    static let stretchable: UInt16 = laughter | hyperbole | intensity | rave
    /// `SentimentScorer.banterState` per form id: its roles once `known`.
    static let known: UInt16 = 128

    /// Reads `path` (raves.txt, one noun a line; a missing file means none); `raveNouns` replaces it in tests.
    /// Every word is interned in `vocabulary` (the scorer's), as the scorer's other word sets are.
    init(path: String, raveNouns: [String]? = nil, vocabulary v: Vocabulary) throws {
        var roles: [UInt16] = []
        let nouns = try raveNouns ?? (FileManager.default.fileExists(atPath: path) ? DataFile.wordList(path) : [])
        for (words, bit) in [(SentimentRules.laughterWords, BanterWords.laughter), (SentimentRules.laughHyperboleWords, BanterWords.hyperbole),
                             (SentimentRules.banterIntensityWords, BanterWords.intensity), (SentimentRules.ravePraiseWords, BanterWords.rave),
                             (nouns, BanterWords.raveNoun), (nouns.map { $0 + "s" }, BanterWords.raveNoun),
                             (SentimentRules.raveCopulas, BanterWords.copula),
                             (SentimentRules.topNegations, BanterWords.topNegation), (SentimentRules.topModals, BanterWords.topModal),
                             (SentimentRules.topBridges, BanterWords.topBridge), (SentimentRules.laughFirstPerson, BanterWords.firstPerson),
                             (SentimentRules.surpriseVerbs, BanterWords.surpriseVerb), (SentimentRules.victoryVerbs, BanterWords.victoryVerb),
                             (SentimentRules.howIntensityWords, BanterWords.howIntensity), (["how"], BanterWords.howWord),
                             (SentimentRules.laughKillWords, BanterWords.laughKill | BanterWords.hyperbole),
                             (SentimentRules.laughKillSubjects, BanterWords.laughKill)] {
            for w in words {
                let id = Int(v.intern(SentimentLexicon.key(w)))
                if id >= roles.count { roles.append(contentsOf: repeatElement(0, count: id + 1 - roles.count)) }
                roles[id] |= bit
            }
        }
        self.roles = roles
        me = v.intern("me")
    }

    /// "hahaha", "ahahah", "hehehe", "bwahaha": at least four letters, only h, a, e (and a leading "bw"), both h and a vowel.
    static func isLaughRun(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let from = b.count > 2 && b[0] == 0x62 && b[1] == 0x77 ? 2 : 0   // "bw"
        guard b.count - from >= 4 else { return false }
        var h = false, vowel = false
        for c in b[from...] {
            switch c {
            case 0x68: h = true                  // h
            case 0x61, 0x65: vowel = true        // a e
            default: return false
            }
        }
        return h && vowel
    }
}

extension SentimentScorer {
    /// The banter roles of a form (`BanterWords`), remembered per form id: asked for each negative word and each
    /// positive word of a sentence, a table read once the form is known (its String is made once per form).
    @inline(__always)
    func banterRole(_ form: UInt32) -> UInt16 {
        let f = Int(form)
        if f < banterState.count, banterState[f] & BanterWords.known != 0 { return banterState[f] & ~BanterWords.known }
        return computeBanterRole(f)
    }

    /// The roles of a form met for the first time: its own (`BanterWords.roles`, by form id), else those of its spelling
    /// with stretched letters squeezed ("lmaooo" -> "lmao", looked up without interning), else a laugh typed as a run
    /// ("hahahaha"). On bytes, no String: asked for every word the rules look at (~100 instructions a new form).
    @inline(never)
    private func computeBanterRole(_ f: Int) -> UInt16 {
        if f >= banterState.count { banterState.append(contentsOf: repeatElement(0, count: max(f + 1 - banterState.count, 1024))) }
        let v = analyzer.vocabulary
        var r = banter.roles(of: UInt32(f))
        if r == 0 {
            r = v.withBytes(UInt32(f)) { b -> UInt16 in
                if BanterWords.isLaughRun(b) { return BanterWords.laughter }
                guard b.count >= 3, (1..<b.count).contains(where: { b[$0] == b[$0 - 1] }) else { return 0 }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count) { buf -> UInt16 in
                    var m = 0
                    for c in b where m == 0 || buf[m - 1] != c { buf[m] = c; m += 1 }
                    guard let id = v.lookup(UnsafeBufferPointer(rebasing: buf[0..<m])) else { return 0 }
                    return banter.roles(of: id) & BanterWords.stretchable
                }
            }
        }
        banterState[f] = BanterWords.known | r
        return r
    }

    /// Whether the slang word at `i` is said of a rave noun: the noun right after it ("sick beat", "killer
    /// workout", "an insane goal") or before it in its clause, at most `raveNounReach` words back ("this beat is
    /// sick", "that goal was insane", "the view from up here is insane"), with a copula between (`SentimentRules.raveCopulas`).
    @inline(never)
    func isRavePraise(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        if i + 1 < range.upperBound, tokens[i + 1].kind == .word || tokens[i + 1].kind == .hashtag,
           banterRole(tokens[i + 1].form) & BanterWords.raveNoun != 0 { return true }
        var j = i - 1
        var words = 0
        var copula = false
        while j >= range.lowerBound, words < SentimentRules.raveNounReach {
            let t = tokens[j]
            if t.kind != .word && t.kind != .hashtag { return false }   // a clause break, an emoji, a number
            let r = banterRole(t.form)
            if r & BanterWords.raveNoun != 0 { return copula }
            if r & BanterWords.copula != 0 { copula = true }
            words += 1
            j -= 1
        }
        return false
    }

    /// Whether the hyperbole word at `i` is said by the writer of themself: it opens its sentence ("crying 😂",
    /// "dead lmao"), it is an emoji, or a word of `SentimentRules.laughFirstPerson` stands at most `lookBack` words before it ("I'm
    /// dying", "I'm literally crying"), not "my phone is dead lol".
    @inline(never)
    func isSelfHyperbole(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Bool {
        if tokens[i].kind == .emoji { return true }   // "😭😭 lmao": a face is the writer's own
        if banterRole(tokens[i].form) & BanterWords.laughKill != 0 {
            // "you're killing me lol" (SentimentRules.laughKillWords): "me" after it and a subject just before it.
            guard i + 1 < range.upperBound, tokens[i + 1].form == banter.me else { return false }
            return (max(range.lowerBound, i - 2)..<i).contains { banterRole(tokens[$0].form) & BanterWords.laughKill != 0 }
        }
        guard let first = range.first(where: { tokens[$0].kind == .word || tokens[$0].kind == .emoji }), first < i else { return true }
        var j = i - 1
        while j >= range.lowerBound, j >= i - SentimentRules.lookBack {
            if tokens[j].kind == .word, banterRole(tokens[j].form) & BanterWords.firstPerson != 0 { return true }
            j -= 1
        }
        return false
    }

    /// Settles a sentence's banter: its expletives and intensity words (`intensity`, their negative sum) count for
    /// nothing when every other contribution of the sentence is positive and there is one. With `explain`, the
    /// contributions say so.
    @inline(never)
    func settleBanter(_ intensity: Double, into result: inout SentenceSum, contributions: inout [SentimentContribution],
                      from firstContribution: Int, in range: Range<Int>, _ tokens: [Token], explain: Bool) {
        guard result.pos > 0, result.neg + intensity <= 1e-9 else { return }
        let f = SentimentRules.banterInPraiseFactor
        let cut = intensity * (1 - f)
        result.sum -= cut; result.neg += cut
        guard explain else { return }
        scaleExplained(&contributions, from: firstContribution, positive: false, by: f, rule: "expletive or intensity word in praise",
                       in: range, tokens) { banterRole($0) & BanterWords.intensity != 0 }
    }

    /// Laughing hyperbole in a post that laughs: the document's hyperbole (`hyperbole`, its negative sum) counts
    /// for nothing. The sentence scores keep it; the document's does not (the laugh may be in another sentence:
    /// "I'm dead. 😂"). Called once per such document.
    @inline(never)
    func yieldLaughHyperbole(_ hyperbole: Double, _ doc: AnalyzedDocument, sum: inout Double, neg: inout Double,
                             contributions: inout [SentimentContribution], explain: Bool) {
        let f = SentimentRules.banterInPraiseFactor
        let cut = hyperbole * (1 - f)
        sum -= cut; neg += cut
        guard explain else { return }
        scaleExplained(&contributions, from: 0, positive: false, by: f, rule: "laughing hyperbole in a post that laughs",
                       in: doc.tokens.indices, doc.tokens) { banterRole($0) & BanterWords.hyperbole != 0 }
    }
}
