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
        var seen: Set<String>
    }

    /// Touchpoints matched in `range`, best first.
    func touchpoints(_ doc: AnalyzedDocument, in range: Range<Int>) -> [TouchpointEvidence] {
        var byIndex: [Int: TouchpointEvidence] = [:]
        for m in touchpointCues.matches(doc.tokens, in: range) {
            let k = m.cue.target
            var e = byIndex[k] ?? TouchpointEvidence(index: k, score: 0, best: m, bestWeight: 0, seen: [])
            e.score += e.seen.insert(m.cue.text).inserted ? m.cue.weight : JourneyRules.repeatedCueWeight
            if m.cue.weight > e.bestWeight { e.best = m; e.bestWeight = m.cue.weight }
            byIndex[k] = e
        }
        return byIndex.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
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
        var model: [JourneyPhase: Double]
        var cues: [JourneyPhase: Int]
        var cueEvidence: [String]
        var touchpointVotes: [JourneyPhase: Double]
        var topicPhase: JourneyPhase?
    }

    func phase(_ doc: AnalyzedDocument, model ranking: [(label: String, probability: Double)],
               touchpoints: [TouchpointEvidence], topic: LabelScore) -> PhaseDecision {
        var model: [JourneyPhase: Double] = [:]
        for r in ranking { if let p = JourneyPhase(rawValue: r.label) { model[p] = r.probability } }
        var cues: [JourneyPhase: Int] = [:]
        var evidence: [String] = []
        for m in phaseCues.matches(doc.tokens, in: 0..<doc.tokens.count) {
            let p = JourneyPhase.allCases[m.cue.target]
            cues[p, default: 0] += 1
            evidence.append("\(p.rawValue): \"\(m.cue.text)\"")
        }
        var votes: [JourneyPhase: Double] = [:]
        for e in touchpoints.prefix(JourneyRules.maxTouchpoints) {
            for (k, p) in taxonomy.touchpoints[e.index].phases.enumerated() { votes[p, default: 0] += e.score * (k == 0 ? 1 : 0.5) }
        }
        let topicPhase = topicPhases[topic.label] ?? (topic.label == "unknown" ? nil : .usage)
        var scores: [Double] = []
        for p in JourneyPhase.allCases {
            var s = JourneyRules.modelWeight * log(max(model[p] ?? 0, 1e-6))
            s += JourneyRules.phaseCueWeight * log(1 + Double(cues[p] ?? 0))
            s += JourneyRules.touchpointWeight * log(1 + (votes[p] ?? 0))
            if p == topicPhase { s += JourneyRules.topicWeight * topic.confidence }
            scores.append(s)
        }
        let top = scores.max() ?? 0
        let exps = scores.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        let best = scores.indices.max { scores[$0] < scores[$1] } ?? 3
        return PhaseDecision(phase: JourneyPhase.allCases[best], confidence: exps[best] / total, model: model, cues: cues,
                             cueEvidence: evidence, touchpointVotes: votes, topicPhase: topicPhase)
    }
}
