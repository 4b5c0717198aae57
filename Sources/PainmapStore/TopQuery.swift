import GRDB

/// What `painmap top` ranks.
public enum TopDimension: String, CaseIterable, Sendable {
    /// Pain points grouped by key phrase (volume = pain point mentions).
    case phrase
    /// Documents by topic.
    case topic
    /// Documents by touchpoint (a document may name several).
    case touchpoint
}

public enum TopSort: String, CaseIterable, Sendable { case impact, volume, sentiment, change }

public struct TopRow: Sendable, Hashable {
    public var key: String
    /// A readable form of the key (the phrase as written, for phrases).
    public var label: String
    public var volume: Int
    /// Of all documents (topics, touchpoints) or pain points (phrases) in the period that pass the filters.
    public var share: Double
    public var meanSentiment: Double
    /// Sum of pain severity (0-1 each): volume weighted by how much it hurts.
    public var impact: Double
    /// Mentions with churn risk ("cancel my account", "switching to").
    public var churn: Int
    /// Volume in the previous period of the same length (nil when the query covers all time).
    public var previous: Int?
    /// Relative change against the previous period; nil when there is none or it was 0.
    public var change: Double? {
        guard let p = previous, p > 0 else { return nil }
        return Double(volume - p) / Double(p)
    }
    public var example: String? = nil
    public var exampleDocument: Int64? = nil
}

public struct TopResult: Sendable {
    public var dimension: TopDimension
    /// Nil: all time.
    public var period: Period?
    public var total: Int
    public var rows: [TopRow]
}

extension PainmapStore {
    /// The top pain points, topics or touchpoints in the period, with the change against the previous
    /// period of the same length. `defaultDays` is the period's length when the filters give no --since.
    public func top(by dim: TopDimension, filters: QueryFilters = QueryFilters(), defaultDays: Int? = 90, limit: Int = 10,
                    sort: TopSort = .impact) throws -> TopResult {
        try read { db in try TopQuery.run(db, dim: dim, filters: filters, defaultDays: defaultDays, limit: limit, sort: sort) }
    }
}

enum TopQuery {
    /// Per key: volume in the current period and in the previous one, with sums for the current one.
    struct Counts {
        var key: String
        var current: Int
        var previous: Int
        var sentimentSum: Double
        var impact: Double
        var churn: Int
    }

    static func table(_ dim: TopDimension) -> (FactTable, String) {
        switch dim {
        case .phrase: (.painPoints, "p.phrase")
        case .topic: (.documents, "d.topic")
        case .touchpoint: (.touchpoints, "t.touchpoint")
        }
    }

    /// The covering index that leads with the key: the aggregate streams through it in key order, with no
    /// table look-ups and no sort (the planner would rather take the day index and look up every row).
    static func index(_ dim: TopDimension) -> String {
        switch dim {
        case .phrase: "pain_points_by_phrase"
        case .topic: "documents_by_topic"
        case .touchpoint: "document_touchpoints_by_touchpoint"
        }
    }

    /// One scan over the current and previous periods (or all time when `period` is nil), grouped by key,
    /// through the covering index that leads with the key.
    static func aggregate(_ db: Database, dim: TopDimension, filters: QueryFilters, period: Period?) throws -> [Counts] {
        try aggregate(db, dim: dim, filters: filters, period: period, order: nil, limit: nil).0
    }

    /// With `order` and `limit`, SQLite ranks the groups and returns the first `limit` with a current volume,
    /// plus the current volume of all groups (a window sum), so that only the rows shown are decoded.
    /// `rollup: false` reads the pain points even where pain_daily would do (tests compare the two).
    static func aggregate(_ db: Database, dim: TopDimension, filters: QueryFilters, period: Period?, order: String?,
                          limit: Int?, rollup: Bool = true) throws -> ([Counts], Int) {
        let scan = period.map { Period(start: $0.previous.start, end: $0.end) }
        // Where the figures come from: for key phrases filtered by dates only, the per-day sums in pain_daily
        // (the same figures in fewer rows); otherwise the fact rows, through the covering index that leads
        // with the key (each row one mention).
        let key, day, mentions, sentiment, severity, churn, from: String
        let values: [(any DatabaseValueConvertible)?]
        if rollup, dim == .phrase, filters.onlyDates {
            (key, day, mentions, sentiment, severity, churn) = ("phrase", "day", "mentions", "sentiment_sum", "severity_sum", "churn")
            from = "pain_daily WHERE mentions > 0" + (scan == nil ? "" : " AND day BETWEEN ? AND ?")
            values = scan.map { [$0.start, $0.end] } ?? []
        } else {
            let (table, column) = table(dim)
            let a = table.alias
            // documents_by_topic lacks source and channel: those go through the list of passing documents.
            let filter = SQLFilter(filters, table: table, days: scan, scanLacksOrigin: dim == .topic)
            (key, day, mentions, sentiment, severity, churn) = (column, "\(a).day", "1", "\(a).sentiment", "\(a).severity", "\(a).churn_risk")
            from = "\(table.name) \(a) INDEXED BY \(index(dim))\(filter.sql)"
            values = filter.values
        }
        let current = period == nil ? "1" : "\(day) >= ?"
        let args = (period.map { Array(repeating: $0.start, count: 5) } ?? []) + values   // five uses of `current`
        let sql = """
            SELECT \(key) AS k,
              total(CASE WHEN \(current) THEN \(mentions) END) AS cur,
              total(CASE WHEN \(current) THEN \(sentiment) END) AS sent,
              total(CASE WHEN \(current) THEN \(severity) END) AS impact,
              total(CASE WHEN \(current) THEN \(churn) END) AS churn,
              total(CASE WHEN NOT (\(current)) THEN \(mentions) END) AS prev
            FROM \(from)
            GROUP BY \(key)
            """
        var out: [Counts] = []
        var total = 0
        let ranked = order.map { o in
            "SELECT *, CAST(sum(cur) OVER () AS INTEGER) FROM (\(sql) HAVING cur > 0) ORDER BY \(o) LIMIT ?"
        }
        let tail: [(any DatabaseValueConvertible)?] = order == nil ? [] : [max(0, limit ?? Int.max)]
        let cursor = try Row.fetchCursor(db, sql: ranked ?? sql, arguments: StatementArguments(args + tail))
        while let r = try cursor.next() {
            out.append(Counts(key: r[0] ?? "", current: Int(r[1] as Double), previous: Int(r[5] as Double), sentimentSum: r[2],
                              impact: r[3], churn: Int(r[4] as Double)))
            if order != nil { total = r[6] }
        }
        return (out, total)
    }

    /// ORDER BY for the ranked aggregate (columns k, cur, sent, impact, churn, prev).
    static func orderSQL(_ sort: TopSort) -> String {
        switch sort {
        case .impact: "impact DESC, cur DESC, k"
        case .volume: "cur DESC, impact DESC, k"
        case .sentiment: "sent / cur, cur DESC, k"
        case .change: "CASE WHEN prev = 0 THEN 1e308 ELSE (cur - prev) * 1.0 / prev END DESC, cur DESC, k"
        }
    }

    /// Documents that pass the filters in `period` (the denominator for touchpoints, which overlap).
    static func documentCount(_ db: Database, filters: QueryFilters, period: Period?) throws -> Int {
        let f = SQLFilter(filters, table: .documents, days: period)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM documents d\(f.sql)", arguments: f.arguments) ?? 0
    }

    static func run(_ db: Database, dim: TopDimension, filters: QueryFilters, defaultDays: Int?, limit: Int, sort: TopSort) throws -> TopResult {
        let period = try PeriodResolution.resolve(filters, defaultDays: defaultDays, db: db)
        var rows: [TopRow] = []
        let (counts, all) = try aggregate(db, dim: dim, filters: filters, period: period, order: orderSQL(sort), limit: limit)
        var total = all
        for c in counts where c.current > 0 {
            rows.append(TopRow(key: c.key, label: c.key, volume: c.current, share: 0, meanSentiment: c.sentimentSum / Double(c.current),
                               impact: c.impact, churn: c.churn, previous: period == nil ? nil : c.previous))
        }
        if dim == .touchpoint { total = try documentCount(db, filters: filters, period: period) }
        for i in rows.indices { rows[i].share = total > 0 ? Double(rows[i].volume) / Double(total) : 0 }
        switch sort {
        case .impact: rows.sort { ($0.impact, $0.volume, $1.key) > ($1.impact, $1.volume, $0.key) }
        case .volume: rows.sort { ($0.volume, $0.impact, $1.key) > ($1.volume, $1.impact, $0.key) }
        case .sentiment: rows.sort { ($0.meanSentiment, $1.volume, $0.key) < ($1.meanSentiment, $0.volume, $1.key) }
        case .change: rows.sort { ($0.change ?? .infinity, $0.volume, $1.key) > ($1.change ?? .infinity, $1.volume, $0.key) }
        }
        rows = Array(rows.prefix(limit))
        let (table, _) = table(dim)
        let inPeriod = SQLFilter(filters, table: table, days: period, fewRows: true)
        for i in rows.indices {
            try example(db, dim: dim, row: &rows[i], filter: inPeriod)
        }
        return TopResult(dimension: dim, period: period, total: total, rows: rows)
    }

    /// How many of a row's latest mentions the example quote is chosen from: the cost stays bounded
    /// whatever the volume, and the quote stays recent.
    static let exampleWindow = 2000

    /// The most severe of a row's latest mentions in the period, as its example quote.
    static func example(_ db: Database, dim: TopDimension, row: inout TopRow, filter: SQLFilter) throws {
        let args = StatementArguments([row.key] + filter.values + [exampleWindow])
        switch dim {
        case .phrase:
            if let r = try Row.fetchOne(db, sql: """
                SELECT text, phrase_surface, document_id FROM pain_points WHERE id IN (
                  SELECT p.id FROM pain_points p INDEXED BY pain_points_by_phrase WHERE p.phrase = ?\(filter.andSQL)
                  ORDER BY p.day DESC LIMIT ?)
                ORDER BY severity DESC, id LIMIT 1
                """, arguments: args) {
                row.example = r[0]; row.label = r[1]; row.exampleDocument = r[2]
            }
        case .topic:
            let doc = try Int64.fetchOne(db, sql: """
                SELECT id FROM (SELECT d.id, d.severity, d.sentiment FROM documents d INDEXED BY documents_by_topic
                  WHERE d.topic = ?\(filter.andSQL) ORDER BY d.day DESC LIMIT ?)
                ORDER BY severity DESC, sentiment, id LIMIT 1
                """, arguments: args)
            if let doc { row.exampleDocument = doc; row.example = try quote(db, document: doc, touchpoint: nil) }
        case .touchpoint:
            let doc = try Int64.fetchOne(db, sql: """
                SELECT document_id FROM (SELECT t.document_id, t.severity, t.sentiment FROM document_touchpoints t
                  INDEXED BY document_touchpoints_by_touchpoint WHERE t.touchpoint = ?\(filter.andSQL) ORDER BY t.day DESC LIMIT ?)
                ORDER BY severity DESC, sentiment, document_id LIMIT 1
                """, arguments: args)
            if let doc { row.exampleDocument = doc; row.example = try quote(db, document: doc, touchpoint: row.key) }
        }
    }

    /// The document's most severe pain point (about `touchpoint` when it has one), else its text.
    static func quote(_ db: Database, document: Int64, touchpoint: String?) throws -> String? {
        if let t = try String.fetchOne(db, sql: """
            SELECT text FROM pain_points WHERE document_id = ? ORDER BY touchpoint IS ? DESC, severity DESC, ordinal LIMIT 1
            """, arguments: [document, touchpoint]) {
            return t
        }
        return try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [document])
    }
}
