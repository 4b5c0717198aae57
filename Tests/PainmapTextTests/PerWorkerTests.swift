import XCTest
@testable import PainmapText

final class PerWorkerTests: XCTestCase {
    final class Counter { var uses = 0 }

    func testAWorkerRenewsOnlyItsOwnStateAndOnlyWhenWorn() throws {
        var made = 0
        let workers = try PerWorker(workers: 2) { () -> Counter in made += 1; return Counter() }
        XCTAssertEqual(made, 2)
        let first = workers[0]
        for _ in 0..<3 { workers.current(0) { $0.uses >= 3 }.uses += 1 }
        XCTAssertTrue(workers[0] === first, "not worn yet: the same state")
        let renewed = workers.current(0) { $0.uses >= 3 }
        XCTAssertFalse(renewed === first, "worn: made anew")
        XCTAssertEqual(renewed.uses, 0)
        XCTAssertEqual(made, 3)
        XCTAssertTrue(workers[0] === renewed, "the new state stays")
        XCTAssertEqual(workers[1].uses, 0, "the other worker's state is untouched")
    }

    func testAFreshAnalyzerGivesTheSameAnalysisAsAWornOne() throws {
        let resources = try TextResources.load()
        let worn = try Analyzer(resources: resources)
        for i in 0..<2_000 { _ = worn.analyze("order zq\(i)x never arrived, Mr Qx\(i) ignored me") }
        let fresh = try Analyzer(resources: resources)
        let text = "My parcel never arrived and the app crashes :( #fail"
        let a = worn.analyze(text), b = fresh.analyze(text)
        XCTAssertEqual(a.tokens.map { worn.vocabulary.string($0.form) }, b.tokens.map { fresh.vocabulary.string($0.form) })
        XCTAssertEqual(a.tokens.map(\.span), b.tokens.map(\.span))
        XCTAssertGreaterThan(worn.vocabulary.count, fresh.vocabulary.count)
    }

    func testStatesMadeConcurrentlyAreOnePerWorkerAndErrorsSurface() throws {
        let workers = try PerWorker(workers: 4, concurrently: true) { Counter() }
        let states = (0..<4).map { workers[$0] }
        for a in 0..<4 { for b in (a + 1)..<4 { XCTAssertFalse(states[a] === states[b], "workers \(a) and \(b) share a state") } }
        struct Failure: Error {}
        XCTAssertThrowsError(try PerWorker(workers: 3, concurrently: true) { () -> Counter in throw Failure() })
    }
}
