import GRDB
import PainmapJourney

public struct JourneyCell: Sendable, Hashable {
    public var phase: String
    public var touchpoint: String
    /// Documents that name the touchpoint, in this phase.
    public var documents: Int
    public var meanSentiment: Double
    /// Pain points in this phase about this touchpoint.
    public var painPoints: Int
    /// The most frequent pain point's key phrase (readable form), and how often it came up.
    public var topPainPoint: String?
    public var topPainCount: Int
}

public struct JourneyResult: Sendable {
    public var period: Period?
    /// In journey order (awareness ... advocacy), then any other phase.
    public var phases: [String]
    /// By volume, largest first.
    public var touchpoints: [String]
    public var cells: [JourneyCell]
    /// Documents per phase, including those that name no touchpoint, with mean sentiment.
    public var phaseDocuments: [String: (count: Int, meanSentiment: Double)]

    public func cell(_ phase: String, _ touchpoint: String) -> JourneyCell? {
        cells.first { $0.phase == phase && $0.touchpoint == touchpoint }
    }
}

extension PainmapStore {
    /// The phase x touchpoint matrix: volume, mean sentiment and top pain point per cell. All time unless
    /// the filters give dates.
    public func journey(filters: QueryFilters = QueryFilters(), defaultDays: Int? = nil) throws -> JourneyResult {
        try read { db in
            let period = try PeriodResolution.resolve(filters, defaultDays: defaultDays, db: db)
            var cells: [String: JourneyCell] = [:]
            var volume: [String: Int] = [:]
            var phaseDocs: [String: (count: Int, meanSentiment: Double)] = [:]
            var best: [String: (String, Int)] = [:]
            var painTotals: [String: Int] = [:]
            func addCell(_ phase: String, _ tp: String, _ n: Int, _ sum: Double) {
                guard n > 0 else { return }
                cells[phase + "\u{1F}" + tp] = JourneyCell(phase: phase, touchpoint: tp, documents: n, meanSentiment: sum / Double(n),
                                                           painPoints: 0, topPainPoint: nil, topPainCount: 0)
                volume[tp, default: 0] += n
            }
            func addPain(_ phase: String, _ tp: String, _ phrase: String, _ n: Int) {
                let k = phase + "\u{1F}" + tp
                guard n > 0, cells[k] != nil else { return }
                painTotals[k, default: 0] += n
                if let b = best[k], (b.1, phrase) >= (n, b.0) { return }
                best[k] = (phrase, n)
            }
            // Without source, channel, topic or touchpoint filters, the per-day rollups answer (a few rows per day
            // instead of one per document); otherwise the document tables do.
            if filters.sources.isEmpty, filters.channels.isEmpty, filters.topics.isEmpty, filters.touchpoints.isEmpty {
                var f = SQLFilter()
                if let p = period { f.add("day BETWEEN ? AND ?", [p.start, p.end]) }
                f.addIn("phase", filters.phases)
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT phase, touchpoint, sum(documents), total(sentiment_sum) FROM journey_daily\(f.sql) GROUP BY phase, touchpoint
                    """, arguments: f.arguments)
                while let r = try rows.next() {
                    let phase: String = r[0], tp: String = r[1], n: Int = r[2], sum: Double = r[3]
                    if tp.isEmpty { if n > 0 { phaseDocs[phase] = (n, sum / Double(n)) } } else { addCell(phase, tp, n, sum) }
                }
                // All time: the totals (one row per cell and phrase) instead of summing every day's row.
                let pains = period == nil
                    ? try Row.fetchCursor(db, sql: """
                        SELECT phase, touchpoint, phrase, mentions FROM journey_pain_total\(f.sql)
                        """, arguments: f.arguments)
                    : try Row.fetchCursor(db, sql: """
                        SELECT phase, touchpoint, phrase, sum(mentions) FROM journey_pain_daily\(f.sql) GROUP BY phase, touchpoint, phrase
                        """, arguments: f.arguments)
                while let r = try pains.next() { addPain(r[0], r[1], r[2], r[3]) }
            } else {
                let tf = SQLFilter(filters, table: .touchpoints, days: period)
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT t.phase, t.touchpoint, count(*), total(t.sentiment) FROM document_touchpoints t\(tf.sql) GROUP BY t.phase, t.touchpoint
                    """, arguments: tf.arguments)
                while let r = try rows.next() { addCell(r[0], r[1], r[2], r[3]) }
                let pf = SQLFilter(filters, table: .painPoints, days: period)
                let pains = try Row.fetchCursor(db, sql: """
                    SELECT p.phase, p.touchpoint, p.phrase, count(*)
                    FROM pain_points p\(pf.sql)\(pf.clauses.isEmpty ? " WHERE" : " AND") p.touchpoint IS NOT NULL
                    GROUP BY p.phase, p.touchpoint, p.phrase
                    """, arguments: pf.arguments)
                while let r = try pains.next() { addPain(r[0], r[1], r[2], r[3]) }
                let df = SQLFilter(filters, table: .documents, days: period)
                for r in try Row.fetchAll(db, sql: "SELECT d.phase, count(*), total(d.sentiment) FROM documents d\(df.sql) GROUP BY d.phase",
                                          arguments: df.arguments) {
                    let n: Int = r[1]
                    phaseDocs[r[0]] = (n, (r[2] as Double) / Double(max(n, 1)))
                }
            }
            for (k, n) in painTotals { cells[k]!.painPoints = n }
            var surface: [String: String] = [:]
            for (k, b) in best {
                if surface[b.0] == nil {
                    surface[b.0] = try String.fetchOne(db, sql: "SELECT phrase_surface FROM pain_points WHERE phrase = ? LIMIT 1",
                                                       arguments: [b.0]) ?? b.0
                }
                cells[k]!.topPainPoint = surface[b.0]
                cells[k]!.topPainCount = b.1
            }
            let known = JourneyPhase.allCases.map(\.rawValue)
            let seen = Set(cells.values.map(\.phase)).union(phaseDocs.keys)
            let phases = known.filter(seen.contains) + seen.subtracting(known).sorted()
            let touchpoints = volume.keys.sorted { (volume[$0]!, $1) > (volume[$1]!, $0) }
            return JourneyResult(period: period, phases: phases, touchpoints: touchpoints,
                                 cells: cells.values.sorted { ($0.phase, $0.touchpoint) < ($1.phase, $1.touchpoint) },
                                 phaseDocuments: phaseDocs)
        }
    }
}
