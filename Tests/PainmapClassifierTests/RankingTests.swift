import CPainmapKernels
import XCTest
@testable import PainmapClassifier

/// `predict`'s ranking (insertion while filling, partial selection after) is the stable sort of the
/// class probabilities, most probable first, ties in class order.
final class RankingTests: XCTestCase {
    func testRankingIsTheStableSortOfTheProbabilities() throws {
        var p = Fixture.plain()
        p.priors = .uniform
        let features = FeatureSpace()
        let (docs, labels) = Fixture.vectors(Fixture.tickets.map { ($0.0, $0.1) }, features: features)
        let m = NaiveBayesModel(parameters: p, features: features)
        try m.fit(docs, labels: labels)
        // The empty vector gives uniform priors: every class ties.
        for text in Fixture.tickets.map(\.0) + ["", "refund", "zzz unseen"] {
            let v = Fixture.vector(text, features: features)
            var buffer = ScoringBuffer()
            let probs = NaiveBayesModel.softmax(m.scores(v, buffer: &buffer), temperature: m.temperature)
            let expected = probs.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
            for top in [1, 2, m.classes.count] {
                let r = m.predict(v, top: top).ranking
                XCTAssertEqual(r.map(\.label), expected.prefix(top).map(\.offset), "\(text) top \(top)")
                XCTAssertEqual(r.map(\.probability), expected.prefix(top).map(\.element), "\(text) top \(top)")
            }
        }
    }

    /// The C selection (`pm_top_classes`: four classes at a time with AVX2 once its list is full) against the
    /// stable sort, on lists with many ties (values drawn from a few), of every length up to 41 (groups of
    /// four and a tail), for several k.
    func testTopClassesKernelIsTheStableSort() {
        // A fixed pseudo-random sequence (an LCG), so a failure repeats.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func draw(_ n: Int) -> Int { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int(state >> 33) % n }
        let values: [Double] = [0, 0.125, 0.25, 0.25000000000000006, 0.5, 1]
        for n in 0...41 {
            for k in [1, 2, 3, 5, 8] {
                for _ in 0..<20 {
                    let p = (0..<n).map { _ in values[draw(values.count)] }
                    var labels = [Int](repeating: -1, count: k), probs = [Double](repeating: -1, count: k)
                    let count = pm_top_classes(p, n, k, &labels, &probs)
                    let expected = p.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }.prefix(k)
                    XCTAssertEqual(count, min(k, n))
                    XCTAssertEqual(Array(labels.prefix(count)), expected.map(\.offset), "\(p) k \(k)")
                    XCTAssertEqual(Array(probs.prefix(count)), expected.map(\.element), "\(p) k \(k)")
                }
            }
        }
    }
}
