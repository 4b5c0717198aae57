import XCTest
@testable import PainmapClassifier

/// The C scoring and explanation kernels against the formulas they implement, written out plainly here:
/// a model with dense rows (a word every class has seen) and sparse ones (words of one or two classes),
/// repeated words (sublinear TF), IDF and length normalization, in both variants (the complement one has
/// g(f), the multinomial one not).
final class ExplanationKernelTests: XCTestCase {
    /// 20 classes: each has its own word, shares a word with its neighbour, and every class has "common".
    func model(_ variant: NaiveBayesVariant) throws -> (NaiveBayesModel, FeatureSpace) {
        var p = Fixture.plain(variant, alpha: 0.5)
        p.idf = true
        p.sublinearTF = true
        p.lengthNormalization = true
        var docs: [(words: String, label: String)] = []
        for k in 0..<20 {
            docs.append(("own\(k) own\(k) common pair\(k / 2)", "c\(k)"))
            docs.append(("own\(k) common common pair\(k / 2) other\(k % 3)", "c\(k)"))
        }
        let features = FeatureSpace()
        let (vectors, labels) = Fixture.vectors(docs, features: features)
        let m = NaiveBayesModel(parameters: p, features: features)
        try m.fit(vectors, labels: labels)
        return (m, features)
    }

    /// x_f idf_f T (w(f, label) - w(f, versus)) for every feature, the positive ones largest first.
    func reference(_ m: NaiveBayesModel, _ v: SparseVector, label: Int, versus: Int, top: Int) -> [FeatureContribution] {
        var x: [Double] = []
        m.weights.transform.weigh(ids: v.ids[...], counts: v.values[...], into: &x)
        var all: [FeatureContribution] = []
        for (i, id) in v.ids.enumerated() where x[i] != 0 {
            let scale = Double(m.weights.transform.featureScale[Int(id)])
            let w = x[i] * scale * m.scoringTemperature * (m.weight(feature: id, class: label) - m.weight(feature: id, class: versus))
            if w > 0 { all.append(FeatureContribution(feature: id, weight: w)) }
        }
        all.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.feature < $1.feature) }
        return Array(all.prefix(top))
    }

    func testExplanationsMatchTheFormulaWithDenseAndSparseRows() throws {
        for variant in NaiveBayesVariant.allCases {
            let (m, f) = try model(variant)
            XCTAssertGreaterThan(m.weights.dense.count, 0, "the test needs a dense row")
            var buffer = ScoringBuffer()
            for text in ["own3 own3 common pair1", "own7 pair3 other1 common common", "own12 own13 pair6", "common"] {
                let v = Fixture.vector(text, features: f)
                let (p, got) = m.predict(v, top: 2, explain: 6, buffer: &buffer)
                let want = reference(m, v, label: p.label, versus: p.ranking[1].label, top: 6)
                if text != "common" { XCTAssertFalse(got.isEmpty, "\(variant) \(text): nothing explained") }
                XCTAssertEqual(got.map(\.feature), want.map(\.feature), "\(variant) \(text)")
                for (g, w) in zip(got, want) { XCTAssertEqual(g.weight, w.weight, accuracy: 1e-9 * max(1, abs(w.weight))) }
                // The scores the kernel summed: prior + s(c) (sum_f x_f g + k(c) sum_f x_f + sum_f x_f d(f,c)).
                let scores = m.scores(v, buffer: &buffer)
                var x: [Double] = []
                m.weights.transform.weigh(ids: v.ids[...], counts: v.values[...], into: &x)
                for c in 0..<m.classes.count {
                    var s = m.weights.prior[c]
                    for (i, id) in v.ids.enumerated() where x[i] != 0 {
                        s += x[i] * Double(m.weights.transform.featureScale[Int(id)]) * m.weight(feature: id, class: c)
                    }
                    XCTAssertEqual(scores[c], s, accuracy: 1e-6 * max(1, abs(s)), "\(variant) \(text) class \(c)")
                }
            }
        }
    }
}
