import Foundation
import PainmapText

/// Places a document on the journey: ranked touchpoints with evidence, and a phase with a confidence
/// that combines the phase model, phase cues, the touchpoints' usual phases and the topic's usual phase.
struct JourneyMapper {
    let taxonomy: JourneyTaxonomy
    let touchpointCues: CueMatcher
    let phaseCues: CueMatcher
    let topicPhases: [String: JourneyPhase]

    init(resources: JourneyResources, analyzer: Analyzer) {
        taxonomy = resources.taxonomy
        topicPhases = resources.topicPhases
        var cues: [(String, Int, Double)] = []
        for (k, tp) in taxonomy.touchpoints.enumerated() {
            for c in tp.cues { cues.append((c, k, 1 + JourneyRules.multiwordCueBonus * Double(c.split(separator: " ").count - 1))) }
        }
        touchpointCues = CueMatcher(cues: cues, analyzer: analyzer)
        var pc: [(String, Int, Double)] = []
        for (k, phase) in JourneyPhase.allCases.enumerated() {
            for c in taxonomy.phaseCues[phase] ?? [] { pc.append((c, k, 1)) }
        }
        phaseCues = CueMatcher(cues: pc, analyzer: analyzer)
    }

    struct TouchpointEvidence {
        var index: Int
        var score: Double
        var best: CueMatcher.Match
        var bestWeight: Double
        /// The cue texts counted so far (a handful: a list beats a set).
        var seen: [String]
    }

    /// Touchpoints matched in `range`, best first.
    func touchpoints(_ doc: AnalyzedDocument, in range: Range<Int>) -> [TouchpointEvidence] {
        // A list searched linearly, not a dictionary: a document names a few touchpoints, and hashing
        // showed in profiles (this runs for the document and for each pain clause).
        var found: [TouchpointEvidence] = []
        for m in touchpointCues.matches(doc.tokens, in: range) {
            let k = m.cue.target
            let at = found.firstIndex { $0.index == k } ?? {
                found.append(TouchpointEvidence(index: k, score: 0, best: m, bestWeight: 0, seen: []))
                return found.count - 1
            }()
            if found[at].seen.contains(m.cue.text) {
                found[at].score += JourneyRules.repeatedCueWeight
            } else {
                found[at].seen.append(m.cue.text)
                found[at].score += m.cue.weight
            }
            if m.cue.weight > found[at].bestWeight { found[at].best = m; found[at].bestWeight = m.cue.weight }
        }
        // The order is total (indices differ), so it does not depend on the order found.
        return found.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
    }

    func touchpointMatches(_ doc: AnalyzedDocument, _ evidence: [TouchpointEvidence]) -> [TouchpointMatch] {
        evidence.prefix(JourneyRules.maxTouchpoints).map { e in
            let a = doc.tokens[e.best.tokens.lowerBound], b = doc.tokens[e.best.tokens.upperBound - 1]
            let span = Span(a.span.start, b.span.end)
            return TouchpointMatch(id: taxonomy.touchpoints[e.index].id, score: (e.score * 100).rounded() / 100,
                                   evidence: doc.originalText(span), span: span)
        }
    }

    /// Why a phase was chosen: each source's contribution per phase.
    struct PhaseDecision {
        var phase: JourneyPhase
        var confidence: Double
        /// Per phase, in `JourneyPhase.allCases` order: the model's probability, the cue count, and the
        /// touchpoints' votes (nil where no touchpoint voted).
        var model: [Double?]
        var cues: [Int]
        /// Filled only when explaining.
        var cueEvidence: [String]
        var touchpointVotes: [Double?]
        var topicPhase: JourneyPhase?
    }

    /// Phase `p`'s position in `JourneyPhase.allCases`.
    @inline(__always)
    static func slot(_ p: JourneyPhase) -> Int {
        switch p {
        case .awareness: 0
        case .consideration: 1
        case .purchase: 2
        case .usage: 3
        case .retention: 4
        case .advocacy: 5
        }
    }

    /// `model`: the phase model's probability per phase, in `JourneyPhase.allCases` order (nil where it has
    /// no such class).
    func phase(_ doc: AnalyzedDocument, model: [Double?], touchpoints: [TouchpointEvidence], topic: LabelScore,
               explain: Bool = false) -> PhaseDecision {
        // Arrays indexed by phase rather than dictionaries keyed by it: hashing the phases was a third of
        // this function. The arithmetic below is unchanged, term by term.
        let phases = JourneyPhase.allCases
        var cues = [Int](repeating: 0, count: phases.count)
        var evidence: [String] = []
        for m in phaseCues.matches(doc.tokens, in: 0..<doc.tokens.count) {
            cues[m.cue.target] += 1
            if explain { evidence.append("\(phases[m.cue.target].rawValue): \"\(m.cue.text)\"") }
        }
        var votes = [Double?](repeating: nil, count: phases.count)
        for e in touchpoints.prefix(JourneyRules.maxTouchpoints) {
            for (k, p) in taxonomy.touchpoints[e.index].phases.enumerated() {
                let i = JourneyMapper.slot(p)
                votes[i] = (votes[i] ?? 0) + e.score * (k == 0 ? 1 : 0.5)
            }
        }
        let topicPhase = topicPhases[topic.label] ?? (topic.label == "unknown" ? nil : .usage)
        var scores: [Double] = []
        scores.reserveCapacity(phases.count)
        for (i, p) in phases.enumerated() {
            var s = JourneyRules.modelWeight * log(max(model[i] ?? 0, 1e-6))
            s += JourneyRules.phaseCueWeight * log(1 + Double(cues[i]))
            s += JourneyRules.touchpointWeight * log(1 + (votes[i] ?? 0))
            if p == topicPhase { s += JourneyRules.topicWeight * topic.confidence }
            scores.append(s)
        }
        let top = scores.max() ?? 0
        let exps = scores.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        let best = scores.indices.max { scores[$0] < scores[$1] } ?? 3
        return PhaseDecision(phase: phases[best], confidence: exps[best] / total, model: model, cues: cues,
                             cueEvidence: evidence, touchpointVotes: votes, topicPhase: topicPhase)
    }
}
