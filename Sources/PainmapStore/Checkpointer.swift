import Dispatch
import Foundation
import GRDB

/// Copies the WAL back into the database file on a connection and thread of its own while an ingest writes.
///
/// Why: SQLite's automatic checkpoint runs on the committing connection, inside the commit. Appending to a
/// store of 1M documents, it took 18% of the writer thread (copying pages, syncing the WAL and the file),
/// and every batch waits for that thread. Here the writer only checks the WAL's size after a commit and
/// hands the copying to the background; a passive checkpoint never blocks the writer or readers.
///
/// A WAL starts again from its beginning only when a write transaction begins with every frame copied,
/// which never happens while a background checkpoint races a busy writer. So once the WAL passes
/// `restartBytes` the writer waits for the background copy and copies the last few frames itself; its next
/// transaction then rewinds the WAL. Checkpoints change nothing that a reader sees and a crash mid-copy
/// is repaired by the next open, as with automatic ones.
final class BackgroundCheckpointer: @unchecked Sendable {
    static let restartBytes: Int64 = 256 << 20

    private let store: PainmapStore
    private let walPath: String
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "painmap.ingest.checkpoint")
    private let lock = NSLock()
    private var scheduled = false

    /// Nil for an in-memory store (no WAL). Turns the writer's automatic checkpoints off until `stop`.
    init?(store: PainmapStore) throws {
        guard let path = store.path else { return nil }
        self.store = store
        walPath = path + "-wal"
        connection = try DatabaseQueue(path: path)
        try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    }

    /// Call on the writing thread after each commit.
    func committed() throws {
        let size = ((try? FileManager.default.attributesOfItem(atPath: walPath)[.size]) as? NSNumber)?.int64Value ?? 0
        if size >= BackgroundCheckpointer.restartBytes {
            queue.sync {}
            try store.writer.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
            return
        }
        lock.lock()
        let idle = !scheduled
        scheduled = true
        lock.unlock()
        guard idle else { return }
        queue.async { [self] in
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            lock.lock(); scheduled = false; lock.unlock()
        }
    }

    /// Waits for the background copy and gives the writer its automatic checkpoints back (SQLite's default).
    func stop() {
        queue.sync {}
        _ = try? store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000") }
    }
}
