import GRDB

/// The (source, channel) pairs documents come from, as small integers: `document_touchpoints.origin` and
/// `pain_points.origin` hold their document's pair, so that --source and --channel test a column of the fact
/// row (and of the covering indexes that carry it) instead of looking each row's document up in the list of
/// passing documents. See `Schema.v10FactOrigin` for what that measured.
enum Origins {
    /// The id of the `origins` row for (`source`, `channel`), inserting it when new. `channel IS ?`: a NULL
    /// channel is a pair of its own (a UNIQUE constraint would not see two NULLs as equal, so the look-up
    /// comes first; the writer connection is the only one that inserts, inside its transaction).
    static func id(source: String, channel: String?, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM origins WHERE source = ? AND channel IS ? ORDER BY id LIMIT 1",
                                       arguments: [source, channel]) {
            return id
        }
        try db.execute(sql: "INSERT INTO origins (source, channel) VALUES (?, ?)", arguments: [source, channel])
        return db.lastInsertedRowID
    }

    /// Origin ids looked up once per writer transaction: a batch has one source and a few channels.
    struct Cache {
        private var ids: [Key: Int64] = [:]
        private struct Key: Hashable { var source: String; var channel: String? }

        mutating func id(source: String, channel: String?, in db: Database) throws -> Int64 {
            let k = Key(source: source, channel: channel)
            if let id = ids[k] { return id }
            let id = try Origins.id(source: source, channel: channel, in: db)
            ids[k] = id
            return id
        }
    }
}
