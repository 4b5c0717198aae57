import XCTest
@testable import PainmapClassifier
import PainmapText

/// Prediction's cached vectorizing must give exactly the general path's vector: same ids, same order.
final class KnownFeatureCacheTests: XCTestCase {
    let texts = Fixture.tickets.map(\.0) + [
        "my card has not arrived, my card has not arrived",   // repeated words and bigrams
        "zyxq unseen wordz and a parcel",                     // forms and bigrams the model never saw
        "refund refund refund #refund @someone 42 http://example.com",
        "",
    ]

    func check(_ p: NaiveBayesParameters, file: StaticString = #filePath, line: UInt = #line) throws {
        let m = try NaiveBayesModel.train(texts: Fixture.tickets.map(\.0), labels: Fixture.tickets.map(\.1),
                                          parameters: p, resources: Fixture.resources, workers: 1)
        let e = try m.vectorizer(resources: Fixture.resources).extractors[0]
        for round in 0..<2 {   // the second round answers from the caches
            for t in texts {
                let doc = e.analyzer.analyze(t)
                let general = e.knownVector(ids: e.ngramIDs(doc), features: m.features)
                XCTAssertEqual(e.knownVectorCached(doc, features: m.features), general, "round \(round): \(t)", file: file, line: line)
                // Prediction's way, without the vector: the same ids and counts.
                var counted = SparseVector()
                e.withKnownCounts(doc, features: m.features) { ids, counts in counted = SparseVector(ids: Array(ids), values: Array(counts)) }
                XCTAssertEqual(counted, general, "withKnownCounts, round \(round): \(t)", file: file, line: line)
            }
        }
    }

    func testMatchesTheGeneralPathWithTheDefaults() throws {
        var p = NaiveBayesParameters()
        p.calibrate = false
        try check(p)
    }

    func testMatchesTheGeneralPathWithTrigramsAndWithoutStopwords() throws {
        var p = NaiveBayesParameters()
        p.calibrate = false
        p.ngramRange = 1...3
        p.removeStopwords = true
        p.charNgramRange = 1...4
        p.minDocumentFrequency = 1
        try check(p)
    }

    func testMatchesTheGeneralPathWithoutCharacterNgrams() throws {
        var p = Fixture.plain()
        p.ngramRange = 1...2
        try check(p)
    }

    func testMatchesTheGeneralPathWithSkipBigrams() throws {
        var p = Fixture.plain()
        p.skipBigrams = true
        try check(p)
    }

    func testForgetsUnknownAnswersWhenTheFeatureSpaceGrows() throws {
        var p = NaiveBayesParameters()
        p.charNgramRange = 2...3
        let features = FeatureSpace()
        let v = try Vectorizer(resources: Fixture.resources, options: p.featureOptions, features: features, workers: 1)
        let e = v.extractors[0]
        let doc = e.analyzer.analyze("card arrived")
        XCTAssertTrue(e.knownVectorCached(doc, features: features).isEmpty)
        let general = e.ngramIDs(doc).map { id in e.analyzer.vocabulary.withBytes(id) { features.add($0) } }
        XCTAssertFalse(general.isEmpty)
        let now = e.knownVectorCached(doc, features: features)
        XCTAssertEqual(now, e.knownVector(ids: e.ngramIDs(doc), features: features))
        XCTAssertEqual(Set(now.ids), Set(general))
    }

    func testPairTableKeepsEveryValueAcrossGrowth() {
        var t = PairTable()
        for i in 0..<5000 { t.insert(UInt64(i) << 32 | UInt64(i * 7), UInt32(i)) }
        t.insert(3 << 32 | 21, 99)   // overwrite
        XCTAssertEqual(t.count, 5000)
        XCTAssertEqual(t.value(3 << 32 | 21), 99)
        for i in [0, 1, 4095, 4999] where i != 3 { XCTAssertEqual(t.value(UInt64(i) << 32 | UInt64(i * 7)), UInt32(i)) }
        XCTAssertNil(t.value(1 << 32 | 8))
    }
}

/// The ASCII shortcut for cutting a word's character n-grams gives the scalar path's names in its order.
final class CharacterNgramTests: XCTestCase {
    func names(_ word: String, _ sizes: ClosedRange<Int>, ascii: Bool) -> [String] {
        var out: [String] = []
        Array(word.utf8).withUnsafeBufferPointer { bytes in
            let add: (UnsafeBufferPointer<UInt8>) -> Void = { out.append(String(decoding: $0, as: UTF8.self)) }
            if ascii { FeatureExtractor.asciiCharacterNgrams(of: bytes, sizes, add) }
            else { FeatureExtractor.scalarCharacterNgrams(of: bytes, sizes, add) }
        }
        return out
    }

    func testASCIIPathMatchesTheScalarPath() {
        for word in ["card", "a", "", "aaaa", "e-mail", "x1", "can't"] {
            for sizes in [2...4, 1...4, 1...1, 3...5, 2...8] {
                XCTAssertEqual(names(word, sizes, ascii: true), names(word, sizes, ascii: false), "\(word) \(sizes)")
            }
        }
        XCTAssertEqual(names("ca", 2...3, ascii: true), ["~ c", "~ca", "~a ", "~ ca", "~ca "])
    }

    func testNonASCIIFormsStillCutByScalar() {
        var out: [String] = []
        Array("né".utf8).withUnsafeBufferPointer { bytes in
            FeatureExtractor.characterNgrams(of: bytes, 2...2) { out.append(String(decoding: $0, as: UTF8.self)) }
        }
        XCTAssertEqual(out, ["~ n", "~né", "~é "])
    }
}
