import ArgumentParser
import Foundation
import PainmapJourney
import PainmapText

/// Options for commands that run the full analysis (classify, explain, ingest).
struct JourneyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Journey template (generic, ecommerce, banking, healthcare, saas) or a taxonomy file: copy lexicons/journeys/<template>.tsv, edit it, pass its path.", valueName: "template|file"))
    var journey: String = "generic"

    @Option(help: ArgumentHelp("Folder with our corpora, from which the default topic and phase models are trained (default: beside the lexicons, or $PAINMAP_CORPORA).", valueName: "dir"))
    var corpora: String?

    @Flag(help: "Retrain the default models instead of loading them from ~/.cache/painmap.")
    var noModelCache = false

    func load(_ pipeline: PipelineOptions) throws -> JourneyResources {
        try JourneyResources.load(lexicons: pipeline.lexicons, journey: journey, corpora: corpora, useModelCache: !noModelCache)
    }
}

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Run the full analysis: sentiment, topic, journey phase, touchpoints and pain points.",
        discussion: """
        One document per input line (or one per CSV/JSONL record with --input-format and --text-column),
        exactly one JSON object per output line, in order:
          {"id", "text", "language", "sentiment": {"compound", "positive", "neutral", "negative", "label"},
           "topic": {"label", "confidence"}, "phase": {"label", "confidence"},
           "touchpoints": [{"id", "evidence"}],
           "pain_points": [{"text", "span", "phrase", "touchpoint", "phase", "topic", "severity", "churn_risk"}]}
        Phases: awareness, consideration, purchase, usage, retention, advocacy. The default topic and phase
        models are trained from corpora/ on first use and cached in ~/.cache/painmap.

        Examples:
          painmap classify feedback.txt > analysis.jsonl
          painmap classify tickets.csv --input-format csv --text-column Subject --text-column Description --id-column "Ticket ID"
          echo "Cancel my account, third time the card was charged twice" | painmap classify - --journey banking --format table
        """
    )

    @Argument(help: ArgumentHelp("Input file; '-' or nothing reads standard input.", valueName: "file"))
    var file: String = "-"

    @Option(help: "lines (one document per line), csv or jsonl.")
    var inputFormat: InputFormat = .lines

    @Option(help: ArgumentHelp("Column with the text (CSV/JSONL); give it twice to join subject and body.", valueName: "name"))
    var textColumn: [String] = []

    @Option(help: ArgumentHelp("Column with the document id (CSV/JSONL); default: the line number.", valueName: "name"))
    var idColumn: String?

    @Option(help: "Output: json (one object per line) or table (for people).")
    var format: Format = .json

    @OptionGroup var journey: JourneyOptions
    @OptionGroup var pipeline: PipelineOptions

    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case lines, csv, jsonl }
    enum Format: String, ExpressibleByArgument, CaseIterable { case json, table }

    func validate() throws {
        if inputFormat != .lines && textColumn.isEmpty { throw ValidationError("--input-format \(inputFormat.rawValue) needs --text-column") }
        if inputFormat == .lines && (!textColumn.isEmpty || idColumn != nil) {
            throw ValidationError("--text-column and --id-column need --input-format csv or jsonl")
        }
    }

    func run() throws {
        let resources = try journey.load(pipeline)
        let options = pipeline.analyzerOptions
        let analyzers = try PerWorker(workers: pipeline.jobs) { try FeedbackAnalyzer(resources: resources, options: options) }
        let out = Output()
        let format = self.format
        let work: @Sendable (Int, (String, String)) -> [UInt8] = { w, item in
            let a = analyzers.current(w) { $0.analyzer.vocabulary.isLarge }.analyze(item.1)
            return format == .json ? AnalysisRendering.json(a, id: item.0, text: item.1) : Array(AnalysisRendering.table(a, id: item.0).utf8)
        }
        if inputFormat == .lines {
            try LineJob.run(file: file, jobs: pipeline.jobs, work: { w, line, text in work(w, (String(line), text)) }, emit: { out.write($0) })
        } else {
            let reader = try Records.open(file, format: inputFormat == .csv ? .csv : .jsonl)
            var failure: Error?
            ParallelBatches(workers: pipeline.jobs, batchSize: 2048).run(
                next: { () -> (String, String)? in
                    do {
                        guard let r = try reader.next() else { return nil }
                        for w in reader.warnings { Diagnostics.warn(w.description) }
                        reader.warnings.removeAll()
                        let missing = textColumn.filter { r[$0] == nil }
                        if !missing.isEmpty {
                            throw DataFileError(file: reader.name, line: r.line, "no column \(missing.map { "'\($0)'" }.joined(separator: ", ")); columns: \(r.names.joined(separator: ", "))")
                        }
                        let text = textColumn.compactMap { r[$0] }.filter { !$0.isEmpty }.joined(separator: "\n")
                        if text.isEmpty { Diagnostics.warn("\(reader.name):\(r.line): empty text (written as an empty analysis)") }
                        return (idColumn.flatMap { r[$0] } ?? String(r.line), text)
                    } catch {
                        failure = error
                        return nil
                    }
                },
                work: work,
                emit: { out.write($0) })
            if let failure { out.flush(); throw failure }
        }
        out.flush()
    }
}

enum AnalysisRendering {
    static func json(_ a: FeedbackAnalysis, id: String, text: String) -> [UInt8] {
        var j = JSONWriter(capacity: 512)
        j.beginObject()
        j.key("id", id)
        j.key("text", text)
        j.key("language", a.language)
        j.key("sentiment"); j.beginObject()
        j.key("compound", a.sentiment.compound); j.key("positive", a.sentiment.positive, digits: 3)
        j.key("neutral", a.sentiment.neutral, digits: 3); j.key("negative", a.sentiment.negative, digits: 3)
        j.key("label", a.sentiment.label.rawValue)
        j.endObject()
        j.key("topic"); j.beginObject(); j.key("label", a.topic.label); j.key("confidence", a.topic.confidence, digits: 3); j.endObject()
        j.key("phase"); j.beginObject(); j.key("label", a.phase.label); j.key("confidence", a.phase.confidence, digits: 3); j.endObject()
        j.key("touchpoints"); j.beginArray()
        for t in a.touchpoints { j.beginObject(); j.key("id", t.id); j.key("evidence", t.evidence); j.endObject() }
        j.endArray()
        j.key("pain_points"); j.beginArray()
        for p in a.painPoints {
            j.beginObject()
            j.key("text", p.text)
            j.key("span"); j.beginArray(); j.int(p.span.start); j.int(p.span.end); j.endArray()
            j.key("phrase", p.phrase)
            j.key("phrase_text", p.phraseSurface)
            j.key("touchpoint"); if let t = p.touchpoint { j.string(t) } else { j.null() }
            j.key("phase", p.phase)
            j.key("topic", p.topic)
            j.key("severity", p.severity, digits: 3)
            j.key("churn_risk", p.churnRisk)
            j.endObject()
        }
        j.endArray()
        j.endObject()
        j.bytes.append(0x0A)
        return j.bytes
    }

    static func table(_ a: FeedbackAnalysis, id: String) -> String {
        var s = "[\(id)] \(a.sentiment.label.rawValue) \(String(format: "%+.3f", a.sentiment.compound))  topic \(a.topic.label) (\(String(format: "%.2f", a.topic.confidence)))  phase \(a.phase.label) (\(String(format: "%.2f", a.phase.confidence)))"
        s += "  touchpoints: " + (a.touchpoints.isEmpty ? "-" : a.touchpoints.map { "\($0.id) \"\($0.evidence)\"" }.joined(separator: ", ")) + "\n"
        for p in a.painPoints {
            s += String(format: "    pain %.2f%@  %@  [%@ / %@]  \"%@\"\n", p.severity, p.churnRisk ? " CHURN" : "", p.phraseSurface,
                        p.touchpoint ?? "-", p.phase, p.text)
        }
        return s
    }
}
