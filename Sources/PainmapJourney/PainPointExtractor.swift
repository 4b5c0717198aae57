import Foundation
import PainmapSentiment
import PainmapText

/// Finds the complaints inside a document: splits sentences into clauses (around "but", "however",
/// "although", ";"), keeps the negative clauses and those with a pain cue, and gives each a key phrase,
/// a touchpoint, a severity and a churn-risk flag.
struct PainPointExtractor {
    let painCues: CueMatcher
    let painKinds: [PainKind]
    let problems: CueMatcher
    let concepts: [String]
    /// A handful of ids: a linear search is cheaper than hashing, and it runs for every token.
    let clauseBreakers: [UInt32]
    let stopwords: Set<String>
    let documentFrequency: [String: Int]
    let corpusSize: Int

    init(resources: JourneyResources, analyzer: Analyzer) {
        painCues = CueMatcher(cues: resources.painCues.enumerated().map { ($0.element.cue, $0.offset, $0.element.weight) }, analyzer: analyzer)
        painKinds = resources.painCues.map(\.kind)
        var conceptIndex: [String: Int] = [:]
        var concepts: [String] = []
        var cues: [(String, Int, Double)] = []
        for p in resources.problems {
            let k = conceptIndex[p.concept] ?? { concepts.append(p.concept); conceptIndex[p.concept] = concepts.count - 1; return concepts.count - 1 }()
            cues.append((p.cue, k, 1))
        }
        problems = CueMatcher(cues: cues, analyzer: analyzer)
        self.concepts = concepts
        clauseBreakers = ["but", "however", "although", "though", "whereas", "except", ";"].map { analyzer.vocabulary.intern($0) }
        stopwords = resources.text.stopwords["en"] ?? []
        documentFrequency = resources.stemDocumentFrequency
        corpusSize = resources.corpusSize
    }

    /// Clauses as token ranges: sentences cut before contrastive connectives and at semicolons.
    func clauses(_ doc: AnalyzedDocument) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for s in doc.sentences {
            var start = s.tokens.lowerBound
            for i in s.tokens where i > start && clauseBreakers.contains(doc.tokens[i].form) {
                out.append(start..<i)
                start = doc.tokens[i].kind == .punctuation ? i + 1 : i   // a ";" ends the clause; "but" opens the next
            }
            if start < s.tokens.upperBound { out.append(start..<s.tokens.upperBound) }
        }
        return out.filter { r in r.contains { doc.tokens[$0].kind == .word } }
    }

    struct Context {
        let doc: AnalyzedDocument
        let scorer: SentimentScorer
        let mapper: JourneyMapper
        let documentTouchpoint: String?
        let phase: JourneyPhase
        let topic: String
        let mixedCase: Bool
    }

    func extract(_ c: Context) -> [PainPoint] {
        let doc = c.doc
        var out: [PainPoint] = []
        for clause in clauses(doc) {
            let score = c.scorer.score(doc, tokens: clause, mixedCase: c.mixedCase)
            let cues = painCues.matches(doc.tokens, in: clause)
            let waited = hasWaitingSpan(doc, clause, vocabulary: c.scorer.analyzer.vocabulary)
            // Repetition cues need a clause that does not lean positive ("Ordering again for sure" is
            // loyalty, "asked about the invoice again" is pain), and the weakest ones ("always", "keep") a
            // clause that leans negative ("I always shop here" is no complaint).
            let strongCue = waited || cues.contains { painKinds[$0.cue.target] != .repetition }
            let repetition = cues.map { $0.cue.weight }.max() ?? 0
            let isPain = score.compound <= JourneyRules.negativeClause
                || (strongCue && score.compound < JourneyRules.cueClauseCeiling)
                || (repetition >= JourneyRules.weakCueWeight && score.compound <= 0)
                || (!cues.isEmpty && score.compound < 0)
            guard isPain else { continue }
            let kinds = cues.map { painKinds[$0.cue.target] }
            let churn = kinds.contains(.churn)
            // Touchpoint: the one named in the clause, else the document's.
            let local = c.mapper.touchpoints(doc, in: clause).first
            let touchpoint = local.map { c.mapper.taxonomy.touchpoints[$0.index].id } ?? c.documentTouchpoint
            let phrase = keyPhrase(doc, clause, touchpointCue: local?.best, touchpoint: local.map { c.mapper.taxonomy.touchpoints[$0.index] },
                                   documentTouchpoint: c.documentTouchpoint.flatMap { c.mapper.taxonomy.touchpoint($0) },
                                   waited: waited, scorer: c.scorer)
            // Severity: negativity, shouting, and what the cues say (waiting, repetition, escalation, churn).
            var emphasis = false
            for i in clause {
                let t = doc.tokens[i]
                if (c.mixedCase && t.flags.contains(.allCaps)) || (t.kind == .punctuation && doc.text(of: t).contains("!")) { emphasis = true }
            }
            let cueWeight = min(JourneyRules.severityCueCap, cues.reduce(waited ? JourneyRules.waitingSpanWeight : 0) { $0 + $1.cue.weight })
            let severity = min(1, JourneyRules.severityBase + JourneyRules.severityNegativity * max(0, -score.compound)
                                + (emphasis ? JourneyRules.severityEmphasis : 0) + cueWeight)
            let first = doc.tokens[clause.lowerBound], last = doc.tokens[clause.upperBound - 1]
            let span = Span(first.span.start, last.span.end)
            out.append(PainPoint(text: doc.originalText(span), span: span, phrase: phrase.key, phraseSurface: phrase.surface,
                                 touchpoint: touchpoint, phase: churn ? JourneyPhase.retention.rawValue : c.phase.rawValue,
                                 topic: c.topic, severity: (severity * 1000).rounded() / 1000, churnRisk: churn,
                                 sentiment: (score.compound * 10000).rounded() / 10000))
        }
        return out
    }

    /// "<subject> <problem>". The subject is the touchpoint named in the clause (else its most specific
    /// content word); the problem is a canonical concept ("delay", "crash", "overcharge"), a time span that
    /// was waited ("took 3 weeks": a delay), or else the clause's most negative word. Keys use touchpoint ids,
    /// concepts and stems so paraphrases meet ("refund took 3 weeks" and "waited weeks for my refund" are
    /// both "returns_refunds delay"); the surface form reads naturally ("returns & refunds delay").
    func keyPhrase(_ doc: AnalyzedDocument, _ clause: Range<Int>, touchpointCue: CueMatcher.Match?, touchpoint: Touchpoint?,
                   documentTouchpoint: Touchpoint?, waited: Bool, scorer: SentimentScorer) -> (key: String, surface: String) {
        let vocab = scorer.analyzer.vocabulary
        var subjectKey: String?, subjectSurface: String?
        // The tokens already spoken for: a few, so a list (a set hashed every token of the clause).
        var used: [Int] = []
        if let m = touchpointCue, let tp = touchpoint {
            subjectKey = tp.id
            subjectSurface = tp.name.lowercased()
            used.append(contentsOf: m.tokens)
        }
        // A problem cue may overlap the touchpoint cue: "charged twice" names both billing and overcharging.
        let problemMatch = problems.matches(doc.tokens, in: clause).first
        var problem: String? = problemMatch.map { concepts[$0.cue.target] }
        if let pm = problemMatch { used.append(contentsOf: pm.tokens) }
        if problem == nil, waited { problem = "delay" }
        if problem == nil {
            var worst: (Double, Int)?
            for i in clause where !used.contains(i) && doc.tokens[i].kind == .word {
                if let v = scorer.valence(of: doc.tokens[i]), v < 0, v < (worst?.0 ?? 0) { worst = (v, i) }
            }
            if let (_, i) = worst { problem = vocab.string(doc.tokens[i].form); used.append(i) }
        }
        // No negative word: a negated praise word is the problem ("not helpful", "not happy"). Without this the
        // negation itself became the key phrase, and "Not happy." and "That's not fair." were both "not".
        if problem == nil {
            for i in clause where !used.contains(i) && scorer.isNegation(doc.tokens[i]) {
                guard let j = (i + 1..<min(i + 3, clause.upperBound)).first(where: {
                    doc.tokens[$0].kind == .word && (scorer.valence(of: doc.tokens[$0]) ?? 0) > 0
                }) else { continue }
                // "No voucher", "without the voucher": "no"; every other negation reads "not" ("wasn't helpful"
                // and "not helpful" are one complaint).
                let negation = vocab.string(doc.tokens[i].form)
                problem = (negation == "no" || negation == "without" ? "no " : "not ") + vocab.string(doc.tokens[j].form)
                used.append(contentsOf: [i, j])
                break
            }
        }
        // A clause that names a problem but no touchpoint is about the document's touchpoint
        // ("Tracking says in transit for 9 days now" in a delivery complaint).
        if subjectKey == nil, problem != nil, let tp = documentTouchpoint {
            subjectKey = tp.id
            subjectSurface = tp.name.lowercased()
        }
        if subjectKey == nil {
            // The most specific content word: rare in our corpus but seen there (not a typo), not a stopword,
            // not itself a sentiment word.
            var best: (Double, Int)?
            for i in clause where !used.contains(i) {
                let t = doc.tokens[i]
                guard t.kind == .word, t.end - t.start >= 3 else { continue }
                let form = vocab.string(t.form)
                guard !stopwords.contains(form), scorer.valence(of: t) == nil, !scorer.isNegation(t) else { continue }
                let df = documentFrequency[vocab.string(t.stem)] ?? 0
                guard df >= 2 else { continue }
                let specificity = log(Double(corpusSize) / Double(df))
                if specificity > (best?.0 ?? -1) { best = (specificity, i) }
            }
            if let (_, i) = best {
                subjectKey = vocab.string(doc.tokens[i].stem)
                subjectSurface = vocab.string(doc.tokens[i].form)
            }
        }
        let key = PainPointExtractor.joined(subjectKey, problem)
        // Read naturally when the concept repeats the subject's last word: "payment" + "payment failure"
        // reads "payment failure", "account & login" + "login failure" reads "account & login failure".
        var problemSurface = problem
        if let subject = subjectSurface, let p = problem { problemSurface = KeyPhraseSurface.problem(p, after: subject) }
        let surface = PainPointExtractor.joined(subjectSurface.flatMap { $0.isEmpty ? nil : $0 }, problemSurface.flatMap { $0.isEmpty ? nil : $0 })
        return (key.isEmpty ? "other" : key, surface.isEmpty ? "other" : surface)
    }

    /// The texts present, joined by a space: `[a, b].compactMap { $0 }.joined(separator: " ")` without
    /// the arrays (two per pain point).
    static func joined(_ a: String?, _ b: String?) -> String {
        switch (a, b) {
        case let (a?, b?): a + " " + b
        case let (a?, nil): a
        case let (nil, b?): b
        case (nil, nil): ""
        }
    }

    /// A waited time span: a number with a time unit and a word of waiting or taking ("took 3 weeks",
    /// "waited 10 days", "2 weeks later", "after 5 days").
    func hasWaitingSpan(_ doc: AnalyzedDocument, _ clause: Range<Int>, vocabulary: Vocabulary) -> Bool {
        guard clause.contains(where: { isTimeSpan(doc, doc.tokens[$0]) }) else { return false }
        return clause.contains { i in
            let t = doc.tokens[i]
            // The list holds words as written, and Snowball stems some of them ("since" -> "sinc", "nearly" ->
            // "near"): look up the form as well as the stem.
            return t.kind == .word && (PainPointExtractor.waitingWords.contains(vocabulary.string(t.stem))
                || PainPointExtractor.waitingWords.contains(vocabulary.string(t.form)))
        }
    }

    static let waitingWords: Set<String> = ["took", "take", "wait", "waited", "after", "later", "still", "since", "over", "almost", "nearly", "for"]

    static let timeUnits: Set<String> = ["day", "days", "week", "weeks", "month", "months", "hour", "hours", "wks", "wk", "hrs", "minutes", "mins"]

    func isTimeSpan(_ doc: AnalyzedDocument, _ t: Token) -> Bool {
        guard t.kind == .number else { return false }
        let text = doc.text(of: t).lowercased()
        // The unit follows the digits, with a space ("3 weeks") or attached ("3days", "48hrs": one token too).
        let unit = String(text.drop { $0.isNumber || $0 == "." || $0 == "," || $0 == " " })
        return PainPointExtractor.timeUnits.contains(unit)
    }
}
