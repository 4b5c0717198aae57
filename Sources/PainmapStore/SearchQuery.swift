import GRDB

public struct SearchHit: Sendable, Hashable {
    public var id: Int64
    public var source: String
    public var externalID: String?
    public var channel: String?
    public var createdAt: String?
    public var topic: String
    public var phase: String
    public var sentiment: Double
    /// The matching passage, with matches between the markers given.
    public var snippet: String
}

extension PainmapStore {
    /// Full-text search (FTS5, Porter-stemmed: "crash" finds "crashed"), best matches first. `query` uses
    /// FTS5 syntax ("app crash", delivery NOT parcelgo, refund*); text that is not valid FTS5 syntax is searched
    /// as plain words.
    public func search(_ query: String, filters: QueryFilters = QueryFilters(), limit: Int = 20,
                       markers: (String, String) = ("[", "]")) throws -> [SearchHit] {
        try read { db in
            let period = try PeriodResolution.resolve(filters, defaultDays: nil, db: db)
            // fewRows: each hit's document row is read anyway, so source and channel are tested on it.
            let f = SQLFilter(filters, table: .documents, days: filters.since == nil && filters.until == nil ? nil : period, fewRows: true)
            func run(_ q: String) throws -> [SearchHit] {
                try Row.fetchAll(db, sql: """
                    SELECT d.id, d.source, d.external_id, d.channel, d.created_at, d.topic, d.phase, d.sentiment,
                           snippet(documents_fts, 0, ?, ?, '…', 24) AS snip
                    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                    WHERE documents_fts MATCH ?\(f.andSQL)
                    ORDER BY documents_fts.rank, d.id LIMIT ?
                    """, arguments: StatementArguments([markers.0, markers.1, q] + f.values + [limit])).map { r in
                    SearchHit(id: r["id"], source: r["source"], externalID: r["external_id"], channel: r["channel"],
                              createdAt: r["created_at"], topic: r["topic"], phase: r["phase"], sentiment: r["sentiment"],
                              snippet: r["snip"] ?? "")
                }
            }
            do {
                return try run(query)
            } catch let e as DatabaseError where e.resultCode == .SQLITE_ERROR {
                return try run(SearchSyntax.plainWords(query))
            }
        }
    }
}

enum SearchSyntax {
    /// Each word as a quoted FTS5 string, so no character has a meaning: `don't "stop` -> `"don't" """stop"`.
    static func plainWords(_ q: String) -> String {
        let words = q.split(whereSeparator: { $0.isWhitespace })
        if words.isEmpty { return "\"\"" }
        return words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }
}
