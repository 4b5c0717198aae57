import GRDB
import PainmapStore

/// Top pain points (as `painmap top --by phrase --sort impact`) and rising themes (as `painmap emerging`).
extension ReportReader {
    /// Per key of `dim`: mentions now and in the previous period, with sums over the current period.
    struct ThemeCounts {
        var key: String
        var current = 0
        var previous = 0
        var sentimentSum = 0.0
        var impact = 0.0
        var churn = 0
    }

    static func table(_ dim: TopDimension) -> (FactTable, String) {
        switch dim {
        case .phrase: (.painPoints, "p.phrase")
        case .topic: (.documents, "d.topic")
        case .touchpoint: (.touchpoints, "t.touchpoint")
        }
    }

    /// The index that leads with the theme and covers the columns summed: the scan streams through it in
    /// key order without touching the table (the store's schema names them in append-only migrations).
    static func coveringIndex(_ dim: TopDimension) -> String {
        switch dim {
        case .phrase: "pain_points_by_phrase"
        case .topic: "documents_by_topic"
        case .touchpoint: "document_touchpoints_by_touchpoint"
        }
    }

    /// One scan over the period and the one before it (all time when `period` is nil: nothing is "previous").
    func themeCounts(_ dim: TopDimension, period: Period?) throws -> [ThemeCounts] {
        let (table, key) = ReportReader.table(dim)
        let a = table.alias
        // documents_by_topic lacks source and channel: those go through the list of passing documents.
        let f = SQLFilter(filters, table: table, days: period.map { Period(start: $0.previous.start, end: $0.end) },
                          scanLacksOrigin: dim == .topic)
        let now = period == nil ? "1" : "\(a).day >= \(period!.start)"
        return try Row.fetchAll(db, sql: """
            SELECT \(key), sum(\(now)), total(CASE WHEN \(now) THEN \(a).sentiment END), total(CASE WHEN \(now) THEN \(a).severity END),
                   total(CASE WHEN \(now) THEN \(a).churn_risk END), count(*) - sum(\(now))
            FROM \(table.from) INDEXED BY \(ReportReader.coveringIndex(dim))\(f.sql) GROUP BY 1
            """, arguments: f.arguments).map {
            ThemeCounts(key: $0[0] ?? "", current: $0[1], previous: $0[5], sentimentSum: $0[2], impact: $0[3], churn: Int($0[4] as Double))
        }
    }

    /// The top pain points, with the mentions in the period (`total`) and in the one before it
    /// (`previousTotal`, 0 over all time).
    func painPoints(period: Period?, interval: TrendInterval, buckets: [Int]) throws -> (rows: [PainPointRow], total: Int, previousTotal: Int) {
        let all = try themeCounts(.phrase, period: period)
        let previousTotal = all.reduce(0) { $0 + $1.previous }
        let counts = all.filter { $0.current > 0 }
        let total = counts.reduce(0) { $0 + $1.current }
        let top = counts.sorted { ($0.impact, $0.current, $1.key) > ($1.impact, $1.current, $0.key) }.prefix(options.painPointLimit)
        var rows: [PainPointRow] = []
        for c in top {
            var row = PainPointRow(phrase: c.key, label: c.key, volume: c.current, share: total > 0 ? Double(c.current) / Double(total) : 0,
                                   meanSentiment: c.sentimentSum / Double(c.current), impact: c.impact, churn: c.churn,
                                   previous: period == nil ? nil : c.previous, series: Array(repeating: 0, count: buckets.count))
            if let (text, surface, doc) = try example(.phrase, key: c.key, period: period) {
                row.label = surface ?? c.key
                row.example = try quote(text: text, document: doc)
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { return ([], total, previousTotal) }
        let keys = rows.map(\.phrase)
        var index: [String: Int] = [:]
        for (i, k) in keys.enumerated() { index[k] = i }
        var f = SQLFilter(filters, table: .painPoints, days: period)
        f.addIn("p.phrase", keys)
        // Mentions per time bucket.
        var slot: [Int: Int] = [:]
        for (i, s) in buckets.enumerated() { slot[s] = i }
        for r in try Row.fetchAll(db, sql: """
            SELECT p.phrase, p.day, count(*) FROM pain_points p\(f.and("p.day IS NOT NULL").sql) GROUP BY 1, 2
            """, arguments: f.arguments) {
            guard let i = index[r[0]], let b = slot[interval.bucketStart(r[1])] else { continue }
            rows[i].series[b] += r[2] as Int
        }
        // Where each comes up most: through the index by cell, which carries phase and touchpoint (the one
        // by phrase would find the rows sooner, then read each row for them).
        var best: [Int: (Int, String, String?)] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT p.phrase, p.phase, p.touchpoint, count(*) FROM \(ReportReader.cellScan)\(f.sql) GROUP BY 1, 2, 3
            """, arguments: f.arguments) {
            guard let i = index[r[0]] else { continue }
            let n: Int = r[3], phase: String = r[1], tp: String? = r[2]
            if let b = best[i], (b.0, b.1, b.2 ?? "") >= (n, phase, tp ?? "") { continue }
            best[i] = (n, phase, tp)
        }
        for (i, b) in best { rows[i].mainPhase = b.1; rows[i].mainTouchpoint = b.2 }
        return (rows, total, previousTotal)
    }

    /// A theme's example, as the store's `top` and `emerging` choose it: the most severe of its latest
    /// mentions in the period. Returns the quote, the phrase as written (phrases only) and the document.
    func example(_ dim: TopDimension, key: String, period: Period?) throws -> (String, String?, Int64)? {
        let w = ReportReader.exampleWindow
        switch dim {
        case .phrase:
            // fewRows, as `painmap top` passes it (it matters for documents only: fact rows test their origin).
            let f = SQLFilter(filters, table: .painPoints, days: period, fewRows: true).and("p.phrase = ?", [key])
            guard let r = try Row.fetchOne(db, sql: """
                SELECT text, phrase_surface, document_id FROM pain_points WHERE id IN (
                  SELECT p.id FROM pain_points p\(f.sql) ORDER BY p.day DESC, p.severity DESC, p.id LIMIT ?)
                ORDER BY severity DESC, id LIMIT 1
                """, arguments: f.arguments(after: [], then: [w])) else { return nil }
            return (r[0], r[1], r[2])
        case .topic, .touchpoint:
            let (table, column) = ReportReader.table(dim)
            let a = table.alias
            let id = table == .documents ? "d.id" : "t.document_id"
            let f = SQLFilter(filters, table: table, days: period, fewRows: true).and("\(column) = ?", [key])
            guard let doc = try Int64.fetchOne(db, sql: """
                SELECT id FROM (SELECT \(id) AS id, \(a).severity AS severity, \(a).sentiment AS sentiment FROM \(table.from)\(f.sql)
                  ORDER BY \(a).day DESC, \(a).severity DESC, \(id) LIMIT ?)
                ORDER BY severity DESC, sentiment, id LIMIT 1
                """, arguments: f.arguments(after: [], then: [w])) else { return nil }
            let touchpoint: String? = dim == .touchpoint ? key : nil
            if let t = try String.fetchOne(db, sql: """
                SELECT text FROM pain_points WHERE document_id = ? ORDER BY touchpoint IS ? DESC, severity DESC, ordinal LIMIT 1
                """, arguments: [doc, touchpoint]) {
                return (t, nil, doc)
            }
            guard let text = try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [doc]) else { return nil }
            return (text, nil, doc)
        }
    }

    /// Themes that rose in `window` against the window before, by the store's test (`Significance`): the
    /// current count against Binomial(n, share of the current window in the total volume), Benjamini-Hochberg
    /// over every theme with at least `minCount` mentions now.
    func emergingThemes(_ dim: TopDimension, window: Period) throws -> EmergingTable {
        let counts = try themeCounts(dim, period: window)
        let n1 = counts.reduce(0) { $0 + $1.current }
        let n0 = counts.reduce(0) { $0 + $1.previous }
        var rows = Significance.rises(counts.map { ($0.key, $0.current, $0.previous) }, currentTotal: n1, previousTotal: n0,
                                      minCount: options.emergingMinCount, alpha: options.alpha)
        let tested = rows.count
        let significant = rows.filter(\.significant).count
        rows = Array(rows.filter { Double($0.current) > $0.expected }.prefix(options.emergingLimit))
        for i in rows.indices {
            if let (text, surface, _) = try example(dim, key: rows[i].key, period: window) {
                rows[i].example = text
                if let surface { rows[i].label = surface }
            }
        }
        return EmergingTable(dimension: dim, window: window, currentTotal: n1, previousTotal: n0, tested: tested,
                             minCount: options.emergingMinCount, alpha: options.alpha, rows: rows, significantCount: significant)
    }
}
