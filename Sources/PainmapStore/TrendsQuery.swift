import GRDB

public enum TrendInterval: String, CaseIterable, Sendable {
    case day, week, month

    /// The first day of the bucket holding `day` (weeks start on Monday).
    public func bucketStart(_ day: Int) -> Int {
        switch self {
        case .day: return day
        case .week:
            let weekday = ((day + 3) % 7 + 7) % 7   // 1970-01-01 was a Thursday: Monday = 0
            return day - weekday
        case .month:
            let (y, m, _) = DateParser.civilFromDays(day)
            return DateParser.daysFromCivil(y, m, 1)
        }
    }

    /// The first day of the bucket after the one starting at `start`.
    public func next(_ start: Int) -> Int {
        switch self {
        case .day: return start + 1
        case .week: return start + 7
        case .month:
            let (y, m, _) = DateParser.civilFromDays(start)
            return m == 12 ? DateParser.daysFromCivil(y + 1, 1, 1) : DateParser.daysFromCivil(y, m + 1, 1)
        }
    }

    public func label(_ start: Int) -> String {
        switch self {
        case .day, .week: return DateParser.isoDay(start)
        case .month: return String(DateParser.isoDay(start).prefix(7))
        }
    }
}

public enum TrendDimension: String, CaseIterable, Sendable { case topic, phase, touchpoint, sentiment }

public struct TrendSeries: Sendable, Hashable {
    public var key: String
    /// Documents per bucket.
    public var counts: [Int]
    /// Mean sentiment per bucket (nil where there were no documents).
    public var meanSentiment: [Double?]
    public var total: Int { counts.reduce(0, +) }
}

public struct TrendResult: Sendable {
    public var interval: TrendInterval
    public var dimension: TrendDimension
    public var period: Period?
    /// First day of each bucket.
    public var buckets: [Int]
    public var labels: [String] { buckets.map(interval.label) }
    /// The largest series first (for sentiment: negative, neutral, positive).
    public var series: [TrendSeries]
    /// All documents per bucket (with the filters), and their mean sentiment.
    public var all: TrendSeries
}

extension PainmapStore {
    /// Time series of document volume and mean sentiment per topic, phase, touchpoint or sentiment label.
    /// `top` keeps the largest series (0: all). Undated documents are left out.
    public func trends(every interval: TrendInterval, by dim: TrendDimension, filters: QueryFilters = QueryFilters(),
                       top: Int = 8) throws -> TrendResult {
        try read { db in
            let period = try PeriodResolution.resolve(filters, defaultDays: nil, db: db)
            let table: FactTable = dim == .touchpoint ? .touchpoints : .documents
            let key: String
            switch dim {
            case .topic: key = "d.topic"
            case .phase: key = "d.phase"
            case .touchpoint: key = "t.touchpoint"
            case .sentiment: key = "d.sentiment_label"
            }
            var f = SQLFilter(filters, table: table, days: period)
            if period == nil { f.clauses.append("\(table.alias).day IS NOT NULL") }
            let groupOrder = dim == .sentiment ? "\(table.alias).day, \(key)" : "\(key), \(table.alias).day"
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(key) AS k, \(table.alias).day AS day, count(*) AS n, total(\(table.alias).sentiment) AS s
                FROM \(table.name) \(table.alias)\(f.sql) GROUP BY \(groupOrder)
                """, arguments: f.arguments)
            var allFilter = SQLFilter(filters, table: .documents, days: period)
            if period == nil { allFilter.clauses.append("d.day IS NOT NULL") }
            let allRows = try Row.fetchAll(db, sql: """
                SELECT d.day AS day, count(*) AS n, total(d.sentiment) AS s FROM documents d\(allFilter.sql) GROUP BY d.day
                """, arguments: allFilter.arguments)
            // Buckets from the first to the last day.
            let days = allRows.map { $0["day"] as Int } + rows.map { $0["day"] as Int }
            guard let first = period?.start ?? days.min(), let last = period?.end ?? days.max() else {
                return TrendResult(interval: interval, dimension: dim, period: period, buckets: [], series: [],
                                   all: TrendSeries(key: "all", counts: [], meanSentiment: []))
            }
            var buckets: [Int] = []
            var b = interval.bucketStart(first)
            while b <= last, buckets.count < 100_000 { buckets.append(b); b = interval.next(b) }
            var index: [Int: Int] = [:]
            for (i, s) in buckets.enumerated() { index[s] = i }
            func slot(_ day: Int) -> Int? { index[interval.bucketStart(day)] }

            var counts: [String: [Int]] = [:]
            var sums: [String: [Double]] = [:]
            for r in rows {
                let k: String = r["k"] ?? "(none)"
                guard let i = slot(r["day"]) else { continue }
                if counts[k] == nil { counts[k] = Array(repeating: 0, count: buckets.count); sums[k] = Array(repeating: 0, count: buckets.count) }
                counts[k]![i] += r["n"] as Int
                sums[k]![i] += r["s"] as Double
            }
            func series(_ k: String, _ c: [Int], _ s: [Double]) -> TrendSeries {
                TrendSeries(key: k, counts: c, meanSentiment: zip(c, s).map { $0 > 0 ? $1 / Double($0) : nil })
            }
            var list = counts.keys.map { series($0, counts[$0]!, sums[$0]!) }
            if dim == .sentiment {
                let order = ["negative", "neutral", "positive"]
                list.sort { (order.firstIndex(of: $0.key) ?? 9, $0.key) < (order.firstIndex(of: $1.key) ?? 9, $1.key) }
            } else {
                list.sort { ($0.total, $1.key) > ($1.total, $0.key) }
                if top > 0 { list = Array(list.prefix(top)) }
            }
            var allCounts = Array(repeating: 0, count: buckets.count)
            var allSums = Array(repeating: 0.0, count: buckets.count)
            for r in allRows {
                guard let i = slot(r["day"]) else { continue }
                allCounts[i] += r["n"] as Int
                allSums[i] += r["s"] as Double
            }
            return TrendResult(interval: interval, dimension: dim, period: period, buckets: buckets, series: list,
                               all: series("all", allCounts, allSums))
        }
    }
}
