import PainmapSentiment
import PainmapText

/// The customer-journey phases, in journey order. Usage is the service phase (using the product, support,
/// complaints); retention covers renewals, cancellations and churn; advocacy covers recommending and reviewing.
public enum JourneyPhase: String, CaseIterable, Sendable, Codable, Comparable {
    case awareness, consideration, purchase, usage, retention, advocacy

    public static func < (a: JourneyPhase, b: JourneyPhase) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A label with the confidence of the model that chose it (a posterior probability in [0, 1]).
public struct LabelScore: Sendable, Hashable, Codable {
    public var label: String
    public var confidence: Double
    public init(label: String, confidence: Double) { self.label = label; self.confidence = confidence }
}

/// A touchpoint the document talks about, with the words that matched its cues.
public struct TouchpointMatch: Sendable, Hashable, Codable {
    public var id: String
    /// Ranking score: how many and how specific the matched cues are.
    public var score: Double
    /// The matched text, as written.
    public var evidence: String
    public var span: Span
    public init(id: String, score: Double, evidence: String, span: Span) {
        self.id = id; self.score = score; self.evidence = evidence; self.span = span
    }
}

/// A complaint inside a document: a negative clause, or one with a pain cue ("still waiting").
public struct PainPoint: Sendable, Hashable, Codable {
    public var text: String
    public var span: Span
    /// Key phrase normalized from stems, so paraphrases group together ("refund delay").
    public var phrase: String
    /// A readable form of the key phrase, from the words as written ("refund took 3 weeks").
    public var phraseSurface: String
    public var touchpoint: String?
    public var phase: String
    public var topic: String
    /// In [0, 1]: negativity, intensity, repetition ("again"), escalation ("lawyer", "chargeback").
    public var severity: Double
    /// "cancel my account", "switching to", "never again".
    public var churnRisk: Bool
    /// The clause's compound sentiment.
    public var sentiment: Double
    public init(text: String, span: Span, phrase: String, phraseSurface: String, touchpoint: String?, phase: String,
                topic: String, severity: Double, churnRisk: Bool, sentiment: Double) {
        self.text = text; self.span = span; self.phrase = phrase; self.phraseSurface = phraseSurface
        self.touchpoint = touchpoint; self.phase = phase; self.topic = topic; self.severity = severity
        self.churnRisk = churnRisk; self.sentiment = sentiment
    }
}

/// Everything painmap concludes about one document: what `painmap classify` prints and the store keeps.
public struct FeedbackAnalysis: Sendable {
    public var language: String
    public var normalizedText: String
    public var sentiment: SentimentScore
    public var topic: LabelScore
    public var phase: LabelScore
    public var touchpoints: [TouchpointMatch]
    public var painPoints: [PainPoint]
    public init(language: String, normalizedText: String, sentiment: SentimentScore, topic: LabelScore, phase: LabelScore,
                touchpoints: [TouchpointMatch], painPoints: [PainPoint]) {
        self.language = language; self.normalizedText = normalizedText; self.sentiment = sentiment; self.topic = topic
        self.phase = phase; self.touchpoints = touchpoints; self.painPoints = painPoints
    }
}

/// Which data produced an analysis, so old rows can be re-analysed after a lexicon or model changes.
public struct AnalysisVersions: Sendable, Hashable, Codable {
    /// Content hash of the sentiment lexicon files.
    public var lexicon: String
    /// Content hash of the topic model (or of the corpus it was trained from).
    public var topicModel: String
    /// Content hash of the phase model.
    public var phaseModel: String
    /// Journey template id and content hash, e.g. "generic@1a2b3c4d".
    public var journey: String
    public init(lexicon: String, topicModel: String, phaseModel: String, journey: String) {
        self.lexicon = lexicon; self.topicModel = topicModel; self.phaseModel = phaseModel; self.journey = journey
    }
}
