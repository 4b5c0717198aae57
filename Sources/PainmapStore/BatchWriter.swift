import GRDB
import GRDBSQLite
import PainmapJourney

/// Writes one ingest batch: its documents, then their touchpoints, then their pain points, each with
/// multi-row INSERTs whose values are bound by hand.
///
/// Why not one prepared INSERT per row through GRDB (what `DocumentWriter` does for other writers): on the
/// writer thread that cost as much again as SQLite's own B-tree work. Each execution of a statement opens
/// and closes a cursor on the table and on every index, and GRDB builds an array of existential values per
/// row before binding it. One statement for 64 rows keeps the cursors open across them, and binding straight
/// from the analysis skips the arrays.
///
/// Documents get their ids here (one more than the largest, as SQLite would give them) so that their parts
/// need no round trip for `last_insert_rowid`. ON CONFLICT DO NOTHING still skips a document another
/// process stored meanwhile; its id then stays unused and its parts are not written.
struct BatchWriter {
    static let rowsPerStatement = 64

    let db: Database
    let importID: Int64
    let source: String
    let analysisID: Int64

    /// Inserts `docs` (already free of duplicates among themselves) and returns how many were stored and the
    /// range of ids they may have (nil when none).
    func insert(_ docs: [(DocumentInput, FeedbackAnalysis)]) throws -> (stored: Int, ids: ClosedRange<Int64>?) {
        guard !docs.isEmpty else { return (0, nil) }
        let first = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM documents") ?? 0) + 1
        let ids = first...(first + Int64(docs.count) - 1)

        var documents = MultiRowInsert(db: db, sql: """
            INSERT INTO documents (id, import_id, source, external_id, line, channel, created_at, day, rating, language, text,
              normalized_text, content_hash, sentiment, sentiment_label, topic, topic_confidence, phase, phase_confidence,
              pain_count, severity, churn_risk, analysis_id, extra)
            VALUES
            """, columns: 24, suffix: " ON CONFLICT DO NOTHING")
        for (k, (d, a)) in docs.enumerated() {
            let (severity, churn) = DocumentWriter.summary(a)
            try documents.row { b in
                b.int(first + Int64(k)); b.int(importID); b.text(source); b.text(d.externalID); b.int(d.line); b.text(d.channel)
                b.text(d.createdAt.map(DateParser.iso)); b.int(d.createdAt.map(DateParser.day)); b.real(d.rating)
                b.text(a.language); b.text(d.text); b.text(a.normalizedText); b.text(d.contentHash)
                b.real(a.sentiment.compound); b.text(a.sentiment.label.rawValue); b.text(a.topic.label); b.real(a.topic.confidence)
                b.text(a.phase.label); b.real(a.phase.confidence); b.int(a.painPoints.count); b.real(severity); b.int(churn ? 1 : 0)
                b.int(analysisID); b.text(d.extra)
            }
        }
        let stored = try documents.finish()

        // Normally every document is new: the batch was checked against the store before analysis. Only a
        // concurrent writer makes some conflict; then only the rows that made it get their parts.
        var present: Set<Int64>? = nil
        if stored != docs.count {
            present = try Set(Int64.fetchCursor(db, sql: "SELECT id FROM documents WHERE id BETWEEN ? AND ?",
                                                arguments: [ids.lowerBound, ids.upperBound]))
        }

        var touchpoints = MultiRowInsert(db: db, sql: """
            INSERT INTO document_touchpoints (document_id, touchpoint, score, evidence, span_start, span_end, day, phase, topic,
              sentiment, severity, churn_risk, origin)
            VALUES
            """, columns: 13)
        var painPoints = MultiRowInsert(db: db, sql: """
            INSERT INTO pain_points (document_id, ordinal, span_start, span_end, text, phrase, phrase_surface, touchpoint,
              phase, topic, severity, churn_risk, sentiment, day, origin)
            VALUES
            """, columns: 15)
        // The documents' (source, channel) ids, copied onto their touchpoints and pain points (see `Origins`):
        // one source per import and a few channels, so a look-up in SQL per channel and batch.
        var originCache = Origins.Cache()
        let origins = try docs.map { d, _ in try originCache.id(source: source, channel: d.channel, in: db) }
        for (k, (d, a)) in docs.enumerated() where !a.touchpoints.isEmpty {
            let id = first + Int64(k)
            if let present, !present.contains(id) { continue }
            let day = d.createdAt.map(DateParser.day)
            let (severity, churn) = DocumentWriter.summary(a)
            let origin = origins[k]
            for t in DocumentWriter.bestTouchpoints(a) {
                try touchpoints.row { b in
                    b.int(id); b.text(t.id); b.real(t.score); b.text(t.evidence); b.int(t.span.start); b.int(t.span.end); b.int(day)
                    b.text(a.phase.label); b.text(a.topic.label); b.real(a.sentiment.compound); b.real(severity); b.int(churn ? 1 : 0)
                    b.int(origin)
                }
            }
        }
        _ = try touchpoints.finish()
        for (k, (d, a)) in docs.enumerated() where !a.painPoints.isEmpty {
            let id = first + Int64(k)
            if let present, !present.contains(id) { continue }
            let day = d.createdAt.map(DateParser.day)
            let origin = origins[k]
            for (n, p) in a.painPoints.enumerated() {
                try painPoints.row { b in
                    b.int(id); b.int(n); b.int(p.span.start); b.int(p.span.end); b.text(p.text); b.text(p.phrase)
                    b.text(p.phraseSurface); b.text(p.touchpoint); b.text(p.phase); b.text(p.topic); b.real(p.severity)
                    b.int(p.churnRisk ? 1 : 0); b.real(p.sentiment); b.int(day); b.int(origin)
                }
            }
        }
        _ = try painPoints.finish()
        return (stored, stored > 0 ? ids : nil)
    }
}

/// An INSERT of `BatchWriter.rowsPerStatement` rows per execution; the rows left over at the end go one
/// at a time (a statement per leftover count would keep up to 63 large prepared statements per table in
/// the connection's cache).
struct MultiRowInsert {
    let db: Database
    let sql: String
    let columns: Int
    let suffix: String
    private var full: Statement?
    private var single: Statement?
    private var pending: [Value] = []
    private var changes = 0

    enum Value { case int(Int64), real(Double), text(String), null }

    init(db: Database, sql: String, columns: Int, suffix: String = "") {
        self.db = db; self.sql = sql; self.columns = columns; self.suffix = suffix
        pending.reserveCapacity(columns * BatchWriter.rowsPerStatement)
    }

    /// Adds one row; `bind` must give exactly `columns` values, in order.
    mutating func row(_ bind: (inout Binder) -> Void) throws {
        var b = Binder(values: pending)
        pending = []
        bind(&b)
        pending = b.values
        if pending.count == columns * BatchWriter.rowsPerStatement { try flush() }
    }

    /// Writes the rows left and returns how many rows the statements inserted in all.
    mutating func finish() throws -> Int {
        precondition(pending.count % columns == 0, "a row bound the wrong number of values")
        if !pending.isEmpty {
            let one = try single ?? db.cachedStatement(sql: sql + MultiRowInsert.placeholders(rows: 1, columns: columns) + suffix)
            single = one
            for start in stride(from: 0, to: pending.count, by: columns) {
                try execute(one, pending[start..<(start + columns)])
            }
            pending.removeAll(keepingCapacity: true)
        }
        return changes
    }

    private mutating func flush() throws {
        let all = try full ?? db.cachedStatement(sql: sql + MultiRowInsert.placeholders(rows: BatchWriter.rowsPerStatement,
                                                                                         columns: columns) + suffix)
        full = all
        try execute(all, pending[...])
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func execute(_ statement: Statement, _ values: ArraySlice<Value>) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, v) in values.enumerated() {
            let at = Int32(i + 1)
            let rc: Int32
            switch v {
            case .int(let x): rc = sqlite3_bind_int64(s, at, x)
            case .real(let x): rc = sqlite3_bind_double(s, at, x)
            case .null: rc = sqlite3_bind_null(s, at)
            case .text(var x):
                // SQLITE_TRANSIENT: SQLite copies the bytes, so they need not outlive this call.
                // An empty string has no base address, and a null pointer would bind NULL: bind "" itself.
                rc = x.withUTF8 { p in
                    guard let base = p.baseAddress else { return sqlite3_bind_text(s, at, "", 0, MultiRowInsert.transient) }
                    return base.withMemoryRebound(to: CChar.self, capacity: p.count) {
                        sqlite3_bind_text(s, at, $0, Int32(p.count), MultiRowInsert.transient)
                    }
                }
            }
            if rc != SQLITE_OK { throw error(rc) }
        }
        let rc = sqlite3_step(s)
        if rc != SQLITE_DONE {
            let e = error(rc)
            sqlite3_reset(s)
            throw e
        }
        changes += Int(sqlite3_changes(db.sqliteConnection))
        sqlite3_reset(s)
    }

    private func error(_ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) },
                      sql: sql)
    }

    static func placeholders(rows: Int, columns: Int) -> String {
        let one = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return Array(repeating: one, count: rows).joined(separator: ",")
    }

    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Collects one row's values in column order.
    struct Binder {
        var values: [Value]
        mutating func int(_ x: Int64) { values.append(.int(x)) }
        mutating func int(_ x: Int) { values.append(.int(Int64(x))) }
        mutating func int(_ x: Int?) { values.append(x.map { .int(Int64($0)) } ?? .null) }
        mutating func real(_ x: Double) { values.append(.real(x)) }
        mutating func real(_ x: Double?) { values.append(x.map { .real($0) } ?? .null) }
        mutating func text(_ x: String) { values.append(.text(x)) }
        mutating func text(_ x: String?) { values.append(x.map { .text($0) } ?? .null) }
    }
}
