import Foundation
import GRDB

/// An error the store reports to people: what went wrong, in their terms.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The painmap database: a SQLite file in WAL mode (queries read while an ingest writes), migrated on open.
///
/// Files open as a `DatabasePool`: one writer, concurrent readers, each reading a committed snapshot.
/// `inMemory()` gives a `DatabaseQueue` for tests.
public final class PainmapStore: Sendable {
    public let writer: any DatabaseWriter
    /// The file, or nil for an in-memory store.
    public let path: String?

    /// The default file name, in the current folder.
    public static let defaultPath = "painmap.sqlite"

    /// Opens (creating if needed, unless `mustExist`) the store at `path` and brings its schema up to date.
    public init(path: String, mustExist: Bool = false) throws {
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw StoreError("no painmap database at \(path): run `painmap ingest FILE --db \(path)` first")
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw StoreError("\(path) is a folder, not a database file")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: PainmapStore.configuration())
            try Schema.migrator.migrate(pool)
            writer = pool
        } catch let e as DatabaseError {
            throw StoreError("cannot open \(path): \(e.message ?? e.description)")
        }
        self.path = path
    }

    /// A private in-memory store (tests, dry runs).
    public init(inMemory: Void = ()) throws {
        let queue = try DatabaseQueue(configuration: PainmapStore.configuration())
        try Schema.migrator.migrate(queue)
        writer = queue
        path = nil
    }

    public static func inMemory() throws -> PainmapStore { try PainmapStore(inMemory: ()) }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another process writing (a second ingest) makes us wait rather than fail.
        config.busyMode = .timeout(30)
        config.maximumReaderCount = 4
        config.prepareDatabase { db in
            // WAL + NORMAL: a commit survives a killed process; only a power cut may lose the last
            // transactions, and the file stays consistent either way.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The writer keeps 32 MiB of pages: index inserts land all over large indexes. A reader mostly
            // streams through an index once, where a big cache only costs fresh memory to fault in
            // (a fifth of `painmap top`'s time on 1M documents): 4 MiB.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -4096" : "PRAGMA cache_size = -32768")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // After a checkpoint, shrink the WAL file back to at most 64 MiB (a large batch can grow it).
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            if PainmapStore.profilesSQL { PainmapStore.profile(db) }
        }
        return config
    }

    /// `PAINMAP_SQL_PROFILE=1` prints each statement's wall time and SQL to stderr: where a slow query
    /// spends its time, without a debugger (statements with bound values shown as `?`).
    static let profilesSQL = ProcessInfo.processInfo.environment["PAINMAP_SQL_PROFILE"].map { !$0.isEmpty && $0 != "0" } ?? false

    private static func profile(_ db: Database) {
        db.trace(options: .profile) { event in
            guard case let .profile(statement, duration) = event else { return }
            let sql = statement.sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            FileHandle.standardError.write(Data("painmap: sql \(String(format: "%8.1f", duration * 1000)) ms  \(sql)\n".utf8))
        }
    }

    /// Reads with a snapshot of the committed data.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// Folds the WAL back into the main file (after a large ingest), without blocking readers for long.
    public func checkpoint() {
        _ = try? writer.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }
}

/// ISO 8601 UTC timestamps for bookkeeping columns.
enum Clock {
    static func nowISO() -> String {
        var t = time(nil)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(tmv.tm_year) + 1900, Int(tmv.tm_mon) + 1, Int(tmv.tm_mday),
                      Int(tmv.tm_hour), Int(tmv.tm_min), Int(tmv.tm_sec))
    }
}
