import PainmapClassifier
import PainmapSentiment
import PainmapText

/// Runs the whole analysis of one document: text pipeline, sentiment, topic, journey phase, touchpoints and
/// pain points. One per worker thread (it owns an `Analyzer` and caches keyed by its ids); build them from
/// shared `JourneyResources`.
public final class FeedbackAnalyzer {
    public let resources: JourneyResources
    public let analyzer: Analyzer
    public let sentiment: SentimentScorer
    let topicInput: ModelInput
    let phaseInput: ModelInput
    let mapper: JourneyMapper
    let painPoints: PainPointExtractor
    /// Phase model class index -> the phase's slot in `JourneyPhase.allCases` (nil for a label that is no
    /// phase): worked out once rather than parsing the label strings per document.
    let phaseSlots: [Int?]

    public init(resources: JourneyResources, options: AnalyzerOptions = AnalyzerOptions()) throws {
        self.resources = resources
        analyzer = try Analyzer(resources: resources.text, options: options)
        sentiment = try SentimentScorer(tables: resources.sentimentTables.tables(lexicon: resources.lexicon, for: analyzer.vocabulary),
                                        analyzer: analyzer)
        topicInput = ModelInput(model: resources.models.topic, analyzer: analyzer)
        phaseInput = ModelInput(model: resources.models.phase, analyzer: analyzer)
        mapper = JourneyMapper(resources: resources, analyzer: analyzer)
        painPoints = PainPointExtractor(resources: resources, analyzer: analyzer)
        phaseSlots = resources.models.phase.classes.map { JourneyPhase(rawValue: $0).map(JourneyMapper.slot) }
    }

    public func analyze(_ text: String) -> FeedbackAnalysis {
        analyze(analyzer.analyze(text)).analysis
    }

    /// The analysis and the evidence behind its journey decision (for `painmap explain`). The evidence
    /// (rankings, cues, votes) is filled only when asked for with `explain`: building it cost about 10,000
    /// instructions a document that ingest and classify throw away.
    public struct Explained {
        public var analysis: FeedbackAnalysis
        public var document: AnalyzedDocument
        public var sentiment: SentimentResult
        public var topicRanking: [(label: String, probability: Double)]
        public var phaseModel: [(phase: String, probability: Double)]
        public var phaseCues: [String]
        public var touchpointVotes: [(phase: String, votes: Double)]
        public var topicPhase: String?
    }

    public func analyze(_ doc: AnalyzedDocument, explain: Bool = false) -> Explained {
        let s = sentiment.score(doc, explain: explain)
        // Our models and cues are English: a document confidently in another language (sentiment left it
        // unscored) gets no topic, phase or pain points rather than guesses from English words.
        let hasWords = s.scored && doc.tokens.contains { $0.kind == .word }
        // Each model takes its vector through the classifier's caches (see `ModelInput.prediction`).
        // Topic: the model's best label; "unknown" without words or below the minimum confidence.
        let topicPrediction = hasWords ? topicInput.prediction(doc) : nil
        let topic = topicPrediction.map { p -> LabelScore in
            let best = p.ranking[0]
            return LabelScore(label: best.probability >= JourneyRules.minTopicConfidence ? topicInput.model.classes[best.label] : "unknown",
                              confidence: round4(best.probability))
        } ?? LabelScore(label: "unknown", confidence: 0)
        let evidence = mapper.touchpoints(doc, in: 0..<doc.tokens.count)
        let phasePrediction = hasWords ? phaseInput.prediction(doc) : nil
        var phaseModel = [Double?](repeating: nil, count: JourneyPhase.allCases.count)
        for r in phasePrediction?.ranking ?? [] { if let slot = phaseSlots[r.label] { phaseModel[slot] = r.probability } }
        let decision = mapper.phase(doc, model: phaseModel, touchpoints: evidence, topic: topic, explain: explain)
        let phase = hasWords ? LabelScore(label: decision.phase.rawValue, confidence: round4(decision.confidence))
            : LabelScore(label: "unknown", confidence: 0)
        let touchpoints = mapper.touchpointMatches(doc, evidence)
        let pains = !hasWords ? [] : painPoints.extract(PainPointExtractor.Context(
            doc: doc, scorer: sentiment, mapper: mapper, documentTouchpoint: touchpoints.first?.id, phase: decision.phase,
            topic: topic.label, mixedCase: SentimentScorer.isMixedCase(doc)))
        let analysis = FeedbackAnalysis(language: doc.language.code, normalizedText: doc.normalized.text, sentiment: s.document,
                                        topic: topic, phase: phase, touchpoints: touchpoints, painPoints: pains)
        guard explain else {
            return Explained(analysis: analysis, document: doc, sentiment: s, topicRanking: [], phaseModel: [], phaseCues: [],
                             touchpointVotes: [], topicPhase: decision.topicPhase?.rawValue)
        }
        return Explained(analysis: analysis, document: doc, sentiment: s, topicRanking: topicPrediction.map(topicInput.named) ?? [],
                         phaseModel: phasePrediction.map(phaseInput.named)?.map { ($0.label, $0.probability) } ?? [], phaseCues: decision.cueEvidence,
                         touchpointVotes: JourneyPhase.allCases.enumerated().compactMap { i, p in decision.touchpointVotes[i].map { (p.rawValue, $0) } },
                         topicPhase: decision.topicPhase?.rawValue)
    }
}

func round4(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }
