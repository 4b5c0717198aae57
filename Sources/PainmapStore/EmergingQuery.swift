import GRDB

public struct EmergingRow: Sendable, Hashable {
    public var key: String
    public var label: String
    public var current: Int
    public var previous: Int
    /// The current count expected if the theme had kept its share of the volume.
    public var expected: Double
    /// (current / currentTotal) / (previous / previousTotal); infinite when the theme is new.
    public var rateRatio: Double
    /// One-sided exact binomial p-value of the rise.
    public var pValue: Double
    /// Benjamini-Hochberg q-value over all themes tested.
    public var qValue: Double
    public var significant: Bool
    public var example: String?

    public init(key: String, label: String, current: Int, previous: Int, expected: Double, rateRatio: Double,
                pValue: Double, qValue: Double, significant: Bool, example: String? = nil) {
        self.key = key; self.label = label; self.current = current; self.previous = previous; self.expected = expected
        self.rateRatio = rateRatio; self.pValue = pValue; self.qValue = qValue; self.significant = significant
        self.example = example
    }
}

public struct EmergingResult: Sendable {
    public var dimension: TopDimension
    public var window: Period
    public var previousWindow: Period { window.previous }
    /// Volume (pain points for phrases, documents otherwise) in each window.
    public var currentTotal: Int
    public var previousTotal: Int
    /// Themes with at least the minimum count in the current window.
    public var tested: Int
    public var minCount: Int
    public var alpha: Double
    public var rows: [EmergingRow]
}

extension PainmapStore {
    /// Themes whose volume rose significantly in the current window against the previous window of the
    /// same length (see `Significance`). Themes with fewer than `minCount` mentions in the current window
    /// are not tested. Returns the significant rises (q <= alpha), ranked by p-value, or every theme tested
    /// with `all`.
    public func emerging(by dim: TopDimension, filters: QueryFilters = QueryFilters(), defaultDays: Int = 28, minCount: Int = 5,
                         alpha: Double = 0.05, limit: Int = 20, all: Bool = false) throws -> EmergingResult? {
        try read { db in
            guard let window = try PeriodResolution.resolve(filters, defaultDays: defaultDays, db: db) else { return nil }
            let counts = try TopQuery.aggregate(db, dim: dim, filters: filters, period: window)
            var n1 = counts.reduce(0) { $0 + $1.current }
            var n0 = counts.reduce(0) { $0 + $1.previous }
            if dim == .touchpoint {
                n1 = try TopQuery.documentCount(db, filters: filters, period: window)
                n0 = try TopQuery.documentCount(db, filters: filters, period: window.previous)
            }
            var rows = Significance.rises(counts.map { ($0.key, $0.current, $0.previous) }, currentTotal: n1, previousTotal: n0,
                                          minCount: minCount, alpha: alpha)
            let tested = rows.count
            if !all { rows = rows.filter(\.significant) }
            rows = Array(rows.prefix(limit))
            let (table, _) = TopQuery.table(dim)
            let inWindow = SQLFilter(filters, table: table, days: window, fewRows: true)
            for i in rows.indices {
                var t = TopRow(key: rows[i].key, label: rows[i].key, volume: 0, share: 0, meanSentiment: 0, impact: 0, churn: 0, previous: nil)
                try TopQuery.example(db, dim: dim, row: &t, filter: inWindow)
                rows[i].label = t.label
                rows[i].example = t.example
            }
            return EmergingResult(dimension: dim, window: window, currentTotal: n1, previousTotal: n0, tested: tested, minCount: minCount,
                                  alpha: alpha, rows: rows)
        }
    }
}
