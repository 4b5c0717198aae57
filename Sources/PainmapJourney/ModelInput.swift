import PainmapClassifier
import PainmapText

/// Feeds an already analyzed document to a naive Bayes model without analysing it again: maps this
/// thread's n-gram ids to the model's feature ids once per distinct n-gram. One per thread and model.
final class ModelInput {
    let model: NaiveBayesModel
    let analyzer: Analyzer
    /// n-gram id -> model feature id + 1; 0 = not looked up yet; `none` = not a model feature.
    private var map: [UInt32] = []
    private static let none = UInt32.max
    private var ngrams: [UInt32] = []
    private var ids: [UInt32] = []
    private var buffer = ScoringBuffer()

    init(model: NaiveBayesModel, analyzer: Analyzer) {
        self.model = model
        self.analyzer = analyzer
    }

    /// The n-gram ids of `doc` as this model counts them.
    func ngramIDs(_ doc: AnalyzedDocument) -> [UInt32] {
        let options = model.parameters.ngramOptions
        ngrams.removeAll(keepingCapacity: true)
        analyzer.ngrams(analyzer.featureStems(doc, removeStopwords: options.removeStopwords), range: options.range, into: &ngrams)
        return ngrams
    }

    /// Whether `other` reads documents the same way (then n-grams can be computed once for both).
    func sharesFeatures(with other: ModelInput) -> Bool {
        model.parameters.ngramOptions == other.model.parameters.ngramOptions
    }

    func vector(ngrams: [UInt32]) -> SparseVector {
        ids.removeAll(keepingCapacity: true)
        for g in ngrams {
            let k = Int(g)
            if k >= map.count { map.append(contentsOf: repeatElement(0, count: max(k + 1 - map.count, 4096))) }
            var m = map[k]
            if m == 0 {
                m = model.features.id(of: analyzer.vocabulary.string(g)).map { $0 + 1 } ?? ModelInput.none
                map[k] = m
            }
            if m != ModelInput.none { ids.append(m - 1) }
        }
        return SparseVector(counting: ids)
    }

    /// The ranked labels with their probabilities, from the document's n-gram ids.
    func ranking(ngrams: [UInt32]) -> [(label: String, probability: Double)] {
        let p = model.predict(vector(ngrams: ngrams), top: model.classes.count, buffer: &buffer)
        return p.ranking.map { (model.classes[$0.label], $0.probability) }
    }
}
