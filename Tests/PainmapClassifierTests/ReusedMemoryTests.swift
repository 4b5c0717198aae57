import XCTest
@testable import PainmapClassifier

/// Training reuses memory (weight sets written over, temperature data refilled): the results must be those
/// of fresh memory, bit for bit.
final class ReusedMemoryTests: XCTestCase {
    func model() throws -> NaiveBayesModel {
        let v = try Vectorizer(resources: Fixture.resources, options: NaiveBayesParameters().featureOptions)
        var docs = v.makeDocuments(), labels = LabelSet()
        for (t, l) in Fixture.tickets + Fixture.tickets { docs.append(v.trainingVectors([t])[0], label: labels.add(l)) }
        var p = NaiveBayesParameters()
        p.minDocumentFrequency = 1
        let m = NaiveBayesModel(parameters: p, features: v.features)
        try m.fit(docs, labels: labels)
        return m
    }

    func testWeightsWrittenOverOldOnesAreAFreshBuild() throws {
        let m = try model()
        var reused = NaiveBayesWeights()
        // Each set written over the previous one, of the other variant and alpha too.
        for (alpha, variant) in [(1.0, NaiveBayesVariant.complement), (0.01, .multinomial), (0.3, .complement), (0.1, .multinomial)] {
            m.makeWeights(alpha: alpha, variant: variant, into: &reused)
            let fresh = m.makeWeights(alpha: alpha, variant: variant)
            XCTAssertEqual(reused.cells.map(\.delta.bitPattern), fresh.cells.map(\.delta.bitPattern))
            XCTAssertEqual(reused.cells.map(\.cls), fresh.cells.map(\.cls))
            XCTAssertEqual(reused.base, fresh.base)
            XCTAssertEqual(reused.dense, fresh.dense)
            XCTAssertEqual(reused.records.map(\.base), fresh.records.map(\.base))
            XCTAssertEqual(reused.records.map(\.info), fresh.records.map(\.info))
            XCTAssertEqual(reused.classConstant, fresh.classConstant)
            XCTAssertEqual(reused.classScale, fresh.classScale)
            XCTAssertEqual(reused.prior, fresh.prior)
        }
    }

    func testRefillKeepsNoOldValuesAndResizes() {
        var a = [Int](0..<100)
        refill(&a, count: 10) { for i in $0.indices { $0[i] = -i } }
        XCTAssertEqual(a, (0..<10).map { -$0 })
        refill(&a, count: 40) { for i in $0.indices { $0[i] = 2 * i } }
        XCTAssertEqual(a, (0..<40).map { 2 * $0 })
        var empty: [Int] = []
        refill(&empty, count: 3) { for i in $0.indices { $0[i] = 7 } }
        XCTAssertEqual(empty, [7, 7, 7])
    }

    func testTemperatureDataRefilledFitsAsNew() {
        var rng = SplitMix64(seed: 7)
        func scores(_ n: Int) -> [(scores: [Double], truth: Int)] {
            (0..<n).map { _ in
                var s = (0..<5).map { _ in Double(rng.next() % 1000) / 37 }
                if rng.next() % 4 == 0 { s[Int(rng.next() % 5)] = -.infinity }
                let truth = s.indices.first { s[$0].isFinite }!
                return (s, truth)
            }
        }
        let a = scores(600), b = scores(900)
        let data = TemperatureData(a)
        let first = NaiveBayesModel.fitTemperature(data, workers: 2)
        data.removeAll()
        data.append(b)
        XCTAssertEqual(first, NaiveBayesModel.fitTemperature(a, workers: 1))
        XCTAssertEqual(NaiveBayesModel.fitTemperature(data, workers: 2), NaiveBayesModel.fitTemperature(TemperatureData(b), workers: 1))
    }
}
