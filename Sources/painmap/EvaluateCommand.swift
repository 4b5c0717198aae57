import ArgumentParser
import Foundation
import PainmapClassifier
import PainmapText

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a classifier on labelled data: accuracy, macro-F1, per-class table, worst confusions.",
        discussion: """
        Two ways:
          --model M   predict FILE with a trained model and compare with its
                      labels (held-out test data).
          --folds K   stratified K-fold cross-validation on FILE alone, no model
                      needed: each document is predicted by a model trained on
                      the other folds. Takes the same model options as
                      `painmap train`, so settings can be compared before
                      training.
        Rows with an empty text or label are reported with their line numbers and
        left out. With --model, documents below --min-confidence or without a known
        word count as 'unknown' (wrong).

        Examples:
          painmap evaluate test.csv --model topics.nbm --text-column text --label-column category
          painmap evaluate train.csv --folds 5 --text-column text --label-column category
          painmap evaluate train.csv --folds 5 --label-column category --variant multinomial --alpha 0.1
          painmap evaluate test.csv --model topics.nbm --format json | jq .macro_f1
        """
    )

    @Argument(help: ArgumentHelp("Labelled CSV or JSONL files.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Model to evaluate.", valueName: "path"))
    var model: String?

    @Option(help: ArgumentHelp("Cross-validate with this many stratified folds instead of using a model.", valueName: "k"))
    var folds: Int?

    @Option(help: ArgumentHelp("Seed for the cross-validation shuffle.", valueName: "n"))
    var seed: UInt64 = 0x5EED

    @OptionGroup var columns: ColumnOptions

    @Option(help: ArgumentHelp("Below this probability (0-1) a prediction counts as 'unknown' (with --model).", valueName: "p"))
    var minConfidence: Double = 0

    @Option(help: ArgumentHelp("How many of the most frequent confusions to list.", valueName: "n"))
    var confusions: Int = 10

    @Option(help: "text (for people) or json (for scripts).")
    var format: ReportFormat = .text

    @OptionGroup var parameters: ParameterOptions

    @OptionGroup var pipeline: PipelineOptions

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if (model == nil) == (folds == nil) { throw ValidationError("give either --model M or --folds K") }
        if let folds, folds < 2 { throw ValidationError("--folds must be at least 2") }
        if model != nil, parameters.anyGiven { throw ValidationError("model options only apply with --folds") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be between 0 and 1") }
    }

    func run() throws {
        let clock = ClassifierStopwatch()
        let resources = try TextResources.load(lexicons: pipeline.lexicons)
        var report = Report()
        let evaluation: Evaluation
        if let model {
            let nb = try ModelFile.load(model)
            var decision = PredictionDecision()
            decision.minConfidence = minConfidence
            decision.explain = 0
            let predictor = try Predictor(model: nb, resources: resources, pipeline: pipeline, decision: decision)
            var truth: [String] = [], predicted: [String] = []
            var predictSeconds = 0.0
            let pool = ParallelBatches(workers: pipeline.jobs)
            _ = try LabelledData.read(files: files, textColumns: columns.textColumns(model: nb), labelColumn: columns.labelColumn(model: nb),
                                      format: columns.inputFormat, vectorizer: nil) { texts, labels, _ in
                let t = ClassifierStopwatch()
                predicted += pool.map(texts) { w, text in predictor.predict(text, worker: w).label }
                predictSeconds += t.seconds
                truth += labels
            }
            evaluation = Evaluation(truth: truth, predicted: predicted)
            report.mode = "model \(model)"
            report.predictSeconds = predictSeconds
        } else {
            let p = try parameters.resolved()
            let vectorizer = try Vectorizer(resources: resources, analyzerOptions: pipeline.analyzerOptions,
                                            options: p.featureOptions, workers: pipeline.jobs)
            let data = try LabelledData.read(files: files, textColumns: columns.textColumns(model: nil),
                                             labelColumn: columns.labelColumn(model: nil), format: columns.inputFormat,
                                             vectorizer: vectorizer)
            guard data.docs.count >= folds! else { throw DataError("\(data.docs.count) documents are too few for \(folds!) folds") }
            let cv = try CrossValidation.predictions(data.docs, labels: data.labels, features: vectorizer.features,
                                                     parameters: p, folds: folds!, seed: seed)
            let names = data.labels.names
            evaluation = Evaluation(truth: data.docs.labels.map { names[Int($0)] }, predicted: cv.predicted.map { names[$0] })
            report.mode = "\(folds!)-fold stratified cross-validation, \(p.summary)"
            report.foldAccuracy = cv.foldAccuracy
        }
        report.seconds = clock.seconds
        let out = Output()
        out.write(format == .json ? report.json(evaluation, confusions: confusions) : report.text(evaluation, confusions: confusions))
        out.flush()
    }
}

/// Renders an `Evaluation` for people or scripts (also used by `painmap models evaluate`).
struct Report {
    var mode = ""
    var seconds = 0.0
    var predictSeconds: Double?
    var foldAccuracy: [Double] = []

    func text(_ e: Evaluation, confusions k: Int) -> String {
        var s = "\(mode)\n"
        s += String(format: "documents    %d\naccuracy     %.4f  (%d right)\nmacro-F1     %.4f\nweighted-F1  %.4f\n",
                    e.count, e.accuracy, e.correct, e.macroF1, e.weightedF1)
        if !foldAccuracy.isEmpty {
            let m = foldAccuracy.reduce(0, +) / Double(foldAccuracy.count)
            let sd = (foldAccuracy.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(foldAccuracy.count - 1, 1))).squareRoot()
            s += String(format: "per fold     %@  (sd %.4f)\n", foldAccuracy.map { String(format: "%.4f", $0) }.joined(separator: " "), sd)
        }
        if let p = predictSeconds, p > 0 { s += String(format: "speed        %.0f documents/s predicted\n", Double(e.count) / p) }
        let classes = e.perClass.sorted { ($0.f1, $0.label) < ($1.f1, $1.label) }
        let width = min(40, max(5, classes.map(\.label.count).max() ?? 5))
        s += "\nper class, worst F1 first\n"
        s += TokenRendering.pad("label", width + 2) + "precision  recall      F1  support\n"
        for c in classes {
            s += TokenRendering.pad(c.label, width + 2)
                + String(format: "%9.3f %7.3f %7.3f %8d\n", c.precision, c.recall, c.f1, c.support)
        }
        let worst = e.worstConfusions(k)
        if !worst.isEmpty {
            s += "\nworst confusions (true -> predicted: documents, share of the true class)\n"
            for c in worst { s += String(format: "  %@ -> %@: %d (%.1f%%)\n", c.truth, c.predicted, c.count, c.rate * 100) }
        }
        return s
    }

    func json(_ e: Evaluation, confusions k: Int) -> String {
        var j = JSONWriter(capacity: 4096)
        j.beginObject()
        j.key("mode", mode)
        j.key("documents", e.count)
        j.key("accuracy", e.accuracy)
        j.key("macro_f1", e.macroF1)
        j.key("weighted_f1", e.weightedF1)
        if !foldAccuracy.isEmpty { j.key("fold_accuracy"); j.beginArray(); for a in foldAccuracy { j.double(a) }; j.endArray() }
        j.key("seconds", seconds, digits: 3)
        if let p = predictSeconds, p > 0 { j.key("predict_docs_per_second", Double(e.count) / p, digits: 0) }
        j.key("classes"); j.beginArray()
        for c in e.perClass {
            j.beginObject()
            j.key("label", c.label); j.key("precision", c.precision); j.key("recall", c.recall); j.key("f1", c.f1); j.key("support", c.support)
            j.endObject()
        }
        j.endArray()
        j.key("confusions"); j.beginArray()
        for c in e.worstConfusions(k) {
            j.beginObject(); j.key("truth", c.truth); j.key("predicted", c.predicted); j.key("count", c.count); j.key("rate", c.rate); j.endObject()
        }
        j.endArray()
        j.endObject()
        return String(decoding: j.bytes, as: UTF8.self) + "\n"
    }
}
