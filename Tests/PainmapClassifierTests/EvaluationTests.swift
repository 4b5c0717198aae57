import XCTest
@testable import PainmapClassifier

final class EvaluationTests: XCTestCase {
    func testMetricsByHand() {
        // truth:     a a a b b c
        // predicted: a a b b c c
        let e = Evaluation(truth: ["a", "a", "a", "b", "b", "c"], predicted: ["a", "a", "b", "b", "c", "c"])
        XCTAssertEqual(e.accuracy, 4.0 / 6, accuracy: 1e-12)
        let pc = Dictionary(uniqueKeysWithValues: e.perClass.map { ($0.label, $0) })
        // a: P 2/2, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 0.5; c: P 1/2, R 1, F1 2/3.
        XCTAssertEqual(pc["a"]!.precision, 1, accuracy: 1e-12)
        XCTAssertEqual(pc["a"]!.recall, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(pc["a"]!.f1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(pc["b"]!.f1, 0.5, accuracy: 1e-12)
        XCTAssertEqual(pc["c"]!.f1, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(pc["a"]!.support, 3)
        XCTAssertEqual(e.macroF1, (0.8 + 0.5 + 2.0 / 3) / 3, accuracy: 1e-12)
        XCTAssertEqual(e.weightedF1, (3 * 0.8 + 2 * 0.5 + 2.0 / 3) / 6, accuracy: 1e-12)
        let worst = e.worstConfusions(5)
        // One mistake each; b -> c is half of b, a -> b a third of a: the larger share first.
        XCTAssertEqual(worst.map { "\($0.truth)>\($0.predicted)" }, ["b>c", "a>b"])
        XCTAssertEqual(worst[0].rate, 1.0 / 2, accuracy: 1e-12)
        XCTAssertEqual(worst[1].rate, 1.0 / 3, accuracy: 1e-12)
    }

    func testPredictionsOutsideTheTruthCountAgainstMacroF1() {
        let e = Evaluation(truth: ["a", "b"], predicted: ["a", "unknown"])
        XCTAssertEqual(e.labels, ["a", "b", "unknown"])
        XCTAssertEqual(e.accuracy, 0.5)
        XCTAssertEqual(e.macroF1, 1.0 / 3, accuracy: 1e-12)   // a 1, b 0, unknown 0
    }

    func testEmpty() {
        let e = Evaluation(truth: [], predicted: [])
        XCTAssertEqual(e.accuracy, 0)
        XCTAssertEqual(e.macroF1, 0)
        XCTAssertEqual(e.worstConfusions(), [])
    }

    func testStratifiedFoldsCoverEveryRowOnceAndKeepTheMix() {
        let labels: [Int32] = Array(repeating: 0, count: 50) + Array(repeating: 1, count: 30) + Array(repeating: 2, count: 7)
        let rows = Array(labels.indices)
        let folds = StratifiedKFold(folds: 5, seed: 1).split(labels: labels, rows: rows)
        XCTAssertEqual(folds.flatMap { $0 }.sorted(), rows)
        for f in folds {
            XCTAssertEqual(f.filter { labels[$0] == 0 }.count, 10)
            XCTAssertEqual(f.filter { labels[$0] == 1 }.count, 6)
            XCTAssertTrue((1...2).contains(f.filter { labels[$0] == 2 }.count))
        }
        // Same seed, same folds; another seed, another shuffle.
        XCTAssertEqual(folds, StratifiedKFold(folds: 5, seed: 1).split(labels: labels, rows: rows))
        XCTAssertNotEqual(folds, StratifiedKFold(folds: 5, seed: 2).split(labels: labels, rows: rows))
    }

    func testCrossValidationNeverPredictsATrainingDocument() throws {
        // Each class is one word repeated; a document whose word occurs nowhere else can only be
        // recognized if it leaked into training. Make every document unique to itself.
        let features = FeatureSpace()
        var docs: [(String, String)] = []
        for i in 0..<20 { docs.append(("shared w\(i)", i % 2 == 0 ? "even" : "odd")) }
        let (vectors, labels) = Fixture.vectors(docs, features: features)
        var p = Fixture.plain(alpha: 1)
        p.minDocumentFrequency = 1
        let cv = try CrossValidation.predictions(vectors, labels: labels, features: features, parameters: p, folds: 4)
        XCTAssertEqual(cv.foldAccuracy.count, 4)
        XCTAssertFalse(cv.predicted.contains(-1))
        // Only "shared" is known at test time and both classes have it equally: the model cannot do
        // better than the prior, so it cannot be right about both classes.
        let e = Evaluation(truth: vectors.labels.map { labels.names[Int($0)] }, predicted: cv.predicted.map { labels.names[$0] })
        XCTAssertLessThanOrEqual(e.accuracy, 0.6)
    }
}
