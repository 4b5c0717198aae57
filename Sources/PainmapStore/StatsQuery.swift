import GRDB
import PainmapJourney

/// A count with the date range it covers.
public struct CountRow: Sendable, Hashable {
    public var key: String
    public var documents: Int
    public var first: String?
    public var last: String?
}

public struct StoreStats: Sendable {
    public var documents: Int
    public var undated: Int
    public var painPoints: Int
    public var touchpointMentions: Int
    public var first: String?
    public var last: String?
    public var bySource: [CountRow]
    public var byChannel: [CountRow]
    public var byLanguage: [CountRow]
    public var byTopic: [CountRow]
    public var byPhase: [CountRow]
    public var imports: Int
    public var interruptedImports: Int
    public var rejects: Int
    public var labels: Int
    /// Documents per analysis version set; `current` marks the versions of this binary.
    public var analyses: [(versions: AnalysisVersions, documents: Int)]
    public var migrations: [String]
}

extension PainmapStore {
    /// Counts per source, channel, language, topic and phase, the date range, imports and rejects.
    public func stats(filters: QueryFilters = QueryFilters()) throws -> StoreStats {
        try read { db in
            let period = filters.since == nil && filters.until == nil ? nil : try PeriodResolution.resolve(filters, defaultDays: nil, db: db)
            let f = SQLFilter(filters, table: .documents, days: period)
            // Each breakdown reads a covering index (source/channel/language, topic, phase), never the table.
            var groups: [[String: (n: Int, first: Int?, last: Int?)]] = Array(repeating: [:], count: 5)
            /// `extra` gets the column after `max(day)`, when the query has one.
            func scan(_ sql: String, columns: [Int], extra: ((Int) -> Void)? = nil) throws {
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: f.arguments)
                while let r = try cursor.next() {
                    let n: Int = r[columns.count], first: Int? = r[columns.count + 1], last: Int? = r[columns.count + 2]
                    if let extra { extra(r[columns.count + 3]) }
                    for (i, k) in columns.enumerated() {
                        let key: String = r[i] ?? "(none)"
                        let old = groups[k][key] ?? (0, nil, nil)
                        groups[k][key] = (old.n + n, [old.first, first].compactMap { $0 }.min(), [old.last, last].compactMap { $0 }.max())
                    }
                }
            }
            try scan("""
                SELECT d.source, d.channel, d.language, count(*), min(d.day), max(d.day)
                FROM documents d INDEXED BY documents_by_source\(f.sql) GROUP BY 1, 2, 3
                """, columns: [0, 1, 2])
            try scan("SELECT d.topic, count(*), min(d.day), max(d.day) FROM documents d INDEXED BY documents_by_topic\(f.sql) GROUP BY 1",
                     columns: [3])
            // The phase scan also gives the totals (the sums of its groups, and count(day) for the undated):
            // a separate count over the same index took another ~110 ms of 1M documents.
            var dated = 0
            try scan("""
                SELECT d.phase, count(*), min(d.day), max(d.day), count(d.day) FROM documents d INDEXED BY documents_by_phase\(f.sql)
                GROUP BY 1
                """, columns: [4]) { dated += $0 }
            func counts(_ k: Int) -> [CountRow] {
                groups[k].map { CountRow(key: $0.key, documents: $0.value.n, first: $0.value.first.map(DateParser.isoDay),
                                         last: $0.value.last.map(DateParser.isoDay)) }
                    .sorted { ($0.documents, $1.key) > ($1.documents, $0.key) }
            }
            let phases = groups[4].values
            let documents = phases.reduce(0) { $0 + $1.n }
            let pf = SQLFilter(filters, table: .painPoints, days: period)
            let pains = try Int.fetchOne(db, sql: "SELECT count(*) FROM pain_points p\(pf.sql)", arguments: pf.arguments) ?? 0
            let tf = SQLFilter(filters, table: .touchpoints, days: period)
            let mentions = try Int.fetchOne(db, sql: "SELECT count(*) FROM document_touchpoints t\(tf.sql)", arguments: tf.arguments) ?? 0
            // Documents per analysis need a pass over the whole documents table (no index has analysis_id):
            // with a single analysis, which is the usual case, every document has it.
            let single = try Int.fetchOne(db, sql: "SELECT count(*) FROM analyses") == 1
            let analyses = try Row.fetchAll(db, sql: single ? """
                SELECT lexicon, topic_model, phase_model, journey, (SELECT count(*) FROM documents) AS n FROM analyses
                """ : """
                SELECT a.lexicon, a.topic_model, a.phase_model, a.journey, count(d.id) AS n
                FROM analyses a LEFT JOIN documents d ON d.analysis_id = a.id GROUP BY a.id ORDER BY a.id
                """).map {
                (AnalysisVersions(lexicon: $0["lexicon"], topicModel: $0["topic_model"], phaseModel: $0["phase_model"], journey: $0["journey"]),
                 $0["n"] as Int)
            }
            return StoreStats(
                documents: documents, undated: documents - dated, painPoints: pains,
                touchpointMentions: mentions,
                first: phases.compactMap(\.first).min().map(DateParser.isoDay), last: phases.compactMap(\.last).max().map(DateParser.isoDay),
                bySource: counts(0), byChannel: counts(1), byLanguage: counts(2), byTopic: counts(3), byPhase: counts(4),
                imports: try Int.fetchOne(db, sql: "SELECT count(*) FROM imports") ?? 0,
                interruptedImports: try Int.fetchOne(db, sql: "SELECT count(*) FROM imports WHERE status IN ('interrupted', 'failed')") ?? 0,
                rejects: try Int.fetchOne(db, sql: "SELECT count(*) FROM rejects") ?? 0,
                labels: try Int.fetchOne(db, sql: "SELECT count(*) FROM labels") ?? 0,
                analyses: analyses,
                migrations: try db.tableExists("grdb_migrations") ? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : [])
        }
    }
}
