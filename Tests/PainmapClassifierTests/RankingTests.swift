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
}
