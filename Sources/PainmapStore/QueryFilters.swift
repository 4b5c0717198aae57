import GRDB

/// The filters every query takes. Values are always bound as SQL parameters, never put into SQL text.
public struct QueryFilters: Sendable, Hashable {
    /// First day (days since 1970-01-01 UTC), inclusive.
    public var since: Int?
    /// Last day, inclusive.
    public var until: Int?
    public var sources: [String] = []
    public var channels: [String] = []
    public var phases: [String] = []
    public var touchpoints: [String] = []
    public var topics: [String] = []

    public init(since: Int? = nil, until: Int? = nil, sources: [String] = [], channels: [String] = [], phases: [String] = [],
                touchpoints: [String] = [], topics: [String] = []) {
        self.since = since; self.until = until; self.sources = sources; self.channels = channels.map { $0.lowercased() }
        self.phases = phases; self.touchpoints = touchpoints; self.topics = topics
    }

    /// True when only --since / --until are set.
    public var onlyDates: Bool {
        sources.isEmpty && channels.isEmpty && phases.isEmpty && touchpoints.isEmpty && topics.isEmpty
    }
}

/// A span of days, both ends included.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public var days: Int { end - start + 1 }
    /// The period of the same length just before this one.
    public var previous: Period { Period(start: start - days, end: start - 1) }
    public var description: String { "\(DateParser.isoDay(start))..\(DateParser.isoDay(end))" }
}

/// Which table a query reads, so that filters use the columns it has.
/// The fact tables queries read, with the aliases their SQL uses (public for the report's own queries).
public enum FactTable: Sendable {
    case documents, touchpoints, painPoints

    public var name: String {
        switch self {
        case .documents: "documents"
        case .touchpoints: "document_touchpoints"
        case .painPoints: "pain_points"
        }
    }
    public var alias: String {
        switch self {
        case .documents: "d"
        case .touchpoints: "t"
        case .painPoints: "p"
        }
    }
    public var documentID: String { self == .documents ? "d.id" : "\(alias).document_id" }
    /// "documents d", "pain_points p", ...
    public var from: String { "\(name) \(alias)" }
}

/// A WHERE clause and its arguments, built from filters.
public struct SQLFilter {
    public internal(set) var clauses: [String] = []
    public internal(set) var values: [(any DatabaseValueConvertible)?] = []
    public var arguments: StatementArguments { StatementArguments(values) }

    /// The arguments after `before` (placeholders that come earlier in the SQL), then `after`.
    public func arguments(after before: [(any DatabaseValueConvertible)?], then after: [(any DatabaseValueConvertible)?] = []) -> StatementArguments {
        StatementArguments(before + values + after)
    }

    /// This filter with one more clause.
    public func and(_ clause: String, _ args: [(any DatabaseValueConvertible)?] = []) -> SQLFilter {
        var f = self
        f.add(clause, args)
        return f
    }

    /// " WHERE a AND b", or "" without clauses.
    public var sql: String { clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ") }
    public var andSQL: String { clauses.isEmpty ? "" : " AND " + clauses.joined(separator: " AND ") }

    public mutating func add(_ clause: String, _ args: [(any DatabaseValueConvertible)?] = []) {
        clauses.append(clause)
        values += args
    }

    public mutating func addIn(_ column: String, _ values: [String]) {
        guard !values.isEmpty else { return }
        add("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))", values)
    }

    /// The query filters on `table`, restricted to `days` (nil: every day, undated documents included).
    /// Values are always bound, never put into the SQL text.
    ///
    /// Source and channel live on documents; touchpoints and pain points carry the pair's id in `origins`
    /// (`origin`), which the filter tests against the passing pairs. On documents, over all time, by default
    /// through the list of passing documents, made once per statement (right for a scan over many rows);
    /// `fewRows` tests each document's own columns instead (right for a query that reads a few thousand
    /// rows, such as a search, where making the list would cost more), and so does `originOnRow`, for a query
    /// that reads `documents_by_day`, which carries them (the report's scans). `scanLacksOrigin` takes the list
    /// within a period too, made from the period's range of `documents_by_day`: right for a scan of
    /// `documents_by_topic`, which has the id but neither source nor channel, so that testing the row reads
    /// every document of the period from the table. On 1M documents, the report's 180-day topic counts in
    /// sqlite3: 1.0 -> 0.36 s of CPU with --source, 0.66 -> 0.27 s with --channel; `top --by topic --channel`
    /// 0.6-0.7 -> 0.3-0.4 s of CPU, whole process.
    public init(_ f: QueryFilters, table: FactTable, days: Period?, fewRows: Bool = false, originOnRow: Bool = false,
                scanLacksOrigin: Bool = false) {
        let a = table.alias
        if let days { add("\(a).day BETWEEN ? AND ?", [days.start, days.end]) }
        addIn("\(a).phase", f.phases)
        addIn("\(a).topic", f.topics)
        // The source and channel tests on the columns documents and origins share.
        var origin = SQLFilter()
        origin.addIn("source", f.sources)
        origin.addIn("channel", f.channels)
        switch table {
        case .documents:
            if !origin.clauses.isEmpty, let days, scanLacksOrigin, !fewRows, !originOnRow {
                let sub = origin.and("day BETWEEN ? AND ?", [days.start, days.end])
                add("d.id IN (SELECT id FROM documents INDEXED BY documents_by_day\(sub.sql))", sub.values)
            } else if !origin.clauses.isEmpty && days == nil && !fewRows && !originOnRow {
                // Over all time, through the list of the passing documents' ids (from the covering index
                // on source and channel): the id is in every index, so a query the planner runs on another
                // covering index (by phase, topic or day) reads no table row for the test. Tested on the
                // row, on 1M documents: `journey --channel web` 2.1 -> 1.6 s, `stats --channel` 2.8 ->
                // 1.4 s, `trends --every month --channel` 1.9 -> 0.9 s. Within a period the row test is
                // faster (the day index narrows the rows first; 90-day `top --by topic --channel` 0.51 s
                // against 0.82 s with the list), and so it is for the few rows of a search.
                add("d.id IN (SELECT id FROM documents INDEXED BY documents_by_source\(origin.sql))", origin.values)
            } else {
                addIn("d.source", f.sources)
                addIn("d.channel", f.channels)
            }
            if !f.touchpoints.isEmpty {
                var sub = SQLFilter()
                sub.addIn("touchpoint", f.touchpoints)
                add("d.id IN (SELECT document_id FROM document_touchpoints\(sub.sql))", sub.values)
            }
        case .touchpoints, .painPoints:
            addIn("\(a).touchpoint", f.touchpoints)
            if !origin.clauses.isEmpty {
                // The rows carry their document's (source, channel) pair as `origin` (see `Origins`), and so do
                // the covering indexes: the test is on the row or index entry against the few passing pairs.
                // Through the list of passing documents instead, on 1M documents all time: the figures are in
                // docs/store.md (`report --source` ~20 s before).
                add("\(a).origin IN (SELECT id FROM origins\(origin.sql))", origin.values)
            }
        }
    }

    public init() {}
}

public enum PeriodResolution {
    /// The newest document's day, or nil for an empty store.
    public static func latestDay(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT max(day) FROM documents")
    }

    public static func earliestDay(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT min(day) FROM documents")
    }

    /// The period a query covers: --since/--until when given; else the last `defaultDays` days up to
    /// --until or the newest document. Nil when neither is given and `defaultDays` is nil (all time).
    public static func resolve(_ f: QueryFilters, defaultDays: Int?, db: Database) throws -> Period? {
        if let s = f.since {
            let end = try f.until ?? latestDay(db) ?? s
            return Period(start: s, end: max(s, end))
        }
        if let u = f.until {
            if let d = defaultDays { return Period(start: u - d + 1, end: u) }
            let start = try earliestDay(db) ?? u
            return Period(start: min(start, u), end: u)
        }
        guard let d = defaultDays, let latest = try latestDay(db) else { return nil }
        return Period(start: latest - d + 1, end: latest)
    }
}
