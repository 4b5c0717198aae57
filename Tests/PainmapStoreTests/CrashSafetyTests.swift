import Foundation
import GRDB
import XCTest
@testable import PainmapStore

/// kill -9 of a child `painmap ingest` half way, then the same command again.
final class CrashSafetyTests: XCTestCase {
    /// The `painmap` executable built beside this test bundle, if there is one.
    func painmapBinary() -> String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("painmap").path
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// Documents committed so far, read without migrating or writing (nil while the child creates the file).
    func committedDocuments(_ path: String) -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(1)
        guard let q = try? DatabaseQueue(path: path, configuration: config) else { return nil }
        return try? q.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") }
    }

    func run(_ binary: String, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    func testKillNineMidIngestThenRerunStoresEveryRowOnce() throws {
        guard let binary = painmapBinary() else { throw XCTSkip("the painmap binary is not built beside the tests") }
        let dir = TempDir()
        let rows = 12_000
        var csv = "Ticket ID,Subject,Description,Created at,Channel\n"
        for i in 0..<rows {
            csv += "\(i),Order \(i),\"My parcel \(i) is late again, still waiting.\nSecond line.\",2026-0\(1 + i % 9)-1\(i % 10) 10:00:00,email\n"
        }
        let file = dir.file("tickets.csv", csv)
        let db = dir.path + "/crash.sqlite"
        let args = ["ingest", file, "--db", db, "--batch-size", "200", "--jobs", "1", "-q"]
        let child = try run(binary, args)
        // Wait for a first committed batch, then kill without warning.
        let deadline = Date().addingTimeInterval(120)
        var before = 0
        while Date() < deadline, child.isRunning {
            if let n = committedDocuments(db), n > 0 {
                before = n
                break
            }
            usleep(5_000)
        }
        guard child.isRunning else { throw XCTSkip("the ingest finished before it could be killed") }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)

        let store = try PainmapStore(path: db)
        XCTAssertEqual(try store.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }, "ok")
        let afterKill = try count(store, "SELECT count(*) FROM documents")
        XCTAssertGreaterThanOrEqual(afterKill, before)
        XCTAssertLessThan(afterKill, rows)
        XCTAssertEqual(afterKill % 200, 0, "whole batches only")
        XCTAssertEqual(try count(store, "SELECT rows_stored FROM imports WHERE id = 1"), afterKill, "the import's counts commit with its rows")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents_fts"), afterKill)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM pain_points WHERE document_id NOT IN (SELECT id FROM documents)"), 0)

        let rerun = try run(binary, args)
        rerun.waitUntilExit()
        XCTAssertEqual(rerun.terminationStatus, 0)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents"), rows)
        XCTAssertEqual(try count(store, "SELECT count(DISTINCT external_id) FROM documents"), rows)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'parcel'"), rows)
        XCTAssertEqual(try count(store, "SELECT rows_duplicate FROM imports WHERE id = 2"), afterKill)
        XCTAssertEqual(try count(store, "SELECT rows_stored FROM imports WHERE id = 2"), rows - afterKill)
        XCTAssertEqual(try store.read { db in try String.fetchAll(db, sql: "SELECT status FROM imports ORDER BY id") }, ["interrupted", "complete"])
    }
}
