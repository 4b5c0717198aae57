import PainmapClassifier
import PainmapSentiment
import PainmapText

/// Runs the whole analysis of one document: text pipeline, sentiment, topic, journey phase, touchpoints and
/// pain points. One per worker thread (it owns an `Analyzer`); build them from shared `JourneyResources`.
public final class FeedbackAnalyzer {
    public let resources: JourneyResources
    public let analyzer: Analyzer
    public let sentiment: SentimentScorer

    public init(resources: JourneyResources, options: AnalyzerOptions = AnalyzerOptions()) throws {
        self.resources = resources
        analyzer = try Analyzer(resources: resources.text, options: options)
        sentiment = try SentimentScorer(lexicon: resources.lexicon, analyzer: analyzer)
    }

    /// Work in progress: sentiment is real; topic, phase, touchpoints and pain points come next.
    public func analyze(_ text: String) -> FeedbackAnalysis {
        let doc = analyzer.analyze(text)
        let s = sentiment.score(doc)
        return FeedbackAnalysis(language: doc.language.code, normalizedText: doc.normalized.text, sentiment: s.document,
                                topic: LabelScore(label: "unknown", confidence: 0), phase: LabelScore(label: "usage", confidence: 0),
                                touchpoints: [], painPoints: [])
    }
}

/// The read-only data every `FeedbackAnalyzer` shares: loaded once per process.
public struct JourneyResources: Sendable {
    public let text: TextResources
    public let lexicon: SentimentLexicon
    public let versions: AnalysisVersions

    public static func load(lexicons: String? = nil, journey: String = "generic") throws -> JourneyResources {
        let text = try TextResources.load(lexicons: lexicons)
        let lexicon = try SentimentLexicon.load(lexicons: lexicons)
        return JourneyResources(text: text, lexicon: lexicon,
                                versions: AnalysisVersions(lexicon: "dev", topicModel: "dev", phaseModel: "dev", journey: journey))
    }
}
