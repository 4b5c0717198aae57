import ArgumentParser
import Foundation
import PainmapJourney
import PainmapStore
import PainmapText

/// Exit codes of `painmap ingest` beyond 0 (everything stored or already there) and 1 (failed).
enum IngestExit {
    /// Some rows were rejected; the rest were stored.
    static let partial: Int32 = 3
    /// --strict stopped at the first rejected row.
    static let stopped: Int32 = 4
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read feedback exports into the painmap database, analysing every document.",
        discussion: """
        Reads CSV (RFC 4180: quoted fields, newlines inside quotes, a byte-order mark, ',' ';' or tab detected),
        JSON lines, JSON arrays (also wrapped: {"tickets": [...]}), plain text (one document a line), a folder of
        text files (one document a file) or standard input ('-'). The columns are recognised from the header
        of Zendesk, Freshdesk, Intercom, Help Scout, App Store, Google Play and Trustpilot exports, and any
        file with text/body/description/comment/review/message columns; --dry-run shows what was chosen.

        Dates: ISO 8601, RFC 2822, MM/DD/YYYY HH:mm and DD/MM/YYYY HH:mm (decided from the values), DD.MM.YYYY,
        epoch seconds and milliseconds; --date-format forces one. Dates without a zone are UTC.

        Importing the same rows again adds nothing: duplicates are found on source + id, else on a hash of the
        source, date and text. Every row read is stored, a duplicate, or rejected with file, line and reason
        (listed here and kept in the database's rejects table). Each batch of rows is one transaction: after
        a crash or kill, the same command finishes the job.

        Exit status: 0 all rows stored or already there, 3 some rows rejected (the rest stored),
        4 stopped by --strict, 1 failed.

        Examples:
          painmap ingest tickets.csv                                  # into ./painmap.sqlite
          painmap ingest corpora/samples/* --db demo.sqlite
          painmap ingest export.csv --text-column Subject --text-column Body --date-column "Created at" --dry-run
          painmap ingest posts.csv --date-format "DD/MM/YYYY HH:mm" --source social --require-dates
          zcat reviews.jsonl.gz | painmap ingest - --source play_store
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to read; '-' reads standard input.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The database file (created when missing).", valueName: "path"))
    var db: String = PainmapStore.defaultPath

    @Option(name: .customLong("text-column"),
            help: ArgumentHelp("Field with the text; give it twice to join two (subject, then body). Default: detected.", valueName: "name"))
    var textColumns: [String] = []

    @Option(help: ArgumentHelp("Field with the document's id in its source system (for deduplication).", valueName: "name"))
    var idColumn: String?

    @Option(help: ArgumentHelp("Field with the creation date.", valueName: "name"))
    var dateColumn: String?

    @Option(help: ArgumentHelp("Field with the channel (email, chat, app store, twitter, ...).", valueName: "name"))
    var channelColumn: String?

    @Option(help: ArgumentHelp("Field with the rating (stars or score).", valueName: "name"))
    var ratingColumn: String?

    @Option(help: ArgumentHelp("Source name for these documents (default: the export format recognised, else the file name).", valueName: "name"))
    var source: String?

    @Option(name: .customLong("input-format"), help: ArgumentHelp("csv, jsonl, json or text (default: from the extension, else the first line).", valueName: "format"))
    var inputFormat: String?

    @Option(help: ArgumentHelp("Force the date format: iso8601, rfc2822, epoch, epoch-ms, or a pattern such as 'DD/MM/YYYY HH:mm' (YYYY MM DD HH mm ss A).", valueName: "format"))
    var dateFormat: String?

    @Flag(help: "Reject rows without a parsable date (by default they are stored undated).")
    var requireDates = false

    @Flag(help: "Stop at the first rejected row.")
    var strict = false

    @Flag(help: "Keep rows with invalid UTF-8, repaired with U+FFFD, instead of rejecting them.")
    var repairEncoding = false

    @Option(help: ArgumentHelp("Reject documents whose text is longer than this many bytes.", valueName: "n"))
    var maxTextBytes: Int = 1 << 20

    @Option(help: ArgumentHelp("Rows per transaction.", valueName: "n"))
    var batchSize: Int = 4096

    @Flag(help: "Show the input format, column mapping and first rows as they would be stored; write nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "No progress line, even on a terminal.")
    var quiet = false

    @Option(help: ArgumentHelp("Summary format: text or json.", valueName: "format"))
    var format: SummaryFormat = .text

    @OptionGroup var pipeline: PipelineOptions

    enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if let f = dateFormat, DateFormat(f) == nil {
            throw ValidationError("--date-format '\(f)': use iso8601, rfc2822, epoch, epoch-ms or a pattern with YYYY, MM and DD")
        }
        if let f = inputFormat, InputKind(rawValue: f) == nil {
            throw ValidationError("--input-format must be one of: \(InputKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if maxTextBytes < 1 { throw ValidationError("--max-text-bytes must be at least 1") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read only once") }
    }

    var options: IngestOptions {
        var o = IngestOptions()
        o.columns = ColumnRequest(textColumns: textColumns, idColumn: idColumn, dateColumn: dateColumn, channelColumn: channelColumn,
                                  ratingColumn: ratingColumn, source: source)
        o.kind = inputFormat.flatMap(InputKind.init(rawValue:))
        o.dateFormat = dateFormat.flatMap(DateFormat.init)
        o.requireDates = requireDates
        o.strict = strict
        o.repairEncoding = repairEncoding
        o.maxTextBytes = maxTextBytes
        o.batchSize = batchSize
        return o
    }

    func run() throws {
        if dryRun {
            for f in files { try preview(f) }
            return
        }
        let resources = try JourneyResources.load(lexicons: pipeline.lexicons)
        let analyzers = try PerWorker(workers: pipeline.jobs) { try FeedbackAnalyzer(resources: resources, options: pipeline.analyzerOptions) }
        let store = try PainmapStore(path: db)
        let ingester = Ingester(store: store, versions: resources.versions, workers: pipeline.jobs) { w, text in
            analyzers.current(w) { $0.analyzer.vocabulary.isLarge }.analyze(text)
        }
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        ingester.onWarning = { Diagnostics.warn($0) }
        var summaries: [IngestSummary] = []
        var failed = false
        for f in files {
            progress.label = f
            ingester.onProgress = { progress.update($0) }
            do {
                let s = try ingester.ingest(path: f, options: options)
                progress.clear()
                summaries.append(s)
                for r in s.rejects.prefix(20) { Diagnostics.warn("rejected \(r.description)") }
                if s.rejected > 20 { Diagnostics.warn("\(s.rejected) rows rejected in all; see: sqlite3 \(db) \"SELECT file, line, reason FROM rejects WHERE import_id = \(s.importID ?? 0)\"") }
                if s.status == "stopped" { break }
            } catch {
                progress.clear()
                Diagnostics.warn("\(f): \(error)")
                failed = true
                if strict { break }
            }
        }
        let out = Output()
        switch format {
        case .text: printText(summaries, out)
        case .json: printJSON(summaries, out)
        }
        out.flush()
        if failed { throw ExitCode.failure }
        if summaries.contains(where: { $0.status == "stopped" }) { throw ExitCode(IngestExit.stopped) }
        if summaries.contains(where: { $0.rejected > 0 }) { throw ExitCode(IngestExit.partial) }
    }

    func printText(_ summaries: [IngestSummary], _ out: Output) {
        var total = (0, 0, 0, 0, 0)
        for s in summaries {
            let rate = s.seconds > 0 ? Double(s.read) / s.seconds : 0
            out.line("\(s.file): \(s.kind), \(s.mapping.profile) -> source '\(s.mapping.source)'")
            out.line("  read \(s.read) = stored \(s.stored) + duplicates \(s.duplicates) + rejected \(s.rejected)"
                     + (s.undated > 0 ? "  (\(s.undated) stored undated)" : "")
                     + String(format: "   %.2f s, %.0f rows/s", s.seconds, rate) + (s.status == "stopped" ? "  STOPPED (--strict)" : ""))
            total.0 += s.read; total.1 += s.stored; total.2 += s.duplicates; total.3 += s.rejected; total.4 += s.undated
        }
        if summaries.count > 1 {
            out.line("total: read \(total.0) = stored \(total.1) + duplicates \(total.2) + rejected \(total.3)")
        }
        out.line("database: \(db)")
    }

    func printJSON(_ summaries: [IngestSummary], _ out: Output) {
        for s in summaries {
            var j = JSONWriter()
            j.beginObject()
            j.key("file", s.file); j.key("format", s.kind); j.key("profile", s.mapping.profile); j.key("source", s.mapping.source)
            if let id = s.importID { j.key("import_id", Int(id)) }
            j.key("status", s.status)
            j.key("read", s.read); j.key("stored", s.stored); j.key("duplicates", s.duplicates); j.key("rejected", s.rejected)
            j.key("undated", s.undated); j.key("seconds", s.seconds, digits: 3)
            j.key("write_seconds", s.writeSeconds, digits: 3); j.key("write_cpu_seconds", s.writeCPUSeconds, digits: 3)
            j.key("rejects"); j.beginArray()
            for r in s.rejects {
                j.beginObject(); j.key("file", r.file); j.key("line", r.line)
                if let c = r.column { j.key("column", c) }
                j.key("reason", r.reason); j.endObject()
            }
            j.endArray()
            j.endObject()
            out.write(j.bytes); out.line("")
        }
    }

    func preview(_ file: String) throws {
        let p = try Ingester.preview(path: file, options: options)
        let m = p.mapping
        print("\(file): \(p.kind), recognised as \(m.profile)")
        if !p.fields.isEmpty, p.kind != "text", p.kind != "folder" { print("  fields:  \(p.fields.joined(separator: ", "))") }
        func role(_ name: String, _ value: String?) {
            let how = m.how[name].map { " (\($0))" } ?? ""
            print("  " + name.padding(toLength: 8, withPad: " ", startingAt: 0) + " " + (value ?? "-") + how)
        }
        role("source", m.source)
        role("text", m.text.joined(separator: " + "))
        role("id", m.id)
        role("date", m.date.map { c in
            c + (dateFormat.map { " as \($0)" } ?? p.dateOrder.map { $0 == .dayFirst ? " (a/b/yyyy read as DD/MM/YYYY)" : " (a/b/yyyy read as MM/DD/YYYY)" } ?? "")
        })
        role("channel", m.channel ?? m.fixedChannel.map { "'\($0)' for every row" })
        role("rating", m.rating)
        print("  first rows:")
        for r in p.rows {
            let text = (r.text ?? "").replacingOccurrences(of: "\n", with: " / ")
            var bits = ["line \(r.line)"]
            if let id = r.externalID { bits.append("id \(id)") }
            bits.append(r.createdAt ?? "undated")
            if let c = r.channel { bits.append(c) }
            if let x = r.rating { bits.append("rating \(x)") }
            print("    " + bits.joined(separator: ", ") + ": " + String(text.prefix(70)) + (text.count > 70 ? "..." : ""))
            if let problem = r.problem { print("      \(problem)") }
        }
    }
}

/// A progress line on stderr, redrawn in place (only when stderr is a terminal).
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    var label = ""
    private var last = 0.0
    private var shown = false
    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: IngestProgress) {
        guard enabled, p.elapsed - last >= 0.25 else { return }
        last = p.elapsed
        let rate = p.elapsed > 0 ? Double(p.read) / p.elapsed : 0
        var s = "\r\u{1B}[2K\(label): \(p.read) rows, \(Int(rate)) docs/s"
        if let f = p.fraction, f > 0.01 {
            let eta = Int(p.elapsed * (1 - f) / f)
            s += String(format: ", %d%%, ETA %d:%02d", Int(f * 100), eta / 60, eta % 60)
        }
        FileHandle.standardError.write(Data(s.utf8))
        shown = true
    }

    func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)); shown = false }
        last = 0
    }
}
