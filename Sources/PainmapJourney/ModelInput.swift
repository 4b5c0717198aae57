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

    var featureOptions: FeatureOptions { model.parameters.featureOptions }

    /// The document's n-gram ids, for `ranking(ids:)` of this input or of another with the same feature options.
    func ngramIDs(_ doc: AnalyzedDocument) -> [UInt32] { extractor.ngramIDs(doc) }

    /// Every class ranked, by index into `model.classes`, from the document's n-gram ids.
    func prediction(ids: [UInt32]) -> Prediction {
        model.predict(extractor.knownVector(ids: ids, features: model.features), top: model.classes.count, buffer: &buffer)
    }

    func prediction(_ doc: AnalyzedDocument) -> Prediction { prediction(ids: ngramIDs(doc)) }

    /// The ranked labels with their probabilities.
    func ranking(_ doc: AnalyzedDocument) -> [(label: String, probability: Double)] { named(prediction(doc)) }

    /// The same from the document's n-gram ids.
    func ranking(ids: [UInt32]) -> [(label: String, probability: Double)] { named(prediction(ids: ids)) }

    func named(_ p: Prediction) -> [(label: String, probability: Double)] {
        let classes = model.classes
        return p.ranking.map { (classes[$0.label], $0.probability) }
    }
}
