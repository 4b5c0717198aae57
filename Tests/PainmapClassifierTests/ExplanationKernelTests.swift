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

    /// Predicts `v` and checks the explanations against `reference` and the scores the kernel summed against
    /// prior + s(c) (sum_f x_f g + k(c) sum_f x_f + sum_f x_f d(f,c)). Returns how many features were explained.
    @discardableResult
    func assertKernelsMatchTheFormulas(_ m: NaiveBayesModel, _ v: SparseVector, explain: Int, buffer: inout ScoringBuffer,
                                       _ what: String, line: UInt = #line) -> Int {
        let (p, got) = m.predict(v, top: 2, explain: explain, buffer: &buffer)
        let want = reference(m, v, label: p.label, versus: p.ranking[1].label, top: explain)
        XCTAssertEqual(got.map(\.feature), want.map(\.feature), what, line: line)
        for (g, w) in zip(got, want) { XCTAssertEqual(g.weight, w.weight, accuracy: 1e-9 * max(1, abs(w.weight)), what, line: line) }
        let scores = m.scores(v, buffer: &buffer)
        var x: [Double] = []
        m.weights.transform.weigh(ids: v.ids[...], counts: v.values[...], into: &x)
        for c in 0..<m.classes.count {
            var s = m.weights.prior[c]
            for (i, id) in v.ids.enumerated() where x[i] != 0 {
                s += x[i] * Double(m.weights.transform.featureScale[Int(id)]) * m.weight(feature: id, class: c)
            }
            XCTAssertEqual(scores[c], s, accuracy: 1e-6 * max(1, abs(s)), "\(what) class \(c)", line: line)
        }
        return got.count
    }

    func testExplanationsMatchTheFormulaWithDenseAndSparseRows() throws {
        for variant in NaiveBayesVariant.allCases {
            let (m, f) = try model(variant)
            XCTAssertGreaterThan(m.weights.dense.count, 0, "the test needs a dense row")
            var buffer = ScoringBuffer()
            for text in ["own3 own3 common pair1", "own7 pair3 other1 common common", "own12 own13 pair6", "common"] {
                let v = Fixture.vector(text, features: f)
                let explained = assertKernelsMatchTheFormulas(m, v, explain: 6, buffer: &buffer, "\(variant) \(text)")
                if text != "common" { XCTAssertGreaterThan(explained, 0, "\(variant) \(text): nothing explained") }
            }
        }
    }

    /// Longer documents (4 to 40 distinct features: whole groups of four, partial groups and a tail for the
    /// kernels' vector passes), with repeated words, unknown words and both variants, against the formulas.
    func testLongDocumentsMatchTheFormula() throws {
        var rng = SystemRandomNumberGenerator()
        for variant in NaiveBayesVariant.allCases {
            let (m, f) = try model(variant)
            var buffer = ScoringBuffer()
            let words = (0..<20).map { "own\($0)" } + (0..<10).map { "pair\($0)" } + (0..<3).map { "other\($0)" } + ["common", "unseen"]
            for _ in 0..<50 {
                let text = (0..<Int.random(in: 4...60, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
                let v = Fixture.vector(text, features: f)
                guard v.count > 0 else { continue }
                assertKernelsMatchTheFormulas(m, v, explain: 8, buffer: &buffer, "\(variant) \(text)")
            }
        }
    }

    /// `softmaxInPlace` (the C kernel) gives exactly the bits of `softmax` (the plain Swift loops), with
    /// class counts around the vector width, -infinity scores, and no finite score at all.
    func testSoftmaxKernelMatchesTheSwiftLoopsExactly() {
        var rng = SystemRandomNumberGenerator()
        for n in [1, 2, 3, 4, 5, 7, 8, 9, 77, 100] {
            for trial in 0..<20 {
                var s = (0..<n).map { _ in Double.random(in: -60...20, using: &rng) }
                if trial % 4 == 1 { s[Int.random(in: 0..<n, using: &rng)] = -.infinity }
                if trial % 4 == 2 { s = s.map { _ in -.infinity } }
                if trial % 4 == 3, n > 1 { s[n - 1] = s[0] }   // a tie for the maximum
                let t = Double.random(in: 0.1...3, using: &rng)
                var got = s
                NaiveBayesModel.softmaxInPlace(&got, temperature: t)
                let want = NaiveBayesModel.softmax(s, temperature: t)
                XCTAssertEqual(got.map(\.bitPattern), want.map(\.bitPattern), "n \(n) trial \(trial)")
            }
        }
    }
}
