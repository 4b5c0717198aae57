import Foundation
import PainmapText

/// Texts in, labels out: the model together with a `Vectorizer` that runs the text pipeline.
extension NaiveBayesModel {
    /// Trains a new model on `texts` and their `labels`.
    public static func train(texts: [String], labels: [String], parameters: NaiveBayesParameters = NaiveBayesParameters(),
                             resources: TextResources, analyzerOptions: AnalyzerOptions = AnalyzerOptions(),
                             workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> NaiveBayesModel {
        let model = NaiveBayesModel(parameters: parameters, analyzerOptions: analyzerOptions)
        let (docs, set) = try model.vectors(texts: texts, labels: labels, resources: resources, workers: workers)
        try model.fit(docs, labels: set)
        return model
    }

    /// Adds labelled texts to this model without retraining from scratch.
    public func update(texts: [String], labels: [String], resources: TextResources,
                       workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        let (docs, set) = try vectors(texts: texts, labels: labels, resources: resources, workers: workers)
        try update(docs, labels: set)
    }

    /// A vectorizer that analyzes text the way this model was trained and maps it to its features.
    public func vectorizer(resources: TextResources, workers: Int = 1) throws -> Vectorizer {
        try Vectorizer(resources: resources, analyzerOptions: analyzerOptions, options: parameters.featureOptions,
                       features: features, workers: workers)
    }

    /// Predicts one text.
    public func predict(_ text: String, using vectorizer: Vectorizer, top: Int = 1) -> Prediction {
        predict(vectorizer.vector(text), top: top)
    }

    /// The features of `text` that pushed it most towards `label` over `versus`, by name.
    public func explain(_ text: String, using vectorizer: Vectorizer, label: Int, versus: Int?, top: Int = 5) -> [(feature: String, weight: Double)] {
        explain(vectorizer.vector(text), label: label, versus: versus, top: top).map { (features.name($0.feature), $0.weight) }
    }

    func vectors(texts: [String], labels: [String], resources: TextResources, workers: Int) throws -> (DocumentVectors, LabelSet) {
        guard texts.count == labels.count else {
            throw ClassifierError.mismatch("\(texts.count) texts but \(labels.count) labels")
        }
        if let i = labels.firstIndex(where: { $0.isEmpty }) {
            throw ClassifierError.mismatch("document \(i + 1) has an empty label")
        }
        let v = try vectorizer(resources: resources, workers: workers)
        var set = LabelSet()
        var docs = v.makeDocuments()
        for (vec, label) in zip(v.trainingVectors(texts), labels) { docs.append(vec, label: set.add(label)) }
        return (docs, set)
    }
}
