import ArgumentParser
import Foundation
import PainmapJourney
import PainmapSentiment
import PainmapText

struct SentimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Score the sentiment of each document with painmap's lexicon and rules.",
        discussion: """
        Reads one document per line and writes exactly one JSON object per line, in the same order (an empty
        line gets a neutral result, never a skipped line):
          {"line", "compound", "positive", "neutral", "negative", "label"}
        compound is in [-1, 1]; label is positive (compound >= 0.05), negative (<= -0.05) or neutral.
        A document in a language with no lexicon yet (only English has one) is not scored: it gets a
        neutral result with "scored": false and its "language".
        positive/neutral/negative are the shares of the text's weight and add up to 1.
        With --sentences each object also carries "sentences": [{"text", "compound", "label"}].

        Examples:
          painmap sentiment reviews.txt > scores.jsonl
          echo "Not bad at all, but the app crashes constantly" | painmap sentiment - --format table
          painmap explain "It would be great if it actually worked"      # why a score is what it is
        """
    )

    @Argument(help: ArgumentHelp("Input file, one document per line; '-' or nothing reads standard input.", valueName: "file"))
    var file: String = "-"

    @Option(help: "Output: json (one object per line) or table (for people).")
    var format: Format = .json

    @Flag(help: "Add per-sentence scores to each line.")
    var sentences = false

    @OptionGroup var pipeline: PipelineOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, table }

    func run() throws {
        var options = pipeline.analyzerOptions
        options.stemming = false   // scores need look-up forms, not stems
        let preloaded = SentimentPreload.shared.take(lexicons: pipeline.lexicons)
        // Located once for the stopwords and the lexicon (each located it again: ~0.85M instructions).
        let directory = try preloaded?.directory ?? ResourceLocator.lexiconsDirectory(override: pipeline.lexicons)
        let resources = try preloaded?.resources ?? TextResources(directory: directory)
        // The scorer's tables are built once and shared by every worker (`SentimentTables`). Their larger
        // part, the multiword layout, is built with the first worker's analyzer while another thread still
        // reads sentiment.tsv (`alongside`): this thread had finished the other lists ~12M instructions
        // earlier and waited, and the workers then waited ~20M for that analyzer and the tables (callgrind).
        // Usually all of that, and the first analyzer, was made while the command line was parsed
        // (`SentimentPreload`), with the default options; other options get an analyzer made here with the
        // vocabulary the layout's words were interned in. An analyzer's init interns nothing in its
        // vocabulary, so the ids are those of an analyzer made first.
        var first: (analyzer: Analyzer, layout: MultiwordLayout)? = nil
        let lexicon: SentimentLexicon
        if let preloaded {
            lexicon = preloaded.lexicon
            let analyzer = preloaded.analyzer.options == options
                ? preloaded.analyzer : try Analyzer(resources: resources, options: options, vocabulary: preloaded.vocabulary)
            first = (analyzer, preloaded.layout)
        } else {
            lexicon = try SentimentLexicon.load(directory: directory + "/en") { lists in
                let analyzer = try Analyzer(resources: resources, options: options)
                first = (analyzer, MultiwordLayout(phrases: lists.phrases, modifiers: lists.modifiers, contrastives: lists.contrastives,
                                                   cues: try MultiwordLayout.irrealisCues(directory: lists.directory), vocabulary: analyzer.vocabulary))
            }
        }
        guard let first else { preconditionFailure("SentimentLexicon.load calls alongside once it has the lists") }
        let tables = SentimentTables.Shared(try SentimentTables(lexicon: lexicon, vocabulary: first.analyzer.vocabulary, layout: first.layout))
        let firstAnalyzer = Handoff(first.analyzer)
        // Made concurrently: the analyzer and scorer only read the shared resources, lexicon and tables.
        let workers = try PerWorker(workers: pipeline.jobs, concurrently: true) { () -> SentimentScorer in
            let analyzer = try firstAnalyzer.take() ?? Analyzer(resources: resources, options: options)
            return try SentimentScorer(tables: tables.tables(lexicon: lexicon, for: analyzer.vocabulary), analyzer: analyzer)
        }
        let out = Output()
        let format = self.format, withSentences = sentences
        if format == .table { out.line("line   label     compound  pos    neu    neg    text") }
        try LineJob.write(file: file, jobs: pipeline.jobs, out: out) { w, line, bytes, decode, j in
            let scorer = workers.current(w) { $0.analyzer.vocabulary.isLarge }
            // Nearly every line is taken from its bytes, with no String made for it (`analyze(normalASCII:)`).
            // (Reading the analyzer through `Unmanaged._withUnsafeGuaranteedRef` saved its retain and release,
            // 0.3% of instructions (callgrind, 20,000 bench lines: 386.8M -> 385.7M); left out, as too small a
            // gain to rest on an underscored standard-library API.)
            let doc = scorer.analyzer.analyze(normalASCII: bytes) ?? scorer.analyzer.analyze(decode())
            let r = scorer.score(doc)
            let s = r.document
            switch format {
            case .json where r.scored && !withSentences:
                // Nearly every line: the same object as below, built in one buffer (JSONWriter.line says why).
                j.line(capacity: 256) { b in
                    b.literal("{\"line\":"); b.int(line)
                    b.literal(",\"compound\":"); b.double(s.compound)
                    b.literal(",\"positive\":"); b.double(s.positive, digits: 3)
                    b.literal(",\"neutral\":"); b.double(s.neutral, digits: 3)
                    b.literal(",\"negative\":"); b.double(s.negative, digits: 3)
                    // The label and the line's end as one literal per label: `plainString` on the label's
                    // raw value (a String made per line, then checked for characters to escape) cost more
                    // than the rest of the line's text (callgrind: ~220 instructions a line).
                    switch s.label {
                    case .positive: b.literal(",\"label\":\"positive\"}\n")
                    case .neutral: b.literal(",\"label\":\"neutral\"}\n")
                    case .negative: b.literal(",\"label\":\"negative\"}\n")
                    }
                }
            case .json:
                j.beginObject()
                j.literalKey("line"); j.int(line)
                j.literalKey("compound"); j.double(s.compound)
                j.literalKey("positive"); j.double(s.positive, digits: 3)
                j.literalKey("neutral"); j.double(s.neutral, digits: 3)
                j.literalKey("negative"); j.double(s.negative, digits: 3)
                j.literalKey("label"); j.string(s.label.rawValue)
                if !r.scored { j.key("scored", false); j.key("language", doc.language.code) }
                if withSentences {
                    j.key("sentences"); j.beginArray()
                    for (k, sent) in doc.sentences.enumerated() {
                        j.beginObject()
                        j.key("text", doc.originalText(sent.span))
                        j.key("compound", r.sentences[k].compound); j.key("label", r.sentences[k].label.rawValue)
                        j.endObject()
                    }
                    j.endArray()
                }
                j.endObject()
                j.newline()
            case .table:
                let text = doc.original   // the line as decoded
                let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
                j.bytes.append(contentsOf: String(format: "%-6d %-9@ %+.4f   %.3f  %.3f  %.3f  %@\n", line, s.label.rawValue as NSString,
                                                  s.compound, s.positive, s.neutral, s.negative, shown as NSString).utf8)
            }
        }
        out.flush()
        // The lexicon's tables are left for the process's end to free: freeing its ~30,000 strings and
        // arrays one by one was ~2.8M instructions after the last line was written (callgrind).
        _ = Unmanaged.passRetained(KeptUntilExit(lexicon))
    }
}

/// A value handed to the first of several threads that ask for it (the analyzer made before the workers:
/// one of them takes it, the others and any later renewal make their own).
private final class Handoff<T>: @unchecked Sendable {
    // @unchecked: `value` is read and cleared only under `lock`; the one thread that takes it owns it.
    private let lock = NSLock()
    private var value: T?

    init(_ value: T) { self.value = value }

    func take() -> T? {
        lock.lock()
        defer { lock.unlock() }
        let v = value
        value = nil
        return v
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain painmap's analysis of one text: tokens, stems, sentences, sentiment and the journey decision.",
        discussion: """
        Example:
          painmap explain "The delivery was NOT fast, but support was sooo helpful!!"
        Each sentiment contribution shows the span, the lexicon's valence (base), what the rules made of it
        (adjusted) and which rules applied. The journey part shows the topic model's ranking, the phase
        model's, the phase cues and touchpoint votes that moved the phase, the touchpoints with their
        evidence, and each pain point with its key phrase and severity. --sentiment-only skips the models.
        """
    )

    @Argument(help: "The text to explain (quote it).")
    var text: String

    @Flag(help: "Only the text pipeline and sentiment (no topic or journey models to load).")
    var sentimentOnly = false

    @OptionGroup var journey: JourneyOptions
    @OptionGroup var pipeline: PipelineOptions

    func run() throws {
        let analyzer: Analyzer, scorer: SentimentScorer
        var feedback: FeedbackAnalyzer?
        if sentimentOnly {
            analyzer = try Analyzer(resources: TextResources.load(lexicons: pipeline.lexicons), options: pipeline.analyzerOptions)
            scorer = try SentimentScorer(lexicon: SentimentLexicon.load(lexicons: pipeline.lexicons), analyzer: analyzer)
        } else {
            let f = try FeedbackAnalyzer(resources: journey.load(pipeline), options: pipeline.analyzerOptions)
            analyzer = f.analyzer; scorer = f.sentiment; feedback = f
        }
        let doc = analyzer.analyze(text)
        let r = scorer.score(doc, explain: true)
        print("text:      \(text)")
        if doc.normalized.text != text { print("normalized: \(doc.normalized.text)") }
        print("language:  \(doc.language.code) (confidence \(doc.language.confidence))")
        print("\ntokens:")
        print(TokenRendering.table(doc, line: 1, vocabulary: analyzer.vocabulary), terminator: "")
        print("sentiment: \(r.document.label.rawValue), compound \(String(format: "%+.4f", r.document.compound)), "
              + String(format: "positive %.3f, neutral %.3f, negative %.3f", r.document.positive, r.document.neutral, r.document.negative))
        if !r.scored { print("  (not scored: painmap has no sentiment lexicon for '\(doc.language.code)' yet)") }
        for (k, s) in doc.sentences.enumerated() {
            print("  sentence \(k + 1): \(String(format: "%+.4f", r.sentences[k].compound)) \(r.sentences[k].label.rawValue)  \(doc.originalText(s.span))")
            for c in r.contributions where c.sentence == k {
                let rules = c.rules.isEmpty ? "" : "  [" + c.rules.joined(separator: "; ") + "]"
                print(String(format: "      %-28@ base %+.2f -> %+.2f", ("\"" + c.text + "\"") as NSString, c.base, c.adjusted) + rules)
            }
        }
        guard let feedback else { return }
        let e = feedback.analyze(doc, explain: true)
        let a = e.analysis
        func pct(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
        print("\ntopic:     \(a.topic.label) (\(pct(a.topic.confidence)))   model ranking: "
              + e.topicRanking.prefix(3).map { "\($0.label) \(pct($0.probability))" }.joined(separator: ", "))
        print("phase:     \(a.phase.label) (\(pct(a.phase.confidence)))")
        print("  phase model:      " + e.phaseModel.prefix(3).map { "\($0.phase) \(pct($0.probability))" }.joined(separator: ", "))
        print("  phase cues:       " + (e.phaseCues.isEmpty ? "none" : e.phaseCues.joined(separator: ", ")))
        print("  touchpoint votes: " + (e.touchpointVotes.isEmpty ? "none" : e.touchpointVotes.map { "\($0.phase) \(String(format: "%.1f", $0.votes))" }.joined(separator: ", ")))
        print("  topic's phase:    " + (e.topicPhase ?? "none"))
        print("touchpoints: " + (a.touchpoints.isEmpty ? "none" : a.touchpoints.map { "\($0.id) (score \($0.score), \"\($0.evidence)\")" }.joined(separator: ", ")))
        if a.painPoints.isEmpty { print("pain points: none") }
        for p in a.painPoints {
            print(String(format: "pain point: \"%@\"\n    key phrase \"%@\" (%@), touchpoint %@, phase %@, severity %.2f%@, sentiment %+.3f",
                         p.text, p.phraseSurface, p.phrase, p.touchpoint ?? "-", p.phase, p.severity, p.churnRisk ? ", CHURN RISK" : "", p.sentiment))
        }
    }
}
