import Foundation
import PainmapText

/// Scores sentiment with painmap's lexicon and rules (see `SentimentRules` for every constant).
///
/// One per thread, bound to that thread's `Analyzer`: it caches what it knows about each interned word form
/// (valence, negation, modifier) in arrays indexed by form id, so the hot path does no string work. What it
/// derives from the lexicon (multiword tables, cue words as ids) is a `SentimentTables`, built once and shared
/// by the scorers of all workers whose vocabularies fit it.
public final class SentimentScorer {
    public let lexicon: SentimentLexicon
    public let analyzer: Analyzer
    private var vocabulary: Vocabulary { analyzer.vocabulary }

    /// What we know about a form id, computed on first sight and kept compact (12 bytes) because it is read
    /// for every token: valence and modifier as Float (NaN = none), the multiword tables it starts, flags.
    private struct FormInfo {
        var valenceF: Float = .nan
        var modifierF: Float = .nan
        /// Index of the phrases, modifiers, connectives and cues this form starts (`multiKinds`, `singleGroups`), or -1;
        /// `unknown` in an entry of `info` not computed yet.
        var multi: Int16 = FormInfo.unknown
        var bits: UInt8 = 0
        var marks: UInt8 = 0   // "!" count in the low nibble, "?" count in the high nibble

        static let unknown: Int16 = .min
        var isKnown: Bool { multi != FormInfo.unknown }
        static let negationBit: UInt8 = 2
        /// The form is the second word of some multiword entry: only then can a match need the pair table.
        static let secondWordBit: UInt8 = 4
        /// Bit `kindShift + k`: the form starts an entry of kind k (a copy of `multiKinds[multi]`). The scorer
        /// asks "does this word start a connective / irrealis cue / modifier / phrase?" about 35 times per
        /// document; answered here, most of those questions cost no call to `match`.
        static let kindShift: UInt8 = 3
        /// The form is a one-word connective ("but"): a negation or booster look-back stops at it.
        static let singleConnectiveBit: UInt8 = 128
        /// Whether the form may score or cue a rule in `scoreSentence`'s second loop: it has a valence or is a
        /// negation, or it starts a multiword entry of some kind. A token whose form may not, and that is not a
        /// negation by its flags ("isn't"), is a neutral word to that loop or skipped: the loop passed them
        /// (~40% of the bench's words) after ~25 instructions of tests that all failed (callgrind).
        static let mayScoreBit: UInt8 = 1
        var mayScore: Bool { bits & FormInfo.mayScoreBit != 0 }
        var isSecondWord: Bool { bits & FormInfo.secondWordBit != 0 }
        @inline(__always) func starts(_ kind: MultiKind) -> Bool { bits & (1 << (FormInfo.kindShift + UInt8(kind.rawValue))) != 0 }
        var isSingleConnective: Bool { bits & FormInfo.singleConnectiveBit != 0 }
        var valence: Double? { valenceF.isNaN ? nil : Double(valenceF) }
        var modifier: Double? { modifierF.isNaN ? nil : Double(modifierF) }
        var negation: Bool { bits & FormInfo.negationBit != 0 }
        var startsMulti: Bool { multi >= 0 }
        var exclamations: Int { Int(marks & 0xF) }
        var questions: Int { Int(marks >> 4) }
    }
    private var info: [FormInfo] = []
    /// The FormInfo of each token of the document being scored, by token index: filled by `loadFormInfos`
    /// before the rules run, read by `scoreSentence` for the token it is at and the next ones. In token
    /// order, the rules read it sequentially; through `info` each read was a bounds check, a test of the
    /// known bit and a load at a scattered form id (perf: that load was ~15% of `scoreSentence`'s time).
    private var tokenInfo: [FormInfo] = []
    /// The sentence scores of the last result, for the next one to reuse once that result is gone.
    private var scoreStorage: [SentimentScore] = []

    /// A phrase, multiword modifier, connective or irrealis cue: its words are `wordPool[start..<start+count]`.
    struct Multi {
        let start: Int32, count: Int16, kind: UInt8
        /// The third word (0 when there is none), beside the entry: most candidates fail on it, and reading
        /// it from `wordPool` was one more cache line per candidate.
        let third: UInt32
        let value: Double, after: Double
    }
    /// The multiword tables (phrases, multiword modifiers, connectives, irrealis cues), laid out for `match`: see
    /// `MultiwordLayout`. A struct stored inline: reading a table costs what a property of this class of its own did.
    private let multiwords: MultiwordLayout
    @inline(__always) static func pairBit(_ first: UInt32, _ second: UInt32) -> Int {
        Int(truncatingIfNeeded: ((UInt64(first) << 32 | UInt64(second)) &* 0x9E37_79B9_7F4A_7C15) >> 48)
    }
    /// Form id -> index of the first-word entry (FormInfo.multi), or -1; and whether the form is the second
    /// word of a multiword entry (FormInfo.secondWordBit). Filled at init and read once per form. Arrays
    /// by id, not a Dictionary and a Set: every word of an entry was interned with the tables, so the arrays cover
    /// every form that can be in them, and a form new to the worker (~64,000 of them in the 200k-line bench
    /// file, two workers) is answered without two hashed look-ups.
    private let multiIndex: [Int16]
    private let secondWords: [Bool]
    /// One bit per form id: the form is the last word of a multiword modifier ("of" in "kind of"). The
    /// look-back of `applyModifiersAndNegation` asks `multiModifierEnding` about every word before a
    /// sentiment word, and a modifier ending there must end with that word: most words end none, and this
    /// answers without its three `mayMatch` tests (callgrind, 50k bench lines: ~152,000 calls, 19.6M
    /// instructions, ~1.7% of `painmap sentiment --jobs 1`).
    private let modifierLastWords: [UInt64]
    /// The lexicon's single-word entries by their bytes (shared by every worker: `SentimentTerms`).
    private let terms: SentimentTerms
    /// `SentimentTables.mildTerms`: per term id of `terms`, whether the entry is mild (and a stake).
    private let mildTerms: [UInt16]
    /// `and`: SentimentRules.negationStopWords (one word: a form compare, no set, in the look-back).
    let ids: (like: UInt32, least: UInt32, at: UInt32, never: UInt32, not: UInt32, only: UInt32, and: UInt32)
    private let neverSoFollowers: Set<UInt32>
    private let neverSoBridges: Set<UInt32>
    /// SentimentRules.negationEmphasisers as form ids.
    private let negationEmphasisers: Set<UInt32>
    private let stopVerbs: Set<UInt32>
    private let wantVerbs: Set<UInt32>
    private let likeSubjects: Set<UInt32>
    /// Everyday mild words and where they do not count (SentimentScorer+Mild.swift); `mildState` caches per
    /// form id whether it reads as one and its cue roles (bits in `MildWords`).
    let mildWords: MildWords
    var mildState: [UInt16] = []
    /// Per form id, whether it is the first word of a sarcastic opener (SentimentScorer+Sarcasm.swift).
    var openerState: [UInt8] = []
    /// Slang, expletives and laughter of casual posts, and per form id their roles (SentimentScorer+Banter.swift).
    let banter: BanterWords
    /// "haven't laughed this hard in ages" (SentimentScorer+LongTime.swift).
    let longTime: LongTimeWords
    /// "good day" scores where it does not greet (SentimentScorer+Greeting.swift).
    let greeting: GreetingWords
    /// "it's not like it was terrible" (SentimentScorer+NotLike.swift).
    let notLike: NotLikeWords
    /// "wish every day was this good" (SentimentScorer+WishForMore.swift).
    let wishForMore: WishForMoreWords
    /// The session-11 words of the negated-comparative rule (SentimentScorer+Comparative.swift).
    let comparative: ComparativeWords
    var banterState: [UInt16] = []

    public convenience init(lexicon: SentimentLexicon, analyzer: Analyzer, irrealisCues: [String]? = nil, mildEntries: [String]? = nil,
                            stakeEntries: [String]? = nil) throws {
        self.init(fitted: try SentimentTables(lexicon: lexicon, vocabulary: analyzer.vocabulary, irrealisCues: irrealisCues,
                                              mildEntries: mildEntries, stakeEntries: stakeEntries), analyzer: analyzer)
    }

    /// A scorer for `analyzer` on shared tables (built once for all workers: `SentimentTables.Shared`), or on
    /// tables built anew if they do not fit its vocabulary.
    public convenience init(tables: SentimentTables, analyzer: Analyzer) throws {
        self.init(fitted: try tables.fitting(analyzer.vocabulary), analyzer: analyzer)
    }

    /// `t` must fit `analyzer`'s vocabulary. The tables' arrays are shared, not copied (copy on write, and
    /// nothing here writes them).
    init(fitted t: SentimentTables, analyzer: Analyzer) {
        lexicon = t.lexicon
        self.analyzer = analyzer
        terms = t.lexicon.terms
        mildTerms = t.mildTerms
        multiwords = t.multiwords; multiIndex = t.multiIndex; secondWords = t.secondWords
        modifierLastWords = t.modifierLastWords
        ids = t.ids
        neverSoFollowers = t.neverSoFollowers; neverSoBridges = t.neverSoBridges; negationEmphasisers = t.negationEmphasisers
        stopVerbs = t.stopVerbs; wantVerbs = t.wantVerbs; likeSubjects = t.likeSubjects
        mildWords = t.mildWords; banter = t.banter; longTime = t.longTime; greeting = t.greeting; notLike = t.notLike; wishForMore = t.wishForMore; comparative = t.comparative
    }

    /// Loads the English lexicon and makes a scorer for `analyzer`.
    public convenience init(analyzer: Analyzer, lexicons: String? = nil) throws {
        try self.init(lexicon: SentimentLexicon.load(lexicons: lexicons), analyzer: analyzer)
    }

    // MARK: scoring

    public func score(_ doc: AnalyzedDocument, explain: Bool = false) -> SentimentResult {
        // A text confidently in another language gets no score rather than a wrong one: English words
        // inside German ("die", "war") would read as sentiment.
        if doc.language.code != lexicon.language && doc.language.confidence >= SentimentRules.otherLanguageConfidence
            && !outweighsOtherLanguage(doc) {   // SentimentScorer+Language
            return SentimentResult(document: .neutralScore, sentences: doc.sentences.map { _ in .neutralScore },
                                   contributions: [], scored: false)
        }
        // ALL CAPS counts as emphasis only in text that is not shouted throughout (`isMixedCase`, counted
        // in the same pass).
        let mixedCase = loadFormInfos(doc.tokens, 0..<doc.tokens.count)

        // The last result's array, reused as the analyzer reuses its token array (see `Analyzer.analyze`).
        var sentenceScores = scoreStorage
        scoreStorage = []
        sentenceScores.removeAllFew()
        sentenceScores.reserveCapacity(doc.sentences.count)
        var contributions: [SentimentContribution] = []
        var docSum = 0.0, docPos = 0.0, docNeg = 0.0, docNeutral = 0, docStakes = 0.0
        var docHyperbole = 0.0, docLaughs = false   // SentimentScorer+Banter
        var previous = (sum: 0.0, pos: 0.0, neg: 0.0)  // SentimentScorer+SentenceTurn
        for (k, sentence) in doc.sentences.enumerated() {
            let s = scoreSentence(doc, sentence.tokens, index: k, mixedCase: mixedCase, explain: explain, into: &contributions)
            if s.turn < 1, k > 0 {   // "... sucks! But I'll get by"
                turnFromPreviousSentence(previous, index: k - 1, weight: s.turn, sum: &docSum, pos: &docPos, neg: &docNeg,
                                         contributions: &contributions, explain: explain)
            }
            previous = (s.sum, s.pos, s.neg)
            docSum += s.sum; docPos += s.pos; docNeg += s.neg; docNeutral += s.neutralWords; docStakes += s.stakes
            docHyperbole += s.hyperbole; docLaughs = docLaughs || s.laughs
            sentenceScores.append(SentimentScorer.makeScore(sum: s.sum, pos: s.pos, neg: s.neg, neutral: s.neutralWords))
        }
        if docPos == 0, docNeg == 0 {   // SentimentScorer+ExclaimedNews
            readExclaimedNews(doc, sum: &docSum, pos: &docPos, sentences: &sentenceScores, contributions: &contributions, explain: explain)
        }
        if docHyperbole < 0, docLaughs {
            yieldLaughHyperbole(docHyperbole, doc, sum: &docSum, neg: &docNeg, contributions: &contributions, explain: explain)
        }
        if docStakes > 0, docNeg > 0 {
            yieldDocumentStakes(docStakes, doc, sum: &docSum, pos: &docPos, contributions: &contributions, explain: explain)
        }
        scoreStorage = sentenceScores
        return SentimentResult(document: SentimentScorer.makeScore(sum: docSum, pos: docPos, neg: docNeg, neutral: docNeutral),
                               sentences: sentenceScores, contributions: contributions, scored: true)
    }

    static func makeScore(sum: Double, pos: Double, neg: Double, neutral: Int) -> SentimentScore {
        let compound = sum / (sum * sum + SentimentRules.normalizationAlpha).squareRoot()
        let total = pos + neg + Double(neutral)
        guard total > 0 else { return .neutralScore }
        return SentimentScore(compound: compound, positive: pos / total, neutral: Double(neutral) / total, negative: neg / total)
    }

    /// `stakes`: positive contributions of stakes.txt words left standing (the sentence did not complain).
    /// `banter`, `hyperbole`: negative contributions of banter intensity words and of laughing hyperbole; `laughs`:
    /// the sentence laughs (SentimentScorer+Banter).
    struct SentenceSum {
        var sum = 0.0, pos = 0.0, neg = 0.0, neutralWords = 0, stakes = 0.0
        var banter = 0.0, hyperbole = 0.0, laughs = false
        /// The before-weight of an adversative connective that opens the sentence ("But I'll get by"), for the sentence
        /// before it (SentimentScorer+SentenceTurn); 1 when none.
        var turn = 1.0
    }

    func scoreSentence(_ doc: AnalyzedDocument, _ range: Range<Int>, index: Int, mixedCase: Bool,
                               explain: Bool, into contributions: inout [SentimentContribution]) -> SentenceSum {
        let tokens = doc.tokens
        var result = SentenceSum()
        // Contrast weights per token ("but" shifts weight to the clause after it); made only when needed.
        // Both nil until needed, not empty arrays: each empty array was still released once per sentence
        // (callgrind: ~31 instructions a release, two a sentence), nil costs a test.
        var weight: [Double]? = nil
        var connectives: [Int]? = nil   // positions of connectives (rare: a list, not a dictionary)
        var irrealisStart: Int? = nil
        var irrealisEnd = range.upperBound
        var exclamations = 0, questions = 0
        var openNegations: UInt64 = 0   // negations not yet known to negate a span, a bit per token (SentimentScorer+BareNegation)
        var i = range.lowerBound
        // Most tokens start no connective or irrealis cue and have no "!" or "?": one test of their FormInfo passes
        // them, before the token itself is read (callgrind, 20k bench lines: 0.43M instructions fewer than the
        // tests below for each token).
        let cueBits: UInt8 = 1 << (FormInfo.kindShift + UInt8(MultiKind.connective.rawValue))
            | 1 << (FormInfo.kindShift + UInt8(MultiKind.irrealis.rawValue))
        while i < range.upperBound {
            let fi = info(at: i)
            if fi.bits & cueBits == 0 && fi.marks == 0 { i += 1; continue }
            let t = tokens[i]
            if t.kind == .punctuation { exclamations += fi.exclamations; questions += fi.questions; i += 1; continue }
            if fi.starts(.connective), let m = match(.connective, at: i, in: range, tokens) {
                // "not only X but (also) Y" adds Y to X: no weight moves between them.
                let adds = (range.lowerBound..<max(range.lowerBound, i - 1)).contains {
                    tokens[$0].form == ids.not && tokens[$0 + 1].form == ids.only
                }
                if weight == nil, !adds { weight = [Double](repeating: 1, count: range.count) }
                if !adds { applyContrast(m, at: i, range: range, tokens: tokens, weight: &weight!) }
                if i == range.lowerBound, m.value < 1 { result.turn = m.value }   // SentimentScorer+SentenceTurn
                if connectives == nil { connectives = [i] } else { connectives!.append(i) }
                i += Int(m.count)
                continue
            }
            // Fix (session 10): a cue that opens a phrase of phrases.tsv is the phrase's: its valence already says what
            // the wish means ("should have switched sooner" +2.2, "wish I found this sooner", "could have been worse"),
            // and the cue used to flip it.
            if irrealisStart == nil, fi.starts(.irrealis), match(.irrealis, at: i, in: range, tokens) != nil, !isWellWish(at: i, in: range, tokens),
               !(fi.starts(.phrase) && match(.phrase, at: i, in: range, tokens) != nil) {
                irrealisStart = i
                // The wish reaches to the end of its clause: "I wish it had been - it was gorgeous".
                irrealisEnd = (i..<range.upperBound).first { tokens[$0].kind == .punctuation && isClauseBreak(tokens[$0]) } ?? range.upperBound
            }
            i += 1
        }
        // Fix (session 11): a contrast after the cue ends the wish too: "it was supposed to rain but it turned out sunny",
        // "I wish it had a dark mode, but otherwise it's great" assert what follows the turn.
        if let cue = irrealisStart, let turn = connectives?.first(where: { $0 > cue }), turn < irrealisEnd { irrealisEnd = turn }

        i = range.lowerBound
        var stakes = 0.0   // positive contributions of stakes.txt words (SentimentRules.stakeInComplaintFactor)
        // Stakes in the clause a contrast weighs more, and negatives in the clause it weighs less
        // (SentimentRules.stakeAfterTurnFactor, `scaleStakes` in SentimentScorer+Mild).
        var stakesAfterTurn = 0.0, negBeforeTurn = 0.0
        // Fix (session 8): the end of the last positive phrase of two or more words scored, where a later word's look-back
        // for negations and modifiers stops: "Nothing beats a nap", "no complaints, just chilling" negated "nap" and
        // "chilling" by the phrase's own negation. A negative phrase's negation still reaches its object: "haven't
        // received the bonus" is no bonus.
        var phraseEnd = range.lowerBound
        var sarcastic = false   // the sentence has a sarcasm marker (SentimentScorer+Sarcasm)
        var notLikeAt = -1      // the "like" of "it's not like" (SentimentScorer+NotLike)
        let firstContribution = contributions.count
        while i < range.upperBound {
            let t = tokens[i]
            let fi = info(at: i)
            // Every test below fails for a token that may not score: it is a neutral word or skipped.
            // The flag as a bit test: `contains` was left out of line once this loop grew (callgrind, session 11: ~11 calls a line).
            if !fi.mayScore && t.flags.rawValue & TokenFlags.negation.rawValue == 0 { result.neutralWords += t.kind == .word ? 1 : 0; i += 1; continue }
            if t.kind == .punctuation || t.kind == .symbol || t.kind == .number || t.kind == .url || t.kind == .email { i += 1; continue }
            var base: Double? = nil
            var length = 1
            var innerBooster: Int? = nil   // a booster said inside a phrase ("no longer really works")
            var innerHedge: Int? = nil     // an adverb after a phrase's opening negation ("never really arrived")
            var mild = false               // a word or phrase of mild.txt
            var ownsNegation = false       // a positive phrase: later words' look-back stops at its end (`phraseEnd`)
            if fi.startsMulti {
                if mayMatch(.modifier, fi, at: i, range, tokens), let m = matchChecked(.modifier, fi, at: i, in: range, tokens),
                   nextContent(after: i + Int(m.count) - 1, range, tokens) != nil {
                    i += Int(m.count); continue   // "kind of" before a word: a dampener, not kindness
                }
                // The next token's FormInfo, read once for both phrase tests (`mayMatchPhrase` and the booster's): the
                // word starts a phrase for ~half the bench's words, and most of them match none (callgrind, 20k bench
                // lines: reading it in each test was ~1M instructions more).
                let next = fi.starts(.phrase) && i + 1 < range.upperBound ? info(at: i + 1) : FormInfo()
                if mayMatchPhrase(fi, next: next, at: i, tokens), let m = matchChecked(.phrase, fi, at: i, in: range, tokens) {
                    // A 0 in phrases.tsv is a name that holds a sentiment word ("customer care", "gift card"):
                    // its words are neutral.
                    if m.value == 0 {
                        // A greeting where it does not greet scores its words ("exhausted but good day"): SentimentScorer+Greeting.
                        if !isGreetingOutOfPlace(at: i, count: Int(m.count), in: range, tokens) {
                            if openNegations != 0 { attachNegations(toSpanAt: i, length: Int(m.count), in: range, &openNegations, tokens) }
                            result.neutralWords += Int(m.count); i += Int(m.count); continue
                        }
                    } else {
                        base = m.value; length = Int(m.count)
                        ownsNegation = m.value > 0
                        // "best customer service ever, said no one": SentimentScorer+Sarcasm.
                        if m.value < 0, length > 1, isSarcasmPhraseOpener(t.form) { sarcastic = true }
                        mild = mildWords.phraseFirstWords.contains(t.form) && isMildPhrase(at: i, count: length, tokens)
                    }
                }
                // A booster among the next two tokens, or `phraseAroundBooster` finds nothing: asked inline first because
                // most phrase words that match no phrase have none (the call, which copies tokens when it does find
                // one, was ~3% of `painmap sentiment`).
                else if fi.starts(.phrase), next.modifierF > 0 || (i + 2 < range.upperBound && info(at: i + 2).modifierF > 0),
                        let (m, k, negated) = phraseAroundBooster(at: i, in: range, tokens) {
                    base = m.value; length = Int(m.count) + 1
                    if negated { innerHedge = k } else { innerBooster = k }
                }
                else if fi.starts(.connective), connectives?.contains(i) == true { i += 1; continue }
            }
            if base == nil {
                guard let v = fi.valence else {
                    // Negations are marked here, where the loop passes words of no sentiment, not in the first
                    // loop over every token (callgrind: 1.8M more instructions a 10k-line run there).
                    if fi.negation || t.flags.rawValue & TokenFlags.negation.rawValue != 0 { openNegations |= SentimentScorer.negationBit(i, range) }
                    result.neutralWords += t.kind == .word ? 1 : 0; i += 1; continue
                }
                // A modifier right before a sentiment word is only a modifier ("pretty good", "damn fast").
                // Fix: a phrase is a sentiment span too ("completely stopped working" boosts the phrase; it
                // used to count "completely" as a word of its own as well).
                if fi.modifier != nil, let n = nextContent(after: i, range, tokens),
                   info(at: n).valence != nil
                    || (mayMatch(.phrase, info(at: n), at: n, range, tokens) && matchChecked(.phrase, info(at: n), at: n, in: range, tokens) != nil) {
                    i += 1; continue
                }
                if fi.negation { openNegations |= SentimentScorer.negationBit(i, range); i += 1; continue }
                if t.form == ids.like, !isVerbLike(i, range, tokens) {
                    if openNegations != 0, isNotLikeIdiom(at: i, in: range, tokens) {   // SentimentScorer+NotLike
                        notLikeAt = i; openNegations &= ~SentimentScorer.negationBit(i - 1, range)
                    }
                    result.neutralWords += 1; i += 1; continue
                }
                // "finally watching Breaking Bad": a word of a name (SentimentScorer+ProperNames).
                if isTitleCaseFlags(t), isInsideName(at: i, in: range, tokens) {
                    result.neutralWords += 1; i += 1; continue
                }
                base = v
                mild = isMildForm(t.form, valence: v)
            }
            // nil unless explaining: an empty array was still released once per scored span (callgrind: ~31
            // instructions each, ~340,000 spans on the 200k-line bench file), nil costs a test.
            var rules: [String]? = explain ? [] : nil
            var v = base!
            if v < 0, length == 1, banterRole(t.form) & (BanterWords.rave | BanterWords.victoryVerb | BanterWords.howIntensity) != 0 {
                if banterRole(t.form) & BanterWords.rave != 0, isRavePraise(at: i, in: range, tokens) {
                    v = SentimentRules.ravePraiseValence   // SentimentScorer+Banter: "this beat is sick"
                    if explain { rules?.append("slang praise of a thing people rave about: \(v)") }
                } else if banterRole(t.form) & BanterWords.victoryVerb != 0, isVictory(at: i, in: range, tokens) {
                    v = SentimentRules.victoryValence   // SentimentScorer+Victory: "we destroyed them 5-0"
                    if explain { rules?.append("a win told with a verb of violence: \(v)") }
                } else if banterRole(t.form) & BanterWords.howIntensity != 0, isHowIntensity(at: i, in: range, tokens, explain: explain, rules: &rules) {
                    v = 0   // SentimentScorer+HowIntensity: "ridiculous how good"
                }
            }
            // "amazing how a company this big can be this bad": SentimentScorer+HowIntensity.
            if v > 0, length == 1, i + 2 < range.upperBound, banterRole(tokens[i + 1].form) & BanterWords.howWord != 0,
               isWonderBeforeComplaint(at: i, in: range, tokens) {
                if explain { rules?.append("wonder before 'how' and a complaint: 0") }
                v = 0
            }
            let sign: Double = v >= 0 ? 1 : -1
            if mixedCase && t.flags.rawValue & TokenFlags.allCaps.rawValue != 0 {
                v += sign * SentimentRules.capsEmphasis
                if explain { rules?.append("ALL CAPS +\(SentimentRules.capsEmphasis)") }
            }
            if t.flags.rawValue & TokenFlags.elongated.rawValue != 0 {
                v += sign * SentimentRules.elongationEmphasis
                if explain { rules?.append("elongated +\(SentimentRules.elongationEmphasis)") }
            }
            if let k = innerBooster, let b = info(at: k).modifier {
                v += sign * b
                if explain { rules?.append("boosted by '\(vocabulary.string(tokens[k].form))' inside the phrase") }
            }
            if let k = innerHedge, let b = info(at: k).modifier {
                if negationEmphasisers.contains(tokens[k].form) {
                    v += sign * b
                    if explain { rules?.append("negation emphasised by '\(vocabulary.string(tokens[k].form))' inside the phrase") }
                } else {
                    let cut = min(b, abs(v) * SentimentRules.negatedPhraseSofteningCap)
                    v -= sign * cut
                    if explain { rules?.append("softened by '\(vocabulary.string(tokens[k].form))' after the negation -\((cut * 100).rounded() / 100)") }
                }
            }
            // Fix (session 11): a face (an emoji or emoticon) shows the writer's feeling; the words before it do not negate
            // or boost it: "it doesn't work 😡" is not praise, "omg no way 😍" not a complaint. Not a laughing face: after a
            // negation it laughs at a failure ("they won't take my money 😂", "the baby's arrived, the parcel hasn't 😂"),
            // and is read through the negation as before.
            let face = (t.kind == .emoji || t.kind == .emoticon) && banterRole(t.form) & BanterWords.laughter == 0
            if !face {
                v = applyModifiersAndNegation(v, at: i, range: range, after: phraseEnd, tokens: tokens, mixedCase: mixedCase, asks: questions > 0, explain: explain, rules: &rules)
            }
            if notLikeAt >= 0 { v = negatedAfterNotLike(v, at: i, like: notLikeAt, tokens, explain: explain, rules: &rules); notLikeAt = -1 }
            if ownsNegation { phraseEnd = i + length }   // after its own look-back: "not worth it" is still negated
            let w = weight?[i - range.lowerBound] ?? 1
            if w != 1 {
                v *= w
                if explain { rules?.append("contrast x\(w)") }
            }
            if mild, let why = mildUnasserted(at: i, in: range, tokens, questions: questions, exclamations: exclamations) {
                v *= SentimentRules.mildUnassertedFactor
                if explain { rules?.append("mild word not asserted (\(why)) x\(SentimentRules.mildUnassertedFactor)") }
                if v == 0 { result.neutralWords += length }
            }
            // Fix: only spans after the cue, or a phrase starting at it, are inside the wish; "i > cue || length > 1"
            // also flipped phrases said before the cue ("Works great and I wish it had dark mode").
            // (session 11) not a positive word right after "this": "wish every day was this good" (SentimentScorer+WishForMore).
            if let cue = irrealisStart, v > 0, i > cue || (i == cue && length > 1), i < irrealisEnd,
               !isWishedAsItIs(at: i, cue: cue, tokens, explain: explain, rules: &rules) {
                v *= SentimentRules.irrealisFactor
                if explain { rules?.append("irrealis x\(SentimentRules.irrealisFactor)") }
            }
            if mild, v > 0, length == 1, isStakeForm(t.form) {
                stakes += v
                if let wt = weight, wt[i - range.lowerBound] > 1 { stakesAfterTurn += v }
            }
            if v < 0, t.kind == .emoji, isSarcasmMarker(t.form) { sarcastic = true }
            if length == 1, v != 0 {   // SentimentScorer+Banter
                let role = banterRole(t.form)
                if role != 0 {
                    if v > 0 { result.laughs = result.laughs || role & BanterWords.laughter != 0 }
                    else if role & BanterWords.intensity != 0 { result.banter += v }
                    else if role & BanterWords.hyperbole != 0, isSelfHyperbole(at: i, in: range, tokens) { result.hyperbole += v }
                }
            }
            if openNegations != 0, !face { attachNegations(toSpanAt: i, length: length, in: range, &openNegations, tokens) }
            result.sum += v
            if v > 0 { result.pos += v } else {
                result.neg -= v
                if let wt = weight, wt[i - range.lowerBound] < 1 { negBeforeTurn -= v }
            }
            if explain {
                let last = tokens[min(i + length, range.upperBound) - 1]
                let span = Span(t.span.start, last.span.end)
                contributions.append(SentimentContribution(span: span, text: doc.originalText(span), base: base!, adjusted: v, rules: rules ?? [], sentence: index))
            }
            i += length
        }
        // What the sentence's words and phrases complain of, before the wish cue's and bare negations' shares: those
        // alone are no complaint for the sarcasm rule ("Amazing, no lines at the DMV today").
        let wordNeg = result.neg
        if let cue = irrealisStart {
            let v = SentimentRules.irrealisCueValence
            result.sum += v; result.neg -= v
            if explain {
                let t = tokens[cue]
                contributions.append(SentimentContribution(span: t.span, text: doc.originalText(t.span), base: v, adjusted: v, rules: ["irrealis cue"], sentence: index))
            }
        }
        if openNegations != 0 {
            scoreBareNegations(openNegations, in: range, doc, index: index, questions: questions, exclamations: exclamations,
                               weight: weight ?? [], into: &result, contributions: &contributions, explain: explain)
        }
        if result.banter < 0 {
            settleBanter(result.banter, into: &result, contributions: &contributions, from: firstContribution, in: range, tokens, explain: explain)
        }
        if stakes > 0, result.neg > 0 {
            // Every stake after the turn, the whole complaint before it (summed in the same order: equal when so):
            // the stakes answer the complaint, they are not what it is about. They are settled here either way: they
            // do not yield again to another sentence's complaint (`result.stakes` stays 0).
            if stakes == stakesAfterTurn, result.neg == negBeforeTurn {
                scaleStakes(stakes, by: SentimentRules.stakeAfterTurnFactor, rule: "a stake after the turn of a contrast, the complaint before it",
                            in: range, tokens, into: &result, contributions: &contributions, from: firstContribution, explain: explain)
            } else {
                scaleStakes(stakes, by: SentimentRules.stakeInComplaintFactor, rule: "a stake in a complaint",
                            in: range, tokens, into: &result, contributions: &contributions, from: firstContribution, explain: explain)
            }
        } else {
            result.stakes = stakes
        }
        if result.pos > 0, sarcastic || (wordNeg > 0 && (opensWithSarcasticPraise(range, tokens, contrast: weight != nil)
                                                         || praisesABadDeed(range, tokens))) {
            readAsSarcasm(into: &result, contributions: &contributions, from: firstContribution, explain: explain)
        }
        // Punctuation emphasis pushes further the way the sentence already leans.
        if result.sum != 0 {
            let sign: Double = result.sum > 0 ? 1 : -1
            var extra = Double(min(exclamations, SentimentRules.exclamationCap)) * SentimentRules.exclamationEmphasis
            if questions > 1 { extra += Double(min(questions, SentimentRules.questionCap)) * SentimentRules.questionEmphasis }
            if extra > 0 {
                result.sum += sign * extra
                if sign > 0 { result.pos += extra } else { result.neg += extra }
            }
        }
        return result
    }

    /// Boosters, dampeners, negations and "least" in the few tokens before position `i`.
    /// `floor`: the end of the last phrase scored before `i` in the sentence (or the sentence's start): the phrase owns
    /// the words before it, as an earlier sentiment word does ("Nothing beats a nap": "nothing" is the phrase's).
    private func applyModifiersAndNegation(_ value: Double, at i: Int, range: Range<Int>, after floor: Int, tokens: [Token],
                                           mixedCase: Bool, asks: Bool, explain: Bool, rules: inout [String]?) -> Double {
        var v = value
        let sign: Double = v >= 0 ? 1 : -1
        var negations = 0
        // The form of the last negation counted, said only when explaining: a String here was released at the end
        // of every call (~34,000 calls in 20k bench lines).
        var negationForm: UInt32 = 0
        var j = i - 1
        var distance = 0
        while j >= floor, distance < SentimentRules.lookBack {
            let t = tokens[j]
            if t.kind == .punctuation || t.kind == .symbol || t.kind == .emoji || t.kind == .emoticon { break }
            let fi = info(at: j)
            if fi.isSingleConnective { break }
            if t.form == ids.and { break }   // SentimentRules.negationStopWords
            // An earlier sentiment word owns the negations and modifiers before it: in "don't care don't care"
            // the second "care" is negated once, not twice.
            if fi.valence != nil, fi.modifier == nil, !fi.negation, !t.flags.contains(.negation) { break }
            // Decay: a modifier right before the word counts fully, two words back 95%, three back 90%.
            let decay = 1.0 - 0.05 * Double(distance)
            if let m = fi.modifier {
                if t.form == ids.least, j > range.lowerBound, tokens[j - 1].form == ids.at, opensClause(j - 1, range, tokens) {
                    // "at least" opening a clause is a consolation, not the dampener "least" (SentimentRules.leastFactor).
                    if explain { rules?.append("'at least': a consolation, not dampened") }
                } else {
                    var scalar = m
                    if mixedCase && t.flags.contains(.allCaps) && m > 0 { scalar += SentimentRules.capsEmphasis / 2 }
                    v += sign * scalar * decay
                    if explain { rules?.append("\(m > 0 ? "boosted" : "dampened") by '\(vocabulary.string(t.form))'") }
                }
            } else if isModifierLastWord(t.form), let (m, len) = multiModifierEnding(at: j, range, tokens) {
                v += sign * m * decay
                if explain { rules?.append("\(m > 0 ? "boosted" : "dampened") by a multiword modifier") }
                j -= len - 1
            }
            if fi.negation || t.flags.contains(.negation) {
                // "not only ... but", "never so good", "can't stop": not negations.
                let next = j + 1 < tokens.count ? tokens[j + 1].form : 0
                // Fix: "never been so happy" (the rule's own example) has "been" between "never" and "so", and
                // "so" may start the scored phrase itself ("never so happy", phrase "so happy"): k <= i.
                var k = j + 1
                // (session 10) and "never felt so good", "never tasted this good": SentimentRules.neverSoBridges.
                if t.form == ids.never, k + 1 <= i, neverSoBridges.contains(next) { k += 1 }
                if t.form == ids.not && next == ids.only {
                } else if j + 1 < i, banterRole(next) & BanterWords.surpriseVerb != 0, isSurprise(negationAt: j, before: i, tokens) {
                    // SentimentScorer+Comparative: "didn't expect to love it", "never thought I'd say this" report a
                    // surprise; what follows is asserted.
                } else if sign < 0, j + 1 < i, wantVerbs.contains(next) {
                    // "I don't want another charge": a worry, not praise (SentimentRules.unwantedFactor).
                    v *= SentimentRules.unwantedFactor
                    if explain { rules?.append("not wanted: still a worry x\(SentimentRules.unwantedFactor)") }
                } else if stopVerbs.contains(next), j + 1 < i {
                    // "The app can't stop crashing" complains, "I can't stop smiling" praises: what follows
                    // a negated "stop" is asserted, not negated.
                } else if t.form == ids.never && k <= i && neverSoFollowers.contains(tokens[k].form) {
                    v *= SentimentRules.neverSoEmphasis
                    if explain { rules?.append("'never so' x\(SentimentRules.neverSoEmphasis)") }
                } else if banterRole(t.form) & BanterWords.topNegation != 0, negatesToTheTop(at: j, comparative: i, range, tokens) {
                    // SentimentScorer+Comparative: "never been happier", "couldn't be prouder".
                    v *= SentimentRules.neverSoEmphasis
                    if explain { rules?.append("negated comparative: nothing tops it x\(SentimentRules.neverSoEmphasis)") }
                } else if asks, j == range.lowerBound, asksForAgreement(negationAt: j, range, tokens) {
                    // SentimentScorer+AgreementQuestion: "isn't this the best day ever?" says it is.
                    if explain { rules?.append("a question that asks for agreement: not negated") }
                } else if isNotSinceLongAgo(negationAt: j, word: i, range, tokens) {
                    // SentimentScorer+LongTime: "haven't laughed this hard in ages".
                    v *= SentimentRules.neverSoEmphasis
                    if explain { rules?.append("not since long ago: now is the most x\(SentimentRules.neverSoEmphasis)") }
                } else {
                    negations += 1
                    negationForm = t.form
                }
            }
            if t.form == ids.least, j == i - 1, !(j - 1 >= range.lowerBound && tokens[j - 1].form == ids.at) {
                v *= SentimentRules.leastFactor
                if explain { rules?.append("'least' x\(SentimentRules.leastFactor)") }
            }
            j -= 1
            distance += 1
        }
        if negations % 2 == 1 {
            let f = v > 0 ? SentimentRules.negationFactor : SentimentRules.negatedNegativeFactor
            v *= f
            if explain { rules?.append("negated by '\(vocabulary.string(negationForm))' x\(f)") }
        }
        return v
    }

    // MARK: helpers

    /// Whether `t` negates as the rules read it: a word of negations.txt, or a contraction the tokenizer
    /// flagged ("isn't"). `t` must come from this scorer's analyzer.
    @inline(__always)
    public func isNegation(_ t: Token) -> Bool { formInfo(t.form).negation || t.flags.contains(.negation) }

    /// Computes the FormInfo of every token that lacks one, in one tight pass before the rules run. The
    /// rules read the table token by token with branches on what they read, so the first read of each
    /// entry waited for memory on its own (perf: ~30% of `scoreSentence`'s cycles on that one load); this
    /// loop has many reads in flight at once and leaves the entries in cache for the rules.
    /// Returns `isMixedCase` of the tokens. This loop only gathers their flags: a document with no ALL-CAPS
    /// token is not mixed, and only those with one (~8% of the bench lines) are counted word by word after it.
    /// Counting every document's words here was ~12 instructions a token (callgrind), and a pass of its own
    /// ~1% of `painmap sentiment`'s instructions.
    /// Fills `tokenInfo` for the tokens of `range` (what `scoreSentence` reads for them).
    func loadFormInfos(_ tokens: [Token], _ range: Range<Int>) -> Bool {
        if tokenInfo.count < tokens.count { tokenInfo.append(contentsOf: repeatElement(FormInfo(), count: tokens.count - tokenInfo.count)) }
        // Written through a buffer pointer: `tokenInfo[k] = ...` checked the array's uniqueness and bounds for
        // each token, which cost more than the reads it saves (callgrind).
        return tokenInfo.withUnsafeMutableBufferPointer { out in tokens.withUnsafeBufferPointer { t in
            var flags: TokenFlags.RawValue = 0
            for k in range {
                let token = t[k]
                let f = Int(token.form)
                out[k] = f < info.count && info[f].isKnown ? info[f] : computeFormInfo(token.form)
                flags |= token.flags.rawValue
            }
            guard flags & TokenFlags.allCaps.rawValue != 0 else { return false }
            // Counted as `isMixedCase` counts.
            var caps = 0, words = 0
            for k in range where t[k].kind == .word && t[k].end - t[k].start >= 2 {
                words += 1
                if t[k].flags.contains(.allCaps) { caps += 1 }
            }
            return caps > 0 && caps < words
        } }
    }

    /// The FormInfo of token `k` of the document being scored (`tokenInfo`, loaded by `loadFormInfos`).
    @inline(__always)
    private func info(at k: Int) -> FormInfo { tokenInfo[k] }
    /// The valence of token `k`'s form as Float (NaN: none), for the rule files (`info(at:)` stays private to the loop).
    func tokenValence(at k: Int) -> Float { tokenInfo[k].valenceF }

    /// Whether the word at `k` opens a clause: the sentence's first token, or after punctuation, "and" or a one-word
    /// connective ("but at least there's coffee"; not "smells great at least lol", where "at least" looks back).
    private func opensClause(_ k: Int, _ range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard k > range.lowerBound else { return true }
        let before = tokens[k - 1]
        return before.kind == .punctuation || before.form == ids.and || info(at: k - 1).isSingleConnective
    }

    /// Whether the first phrase or word with a valence at or after `k` in the sentence `range` is positive ("nothing like
    /// a hot shower after a cold run": "hot shower"). Asked only of sentences that open with "nothing like"
    /// (SentimentRules.sincereWhenPositiveOpeners).
    func firstSentimentIsPositive(from k: Int, _ range: Range<Int>, _ tokens: [Token]) -> Bool {
        (firstSentiment(from: k, range, tokens) ?? 0) > 0
    }

    /// The valence of the first sentiment word or phrase from `k` on in `range`, or nil if there is none.
    func firstSentiment(from k: Int, _ range: Range<Int>, _ tokens: [Token]) -> Double? {
        for j in k..<range.upperBound {
            let fi = info(at: j)
            if mayMatch(.phrase, fi, at: j, range, tokens), let m = matchChecked(.phrase, fi, at: j, in: range, tokens), m.value != 0 { return m.value }
            if let v = fi.valence { return v }
        }
        return nil
    }

    @inline(__always)
    private func formInfo(_ form: UInt32) -> FormInfo {
        let f = Int(form)
        if f < info.count, info[f].isKnown { return info[f] }
        return computeFormInfo(form)
    }

    private func computeFormInfo(_ form: UInt32) -> FormInfo {
        let f = Int(form)
        if f >= info.count { info.append(contentsOf: repeatElement(FormInfo(), count: max(f + 1 - info.count, 1024))) }
        var fi = FormInfo()
        // ASCII forms (nearly all) are answered from their bytes; others by the String rules below, which
        // compare Unicode strings the way the lexicon's dictionaries do. The ASCII test is made in the same
        // call of `withBytes` (its own call, with the vocabulary's retain and release, was ~1.7M instructions
        // of 20k bench lines: callgrind).
        var v: Double? = nil
        // The term id of the entry an ASCII form is read as, when it has a valence: what `isMildForm` asks.
        var entry: Int? = nil
        let ascii = vocabulary.withBytes(form) { b -> Bool in
            guard b.allSatisfy({ $0 < 0x80 }) else { return false }
            let t = terms.lookup(b)
            // Fix: modifiers and negations are in the lexicon already, so the fallback must not make up a
            // valence for them from a stripped form ("simply" is not "simp" -1.5, "completely" not "complete").
            let isFunctionWord = t.map { terms.modifier[$0] != nil || terms.negation[$0] } ?? false
            if let t, terms.negation[t] { fi.bits |= FormInfo.negationBit }
            if let t, let m = terms.modifier[t] { fi.modifierF = Float(m) }
            if let first = b.first, first == 0x21 || first == 0x3F {   // ! ?
                let marks = b.reduce(into: (0, 0)) { n, c in if c == 0x21 { n.0 += 1 } else if c == 0x3F { n.1 += 1 } }
                fi.marks = UInt8(min(marks.0, 15)) | UInt8(min(marks.1, 15)) << 4
            }
            if let t, let tv = terms.valence[t] { entry = t; v = tv; return true }
            if b.first == 0x23, let h = terms.lookup(UnsafeBufferPointer(rebasing: b.dropFirst())), let hv = terms.valence[h] {
                entry = h; v = hv; return true
            }
            entry = isFunctionWord ? nil : inflectionFallback(ascii: b)
            v = entry.flatMap { terms.valence[$0] }
            return true
        }
        if !ascii {
            let s = vocabulary.string(form)
            // Each looked up once (the look-up by a one-String array key hashes an array): ~300 forms of 20k bench lines.
            let modifier = lexicon.modifiers[[s]], negation = lexicon.negations.contains(s)
            let isFunctionWord = modifier != nil || negation
            v = lexicon.valences[s] ?? (s.hasPrefix("#") ? lexicon.valences[String(s.dropFirst())] : nil)
                ?? (isFunctionWord ? nil : inflectionFallback(s))
            if negation { fi.bits |= FormInfo.negationBit }
            if let m = modifier { fi.modifierF = Float(m) }
            if s.first == "!" || s.first == "?" {
                fi.marks = UInt8(min(s.filter { $0 == "!" }.count, 15)) | UInt8(min(s.filter { $0 == "?" }.count, 15)) << 4
            }
        }
        // A valence of 0 in sentiment.tsv marks a word as neutral on purpose: no valence, and no fallback
        // ("honestly" is not "honest", "lately" is not "late").
        if let v, v != 0 {
            fi.valenceF = Float(v)
            if let entry { noteMildEntry(of: f, flags: mildTerms[entry]) }
        }
        fi.multi = f < multiIndex.count ? multiIndex[f] : -1
        if fi.multi >= 0 {
            let idx = Int(fi.multi)
            fi.bits |= multiwords.multiKinds[idx] << FormInfo.kindShift
            if !multiwords.singleGroups[4 * idx + MultiKind.connective.rawValue].isEmpty { fi.bits |= FormInfo.singleConnectiveBit }
        }
        if f < secondWords.count && secondWords[f] { fi.bits |= FormInfo.secondWordBit }
        if !fi.valenceF.isNaN || fi.negation || fi.startsMulti { fi.bits |= FormInfo.mayScoreBit }
        info[f] = fi
        return fi
    }

    /// `inflectionFallback` for an ASCII form, on bytes: the same candidates in the same order, looked up in
    /// the lexicon's byte table (this runs once per distinct form per thread; the String version was ~4%
    /// of `painmap sentiment`). Returns the term id of the first candidate with a valence (the entry the form
    /// is read as).
    private func inflectionFallback(ascii s: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = s.count
        guard n >= 4 else { return nil }
        // Letters, hyphens and apostrophes only; and, in the same pass, whether a letter repeats (else the squeezed
        // spelling is the form itself) and whether there is a hyphen. Three passes over the bytes were ~120
        // instructions of each call (callgrind, ~17,000 calls in 20k bench lines).
        var doubled = false, hyphen = false
        var previous: UInt8 = 0
        for c in s {
            guard (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x2D || c == 0x27 else { return nil }
            if c == previous { doubled = true }
            if c == 0x2D { hyphen = true }
            previous = c
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 1) { buf -> Int? in
            func entry(_ count: Int) -> Int? {
                guard let t = terms.lookup(UnsafeBufferPointer(rebasing: buf[0..<count])), terms.valence[t] != nil else { return nil }
                return t
            }
            // Elongation squeezed to single letters.
            var m = 0
            if doubled {
                for c in s where m == 0 || buf[m - 1] != c { buf[m] = c; m += 1 }
                if let t = entry(m) { return t }
            }
            // Hyphens dropped.
            if hyphen {
                m = 0
                for c in s where c != 0x2D { buf[m] = c; m += 1 }
                if let t = entry(m) { return t }
            }
            // Every suffix rule of `baseForms` needs a word ending in s, d, g or y ("-es", "-ed", "-ing",
            // "-ly"): other words skip the call and its arrays (most forms new to a worker end otherwise;
            // callgrind put ~1,300 instructions on each call of this fallback).
            let last = s[n - 1] | 0x20
            guard last == 0x73 || last == 0x64 || last == 0x67 || last == 0x79 else { return nil }
            // The candidates in `baseForms`' order, each written into `buf` (no arrays: see `forEachBaseForm`).
            var found: Int? = nil
            Inflection.forEachBaseForm(of: s) { stem, extra in
                for k in 0..<stem { buf[k] = s[k] }
                var m = stem
                if let extra { buf[m] = extra; m += 1 }
                found = entry(m)
                return found != nil
            }
            return found
        }
    }

    /// Forms the lexicon lacks: elongated spellings cut to one letter ("soo" -> "so"), common inflections
    /// ("crashes" -> "crash", "charging" -> "charge"), and hyphenless compounds ("user-friendly").
    private func inflectionFallback(_ s: String) -> Double? {
        guard s.count >= 4, s.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "-" || $0 == "'" }) else { return nil }
        var candidates: [String] = []
        var squeezed = ""
        for c in s where c != squeezed.last { squeezed.append(c) }
        if squeezed != s { candidates.append(squeezed) }
        if s.contains("-") { candidates.append(s.replacingOccurrences(of: "-", with: "")) }
        candidates += Inflection.baseForms(of: Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) }
        for c in candidates { if let v = lexicon.valences[c] { return v } }
        return nil
    }

    enum MultiKind: Int { case phrase, modifier, connective, irrealis }

    /// The pair index of (first word entry `f`, second word `second`), if some entry starts with both.
    @inline(__always)
    private func pair(_ f: Int, _ first: UInt32, _ second: UInt32) -> UInt32? {
        let bit = SentimentScorer.pairBit(first, second)
        guard multiwords.pairBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        return searchPair(f, second)
    }

    /// `pair` once the pair's bit is known to be set: the binary search among first word entry `f`'s second words.
    @inline(__always)
    private func searchPair(_ f: Int, _ second: UInt32) -> UInt32? {
        let r = multiwords.secondRanges[f]
        var lo = Int(r.lowerBound), hi = Int(r.upperBound)
        while lo < hi {
            let mid = (lo + hi) >> 1
            let x = multiwords.secondIDs[mid]
            if x == second { return multiwords.secondPairs[mid] }
            if x < second { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    private func match(_ kind: MultiKind, at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Multi? {
        matchForms(kind, count: range.upperBound - i) { tokens[i + $0].form }
    }

    /// `match` over `count` forms given by position (`form(0)` first): the tokens of a range, or of a range
    /// with one token left out (`phraseAroundBooster`). Inlined, so each caller's `form` costs what its
    /// array read costs.
    @inline(__always)
    private func matchForms(_ kind: MultiKind, count n: Int, _ form: (Int) -> UInt32) -> Multi? {
        let first = form(0)
        let idx = Int(formInfo(first).multi)
        guard idx >= 0, multiwords.multiKinds[idx] & (1 << UInt8(kind.rawValue)) != 0 else { return nil }
        // Entries of two or more words, longest first, among those whose second word is the next token.
        // Most next words are the second word of no entry at all: a bit of their FormInfo says so without
        // a search.
        if n > 1, formInfo(form(1)).isSecondWord, let g = pair(idx, first, form(1)), let m = matchGroup(kind, pair: g, count: n, form) {
            return m
        }
        // Then the one-word entry, if any.
        let single = multiwords.singleGroups[4 * idx + kind.rawValue]
        return single.isEmpty ? nil : multiwords.multis[Int(single.lowerBound)]
    }

    /// The first (longest) entry of kind `kind` starting with pair `g` that the forms (`form(0)` first, `count` of
    /// them) begin with.
    @inline(__always)
    private func matchGroup(_ kind: MultiKind, pair g: UInt32, count n: Int, _ form: (Int) -> UInt32) -> Multi? {
        let gk = 4 * Int(g) + kind.rawValue
        // No entry of the group has the third word (nor is two words long): see `MultiwordLayout.pairThirds`.
        if n > 2 && multiwords.pairThirds[gk] & (1 << UInt64(form(2) & 63)) == 0 { return nil }
        let group = multiwords.pairGroups[gk]
        for m in multiwords.multis[Int(group.lowerBound)..<Int(group.upperBound)] where Int(m.count) <= n {
            if m.count > 2 && form(2) != m.third { continue }
            var ok = true
            var k = 3
            while k < Int(m.count) {
                if form(k) != multiwords.wordPool[Int(m.start) + k] { ok = false; break }
                k += 1
            }
            if ok { return m }
        }
        return nil
    }

    /// `match(kind, at: i, ...)` once `mayMatch(kind, fi, at: i, ...)` (or `mayMatchPhrase`) is true, `fi` the FormInfo
    /// of token i. Without one-word entries of the kind (phrases and multiword modifiers never are) that test found
    /// the word starts an entry of the kind, the next word is a second word and the pair's bit is set: `match`
    /// asked all three again, re-reading both words' FormInfo by form id (scattered loads), before its search.
    /// Here only the search and the group are left; with one-word entries, the whole `match`. (~54,000 calls on
    /// the 20k bench lines, few of which match; callgrind.)
    @inline(__always)
    private func matchChecked(_ kind: MultiKind, _ fi: FormInfo, at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Multi? {
        guard multiwords.singleKinds & (1 << UInt8(kind.rawValue)) == 0 else { return match(kind, at: i, in: range, tokens) }
        guard let g = searchPair(Int(fi.multi), tokens[i + 1].form) else { return nil }
        return matchGroup(kind, pair: g, count: range.upperBound - i) { tokens[i + $0].form }
    }

    /// A phrase with a booster inside it: "no longer really works" is "no longer works", boosted. The booster
    /// must stand after the phrase's first word and before its last. Right after a negation it hedges or
    /// emphasises the negation instead ("never really arrived", "does not really work", "never even arrived":
    /// SentimentRules.negatedPhraseSofteningCap); `negated` says so. Returns the phrase and the booster's position.
    private func phraseAroundBooster(at i: Int, in range: Range<Int>, _ tokens: [Token]) -> (Multi, Int, negated: Bool)? {
        for k in (i + 1)..<min(i + 3, range.upperBound) {
            let b = info(at: k)
            guard let scalar = b.modifier, scalar > 0 else { continue }
            let negated = isNegation(tokens[k - 1])
            // The phrase is matched on the next (at most 8) tokens without the booster, read in place: copying
            // them into an array first was over half of this function's ~860 instructions a call (callgrind).
            let skip = k - i
            let m = matchForms(.phrase, count: min(i + 8, range.upperBound) - i - 1) { p in tokens[i + p + (p >= skip ? 1 : 0)].form }
            if let m, Int(m.count) > k - i, !negated || m.value != 0 {
                return (m, k, negated)
            }
            if negated { return nil }
        }
        return nil
    }

    /// Whether `match(kind, at: i)` can find anything: the word starts an entry of that kind, and the next
    /// word is the second word of some entry or the kind has one-word entries. Asked inline: most calls
    /// of `match` for phrases and modifiers failed on exactly this, after the call and its table reads.
    @inline(__always)
    private func mayMatch(_ kind: MultiKind, _ fi: FormInfo, at i: Int, _ range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard fi.starts(kind) else { return false }
        if multiwords.singleKinds & (1 << UInt8(kind.rawValue)) != 0 { return true }
        // Without one-word entries of the kind, `match` needs an entry starting with this word and the next:
        // the pair's bit (`pairBits`) says whether there can be one. Asked here, before the call: the next
        // word is the second word of some entry for most phrase words ("the", "is", "it"), and `match` then
        // read its tables only to find no pair (perf: `match` was ~8% of the time, much of it cache misses).
        guard i + 1 < range.upperBound else { return false }
        let next = tokens[i + 1].form
        guard info(at: i + 1).isSecondWord else { return false }
        let bit = SentimentScorer.pairBit(tokens[i].form, next)
        return multiwords.pairBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// `mayMatch(.phrase, fi, at: i, ...)` given `next`, the FormInfo of token i + 1 of the sentence (`FormInfo()`
    /// if i is its last), as the scoring loop reads it once for this and the booster test.
    @inline(__always)
    private func mayMatchPhrase(_ fi: FormInfo, next: FormInfo, at i: Int, _ tokens: [Token]) -> Bool {
        guard fi.starts(.phrase) else { return false }
        if multiwords.singleKinds & (1 << UInt8(MultiKind.phrase.rawValue)) != 0 { return true }
        guard next.isSecondWord else { return false }
        let bit = SentimentScorer.pairBit(tokens[i].form, tokens[i + 1].form)
        return multiwords.pairBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Whether the form is the last word of a multiword modifier (`modifierLastWords`). Asked inline before
    /// calling `multiModifierEnding`: the call for each word of the look-back was ~0.6% of
    /// `painmap sentiment --jobs 1` with the test inside it (callgrind).
    @inline(__always)
    private func isModifierLastWord(_ form: UInt32) -> Bool {
        let f = Int(form)
        return f >> 6 < modifierLastWords.count && modifierLastWords[f >> 6] & (1 << UInt64(f & 63)) != 0
    }

    /// A multiword modifier whose last word is at `j` ("kind of" + word).
    private func multiModifierEnding(at j: Int, _ range: Range<Int>, _ tokens: [Token]) -> (Double, Int)? {
        // A match of length len at j - len + 1 ends with the word at j: without a modifier ending with it, none can.
        guard isModifierLastWord(tokens[j].form) else { return nil }
        for len in stride(from: min(4, j - range.lowerBound + 1), through: 2, by: -1) {
            let start = j - len + 1
            guard mayMatch(.modifier, info(at: start), at: start, range, tokens) else { continue }
            if let m = match(.modifier, at: start, in: range, tokens), Int(m.count) == len { return (m.value, len) }
        }
        return nil
    }

    private func nextContent(after i: Int, _ range: Range<Int>, _ tokens: [Token]) -> Int? {
        let n = i + 1
        guard n < range.upperBound, tokens[n].kind == .word || tokens[n].kind == .hashtag else { return nil }
        return n
    }

    private func isVerbLike(_ i: Int, _ range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard i > range.lowerBound else { return true }   // "Like it!" at sentence start
        return likeSubjects.contains(tokens[i - 1].form)
    }

    private func applyContrast(_ m: Multi, at i: Int, range: Range<Int>, tokens: [Token], weight: inout [Double]) {
        let before = m.value, after = m.after
        let end = i + Int(m.count)
        // A fronted concession ("Although it crashes, the app is great"): the conceded clause runs to the comma.
        if i == range.lowerBound, before > 1,
           let comma = (end..<range.upperBound).first(where: { tokens[$0].kind == .punctuation && tokens[$0].end - tokens[$0].start == 1 && formIsComma(tokens[$0]) }) {
            for k in end..<comma { weight[k - range.lowerBound] *= after }
            for k in comma..<range.upperBound { weight[k - range.lowerBound] *= before }
            return
        }
        for k in range.lowerBound..<i { weight[k - range.lowerBound] *= before }
        for k in end..<range.upperBound { weight[k - range.lowerBound] *= after }
    }

    /// Punctuation that ends a clause: , ; : - — and sentence ends.
    private func isClauseBreak(_ t: Token) -> Bool {
        let s = vocabulary.string(t.form)
        return s.first.map { ",;:-—.!?…".contains($0) } ?? false
    }

    private lazy var commaID: UInt32 = vocabulary.intern(",")
    private func formIsComma(_ t: Token) -> Bool { t.form == commaID }
}
