import GRDB
import PainmapStore

/// The fact tables the report reads, with the aliases its SQL uses.
enum ReportTable {
    case documents, touchpoints, painPoints

    var name: String {
        switch self {
        case .documents: "documents"
        case .touchpoints: "document_touchpoints"
        case .painPoints: "pain_points"
        }
    }

    var alias: String {
        switch self {
        case .documents: "d"
        case .touchpoints: "t"
        case .painPoints: "p"
        }
    }

    /// "documents d", "pain_points p", ...
    var from: String { "\(name) \(alias)" }
}

/// A WHERE clause with its arguments: the query filters (`QueryFilters`) applied the way the store's queries
/// apply them, so that the report's figures equal `painmap top`, `emerging`, `journey` and `stats`.
/// Values are always bound, never put into the SQL text.
struct ReportFilter {
    private(set) var clauses: [String] = []
    private(set) var values: [(any DatabaseValueConvertible)?] = []

    init() {}

    /// The filters on `table`, restricted to `days` (nil: every day, undated documents included).
    init(_ f: QueryFilters, _ table: ReportTable, days: Period?) {
        let a = table.alias
        if let days { add("\(a).day BETWEEN ? AND ?", [days.start, days.end]) }
        addIn("\(a).phase", f.phases)
        addIn("\(a).topic", f.topics)
        switch table {
        case .documents:
            addIn("d.source", f.sources)
            addIn("d.channel", f.channels)
            if !f.touchpoints.isEmpty {
                var sub = ReportFilter()
                sub.addIn("touchpoint", f.touchpoints)
                add("d.id IN (SELECT document_id FROM document_touchpoints\(sub.whereSQL))", sub.values)
            }
        case .touchpoints, .painPoints:
            addIn("\(a).touchpoint", f.touchpoints)
            if !f.sources.isEmpty || !f.channels.isEmpty {
                var sub = ReportFilter()
                sub.addIn("source", f.sources)
                sub.addIn("channel", f.channels)
                add("\(a).document_id IN (SELECT id FROM documents\(sub.whereSQL))", sub.values)
            }
        }
    }

    mutating func add(_ clause: String, _ args: [(any DatabaseValueConvertible)?] = []) {
        clauses.append(clause)
        values += args
    }

    mutating func addIn(_ column: String, _ list: [String]) {
        guard !list.isEmpty else { return }
        add("\(column) IN (\(Array(repeating: "?", count: list.count).joined(separator: ", ")))", list)
    }

    /// This filter with one more clause.
    func and(_ clause: String, _ args: [(any DatabaseValueConvertible)?] = []) -> ReportFilter {
        var f = self
        f.add(clause, args)
        return f
    }

    /// " WHERE a AND b", or "" without clauses.
    var whereSQL: String { clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ") }

    var arguments: StatementArguments { StatementArguments(values) }

    /// The arguments after `before` (placeholders that come earlier in the SQL).
    func arguments(after before: [(any DatabaseValueConvertible)?], then after: [(any DatabaseValueConvertible)?] = []) -> StatementArguments {
        StatementArguments(before + values + after)
    }
}
