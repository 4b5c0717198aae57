import PainmapClassifier
import PainmapText

/// Feeds an already analyzed document to a naive Bayes model without analysing it again, through the
/// classifier's own feature extractor (word and character n-grams exactly as the model was trained on).
/// One per thread and model, bound to that thread's analyzer.
final class ModelInput {
    let model: NaiveBayesModel
    private let extractor: FeatureExtractor
    private var buffer = ScoringBuffer()

    init(model: NaiveBayesModel, analyzer: Analyzer) {
        self.model = model
        extractor = FeatureExtractor(analyzer: analyzer, options: model.parameters.featureOptions)
    }

    /// Every class ranked, by index into `model.classes`. The vector comes through the classifier's cached
    /// path (`FeatureExtractor.knownVector(_:features:)`, the same vector as cutting the n-grams and mapping
    /// them): bigrams and character n-grams are answered from its caches instead of interned per document.
    /// Each model taking its own vector so was cheaper than cutting the n-grams once for both (~4,600
    /// instructions and ~15% of user CPU a document less).
    func prediction(_ doc: AnalyzedDocument) -> Prediction {
        model.predict(extractor.knownVector(doc, features: model.features), top: model.classes.count, buffer: &buffer)
    }

    /// The ranked labels with their probabilities.
    func ranking(_ doc: AnalyzedDocument) -> [(label: String, probability: Double)] { named(prediction(doc)) }

    func named(_ p: Prediction) -> [(label: String, probability: Double)] {
        let classes = model.classes
        return p.ranking.map { (classes[$0.label], $0.probability) }
    }
}
