import ArgumentParser
import Foundation
import PainmapText

struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Show what the text pipeline makes of each document: tokens, stems, sentences, language.",
        discussion: """
        Reads one document per line and writes exactly one JSON object per line, in the same order:
          {"line", "language": {"code", "confidence"}, "normalized", "tokens": [{"text", "kind", "span",
           "form", "stem", "flags"}], "sentences": [{"text", "span"}]}
        Spans are [start, end) offsets in Unicode code points of the input line, so text[start:end] in
        Python gives the token back. Kinds: word, number, url, email, mention, hashtag, emoticon, emoji,
        punct, symbol. Flags: all_caps, elongated, contraction, negation, capitalized, abbreviation.

        Examples:
          painmap tokenize reviews.txt > tokens.jsonl
          echo "Don't buy!!! Arrived 3 weeks late 😡" | painmap tokenize - --format table
          painmap tokenize big.txt --format summary     # counts and throughput only
        """
    )

    @Argument(help: ArgumentHelp("Input file, one document per line; '-' or nothing reads standard input.", valueName: "file"))
    var file: String = "-"

    @Option(help: "Output: json (one object per line), table (for people), summary (counts and speed).")
    var format: Format = .json

    @OptionGroup var pipeline: PipelineOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, table, summary }

    func run() throws {
        let resources = try TextResources.load(lexicons: pipeline.lexicons)
        let options = pipeline.analyzerOptions
        let analyzers = try PerWorker(workers: pipeline.jobs) { try Analyzer(resources: resources, options: options) }
        let out = Output()
        let format = self.format
        let started = Date()
        var docs = 0, tokens = 0, bytes = 0
        try LineJob.run(
            file: file, jobs: pipeline.jobs,
            work: { w, line, text -> (Int, Int, [UInt8]) in
                let a = analyzers.current(w) { $0.vocabulary.isLarge }
                let doc = a.analyze(text)
                let rendered: [UInt8]
                switch format {
                case .json: rendered = TokenRendering.json(doc, line: line, vocabulary: a.vocabulary)
                case .table: rendered = Array(TokenRendering.table(doc, line: line, vocabulary: a.vocabulary).utf8)
                case .summary: rendered = []
                }
                return (doc.tokens.count, text.utf8.count, rendered)
            },
            emit: { r in
                docs += 1; tokens += r.0; bytes += r.1
                if !r.2.isEmpty { out.write(r.2) }
            })
        if format == .summary {
            let secs = max(Date().timeIntervalSince(started), 1e-9)
            out.line("documents\t\(docs)")
            out.line("tokens\t\(tokens)")
            out.line("bytes\t\(bytes)")
            out.line(String(format: "seconds\t%.3f", secs))
            out.line(String(format: "MB/s\t%.1f", Double(bytes) / 1e6 / secs))
        }
        out.flush()
    }
}

enum TokenRendering {
    static func json(_ doc: AnalyzedDocument, line: Int, vocabulary: Vocabulary) -> [UInt8] {
        var j = JSONWriter(capacity: doc.normalized.bytes.count * 8 + 64)
        j.beginObject()
        j.key("line", line)
        j.key("language"); j.beginObject(); j.key("code", doc.language.code); j.key("confidence", doc.language.confidence, digits: 2); j.endObject()
        j.key("normalized"); j.string(utf8: doc.normalized.bytes)
        j.key("tokens"); j.beginArray()
        for t in doc.tokens {
            j.beginObject()
            j.key("text"); j.string(utf8: doc.normalized.bytes[Int(t.start)..<Int(t.end)])
            j.key("kind", t.kind.name)
            j.key("span"); j.beginArray(); j.int(t.span.start); j.int(t.span.end); j.endArray()
            j.key("form"); vocabulary.withBytes(t.form) { j.string(utf8: $0) }
            j.key("stem"); vocabulary.withBytes(t.stem) { j.string(utf8: $0) }
            if !t.flags.isEmpty { j.key("flags"); j.beginArray(); for f in t.flags.names { j.string(f) }; j.endArray() }
            j.endObject()
        }
        j.endArray()
        j.key("sentences"); j.beginArray()
        for s in doc.sentences {
            j.beginObject()
            j.key("text", doc.originalText(s.span))
            j.key("span"); j.beginArray(); j.int(s.span.start); j.int(s.span.end); j.endArray()
            j.endObject()
        }
        j.endArray()
        j.endObject()
        j.bytes.append(0x0A)
        return j.bytes
    }

    static func table(_ doc: AnalyzedDocument, line: Int, vocabulary: Vocabulary) -> String {
        var s = "line \(line)  language \(doc.language.code) (\(doc.language.confidence))  \(doc.tokens.count) tokens, \(doc.sentences.count) sentences\n"
        s += pad("text", 22) + pad("kind", 10) + pad("stem", 18) + pad("span", 12) + "flags\n"
        for t in doc.tokens {
            s += pad(doc.text(of: t), 22) + pad(t.kind.name, 10) + pad(vocabulary.string(t.stem), 18)
                + pad("\(t.span.start)-\(t.span.end)", 12) + t.flags.names.joined(separator: ",") + "\n"
        }
        for (k, sent) in doc.sentences.enumerated() { s += "  [\(k + 1)] \(doc.originalText(sent.span))\n" }
        return s + "\n"
    }

    static func pad(_ s: String, _ n: Int) -> String {
        let c = s.count
        return c >= n ? String(s.prefix(n - 1)) + " " : s + String(repeating: " ", count: n - c)
    }
}
