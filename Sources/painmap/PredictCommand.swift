import ArgumentParser
import Foundation
import PainmapClassifier
import PainmapText

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify documents with a trained model; one JSON line out per document, in input order.",
        discussion: """
        Input: plain text with one document per line, CSV with a header, or JSON
        lines: by --input-format, else by extension (.csv .tsv .jsonl .ndjson),
        else a first line starting with '{' means JSON lines; standard input is
        plain text unless --input-format says otherwise.

        Output, one object per input document, in input order:
          {"line": 3, "label": "card_arrival", "confidence": 0.91,
           "top": [{"label": "card_arrival", "p": 0.91}, ...],    (--top K > 1)
           "features": [{"feature": "card arriv", "weight": 2.1}, ...]}
        "features" are the document's features that pushed it most towards its
        label rather than the runner-up, in log-odds ("~car" is a character
        n-gram). Below --min-confidence the label is "unknown" and "best" keeps
        the most probable class. An empty document, or one without a word the
        model knows, is "unknown" with "reason" ("empty", "no known features"),
        and is reported on standard error with its line number.

        Examples:
          painmap predict new_tickets.csv --model topics.nbm --text-column body > predicted.jsonl
          echo "my card has not arrived yet" | painmap predict - --model topics.nbm --top 3
          painmap predict tickets.jsonl --model topics.nbm --id-column id --min-confidence 0.6 --explain 0
        """
    )

    @Argument(help: ArgumentHelp("Input file; '-' or nothing reads standard input.", valueName: "file"))
    var file: String = "-"

    @Option(help: ArgumentHelp("Model file written by `painmap train`.", valueName: "path"))
    var model: String

    @Option(name: .customLong("text-column"),
            help: ArgumentHelp("CSV/JSONL field(s) with the text; give twice to join two. Default: the model's.", valueName: "name"))
    var textColumns: [String] = []

    @Option(help: ArgumentHelp("CSV/JSONL field copied to the output as \"id\".", valueName: "name"))
    var idColumn: String?

    @Option(name: .customLong("input-format"), help: ArgumentHelp("lines, csv or jsonl (default: detected).", valueName: "format"))
    var inputFormat: InputFormat?

    @OptionGroup var decision: DecisionOptions

    @OptionGroup var pipeline: PipelineOptions

    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case lines, csv, jsonl }

    func run() throws {
        let nb = try ModelFile.load(model)
        let resources = try TextResources.load(lexicons: pipeline.lexicons)
        let predictor = try Predictor(model: nb, resources: resources, pipeline: pipeline, decision: decision.decision)
        let columns = ColumnOptions.textColumns(given: textColumns, model: nb)
        let out = Output()
        let name = file == "-" ? "<stdin>" : file

        let notes = Notes(name: name, unknownLabel: decision.unknownLabel)
        func note(_ line: Int, _ reason: String?) {
            guard let reason else { return }
            notes.note(line, reason)
        }
        defer { notes.finish() }

        let format = inputFormat ?? detect()
        if format == .lines {
            // Each worker writes its range of lines into one buffer, ranges handed out as workers come free,
            // and the output is written while the workers go on (`LineJob.write`). Through `LineJob.run`, a
            // block was split in two fixed halves (one worker idle whenever the other was slowed by anything
            // else on the machine), and the main thread copied every line's bytes out while both workers
            // waited for the next block.
            try LineJob.write(file: file, jobs: pipeline.jobs, out: out, work: { w, line, bytes, decode, j -> String? in
                let o = predictor.predict(bytes: bytes, decode: decode, worker: w)
                predictor.json(o, line: line, id: nil, into: &j)
                return o.reason
            }, note: { line, reason in notes.note(line, reason) })
            out.flush()
            return
        }

        let reader = try Records.open(file, format: format == .csv ? .csv : .jsonl)
        var checked = false
        func next() throws -> (Int, String, String?)? {
            guard let r = try reader.next() else { return nil }
            for w in reader.warnings { Diagnostics.warn(w.description) }
            reader.warnings.removeAll()
            if !checked, reader is CSVReader {
                for c in columns + (idColumn.map { [$0] } ?? []) where !reader.fieldNames.contains(c) {
                    throw DataError("\(reader.name): no column '\(c)'; the columns are: \(reader.fieldNames.joined(separator: ", "))")
                }
                checked = true
            }
            let text = columns.compactMap { r[$0] }.filter { !$0.isEmpty }.joined(separator: "\n")
            return (r.line, text, idColumn.flatMap { r[$0] })
        }
        var failure: Error?
        ParallelBatches(workers: pipeline.jobs).run(
            next: {
                do { return try next() } catch { failure = error; return nil }
            },
            work: { w, item -> ([UInt8], String?, Int) in
                let o = predictor.predict(item.1, worker: w)
                return (predictor.json(o, line: item.0, id: item.2), o.reason, item.0)
            },
            emit: { r in out.write(r.0); note(r.2, r.1) })
        out.flush()
        if let failure { throw failure }
    }

    /// Empty documents and documents without a known word, reported on standard error (only the first 20,
    /// then how many in all). Called in input order from one thread at a time.
    final class Notes: @unchecked Sendable {
        let name: String, unknownLabel: String
        private var noted = 0
        init(name: String, unknownLabel: String) { self.name = name; self.unknownLabel = unknownLabel }
        func note(_ line: Int, _ reason: String) {
            // Reported, not silently guessed: the output line says "unknown" with the reason.
            if noted < 20 { Diagnostics.warn("\(name):\(line): \(reason == "empty" ? "empty document" : "no word the model knows"); labelled \(unknownLabel)") }
            noted += 1
        }
        func finish() { if noted > 20 { Diagnostics.warn("\(noted) documents in all were empty or had no known word") } }
    }

    /// By extension; for other files and standard input, a first line starting with '{' means JSONL.
    func detect() -> InputFormat {
        switch RecordFormat.guess(path: file) {
        case .csv?: return .csv
        case .jsonl?: return .jsonl
        case nil: return file == "-" ? .lines : sniff()
        }
    }

    func sniff() -> InputFormat {
        guard let r = try? LineReader(path: file), let first = r.nextLine() else { return .lines }
        return first.first == 0x7B ? .jsonl : .lines
    }
}

/// How predictions become labels.
struct DecisionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Report this many most probable labels with their probabilities.", valueName: "k"))
    var top: Int = 1

    @Option(help: ArgumentHelp("Below this probability (0-1) the label is 'unknown'.", valueName: "p"))
    var minConfidence: Double = 0

    @Option(help: ArgumentHelp("List this many features that pushed each prediction most (0: none).", valueName: "n"))
    var explain: Int = 3

    @Option(help: ArgumentHelp("The label for documents below --min-confidence or without known words.", valueName: "label"))
    var unknownLabel: String = "unknown"

    var decision: PredictionDecision {
        PredictionDecision(top: top, minConfidence: minConfidence, explain: explain, unknownLabel: unknownLabel)
    }

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be between 0 and 1") }
        if explain < 0 { throw ValidationError("--explain must be 0 or more") }
    }
}

/// The decision settings as plain values (option groups cannot be made outside argument parsing).
struct PredictionDecision: Sendable {
    var top = 1
    var minConfidence = 0.0
    var explain = 3
    var unknownLabel = "unknown"
}

/// A prediction as the commands report it.
struct PredictionOutcome {
    var label: String
    /// The class of `label`, nil when `label` is the unknown label.
    var labelClass: Int?
    /// Probability of the most probable class; nil when there was nothing to go on.
    var confidence: Double?
    /// The most probable class when it fell below --min-confidence.
    var bestClass: Int?
    /// The --top most probable classes when more than one is asked for.
    var ranking: [LabelProbability] = []
    var contributions: [FeatureContribution] = []
    var reason: String?
}

/// True when `s` holds nothing but ASCII white space (a fast test: it runs once per document).
func isBlankText(_ s: String) -> Bool {
    s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
}

/// Predicts on all workers: each has its own analyzer (inside the vectorizer) and scoring buffer.
final class Predictor: @unchecked Sendable {
    let model: NaiveBayesModel
    let vectorizer: Vectorizer
    let decision: PredictionDecision
    private let buffers: PerWorker<BufferBox>

    final class BufferBox { var buffer = ScoringBuffer() }

    init(model: NaiveBayesModel, resources: TextResources, pipeline: PipelineOptions, decision: PredictionDecision) throws {
        self.model = model
        var options = model.analyzerOptions
        if let l = pipeline.language { options.language = l }
        vectorizer = try Vectorizer(resources: resources, analyzerOptions: options, options: model.parameters.featureOptions,
                                    features: model.features, workers: pipeline.jobs)
        self.decision = decision
        buffers = try PerWorker(workers: pipeline.jobs) { BufferBox() }
        classJSON = model.classes.map(Predictor.jsonString)
        unknownJSON = Predictor.jsonString(decision.unknownLabel)
        let features = model.features
        plainNameRoom = (0..<features.count).map { f in
            features.withName(UInt32(f)) { u in Predictor.needsEscaping(u) ? -1 : Int32(u.count + 2) }
        }
    }

    /// Per feature: the room its name takes as a JSON string when it needs no escaping (quotes included),
    /// else -1. Made once (~28,000 names, well under a millisecond): every explained feature's name was
    /// scanned twice per line for characters to escape (perf: 2% of `painmap predict`).
    private let plainNameRoom: [Int32]

    private static func needsEscaping(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        u.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    }

    func predict(_ text: String, worker w: Int) -> PredictionOutcome {
        if isBlankText(text) {
            return PredictionOutcome(label: decision.unknownLabel, confidence: nil, reason: "empty")
        }
        return predict(vectorizer.knownVector(text, worker: w), worker: w)
    }

    /// `predict(decode(), worker:)` for a line's bytes, without making a String of a line that needs no
    /// normalization (`Vectorizer.knownVector(normalASCII:worker:)`). A blank line of ASCII white space
    /// decodes to itself with nothing to report, so it is told from its bytes.
    func predict(bytes: UnsafeBufferPointer<UInt8>, decode: () -> String, worker w: Int) -> PredictionOutcome {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return PredictionOutcome(label: decision.unknownLabel, confidence: nil, reason: "empty")
        }
        // The document's ids and counts scored where the vectorizer counted them (no vector made).
        var outcome: PredictionOutcome? = nil
        if vectorizer.withKnownCounts(normalASCII: bytes, worker: w, { ids, counts in
            outcome = predict(ids: ids, counts: counts, worker: w)
        }), let outcome { return outcome }
        return predict(decode(), worker: w)
    }

    private func predict(_ v: SparseVector, worker w: Int) -> PredictionOutcome {
        v.ids.withUnsafeBufferPointer { ids in v.values.withUnsafeBufferPointer { counts in predict(ids: ids, counts: counts, worker: w) } }
    }

    private func predict(ids: UnsafeBufferPointer<UInt32>, counts: UnsafeBufferPointer<Float>, worker w: Int) -> PredictionOutcome {
        let unknown = decision.unknownLabel
        let box = buffers[w]
        let (p, contributions) = model.predict(ids: ids, counts: counts, top: max(decision.top, 2), explain: decision.explain,
                                               buffer: &box.buffer)
        guard p.hasEvidence else {
            return PredictionOutcome(label: unknown, confidence: nil, reason: "no known features")
        }
        var o = PredictionOutcome(label: model.classes[p.label], labelClass: p.label, confidence: p.probability, reason: nil)
        if decision.top > 1 { o.ranking = Array(p.ranking.prefix(decision.top)) }
        o.contributions = contributions
        if p.probability < decision.minConfidence { o.bestClass = p.label; o.label = unknown; o.labelClass = nil }
        return o
    }

    /// Each class label and the unknown label as JSON strings (quoted, escaped), made once: a line was
    /// written value by value through `JSONWriter`, whose per-call checks and escaping scans cost about a
    /// tenth of `painmap predict` (callgrind); a line is now copied together in one stack buffer.
    private let classJSON: [[UInt8]]
    private let unknownJSON: [UInt8]
    static func jsonString(_ s: String) -> [UInt8] { var j = JSONWriter(capacity: s.utf8.count + 2); j.string(s); return j.bytes }

    func json(_ o: PredictionOutcome, line: Int, id: String?) -> [UInt8] {
        var j = JSONWriter(capacity: 0)
        json(o, line: line, id: id, into: &j)
        return j.bytes
    }

    /// Feature `f`'s name as a JSON string when it has characters to escape, else nil.
    private func escapedName(_ f: UInt32) -> [UInt8]? {
        if Int(f) < plainNameRoom.count && plainNameRoom[Int(f)] >= 0 { return nil }
        return model.features.withName(f) { u in
            Predictor.needsEscaping(u) ? Predictor.jsonString(String(decoding: u, as: UTF8.self)) : nil
        }
    }

    /// The room feature `f`'s name takes in a line, quotes and escapes included.
    private func nameRoom(_ f: UInt32) -> Int {
        if Int(f) < plainNameRoom.count && plainNameRoom[Int(f)] >= 0 { return Int(plainNameRoom[Int(f)]) }
        return escapedName(f)?.count ?? model.features.withName(f) { $0.count + 2 }
    }

    /// Appends the line to `j` (a worker's buffer for a range of lines: no array per line).
    func json(_ o: PredictionOutcome, line: Int, id: String?, into j: inout JSONWriter) {
        let classes = classJSON, unknown = unknownJSON
        let idJSON = id.map(Predictor.jsonString)
        let reasonJSON = o.reason.map(Predictor.jsonString)
        let explain = decision.explain > 0 && o.reason == nil
        // Feature names: escaped only when they need it (nearly never), then made again where written (an
        // array of the escaped names was an allocation or two per document).
        var room = 160 + (idJSON?.count ?? 0) + (reasonJSON?.count ?? 0) + unknown.count
        room += (o.labelClass.map { classes[$0].count } ?? 0) + (o.bestClass.map { classes[$0].count } ?? 0)
        for r in o.ranking { room += classes[r.label].count + 32 + JSONWriter.maxFixedCount }
        if explain {
            for c in o.contributions {
                room += nameRoom(c.feature) + 32 + JSONWriter.maxFixedCount
            }
        }
        j.line(capacity: room) { b in
            b.literal("{\"line\":"); b.int(line)
            if let idJSON { b.literal(",\"id\":"); idJSON.withUnsafeBufferPointer { b.raw($0) } }
            b.literal(",\"label\":")
            (o.labelClass.map { classes[$0] } ?? unknown).withUnsafeBufferPointer { b.raw($0) }
            b.literal(",\"confidence\":")
            if let c = o.confidence { b.double(c) } else { b.literal("null") }
            if let best = o.bestClass { b.literal(",\"best\":"); classes[best].withUnsafeBufferPointer { b.raw($0) } }
            if let reasonJSON { b.literal(",\"reason\":"); reasonJSON.withUnsafeBufferPointer { b.raw($0) } }
            // Each literal joins the end of one value to the start of the next (a `literal` call costs
            // ~45 instructions whatever its length: 14 fewer calls a line with 3 features, callgrind).
            if !o.ranking.isEmpty {
                for (k, r) in o.ranking.enumerated() {
                    b.literal(k == 0 ? ",\"top\":[{\"label\":" : "},{\"label\":")
                    classes[r.label].withUnsafeBufferPointer { b.raw($0) }
                    b.literal(",\"p\":"); b.double(r.probability)
                }
                b.literal("}]")
            }
            if explain {
                if o.contributions.isEmpty { b.literal(",\"features\":[]") }
                for (k, c) in o.contributions.enumerated() {
                    if let escaped = escapedName(c.feature) {
                        b.literal(k == 0 ? ",\"features\":[{\"feature\":" : "},{\"feature\":")
                        escaped.withUnsafeBufferPointer { b.raw($0) }
                        b.literal(",\"weight\":")
                    } else {
                        b.literal(k == 0 ? ",\"features\":[{\"feature\":\"" : "},{\"feature\":\"")
                        model.features.withName(c.feature) { b.raw($0) }
                        b.literal("\",\"weight\":")
                    }
                    b.double(c.weight, digits: 3)
                }
                b.literal(o.contributions.isEmpty ? "}\n" : "}]}\n")
            } else {
                b.literal("}\n")
            }
        }
    }
}
