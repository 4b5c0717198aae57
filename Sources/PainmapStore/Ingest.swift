import Dispatch
import Foundation
import GRDB
import PainmapJourney
import PainmapText

/// How `Ingester` reads and maps its input.
public struct IngestOptions: Sendable {
    public var columns = ColumnRequest()
    /// nil: by extension, else by the first line.
    public var kind: InputKind?
    public var dateFormat: DateFormat?
    /// Reject rows without a parsable date (else they are stored undated).
    public var requireDates = false
    /// Stop at the first rejected row.
    public var strict = false
    /// Keep rows with invalid UTF-8 (repaired with U+FFFD) instead of rejecting them.
    public var repairEncoding = false
    /// Longer texts are rejected: their analysis would cost memory out of proportion to their worth.
    public var maxTextBytes = 1 << 20
    /// Rows per write transaction.
    public var batchSize = 4096
    public init() {}
}

/// The result of one ingest: read = stored + duplicates + rejected.
public struct IngestSummary: Sendable {
    public var importID: Int64?
    public var file: String
    public var kind: String
    public var mapping: ColumnMapping
    public var dateOrder: SlashOrder?
    public var read = 0
    public var stored = 0
    public var duplicates = 0
    public var rejected = 0
    /// Stored without a usable date (also counted in `stored`).
    public var undated = 0
    public var seconds = 0.0
    /// Time the writer spent in its transactions, and the CPU time of that thread meanwhile: what writing
    /// costs beside reading and analysis (for `scripts/bench_store.sh`).
    public var writeSeconds = 0.0
    public var writeCPUSeconds = 0.0
    /// complete, partial (some rows rejected) or stopped (--strict met a reject).
    public var status = "complete"
    /// The first rejects (all of them are in the `rejects` table).
    public var rejects: [RejectRecord] = []
}

/// Where an ingest is, for a progress line.
public struct IngestProgress: Sendable {
    public var read: Int
    public var stored: Int
    public var duplicates: Int
    public var rejected: Int
    public var elapsed: Double
    /// Share of the input consumed, when the input's size is known.
    public var fraction: Double?
}

/// What `painmap ingest --dry-run` shows: the input kind, the mapping and the first rows as they would be stored.
public struct IngestPreview: Sendable {
    public var file: String
    public var kind: String
    public var fields: [String]
    public var mapping: ColumnMapping
    public var dateOrder: SlashOrder?
    public var rows: [PreviewRow]
}

public struct PreviewRow: Sendable {
    public var line: Int
    public var externalID: String?
    public var createdAt: String?
    public var channel: String?
    public var rating: Double?
    public var text: String?
    /// Why the row would be rejected, or a note (undated).
    public var problem: String?
}

/// Analyses one text on worker `worker` (each worker owns its analyzer).
public typealias AnalyzeFunction = @Sendable (_ worker: Int, _ text: String) -> FeedbackAnalysis

/// Reads feedback exports into the store: maps columns, parses dates, deduplicates, analyses on all cores
/// and writes in batches, one transaction per batch, so a killed ingest leaves a consistent file and the
/// same command run again stores exactly the rows that are missing.
public final class Ingester: @unchecked Sendable {
    public let store: PainmapStore
    public let versions: AnalysisVersions
    public let workers: Int
    let analyze: AnalyzeFunction
    /// Called on the reading thread after each batch.
    public var onProgress: ((IngestProgress) -> Void)?
    /// Non-fatal notes (rows stored undated, the date order assumed).
    public var onWarning: ((String) -> Void)?
    /// How many rejects the summary keeps (all go to the `rejects` table).
    public var keepRejects = 100

    public init(store: PainmapStore, versions: AnalysisVersions, workers: Int, analyze: @escaping AnalyzeFunction) {
        self.store = store
        self.versions = versions
        self.workers = max(1, workers)
        self.analyze = analyze
    }

    // MARK: reading and mapping

    /// An opened input: its reader, kind and size, and the records read ahead to choose the mapping.
    final class Input {
        let reader: RecordReader
        let kind: String
        let size: Int64?
        var ahead: [Item] = []
        var consumed: Int64 = 0
        var sameErrorRun = 0
        var lastError: DataFileError?

        enum Item {
            case record(PainmapText.Record, [InputWarning], file: String)
            case error(DataFileError)
        }

        init(path: String, options: IngestOptions) throws {
            var isDir: ObjCBool = false
            if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                reader = try TextFolderReader(folder: path, maxBytes: options.maxTextBytes)
                kind = "folder"
                size = nil
            } else {
                if path != "-", !FileManager.default.fileExists(atPath: path) { throw StoreError("no such file") }
                let (r, k) = try Records.open(path, kind: options.kind)
                reader = r
                kind = k.rawValue
                size = path == "-" ? nil : ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value
            }
        }

        func read() -> Item? {
            if !ahead.isEmpty { return ahead.removeFirst() }
            do {
                guard let r = try reader.next() else { return nil }
                let ws = reader.warnings
                reader.warnings.removeAll()
                for v in r.values { consumed += Int64(v.utf8.count) + 1 }
                sameErrorRun = 0
                return .record(r, ws, file: reader.name)
            } catch let e as DataFileError {
                reader.warnings.removeAll()
                // A reader that cannot get past an error would loop for ever: stop after many identical ones.
                if e == lastError { sameErrorRun += 1 } else { sameErrorRun = 0 }
                lastError = e
                if sameErrorRun > 100 { return nil }
                return .error(e)
            } catch {
                return .error(DataFileError(file: reader.name, line: 0, "\(error)"))
            }
        }

        /// Field names for the mapping: the CSV header, else those of the first record.
        func fields() throws -> [String] {
            if let csv = reader as? CSVReader {
                do { return try csv.readHeader() } catch let e as DataFileError { throw StoreError(e.description) }
            }
            if kind == "text" || kind == "folder" { return reader.fieldNames }
            while let item = read() {
                ahead.append(item)
                if case .record = item { break }
                if ahead.count > 1000 { break }
            }
            return reader.fieldNames
        }
    }

    static func mapping(for input: Input, path: String, options: IngestOptions) throws -> (ColumnMapping, [String]) {
        let fields = try input.fields()
        let defaultSource = ColumnDetection.sourceName(path: path)
        switch input.kind {
        case "text":
            var m = ColumnMapping.plainText(source: options.columns.source ?? defaultSource)
            m.how["source"] = options.columns.source != nil ? "given" : "file name"
            return (m, fields)
        case "folder":
            var m = ColumnMapping(profile: "folder", source: options.columns.source ?? defaultSource, text: ["text"], id: "path")
            m.how = ["text": "whole file", "id": "file path", "source": options.columns.source != nil ? "given" : "folder name"]
            return (m, fields)
        default:
            return (try ColumnDetection.detect(fields: fields, request: options.columns, defaultSource: defaultSource,
                                               strict: input.kind == "csv"), fields)
        }
    }

    /// What an ingest of `path` would do, without opening the store.
    public static func preview(path: String, options: IngestOptions, rows: Int = 5) throws -> IngestPreview {
        let input = try Input(path: path, options: options)
        let (mapping, fields) = try mapping(for: input, path: path, options: options)
        var items: [Input.Item] = []
        while items.count < max(rows, 200), let it = input.read() { items.append(it) }
        var converter = RowConverter(mapping: mapping, options: options)
        converter.decideOrder(items.compactMap { if case .record(let r, _, _) = $0 { return r } else { return nil } })
        var out: [PreviewRow] = []
        for it in items.prefix(rows) {
            switch converter.convert(it) {
            case .doc(let d, let undated):
                out.append(PreviewRow(line: d.line, externalID: d.externalID, createdAt: d.createdAt.map(DateParser.iso),
                                      channel: d.channel, rating: d.rating, text: d.text, problem: undated))
            case .reject(let r):
                out.append(PreviewRow(line: r.line, text: r.excerpt, problem: "rejected: " + r.reason))
            }
        }
        return IngestPreview(file: path, kind: input.kind, fields: fields, mapping: mapping, dateOrder: converter.order, rows: out)
    }

    // MARK: ingest

    /// A batch on its way to the writer.
    struct WriteBatch: Sendable {
        var docs: [(DocumentInput, FeedbackAnalysis)]
        var rejects: [RejectRecord]
        var read: Int
        var knownDuplicates: Int
        var undated: Int
    }

    /// Counts kept by the writer queue.
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var stored = 0, duplicates = 0, rejected = 0, undated = 0
        var error: Error?
        var writeSeconds = 0.0, writeCPUSeconds = 0.0
        func wrote(seconds: Double, cpu: Double) { lock.lock(); writeSeconds += seconds; writeCPUSeconds += cpu; lock.unlock() }
        func add(stored s: Int, duplicates d: Int, rejected r: Int, undated u: Int) {
            lock.lock(); stored += s; duplicates += d; rejected += r; undated += u; lock.unlock()
        }
        func fail(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
        var snapshot: (Int, Int, Int, Int, Error?) { lock.lock(); defer { lock.unlock() }; return (stored, duplicates, rejected, undated, error) }
    }

    /// Ingests one file, folder or standard input ("-").
    public func ingest(path: String, options: IngestOptions) throws -> IngestSummary {
        let started = DispatchTime.now()
        let input = try Input(path: path, options: options)
        let (mapping, _) = try Ingester.mapping(for: input, path: path, options: options)
        if options.requireDates, mapping.date == nil {
            throw StoreError("--require-dates, but \(path) has no date column: give one with --date-column")
        }
        var converter = RowConverter(mapping: mapping, options: options)
        let source = mapping.source
        let fileName = path == "-" ? "<stdin>" : path

        // The import row, and imports left 'running' by a process that is gone.
        let analysisID: Int64
        let importID: Int64
        (analysisID, importID) = try store.writer.write { db -> (Int64, Int64) in
            for row in try Row.fetchAll(db, sql: "SELECT id, pid FROM imports WHERE status = 'running'") {
                let pid: Int? = row["pid"]
                if let pid, pid > 0, kill(pid_t(pid), 0) == -1, errno == ESRCH {
                    try db.execute(sql: "UPDATE imports SET status = 'interrupted' WHERE id = ?", arguments: [row["id"] as Int64])
                }
            }
            let aid = try AnalysisRecord.id(for: versions, in: db)
            var rec = ImportRecord(id: nil, file: fileName, format: input.kind, profile: mapping.profile, source: source,
                                   mapping: Ingester.json(mapping), options: Ingester.json(options), analysisId: aid,
                                   pid: Int(getpid()), startedAt: Clock.nowISO(), finishedAt: nil, status: "running",
                                   rowsRead: 0, rowsStored: 0, rowsDuplicate: 0, rowsRejected: 0, rowsUndated: 0)
            try rec.insert(db)
            return (aid, rec.id!)
        }

        var summary = IngestSummary(importID: importID, file: fileName, kind: input.kind, mapping: mapping)
        let tally = Tally()
        let writeQueue = DispatchQueue(label: "painmap.ingest.writer")
        let inFlight = DispatchSemaphore(value: 2)
        let parallel = ParallelBatches(workers: workers)
        let analyze = self.analyze
        let store = self.store
        var read = 0
        var stopped = false
        var keptRejects: [RejectRecord] = []

        while !stopped {
            if let e = tally.snapshot.4 { throw e }
            // 1. Read a batch (bounded in rows and bytes).
            var items: [Input.Item] = []
            var bytes = 0
            while items.count < options.batchSize, bytes < 32 << 20, let it = input.read() {
                if case .record(let r, _, _) = it { for v in r.values { bytes += v.utf8.count } }
                items.append(it)
            }
            if items.isEmpty { break }
            if converter.order == nil, converter.needsOrder {
                converter.decideOrder(items.compactMap { if case .record(let r, _, _) = $0 { return r } else { return nil } })
                if let o = converter.order, converter.orderAssumed {
                    onWarning?("dates like 03/04/2026 are ambiguous and nothing in the first rows tells; read as \(o == .monthFirst ? "MM/DD/YYYY" : "DD/MM/YYYY") (force with --date-format)")
                }
            }
            // 2. Map to documents or rejects.
            var docs: [DocumentInput] = []
            var rejects: [RejectRecord] = []
            var batchRead = 0, undated = 0
            for it in items {
                batchRead += 1
                switch converter.convert(it) {
                case .doc(let d, let note):
                    docs.append(d)
                    if let note { undated += 1; if summary.undated + undated <= 5 { onWarning?("\(fileName):\(d.line): \(note)") } }
                case .reject(var r):
                    r.importId = importID
                    rejects.append(r)
                    if options.strict { stopped = true }
                }
                if stopped { break }
            }
            summary.undated += undated
            read += batchRead
            if keptRejects.count < keepRejects { keptRejects += rejects.prefix(keepRejects - keptRejects.count) }

            // 3. Skip rows already stored (a re-import, or the rerun of a killed ingest) before analysing them.
            var fresh: [DocumentInput] = []
            var known = 0
            var seen: Set<String> = []
            let (storedIDs, storedHashes) = try store.writer.read { db in try Ingester.stored(docs, source: source, db) }
            for d in docs {
                let exists = d.externalID.map { storedIDs.contains($0) } ?? storedHashes.contains(d.contentHash)
                let key = d.externalID.map { "i" + $0 } ?? "h" + d.contentHash
                if exists || !seen.insert(key).inserted { known += 1 } else { fresh.append(d) }
            }
            // 4. Analyse on all cores.
            let analysed = parallel.map(fresh) { w, d in (d, analyze(w, d.text)) }
            // 5. Write on the writer queue while the next batch is read and analysed.
            let batch = WriteBatch(docs: analysed, rejects: rejects, read: batchRead, knownDuplicates: known, undated: undated)
            inFlight.wait()
            writeQueue.async {
                defer { inFlight.signal() }
                if tally.snapshot.4 != nil { return }
                let (wall0, cpu0) = (DispatchTime.now(), Ingester.threadCPUSeconds())
                defer { tally.wrote(seconds: Ingester.seconds(since: wall0), cpu: Ingester.threadCPUSeconds() - cpu0) }
                do {
                    let (s, d) = try store.writer.write { db -> (Int, Int) in
                        try BulkLoad.begin(db)
                        let writer = BatchWriter(db: db, importID: importID, source: source, analysisID: analysisID)
                        let (s, ids) = try writer.insert(batch.docs)
                        let dup = batch.knownDuplicates + batch.docs.count - s
                        try BulkLoad.finish(db, ids: ids)
                        for r in batch.rejects { try r.insert(db) }
                        try db.execute(sql: """
                            UPDATE imports SET rows_read = rows_read + ?, rows_stored = rows_stored + ?, rows_duplicate = rows_duplicate + ?,
                              rows_rejected = rows_rejected + ?, rows_undated = rows_undated + ? WHERE id = ?
                            """, arguments: [batch.read, s, dup, batch.rejects.count, batch.undated, importID])
                        return (s, dup)
                    }
                    tally.add(stored: s, duplicates: d, rejected: batch.rejects.count, undated: batch.undated)
                } catch {
                    tally.fail(error)
                }
            }
            if let cb = onProgress {
                let t = tally.snapshot
                let fraction = input.size.flatMap { $0 > 0 ? min(0.999, Double(input.consumed) / Double($0)) : nil }
                cb(IngestProgress(read: read, stored: t.0, duplicates: t.1, rejected: t.2, elapsed: Ingester.seconds(since: started),
                                  fraction: fraction))
            }
        }
        writeQueue.sync {}
        let t = tally.snapshot
        if let e = t.4 {
            _ = try? store.writer.write { db in
                try db.execute(sql: "UPDATE imports SET status = 'failed', finished_at = ? WHERE id = ?", arguments: [Clock.nowISO(), importID])
            }
            throw e
        }
        summary.read = read
        summary.stored = t.0
        summary.duplicates = t.1
        summary.rejected = t.2
        summary.rejects = keptRejects
        summary.writeSeconds = tally.writeSeconds
        summary.writeCPUSeconds = tally.writeCPUSeconds
        summary.dateOrder = converter.order
        summary.status = stopped ? "stopped" : (t.2 > 0 ? "partial" : "complete")
        let status = summary.status
        try store.writer.write { db in
            try db.execute(sql: "UPDATE imports SET status = ?, finished_at = ? WHERE id = ?", arguments: [status, Clock.nowISO(), importID])
        }
        store.checkpoint()
        summary.seconds = Ingester.seconds(since: started)
        return summary
    }

    /// The external ids (for `source`) and content hashes (of documents without an id) of `docs` that are
    /// already stored. One statement per kind for the whole batch: SQLite walks the list itself, which costs
    /// a tenth of one prepared-statement round trip per document.
    static func stored(_ docs: [DocumentInput], source: String, _ db: Database) throws -> (Set<String>, Set<String>) {
        var ids = JSONWriter(capacity: 16 * docs.count), hashes = JSONWriter(capacity: 20 * docs.count)
        var anyID = false, anyHash = false
        ids.beginArray(); hashes.beginArray()
        for d in docs {
            if let id = d.externalID { ids.string(id); anyID = true } else { hashes.string(d.contentHash); anyHash = true }
        }
        ids.endArray(); hashes.endArray()
        var storedIDs: Set<String> = [], storedHashes: Set<String> = []
        if anyID {
            storedIDs = try Set(String.fetchCursor(db, sql: """
                SELECT external_id FROM documents
                WHERE source = ? AND external_id IS NOT NULL AND external_id IN (SELECT value FROM json_each(?))
                """, arguments: [source, String(decoding: ids.bytes, as: UTF8.self)]))
        }
        if anyHash {
            storedHashes = try Set(String.fetchCursor(db, sql: """
                SELECT content_hash FROM documents WHERE external_id IS NULL AND content_hash IN (SELECT value FROM json_each(?))
                """, arguments: [String(decoding: hashes.bytes, as: UTF8.self)]))
        }
        return (storedIDs, storedHashes)
    }

    /// CPU seconds the calling thread has used.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func seconds(since t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
    }

    static func json(_ m: ColumnMapping) -> String {
        var j = JSONWriter()
        j.beginObject()
        j.key("profile", m.profile); j.key("source", m.source)
        j.key("text"); j.beginArray(); for t in m.text { j.string(t) }; j.endArray()
        for (k, v) in [("id", m.id), ("date", m.date), ("channel", m.channel), ("rating", m.rating), ("fixed_channel", m.fixedChannel)] {
            if let v { j.key(k, v) }
        }
        j.endObject()
        return String(decoding: j.bytes, as: UTF8.self)
    }

    static func json(_ o: IngestOptions) -> String {
        var j = JSONWriter()
        j.beginObject()
        if let f = o.dateFormat { j.key("date_format", f.description) }
        j.key("require_dates", o.requireDates); j.key("strict", o.strict); j.key("repair_encoding", o.repairEncoding)
        j.key("max_text_bytes", o.maxTextBytes); j.key("batch_size", o.batchSize)
        if let k = o.kind { j.key("input_format", k.rawValue) }
        j.endObject()
        return String(decoding: j.bytes, as: UTF8.self)
    }
}

/// Turns records into documents or rejects: joins the text columns, parses the date, rating and channel,
/// checks encoding and length, and hashes the content.
struct RowConverter {
    let mapping: ColumnMapping
    let options: IngestOptions
    var parser: DateParser
    private(set) var order: SlashOrder?
    private(set) var orderAssumed = false
    private let used: Set<String>

    enum Outcome {
        /// A document, with a note when it is stored undated.
        case doc(DocumentInput, String?)
        case reject(RejectRecord)
    }

    init(mapping: ColumnMapping, options: IngestOptions) {
        self.mapping = mapping
        self.options = options
        parser = DateParser(format: options.dateFormat)
        var used = Set(mapping.text)
        for c in [mapping.id, mapping.channel, mapping.rating] { if let c { used.insert(c) } }
        self.used = used
    }

    /// Whether dates written a/b/yyyy need their order decided.
    var needsOrder: Bool { mapping.date != nil && options.dateFormat == nil }

    /// Decides day-first or month-first from the date values of `records`; when they hold slash dates but
    /// none tells, month first is assumed (and `orderAssumed` set).
    mutating func decideOrder(_ records: [PainmapText.Record]) {
        guard needsOrder, let col = mapping.date else { return }
        let values = records.compactMap { $0[col] }.filter { $0.contains("/") }
        guard !values.isEmpty else { return }
        if let o = SlashOrder.decide(values) { order = o } else { order = .monthFirst; orderAssumed = true }
        parser.slashOrder = order
    }

    func convert(_ item: Ingester.Input.Item) -> Outcome {
        switch item {
        case .error(let e):
            return .reject(RejectRecord(id: nil, importId: 0, file: e.file, line: e.line, column: e.column, reason: e.message, excerpt: nil))
        case .record(let r, let warnings, let file):
            return convert(r, warnings: warnings, file: file)
        }
    }

    func convert(_ r: PainmapText.Record, warnings: [InputWarning], file: String) -> Outcome {
        func reject(_ reason: String, column: Int? = nil, excerpt: String? = nil) -> Outcome {
            .reject(RejectRecord(id: nil, importId: 0, file: file, line: r.line, column: column, reason: reason,
                                 excerpt: excerpt.map { String($0.prefix(200)) }))
        }
        // Text: the text columns joined; a title that only repeats the start of the body is left out.
        var parts: [String] = []
        for c in mapping.text {
            guard let v = r[c] else { continue }
            let t = v.trimmingWhitespace
            if !t.isEmpty { parts.append(t) }
        }
        var pieces: [String] = []
        for (k, p) in parts.enumerated() {
            if k + 1 < parts.count, RowConverter.repeats(title: p, body: parts[k + 1]) { continue }
            pieces.append(p)
        }
        let text = pieces.joined(separator: "\n")
        if let w = warnings.first, !options.repairEncoding {
            return reject("bad encoding: \(w.message) (--repair-encoding keeps such rows)", column: w.column, excerpt: text)
        }
        if text.isEmpty {
            return reject("no text (\(mapping.text.joined(separator: ", ")) \(mapping.text.count == 1 ? "is" : "are") empty)")
        }
        let size = text.utf8.count
        if size > options.maxTextBytes {
            return reject("text is \(size) bytes, more than --max-text-bytes \(options.maxTextBytes)", excerpt: text)
        }
        // Date.
        var created: Int64? = nil
        var note: String? = nil
        var dateOK = true
        if let col = mapping.date {
            let raw = (r[col] ?? "").trimmingWhitespace
            if raw.isEmpty {
                if options.requireDates { return reject("no date (\(col) is empty)", excerpt: text) }
                note = "no date (\(col) is empty); stored undated"
            } else if let t = parser.parse(raw) {
                created = t
            } else {
                let how = options.dateFormat.map { "as \($0)" } ?? "in any known format"
                if options.requireDates { return reject("unparsable date '\(raw.prefix(40))' in \(col) (read \(how))", excerpt: text) }
                note = "unparsable date '\(raw.prefix(40))' in \(col) (read \(how)); stored undated"
                dateOK = false
            }
        }
        var externalID = mapping.id.flatMap { r[$0] }?.trimmingWhitespace
        if externalID?.isEmpty == true { externalID = nil }
        var channel = mapping.channel.flatMap { r[$0] }?.trimmingWhitespace.lowercased()
        if channel?.isEmpty ?? true { channel = mapping.fixedChannel }
        let rawRating = mapping.rating.flatMap { r[$0] }
        let rating = rawRating.flatMap(RowConverter.rating)
        // The other fields, kept as JSON.
        var extra: String? = nil
        var j = JSONWriter(capacity: 128)
        var any = false
        j.beginObject()
        for (k, name) in r.names.enumerated() {
            let v = r.values[k]
            if v.isEmpty || used.contains(name) { continue }
            if name == mapping.date && dateOK && created != nil { continue }
            if name == mapping.rating && rating != nil { continue }
            j.key(name, v); any = true
        }
        if let raw = rawRating, rating == nil, !raw.isEmpty, let name = mapping.rating { j.key(name, raw); any = true }
        j.endObject()
        if any { extra = String(decoding: j.bytes, as: UTF8.self) }
        let hash = ContentHash.of(source: mapping.source, createdAt: created, text: text)
        return .doc(DocumentInput(line: r.line, externalID: externalID, createdAt: created, channel: channel, rating: rating,
                                  text: text, contentHash: hash, extra: extra), note)
    }

    /// "4", "4.5", "4/5", "4 stars", "★★★★" -> the number.
    static func rating(_ s: String) -> Double? {
        let t = s.trimmingWhitespace
        if t.isEmpty { return nil }
        if let v = Double(t) { return v }
        let stars = t.filter { $0 == "★" }.count
        if stars > 0, t.allSatisfy({ $0 == "★" || $0 == "☆" }) { return Double(stars) }
        let num = t.prefix { $0.isNumber || $0 == "." }
        if !num.isEmpty, let v = Double(num) {
            let rest = t.dropFirst(num.count).trimmingWhitespace.lowercased()
            if rest.hasPrefix("/") || rest.hasPrefix("star") || rest.hasPrefix("of") { return v }
        }
        return nil
    }

    /// True when `body` starts with `title` (less a trailing ellipsis): the title adds nothing.
    static func repeats(title: String, body: String) -> Bool {
        var t = Substring(title)
        while let last = t.last, last == "." || last == "…" { t = t.dropLast() }
        t = Substring(t.trimmingWhitespace)
        guard t.count >= 3 else { return false }
        return body.range(of: t, options: [.caseInsensitive, .anchored]) != nil
    }
}
