import ArgumentParser
import Foundation
import PainmapClassifier
import PainmapText

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a topic classifier (naive Bayes) on labelled feedback.",
        discussion: """
        Reads CSV (with a header; delimiter , ; or tab detected) or JSON lines, one
        labelled document per record, from one or more files, and writes a model
        file. Rows with an empty text or label are reported with their line numbers
        and left out; a malformed row stops training with file:line:column.

        Examples:
          painmap train tickets.csv --text-column body --label-column topic --model topics.nbm
          painmap train a.csv b.jsonl --text-column subject --text-column body --label-column topic --model topics.nbm
          painmap train more.csv --text-column body --label-column topic --model topics.nbm --update
          painmap train tickets.csv --text-column body --label-column topic --model m.nbm --variant multinomial --alpha 0.1

        Defaults, chosen by cross-validation (figures in docs/classifier.md):
        multinomial naive Bayes over stemmed word uni+bigrams and character
        2-4-grams within words, sublinear TF, per-block length normalization, min-df
        2, uniform priors, two discriminative passes, calibrated probabilities, and
        alpha searched per training set by internal cross-validation (printed).
        Compare settings before training with `painmap evaluate FILE --folds 5` and
        the same options.
        """
    )

    @Argument(help: ArgumentHelp("Labelled CSV or JSONL files ('-' for standard input).", valueName: "file"))
    var files: [String]

    @OptionGroup var columns: ColumnOptions

    @Option(help: ArgumentHelp("Model file to write (or, with --update, to extend).", valueName: "path"))
    var model: String

    @Flag(help: "Add the documents to the existing model instead of training from scratch; the model's parameters are kept.")
    var update = false

    @OptionGroup var parameters: ParameterOptions

    @OptionGroup var pipeline: PipelineOptions

    func validate() throws {
        if columns.labelColumn == nil { throw ValidationError("give the label column with --label-column") }
        if update, parameters.anyGiven {
            throw ValidationError("--update keeps the model's parameters; leave out the model options")
        }
    }

    func run() throws {
        let clock = ClassifierStopwatch()
        let resources = try TextResources.load(lexicons: pipeline.lexicons)
        let nb: NaiveBayesModel
        if update {
            nb = try ModelFile.load(model)
        } else {
            nb = NaiveBayesModel(parameters: try parameters.resolved(), analyzerOptions: pipeline.analyzerOptions)
        }
        let textColumns = columns.textColumns(model: update ? nb : nil)
        let labelColumn = columns.labelColumn!
        let vectorizer = try Vectorizer(resources: resources, analyzerOptions: nb.analyzerOptions,
                                        options: nb.parameters.featureOptions, features: nb.features, workers: pipeline.jobs)
        let data = try LabelledData.read(files: files, textColumns: textColumns, labelColumn: labelColumn,
                                         format: columns.inputFormat, vectorizer: vectorizer)
        guard data.docs.count > 0 else {
            throw DataError("no usable labelled documents in \(files.joined(separator: ", "))")
        }
        let before = nb.documentCount
        if update { try nb.update(data.docs, labels: data.labels) } else { try nb.fit(data.docs, labels: data.labels) }
        if !nb.tuningReport.isEmpty, nb.parameters.tuneAlpha {
            let figures = nb.tuningReport.map { String(format: "%g: %.4f", $0.alpha, $0.accuracy) }.joined(separator: ", ")
            Diagnostics.warn("alpha \(nb.parameters.alpha) chosen by cross-validation on the training data (held-out accuracy \(figures))")
        }
        nb.metadata["text_columns"] = textColumns.joined(separator: "\t")
        nb.metadata["label_column"] = labelColumn
        // Features come from the text pipeline: record which painmap made them.
        nb.metadata["painmap_version"] = Painmap.version
        try ModelFile.save(nb, to: model)

        let size = (try? FileManager.default.attributesOfItem(atPath: model)[.size] as? Int) ?? 0
        Diagnostics.warn(String(format: "%@ %d documents (%d classes, %d features, %d in use) in %.2f s; wrote %@ (%.1f MB)",
                                update ? "added" : "trained on", data.docs.count, nb.classes.count, nb.features.count,
                                nb.activeFeatureCount, clock.seconds, model, Double(size) / 1e6))
        if update { Diagnostics.warn("the model now holds \(nb.documentCount) documents (\(before) before)") }
    }
}

/// Which fields hold the text and the label.
struct ColumnOptions: ParsableArguments {
    @Option(name: .customLong("text-column"),
            help: ArgumentHelp("Field with the document text; give it twice to join two fields (subject and body). Default: the model's, else 'text'.", valueName: "name"))
    var textColumnList: [String] = []

    @Option(help: ArgumentHelp("Field with the class label.", valueName: "name"))
    var labelColumn: String?

    @Option(name: .customLong("input-format"), help: ArgumentHelp("Input format: csv or jsonl (default: from the extension, else detected).", valueName: "format"))
    var inputFormat: RecordFormat?

    /// The given text columns, else those the model was trained with, else "text".
    func textColumns(model: NaiveBayesModel?) -> [String] { ColumnOptions.textColumns(given: textColumnList, model: model) }

    static func textColumns(given: [String], model: NaiveBayesModel?) -> [String] {
        if !given.isEmpty { return given }
        if let saved = model?.metadata["text_columns"], !saved.isEmpty { return saved.components(separatedBy: "\t") }
        return ["text"]
    }

    func labelColumn(model: NaiveBayesModel?) -> String {
        labelColumn ?? model?.metadata["label_column"] ?? "label"
    }
}

extension RecordFormat: ExpressibleByArgument {}
extension NaiveBayesVariant: ExpressibleByArgument {}
extension ClassPriors: ExpressibleByArgument {}

/// Model parameters as options; each left out keeps the default of `NaiveBayesParameters`.
struct ParameterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("multinomial (default) or complement naive Bayes.", valueName: "variant"))
    var variant: NaiveBayesVariant?

    @Option(help: ArgumentHelp("Lidstone smoothing pseudo-count, > 0 (default: chosen by cross-validation on the training data).", valueName: "a"))
    var alpha: Double?

    @Option(help: ArgumentHelp("Candidate alphas for that choice, comma-separated (default 0.01,0.03,0.1,0.3,1).", valueName: "list"))
    var alphaGrid: String?

    @Option(help: ArgumentHelp("n-gram sizes over stems, e.g. 1-2 (default) or 1-3 or 1.", valueName: "min-max"))
    var ngrams: String?

    @Option(help: ArgumentHelp("Character n-gram sizes within words, e.g. 2-4 (default) or 1-5; 0 for none.", valueName: "min-max"))
    var charNgrams: String?

    @Option(help: ArgumentHelp("Weight of the character n-gram block against the word block (default 1).", valueName: "w"))
    var charWeight: Double?

    @Option(help: ArgumentHelp("Pseudo-count of character n-grams as a multiple of alpha (default 1).", valueName: "s"))
    var charAlphaScale: Double?

    @Option(help: ArgumentHelp("Weight of word n-grams of 2+ words against single words, inside the word block (default 1).", valueName: "w"))
    var phraseWeight: Double?

    @Flag(inversion: .prefixedNo, help: "Also pair stems one word apart, 'card _ arriv' (default: off).")
    var skipBigrams: Bool?

    @Flag(inversion: .prefixedNo, help: "Remove stopwords before building n-grams (default: keep them).")
    var removeStopwords: Bool?

    @Option(help: ArgumentHelp("Ignore features seen in fewer training documents than this (default 2).", valueName: "n"))
    var minDf: Int?

    @Flag(inversion: .prefixedNo, help: "Count a term seen tf times as 1 + ln(tf) (default: on).")
    var sublinearTf: Bool?

    @Flag(inversion: .prefixedNo, help: "Weight terms by inverse document frequency (default: off).")
    var idf: Bool?

    @Flag(inversion: .prefixedNo, help: "Scale each document's word and character blocks to unit length (default: on).")
    var lengthNorm: Bool?

    @Flag(inversion: .prefixedNo, help: "Complement NB (and the mixture's complement part): normalize each class's weights (default: on).")
    var weightNorm: Bool?

    @Option(help: ArgumentHelp("Multinomial NB: weight of complement NB mixed in, 0-1 (log-linear pool of the two, each calibrated; default 0.2; 0 for multinomial alone).", valueName: "w"))
    var complementWeight: Double?

    @Option(help: ArgumentHelp("Multinomial NB: passes of discriminative frequency estimation after counting (default 2; 0 for plain counts).", valueName: "n"))
    var dfePasses: Int?

    @Option(help: ArgumentHelp("Multinomial NB class priors: uniform (default) or learned from the class frequencies.", valueName: "priors"))
    var priors: ClassPriors?

    @Flag(inversion: .prefixedNo, help: "Calibrate probabilities by internal cross-validation (default: on; the complement mixture's parts are calibrated regardless, their temperatures set the mix).")
    var calibrate: Bool?

    var anyGiven: Bool {
        variant != nil || alpha != nil || alphaGrid != nil || ngrams != nil || charNgrams != nil || charWeight != nil || phraseWeight != nil || charAlphaScale != nil || skipBigrams != nil || removeStopwords != nil || minDf != nil || sublinearTf != nil
            || idf != nil || lengthNorm != nil || weightNorm != nil || priors != nil || dfePasses != nil || complementWeight != nil || calibrate != nil
    }

    func resolved() throws -> NaiveBayesParameters {
        var p = NaiveBayesParameters()
        if let variant { p.variant = variant }
        if let alpha { p.alpha = alpha; p.tuneAlpha = false }   // a given alpha is used as it is
        if let alphaGrid {
            let values = alphaGrid.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { throw ValidationError("--alpha-grid takes numbers separated by commas, not '\(alphaGrid)'") }
            p.alphaGrid = values.map { $0! }
            p.tuneAlpha = true
        }
        if let ngrams { (p.ngramMin, p.ngramMax) = try ParameterOptions.range(ngrams, "--ngrams") }
        if let charNgrams { (p.charNgramMin, p.charNgramMax) = try ParameterOptions.range(charNgrams, "--char-ngrams") }
        if let charWeight { p.characterWeight = charWeight }
        if let phraseWeight { p.phraseWeight = phraseWeight }
        if let charAlphaScale { p.characterAlphaScale = charAlphaScale }
        if let skipBigrams { p.skipBigrams = skipBigrams }
        if let removeStopwords { p.removeStopwords = removeStopwords }
        if let minDf { p.minDocumentFrequency = minDf }
        if let sublinearTf { p.sublinearTF = sublinearTf }
        if let idf { p.idf = idf }
        if let lengthNorm { p.lengthNormalization = lengthNorm }
        if let weightNorm { p.normalizeWeights = weightNorm }
        if let priors { p.priors = priors }
        if let dfePasses { p.discriminativePasses = dfePasses }
        if let complementWeight { p.complementWeight = complementWeight }
        if let calibrate { p.calibrate = calibrate }
        do { try p.validate() } catch { throw ValidationError("\(error)") }
        return p
    }

    /// "1-2" -> (1, 2); "3" -> (3, 3); "0" -> (0, 0).
    static func range(_ s: String, _ option: String) throws -> (Int, Int) {
        let parts = s.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(parts.count), let lo = parts.first ?? nil, let hi = parts.last ?? nil else {
            throw ValidationError("\(option) takes MIN-MAX (like 1-2) or N, not '\(s)'")
        }
        return (lo, hi)
    }
}

/// Labelled documents read from files and vectorized in batches on all workers.
struct LabelledData {
    var docs = DocumentVectors()
    var labels = LabelSet()
    /// Where each document came from, "file:line", for messages.
    var origins: [(file: String, line: Int)] = []
    /// Rows left out for an empty text or label.
    var skipped = 0

    /// Reads `files`; rows with an empty text or label are reported on standard error and left out.
    static func read(files: [String], textColumns: [String], labelColumn: String, format: RecordFormat?,
                     vectorizer: Vectorizer?,
                     each: (([String], [String], [(file: String, line: Int)]) -> Void)? = nil) throws -> LabelledData {
        var out = LabelledData()
        // `origins` has `out.origins`' element type, labels included: appending an unlabelled tuple array to
        // it converted every element by a dynamic cast (~10,000 casts on banking77, callgrind).
        var texts: [String] = [], labels: [String] = [], origins: [(file: String, line: Int)] = []
        // Batches are vectorized on a serial background queue, in order, while this thread reads the next
        // batch: reading and parsing the rows (a third of this function's instructions, callgrind on
        // banking77 train.csv) then overlaps the text pipeline instead of preceding it. The features are
        // interned in document order whatever the batches, so the vectors are the same. Batches of 1,024
        // rather than 2,048: the first batch starts sooner and each batch's serial steps (interning, adding
        // the vectors) are shorter; perf timelines on banking77, ten runs each: the alpha search started at
        // 113 ms (median) against 128 ms.
        let batch = 1024
        let vectorized = VectorizedBatches(vectorizer)
        func flush() {
            if vectorizer != nil, !texts.isEmpty { vectorized.add(texts, labels) }
            each?(texts, labels, origins)
            out.origins += origins
            texts.removeAll(keepingCapacity: true); labels.removeAll(keepingCapacity: true); origins.removeAll(keepingCapacity: true)
        }
        var reported = 0
        func report(_ s: String) {
            out.skipped += 1
            if reported < 20 { Diagnostics.warn(s) } else if reported == 20 { Diagnostics.warn("(further skipped rows are only counted)") }
            reported += 1
        }
        for file in files {
            let reader = try Records.open(file, format: format)
            var checked = false
            while let r = try reader.next() {
                for w in reader.warnings { Diagnostics.warn(w.description) }
                reader.warnings.removeAll()
                if !checked, reader is CSVReader {
                    for c in textColumns + [labelColumn] where !reader.fieldNames.contains(c) {
                        throw DataError("\(reader.name): no column '\(c)'; the columns are: \(reader.fieldNames.joined(separator: ", "))")
                    }
                }
                checked = true
                // One text column (the usual case): the field itself, without the two arrays and the join
                // per row that joining several columns takes (the same text).
                let text = textColumns.count == 1 ? r[textColumns[0]] ?? ""
                    : textColumns.compactMap { r[$0] }.filter { !$0.isEmpty }.joined(separator: "\n")
                let label = trimmedLabel(r[labelColumn] ?? "")
                let emptyText = isBlankText(text)
                if emptyText || label.isEmpty {
                    let what = emptyText && label.isEmpty ? "empty text and label" : emptyText ? "empty text" : "empty label"
                    report("\(reader.name):\(r.line): \(what); row left out")
                    continue
                }
                texts.append(text); labels.append(label); origins.append((reader.name, r.line))
                if texts.count >= batch { flush() }
            }
        }
        flush()
        if vectorizer != nil { (out.docs, out.labels) = vectorized.finish() }
        if out.skipped > 0 { Diagnostics.warn("left out \(out.skipped) row(s) with an empty text or label") }
        return out
    }
}

/// Labelled batches vectorized in order on a background queue (see `LabelledData.read`).
final class VectorizedBatches: @unchecked Sendable {
    private let vectorizer: Vectorizer?
    private let queue = DispatchQueue(label: "painmap.vectorize")
    /// Batches read but not yet vectorized, at most two: reading is faster than the text pipeline, and
    /// without a bound much of a large file was held as text at once (training on feedback-1000000.csv:
    /// peak memory 871 MB unbounded, 750 MB with the bound, 693 MB reading before vectorizing).
    private let pending = DispatchSemaphore(value: 2)
    private var docs = DocumentVectors()
    private var labels = LabelSet()

    init(_ vectorizer: Vectorizer?) {
        self.vectorizer = vectorizer
        if let vectorizer { docs = vectorizer.makeDocuments() }
    }

    /// Queues a batch of texts and their labels (copies: the caller reuses its arrays); waits while two
    /// batches are pending.
    func add(_ texts: [String], _ labels: [String]) {
        pending.wait()
        queue.async { [self] in
            defer { pending.signal() }
            guard let vectorizer else { return }
            for (v, l) in zip(vectorizer.trainingVectors(texts), labels) { docs.append(v, label: self.labels.add(l)) }
        }
    }

    /// Waits for the queued batches and returns the documents and their label set.
    func finish() -> (DocumentVectors, LabelSet) {
        queue.sync { (docs, labels) }
    }
}

/// `s` without leading and trailing white space. Labels nearly never have any: looking at the bytes at
/// both ends first skips Foundation's trimming, which was a tenth of a lean training run.
func trimmedLabel(_ s: String) -> String {
    let u = s.utf8
    guard let first = u.first, let last = u.last else { return s }
    func visibleASCII(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }
    if visibleASCII(first) && visibleASCII(last) { return s }
    return s.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A problem with the input data, reported as "Error: ..." without the usage text.
struct DataError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Wall-clock seconds since creation.
struct ClassifierStopwatch {
    let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
