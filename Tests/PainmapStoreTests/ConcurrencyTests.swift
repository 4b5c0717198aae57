import Foundation
import GRDB
import XCTest
@testable import PainmapStore

final class ConcurrencyTests: XCTestCase {
    /// Queries from another connection run while an ingest writes, and only ever see whole batches.
    func testQueriesWhileAnIngestWrites() throws {
        let dir = TempDir()
        var csv = "id,text,date\n"
        for i in 0..<12_000 { csv += "\(i),parcel \(i) is late,2026-0\(1 + i % 6)-1\(i % 10)\n" }
        let file = dir.file("big.csv", csv)
        let path = dir.path + "/c.sqlite"
        let writerStore = try PainmapStore(path: path)
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var summary: IngestSummary?; var error: Error? }
        let box = Box()
        let ingester = Ingester(store: writerStore, versions: FakeAnalysis.versions, workers: 1) { _, t in
            usleep(50)   // slow enough that the reader catches the ingest half way
            return FakeAnalysis.analyze(t)
        }
        Thread {
            var o = IngestOptions()
            o.batchSize = 500
            do { box.summary = try ingester.ingest(path: file, options: o) } catch { box.error = error }
            done.signal()
        }.start()
        let reader = try PainmapStore(path: path)
        var seen: [Int] = []
        var finished = false
        while !finished {
            finished = done.wait(timeout: .now() + .milliseconds(20)) == .success
            let (docs, stored) = try reader.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM documents")!,
                 try Int.fetchOne(db, sql: "SELECT coalesce(sum(rows_stored), 0) FROM imports")!)
            }
            XCTAssertEqual(docs, stored, "a snapshot holds whole batches with their counts")
            XCTAssertEqual(docs % 500, 0, "only whole batches are visible")
            _ = try reader.top(by: .phrase, defaultDays: nil)
            _ = try reader.stats()
            seen.append(docs)
        }
        XCTAssertNil(box.error)
        XCTAssertEqual(box.summary?.stored, 12_000)
        XCTAssertEqual(seen, seen.sorted(), "counts never go back")
        XCTAssertTrue(seen.contains { $0 > 0 && $0 < 12_000 }, "a query ran during the ingest: \(seen)")
        XCTAssertEqual(try reader.stats().documents, 12_000)
    }
}
