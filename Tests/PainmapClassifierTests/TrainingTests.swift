import XCTest
@testable import PainmapClassifier
import PainmapText

final class TrainingTests: XCTestCase {
    func testLearnsTopicsFromText() throws {
        let m = try NaiveBayesModel.train(texts: Fixture.tickets.map(\.0), labels: Fixture.tickets.map(\.1),
                                          resources: Fixture.resources, workers: 2)
        let v = try m.vectorizer(resources: Fixture.resources)
        XCTAssertEqual(m.classes[m.predict("the parcel still has not arrived", using: v).label], "delivery")
        XCTAssertEqual(m.classes[m.predict("I was promised a refund", using: v).label], "refund")
        XCTAssertEqual(m.classes[m.predict("can't log in, password rejected", using: v).label], "login")
        // Stemming: "refunded" and "refund" share a feature.
        let p = m.predict("refunded", using: v, top: 3)
        XCTAssertEqual(m.classes[p.label], "refund")
        let why = m.explain("I want my refund for the late parcel", using: v, label: m.classes.firstIndex(of: "refund")!,
                            versus: m.classes.firstIndex(of: "delivery")!, top: 3)
        XCTAssertTrue(why.contains { $0.feature.hasPrefix("refund") || $0.feature.contains("refund") }, "\(why)")
        XCTAssertTrue(why.allSatisfy { $0.weight > 0 })
    }

    func testParallelAndSerialVectorizingAgree() throws {
        let texts = Array(repeating: Fixture.tickets.map(\.0), count: 10).flatMap { $0 }   // enough to use both workers
        let labels = Array(repeating: Fixture.tickets.map(\.1), count: 10).flatMap { $0 }
        var p = NaiveBayesParameters()
        p.calibrate = false
        let one = try NaiveBayesModel.train(texts: texts, labels: labels, parameters: p, resources: Fixture.resources, workers: 1)
        let two = try NaiveBayesModel.train(texts: texts, labels: labels, parameters: p, resources: Fixture.resources, workers: 2)
        XCTAssertEqual(one.features.count, two.features.count)
        let v1 = try one.vectorizer(resources: Fixture.resources), v2 = try two.vectorizer(resources: Fixture.resources)
        for t in Fixture.tickets.map(\.0) {
            XCTAssertEqual(one.predict(t, using: v1, top: 3).ranking, two.predict(t, using: v2, top: 3).ranking)
        }
    }

    func testUpdateEqualsTrainingOnEverything() throws {
        // Without IDF, with every feature kept and without discriminative passes (which see the documents
        // in a different order), incremental training is exact.
        var p = NaiveBayesParameters()
        p.minDocumentFrequency = 1
        p.discriminativePasses = 0
        p.tuneAlpha = false
        p.calibrate = false
        p.complementWeight = 0   // the mixture's part temperatures are calibration, kept by updates like T
        let first = Array(Fixture.tickets.prefix(9)), rest = Array(Fixture.tickets.dropFirst(9))
        let all = try NaiveBayesModel.train(texts: Fixture.tickets.map(\.0), labels: Fixture.tickets.map(\.1),
                                            parameters: p, resources: Fixture.resources, workers: 1)
        let grown = try NaiveBayesModel.train(texts: first.map(\.0), labels: first.map(\.1), parameters: p,
                                              resources: Fixture.resources, workers: 1)
        XCTAssertEqual(grown.classes, ["delivery", "refund"])
        // Through a save and load, as `painmap train --update` does.
        let path = Fixture.temporaryPath("grow.nbm")
        try ModelFile.save(grown, to: path)
        let reloaded = try ModelFile.load(path)
        try reloaded.update(texts: rest.map(\.0), labels: rest.map(\.1), resources: Fixture.resources, workers: 2)
        XCTAssertEqual(reloaded.classes, ["delivery", "refund", "login"])
        XCTAssertEqual(reloaded.documentCount, all.documentCount)
        XCTAssertEqual(reloaded.classDocumentCounts, all.classDocumentCounts)
        let va = try all.vectorizer(resources: Fixture.resources), vr = try reloaded.vectorizer(resources: Fixture.resources)
        for t in ["parcel late", "refund my money", "password", "the app crashed"] {
            let a = all.predict(t, using: va, top: 3), b = reloaded.predict(t, using: vr, top: 3)
            XCTAssertEqual(a.ranking.map { all.classes[$0.label] }, b.ranking.map { reloaded.classes[$0.label] }, t)
            for (x, y) in zip(a.ranking, b.ranking) { XCTAssertEqual(x.probability, y.probability, accuracy: 1e-9, t) }
        }
    }

    func testAlphaIsChosenFromTheGrid() throws {
        var p = NaiveBayesParameters()
        p.alphaGrid = [0.05, 0.5, 5]
        let m = try NaiveBayesModel.train(texts: Fixture.tickets.map(\.0), labels: Fixture.tickets.map(\.1),
                                          parameters: p, resources: Fixture.resources, workers: 1)
        XCTAssertTrue([0.05, 0.5, 5].contains(m.parameters.alpha))
        XCTAssertEqual(m.tuningReport.map(\.alpha), [0.05, 0.5, 5])
        XCTAssertTrue(m.temperature > 0 && m.temperature.isFinite)
    }

    func testRejectsBadInput() {
        XCTAssertThrowsError(try NaiveBayesModel.train(texts: ["a"], labels: [], resources: Fixture.resources))
        XCTAssertThrowsError(try NaiveBayesModel.train(texts: ["a", "b"], labels: ["x", ""], resources: Fixture.resources)) { e in
            XCTAssertEqual("\(e)", "document 2 has an empty label")
        }
        XCTAssertThrowsError(try NaiveBayesModel.train(texts: [], labels: [], resources: Fixture.resources))
        var p = NaiveBayesParameters()
        p.alpha = 0
        p.tuneAlpha = false
        XCTAssertThrowsError(try p.validate())
        p = NaiveBayesParameters()
        p.ngramMin = 3; p.ngramMax = 2
        XCTAssertThrowsError(try p.validate())
    }

    func testEmptyTextsTrainAndPredictWithoutEvidence() throws {
        var p = NaiveBayesParameters()
        p.minDocumentFrequency = 1
        let texts = Fixture.tickets.map(\.0) + ["", "   "]
        let labels = Fixture.tickets.map(\.1) + ["refund", "refund"]
        let m = try NaiveBayesModel.train(texts: texts, labels: labels, parameters: p, resources: Fixture.resources, workers: 1)
        let v = try m.vectorizer(resources: Fixture.resources)
        XCTAssertFalse(m.predict("", using: v).hasEvidence)
        XCTAssertFalse(m.predict("!!! ???", using: v).hasEvidence)
        XCTAssertTrue(m.predict("refund", using: v).hasEvidence)
    }

    func testCalibrationRecoversAKnownTemperature() {
        // Scores whose true classes were drawn from softmax(2 s): the fitted temperature is about 2.
        var rng = SplitMix64(seed: 7)
        var data: [(scores: [Double], truth: Int)] = []
        for _ in 0..<4000 {
            let s = (0..<4).map { _ in Double(rng.next() % 1000) / 250 }
            let p = NaiveBayesModel.softmax(s, temperature: 2)
            var u = Double(rng.next() % 1_000_000) / 1_000_000, truth = 0
            while truth < 3, u >= p[truth] { u -= p[truth]; truth += 1 }
            data.append((s, truth))
        }
        let t = NaiveBayesModel.fitTemperature(data)!
        XCTAssertEqual(t, 2, accuracy: 0.2)
    }

    func testCharacterNgramsOfAWord() throws {
        var p = NaiveBayesParameters()
        p.ngramRange = 1...1
        p.charNgramRange = 2...3
        let v = try Vectorizer(resources: Fixture.resources, options: p.featureOptions, workers: 1)
        let vec = v.vector("cat", growing: true)
        let names = Set(vec.ids.map { v.features.name($0) })
        // " cat " padded: 2-grams " c" "ca" "at" "t ", 3-grams " ca" "cat" "at ".
        XCTAssertEqual(names, ["cat", "~ c", "~ca", "~at", "~t ", "~ ca", "~cat", "~at "])
        XCTAssertTrue(v.features.isCharacterNgram(v.features.id(of: "~cat")!))
        XCTAssertFalse(v.features.isCharacterNgram(v.features.id(of: "cat")!))
    }
}
