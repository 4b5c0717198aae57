import PainmapText

/// Scores sentiment with painmap's lexicon and rules (see `SentimentRules` for every constant).
///
/// One per thread, bound to that thread's `Analyzer`: it caches what it knows about each interned word form
/// (valence, negation, modifier) in arrays indexed by form id, so the hot path does no string work.
public final class SentimentScorer {
    public let lexicon: SentimentLexicon
    public let analyzer: Analyzer
    private var vocabulary: Vocabulary { analyzer.vocabulary }

    /// What we know about a form id, computed on first sight and kept compact (12 bytes) because it is read
    /// for every token: valence and modifier as Float (NaN = none), the multiword tables it starts, flags.
    private struct FormInfo {
        var valenceF: Float = .nan
        var modifierF: Float = .nan
        /// Index into `multiTable` of the phrases, modifiers, connectives and cues this form starts, or -1.
        var multi: Int16 = -1
        var bits: UInt8 = 0
        var marks: UInt8 = 0   // "!" count in the low nibble, "?" count in the high nibble

        static let known: UInt8 = 1, negationBit: UInt8 = 2
        var valence: Double? { valenceF.isNaN ? nil : Double(valenceF) }
        var modifier: Double? { modifierF.isNaN ? nil : Double(modifierF) }
        var negation: Bool { bits & FormInfo.negationBit != 0 }
        var startsMulti: Bool { multi >= 0 }
        var exclamations: Int { Int(marks & 0xF) }
        var questions: Int { Int(marks >> 4) }
    }
    private var info: [FormInfo] = []

    private struct Multi { let words: [UInt32]; let value: Double; let after: Double }
    /// The phrases, multiword modifiers, connectives and irrealis cues starting with one word, longest first.
    /// `kinds` has bit k set when list k is non-empty, so most look-ups end at one integer test.
    private struct MultiSet {
        var phrases: [Multi] = [], modifiers: [Multi] = [], connectives: [Multi] = [], irrealis: [Multi] = []
        var kinds: UInt8 = 0
    }
    private var multiTable: [MultiSet] = []
    private var multiIndex: [UInt32: Int16] = [:]
    private var phrases: [UInt32: [Multi]] = [:]
    private var multiModifiers: [UInt32: [Multi]] = [:]
    private var connectives: [UInt32: [Multi]] = [:]
    private var irrealis: [UInt32: [Multi]] = [:]
    private let ids: (like: UInt32, least: UInt32, at: UInt32, never: UInt32, not: UInt32, only: UInt32, been: UInt32)
    private let neverSoFollowers: Set<UInt32>
    private let likeSubjects: Set<UInt32>

    public init(lexicon: SentimentLexicon, analyzer: Analyzer, irrealisCues: [String]? = nil) throws {
        self.lexicon = lexicon
        self.analyzer = analyzer
        let v = analyzer.vocabulary
        func seq(_ words: [String]) -> [UInt32] { words.map { v.intern($0) } }
        func index(_ d: [[String]: Double], after: (([String]) -> Double)? = nil) -> [UInt32: [Multi]] {
            var out: [UInt32: [Multi]] = [:]
            for (words, value) in d where !words.isEmpty {
                let s = seq(words)
                out[s[0], default: []].append(Multi(words: s, value: value, after: after?(words) ?? 0))
            }
            return out.mapValues { $0.sorted { $0.words.count > $1.words.count } }
        }
        phrases = index(lexicon.phrases)
        multiModifiers = index(lexicon.modifiers.filter { $0.key.count > 1 })
        connectives = index(lexicon.contrastives.mapValues(\.before), after: { lexicon.contrastives[$0]!.after })
        let cues = try irrealisCues ?? DataFile.wordList(lexicon.directory + "/irrealis.txt")
        irrealis = index(Dictionary(cues.map { (SentimentLexicon.words($0), SentimentRules.irrealisCueValence) }, uniquingKeysWith: { a, _ in a }))
        for first in Set(phrases.keys).union(multiModifiers.keys).union(connectives.keys).union(irrealis.keys) {
            multiIndex[first] = Int16(multiTable.count)
            var set = MultiSet(phrases: phrases[first] ?? [], modifiers: multiModifiers[first] ?? [],
                               connectives: connectives[first] ?? [], irrealis: irrealis[first] ?? [])
            set.kinds = (set.phrases.isEmpty ? 0 : 1) | (set.modifiers.isEmpty ? 0 : 2) | (set.connectives.isEmpty ? 0 : 4) | (set.irrealis.isEmpty ? 0 : 8)
            multiTable.append(set)
        }
        ids = (v.intern("like"), v.intern("least"), v.intern("at"), v.intern("never"), v.intern("not"), v.intern("only"), v.intern("been"))
        // Fix: not "that" or "as": "never that good" and "never as good as promised" are complaints, not praise.
        neverSoFollowers = Set(["so", "this", "more"].map { v.intern($0) })
        // "like" is a verb after these, a preposition ("looks like", "feel like") elsewhere.
        likeSubjects = Set(["i", "we", "you", "they", "really", "do", "don't", "dont", "would", "i'd", "we'd",
                            "definitely", "totally", "honestly", "still", "just", "also", "genuinely", "did",
                            "didn't", "didnt", "does", "doesn't", "both", "all", "kinda"].map { v.intern($0) })
    }

    /// Loads the English lexicon and makes a scorer for `analyzer`.
    public convenience init(analyzer: Analyzer, lexicons: String? = nil) throws {
        try self.init(lexicon: SentimentLexicon.load(lexicons: lexicons), analyzer: analyzer)
    }

    // MARK: scoring

    public func score(_ doc: AnalyzedDocument, explain: Bool = false) -> SentimentResult {
        // A text confidently in another language gets no score rather than a wrong one: English words
        // inside German ("die", "war") would read as sentiment.
        if doc.language.code != lexicon.language && doc.language.confidence >= SentimentRules.otherLanguageConfidence {
            return SentimentResult(document: .neutralScore, sentences: doc.sentences.map { _ in .neutralScore },
                                   contributions: [], scored: false)
        }
        // ALL CAPS counts as emphasis only in text that is not shouted throughout.
        let mixedCase = SentimentScorer.isMixedCase(doc)

        var sentenceScores: [SentimentScore] = []
        sentenceScores.reserveCapacity(doc.sentences.count)
        var contributions: [SentimentContribution] = []
        var docSum = 0.0, docPos = 0.0, docNeg = 0.0, docNeutral = 0
        for (k, sentence) in doc.sentences.enumerated() {
            let s = scoreSentence(doc, sentence.tokens, index: k, mixedCase: mixedCase, explain: explain, into: &contributions)
            docSum += s.sum; docPos += s.pos; docNeg += s.neg; docNeutral += s.neutralWords
            sentenceScores.append(SentimentScorer.makeScore(sum: s.sum, pos: s.pos, neg: s.neg, neutral: s.neutralWords))
        }
        return SentimentResult(document: SentimentScorer.makeScore(sum: docSum, pos: docPos, neg: docNeg, neutral: docNeutral),
                               sentences: sentenceScores, contributions: contributions, scored: true)
    }

    static func makeScore(sum: Double, pos: Double, neg: Double, neutral: Int) -> SentimentScore {
        let compound = sum / (sum * sum + SentimentRules.normalizationAlpha).squareRoot()
        let total = pos + neg + Double(neutral)
        guard total > 0 else { return .neutralScore }
        return SentimentScore(compound: compound, positive: pos / total, neutral: Double(neutral) / total, negative: neg / total)
    }

    struct SentenceSum { var sum = 0.0, pos = 0.0, neg = 0.0, neutralWords = 0 }

    func scoreSentence(_ doc: AnalyzedDocument, _ range: Range<Int>, index: Int, mixedCase: Bool,
                               explain: Bool, into contributions: inout [SentimentContribution]) -> SentenceSum {
        let tokens = doc.tokens
        var result = SentenceSum()
        // Contrast weights per token ("but" shifts weight to the clause after it); made only when needed.
        var weight: [Double] = []
        var connectiveAt: [Int: String] = [:]
        var irrealisStart: Int? = nil
        var irrealisEnd = range.upperBound
        var exclamations = 0, questions = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let t = tokens[i]
            let fi = formInfo(t.form)
            if t.kind == .punctuation { exclamations += fi.exclamations; questions += fi.questions; i += 1; continue }
            if fi.startsMulti, let m = match(.connective, at: i, in: range, tokens) {
                if weight.isEmpty { weight = [Double](repeating: 1, count: range.count) }
                applyContrast(m, at: i, range: range, tokens: tokens, weight: &weight)
                connectiveAt[i] = vocabulary.string(t.form)
                i += m.words.count
                continue
            }
            if irrealisStart == nil, fi.startsMulti, match(.irrealis, at: i, in: range, tokens) != nil {
                irrealisStart = i
                // The wish reaches to the end of its clause: "I wish it had been - it was gorgeous".
                irrealisEnd = (i..<range.upperBound).first { tokens[$0].kind == .punctuation && isClauseBreak(tokens[$0]) } ?? range.upperBound
            }
            i += 1
        }

        i = range.lowerBound
        while i < range.upperBound {
            let t = tokens[i]
            if t.kind == .punctuation || t.kind == .symbol || t.kind == .number || t.kind == .url || t.kind == .email { i += 1; continue }
            let fi = formInfo(t.form)
            var base: Double? = nil
            var length = 1
            if fi.startsMulti {
                if let m = match(.modifier, at: i, in: range, tokens), nextContent(after: i + m.words.count - 1, range, tokens) != nil {
                    i += m.words.count; continue   // "kind of" before a word: a dampener, not kindness
                }
                if let m = match(.phrase, at: i, in: range, tokens) { base = m.value; length = m.words.count }
                else if connectiveAt[i] != nil { i += 1; continue }
            }
            if base == nil {
                guard let v = fi.valence else { result.neutralWords += t.kind == .word ? 1 : 0; i += 1; continue }
                // A modifier right before a sentiment word is only a modifier ("pretty good", "damn fast").
                // Fix: a phrase is a sentiment span too ("completely stopped working" boosts the phrase; it
                // used to count "completely" as a word of its own as well).
                if fi.modifier != nil, let n = nextContent(after: i, range, tokens),
                   formInfo(tokens[n].form).valence != nil || match(.phrase, at: n, in: range, tokens) != nil { i += 1; continue }
                if fi.negation { i += 1; continue }
                if t.form == ids.like, !isVerbLike(i, range, tokens) { result.neutralWords += 1; i += 1; continue }
                base = v
            }
            var rules: [String] = explain ? [] : []
            var v = base!
            let sign: Double = v >= 0 ? 1 : -1
            if mixedCase && t.flags.contains(.allCaps) {
                v += sign * SentimentRules.capsEmphasis
                if explain { rules.append("ALL CAPS +\(SentimentRules.capsEmphasis)") }
            }
            if t.flags.contains(.elongated) {
                v += sign * SentimentRules.elongationEmphasis
                if explain { rules.append("elongated +\(SentimentRules.elongationEmphasis)") }
            }
            v = applyModifiersAndNegation(v, at: i, range: range, tokens: tokens, mixedCase: mixedCase, explain: explain, rules: &rules)
            let w = weight.isEmpty ? 1 : weight[i - range.lowerBound]
            if w != 1 {
                v *= w
                if explain { rules.append("contrast x\(w)") }
            }
            // Fix: only spans after the cue, or a phrase starting at it, are inside the wish; "i > cue || length > 1"
            // also flipped phrases said before the cue ("Works great and I wish it had dark mode").
            if let cue = irrealisStart, v > 0, i > cue || (i == cue && length > 1), i < irrealisEnd {
                v *= SentimentRules.irrealisFactor
                if explain { rules.append("irrealis x\(SentimentRules.irrealisFactor)") }
            }
            result.sum += v
            if v > 0 { result.pos += v } else { result.neg -= v }
            if explain {
                let last = tokens[min(i + length, range.upperBound) - 1]
                let span = Span(t.span.start, last.span.end)
                contributions.append(SentimentContribution(span: span, text: doc.originalText(span), base: base!, adjusted: v, rules: rules, sentence: index))
            }
            i += length
        }
        if let cue = irrealisStart {
            let v = SentimentRules.irrealisCueValence
            result.sum += v; result.neg -= v
            if explain {
                let t = tokens[cue]
                contributions.append(SentimentContribution(span: t.span, text: doc.originalText(t.span), base: v, adjusted: v, rules: ["irrealis cue"], sentence: index))
            }
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
    private func applyModifiersAndNegation(_ value: Double, at i: Int, range: Range<Int>, tokens: [Token],
                                           mixedCase: Bool, explain: Bool, rules: inout [String]) -> Double {
        var v = value
        let sign: Double = v >= 0 ? 1 : -1
        var negations = 0
        var negationWord = ""
        var j = i - 1
        var distance = 0
        while j >= range.lowerBound, distance < SentimentRules.lookBack {
            let t = tokens[j]
            if t.kind == .punctuation || t.kind == .symbol || t.kind == .emoji || t.kind == .emoticon { break }
            let fi = formInfo(t.form)
            if fi.startsMulti, multiTable[Int(fi.multi)].connectives.contains(where: { $0.words.count == 1 }) { break }
            // An earlier sentiment word owns the negations and modifiers before it: in "don't care don't care"
            // the second "care" is negated once, not twice.
            if fi.valence != nil, fi.modifier == nil, !fi.negation, !t.flags.contains(.negation) { break }
            // Decay: a modifier right before the word counts fully, two words back 95%, three back 90%.
            let decay = 1.0 - 0.05 * Double(distance)
            if let m = fi.modifier {
                var scalar = m
                if mixedCase && t.flags.contains(.allCaps) && m > 0 { scalar += SentimentRules.capsEmphasis / 2 }
                v += sign * scalar * decay
                if explain { rules.append("\(m > 0 ? "boosted" : "dampened") by '\(vocabulary.string(t.form))'") }
            } else if let (m, len) = multiModifierEnding(at: j, range, tokens) {
                v += sign * m * decay
                if explain { rules.append("\(m > 0 ? "boosted" : "dampened") by a multiword modifier") }
                j -= len - 1
            }
            if fi.negation || t.flags.contains(.negation) {
                // "not only ... but", "never so good": not negations.
                let next = j + 1 < tokens.count ? tokens[j + 1].form : 0
                // Fix: "never been so happy" (the rule's own example) has "been" between "never" and "so", and
                // "so" may start the scored phrase itself ("never so happy", phrase "so happy"): k <= i.
                var k = j + 1
                if next == ids.been, k + 1 <= i { k += 1 }
                if t.form == ids.not && next == ids.only {
                } else if t.form == ids.never && k <= i && neverSoFollowers.contains(tokens[k].form) {
                    v *= SentimentRules.neverSoEmphasis
                    if explain { rules.append("'never so' x\(SentimentRules.neverSoEmphasis)") }
                } else {
                    negations += 1
                    negationWord = vocabulary.string(t.form)
                }
            }
            if t.form == ids.least, j == i - 1, !(j - 1 >= range.lowerBound && tokens[j - 1].form == ids.at) {
                v *= SentimentRules.leastFactor
                if explain { rules.append("'least' x\(SentimentRules.leastFactor)") }
            }
            j -= 1
            distance += 1
        }
        if negations % 2 == 1 {
            let f = v > 0 ? SentimentRules.negationFactor : SentimentRules.negatedNegativeFactor
            v *= f
            if explain { rules.append("negated by '\(negationWord)' x\(f)") }
        }
        return v
    }

    // MARK: helpers

    @inline(__always)
    private func formInfo(_ form: UInt32) -> FormInfo {
        let f = Int(form)
        if f < info.count, info[f].bits & FormInfo.known != 0 { return info[f] }
        return computeFormInfo(form)
    }

    private func computeFormInfo(_ form: UInt32) -> FormInfo {
        let f = Int(form)
        if f >= info.count { info.append(contentsOf: repeatElement(FormInfo(), count: max(f + 1 - info.count, 1024))) }
        let s = vocabulary.string(form)
        var fi = FormInfo()
        fi.bits = FormInfo.known
        // Fix: modifiers and negations are in the lexicon already, so the fallback must not make up a valence
        // for them from a stripped form ("simply" is not "simp" -1.5, "completely" not "complete").
        let isFunctionWord = lexicon.modifiers[[s]] != nil || lexicon.negations.contains(s)
        // A valence of 0 in sentiment.tsv marks a word as neutral on purpose: no valence, and no fallback
        // ("honestly" is not "honest", "lately" is not "late").
        if let v = lexicon.valences[s] ?? (s.hasPrefix("#") ? lexicon.valences[String(s.dropFirst())] : nil)
            ?? (isFunctionWord ? nil : inflectionFallback(s)), v != 0 {
            fi.valenceF = Float(v)
        }
        if lexicon.negations.contains(s) { fi.bits |= FormInfo.negationBit }
        if let m = lexicon.modifiers[[s]] { fi.modifierF = Float(m) }
        fi.multi = multiIndex[form] ?? -1
        if s.first == "!" || s.first == "?" {
            fi.marks = UInt8(min(s.filter { $0 == "!" }.count, 15)) | UInt8(min(s.filter { $0 == "?" }.count, 15)) << 4
        }
        info[f] = fi
        return fi
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
        for (suffix, repl) in [("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""), ("ily", "y")] where s.hasSuffix(suffix) {
            let stem = String(s.dropLast(suffix.count))
            if stem.count >= 3 { candidates.append(stem + repl) }
        }
        for c in candidates { if let v = lexicon.valences[c] { return v } }
        return nil
    }

    private enum MultiKind { case phrase, modifier, connective, irrealis }

    private func match(_ kind: MultiKind, at i: Int, in range: Range<Int>, _ tokens: [Token]) -> Multi? {
        let idx = formInfo(tokens[i].form).multi
        guard idx >= 0 else { return nil }
        let bit: UInt8
        switch kind {
        case .phrase: bit = 1
        case .modifier: bit = 2
        case .connective: bit = 4
        case .irrealis: bit = 8
        }
        guard multiTable[Int(idx)].kinds & bit != 0 else { return nil }
        // The next word must exist for any multiword entry; a single-word entry needs none.
        let next: UInt32? = i + 1 < range.upperBound ? tokens[i + 1].form : nil
        func first(_ options: [Multi]) -> Multi? {
            for m in options where i + m.words.count <= range.upperBound {
                if m.words.count > 1 && m.words[1] != next { continue }
                var ok = true
                for k in 2..<max(m.words.count, 2) where tokens[i + k].form != m.words[k] { ok = false; break }
                if ok { return m }
            }
            return nil
        }
        switch kind {
        case .phrase: return first(multiTable[Int(idx)].phrases)
        case .modifier: return first(multiTable[Int(idx)].modifiers)
        case .connective: return first(multiTable[Int(idx)].connectives)
        case .irrealis: return first(multiTable[Int(idx)].irrealis)
        }
    }

    /// A multiword modifier whose last word is at `j` ("kind of" + word).
    private func multiModifierEnding(at j: Int, _ range: Range<Int>, _ tokens: [Token]) -> (Double, Int)? {
        for len in stride(from: min(4, j - range.lowerBound + 1), through: 2, by: -1) {
            let start = j - len + 1
            if let m = match(.modifier, at: start, in: range, tokens), m.words.count == len { return (m.value, len) }
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
        let end = i + m.words.count
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
