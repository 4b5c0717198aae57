import XCTest
@testable import PainmapClassifier

/// The multinomial + complement mixture (`complementWeight`): its scores are the log-linear pool of the
/// two calibrated parts, it saves and loads, and weight 0 is the multinomial model alone.
final class ComplementMixtureTests: XCTestCase {
    func data() throws -> (Vectorizer, DocumentVectors, LabelSet) {
        let v = try Vectorizer(resources: Fixture.resources, options: NaiveBayesParameters().featureOptions)
        var docs = v.makeDocuments(), labels = LabelSet()
        for (t, l) in Fixture.tickets + Fixture.tickets { docs.append(v.trainingVectors([t])[0], label: labels.add(l)) }
        return (v, docs, labels)
    }

    func testMixtureScoresAreThePoolOfTheCalibratedParts() throws {
        let (v, docs, labels) = try data()
        var p = NaiveBayesParameters()
        p.complementWeight = 0.3
        p.minDocumentFrequency = 1
        let m = NaiveBayesModel(parameters: p, features: v.features)
        try m.fit(docs, labels: labels)
        XCTAssertTrue(m.isMixture)
        XCTAssertGreaterThan(m.complementTemperature, 0)
        XCTAssertTrue(p.alphaGrid.contains(m.parameters.complementAlpha))
        let multinomial = m.makeWeights(alpha: m.parameters.alpha)
        let complement = m.makeWeights(alpha: m.parameters.complementAlpha, variant: .complement)
        var b = ScoringBuffer()
        for text in ["my parcel never arrived", "refund for the faulty jacket please", "cannot sign in, password reset"] {
            let x = v.vector(text)
            let mixed = m.scores(x, buffer: &b)
            m.scoreInto(ids: x.ids[...], counts: x.values[...], buffer: &b, weights: multinomial)
            let sm = b.scores
            m.scoreInto(ids: x.ids[...], counts: x.values[...], buffer: &b, weights: complement)
            let sc = b.scores
            for c in 0..<m.classes.count {
                let pooled = 0.7 * m.temperature * sm[c] + 0.3 * m.complementTemperature * sc[c]
                XCTAssertEqual(mixed[c], pooled, accuracy: 1e-4 * max(1, abs(pooled)), "\(text) class \(c)")
            }
            // Probabilities are the softmax of the pooled scores at the mixture's temperature.
            let pr = m.predict(x, top: 1)
            XCTAssertEqual(pr.probability, NaiveBayesModel.softmax(mixed, temperature: m.mixtureTemperature).max()!, accuracy: 1e-9)
        }
        XCTAssertEqual(m.classes[m.predict(v.vector("my parcel never arrived")).label], "delivery")
    }

    func testWeightZeroIsTheMultinomialModel() throws {
        let (v, docs, labels) = try data()
        var p = NaiveBayesParameters()
        p.complementWeight = 0
        let m = NaiveBayesModel(parameters: p, features: v.features)
        try m.fit(docs, labels: labels)
        XCTAssertFalse(m.isMixture)
        XCTAssertEqual(m.complementTemperature, 0)
        XCTAssertEqual(m.weights.cells.map(\.delta), m.makeWeights(alpha: m.parameters.alpha).cells.map(\.delta))
        XCTAssertTrue(m.weights.base.isEmpty)
    }

    func testMixtureSurvivesSaveAndLoad() throws {
        let m = try NaiveBayesModel.train(texts: (Fixture.tickets + Fixture.tickets).map(\.0),
                                          labels: (Fixture.tickets + Fixture.tickets).map(\.1), resources: Fixture.resources, workers: 2)
        XCTAssertTrue(m.isMixture)   // the default mixes
        let path = Fixture.temporaryPath("mixture.nbm")
        try ModelFile.save(m, to: path)
        let back = try ModelFile.load(path)
        XCTAssertEqual(back.complementTemperature, m.complementTemperature)
        XCTAssertEqual(back.mixtureTemperature, m.mixtureTemperature)
        XCTAssertEqual(back.parameters, m.parameters)
        let v1 = try m.vectorizer(resources: Fixture.resources), v2 = try back.vectorizer(resources: Fixture.resources)
        for (t, _) in Fixture.tickets {
            XCTAssertEqual(m.predict(t, using: v1, top: 3).ranking, back.predict(t, using: v2, top: 3).ranking, t)
        }
    }

    func testUpdateKeepsTheMixtureAndItsTemperatures() throws {
        let first = Array(Fixture.tickets.prefix(9)), rest = Array(Fixture.tickets.dropFirst(9))
        let m = try NaiveBayesModel.train(texts: (first + first).map(\.0), labels: (first + first).map(\.1),
                                          resources: Fixture.resources, workers: 2)
        XCTAssertTrue(m.isMixture)
        let (t, tc, tp) = (m.temperature, m.complementTemperature, m.mixtureTemperature)
        try m.update(texts: rest.map(\.0), labels: rest.map(\.1), resources: Fixture.resources, workers: 2)
        XCTAssertTrue(m.isMixture)
        XCTAssertEqual(m.temperature, t); XCTAssertEqual(m.complementTemperature, tc)
        XCTAssertEqual(m.mixtureTemperature, tp)
        let v = try m.vectorizer(resources: Fixture.resources)
        XCTAssertEqual(m.classes[m.predict("locked out, password not accepted", using: v).label], "login")
    }

    func testAFileWithoutTheMixtureLoadsAsTheMultinomialAlone() throws {
        // What a model file from before the mixture holds: no complement temperature (and its parameters
        // no complement weight, which decodes as the default).
        var p = NaiveBayesParameters()
        p.complementWeight = 0
        let m = try NaiveBayesModel.train(texts: Fixture.tickets.map(\.0), labels: Fixture.tickets.map(\.1),
                                          parameters: p, resources: Fixture.resources, workers: 2)
        let path = Fixture.temporaryPath("multinomial.nbm")
        try ModelFile.save(m, to: path)
        let back = try ModelFile.load(path)
        XCTAssertFalse(back.isMixture)
        XCTAssertEqual(back.parameters.complementWeight, 0)
        XCTAssertEqual(back.weights.cells.map(\.delta), m.weights.cells.map(\.delta))
    }

    func testTooLittleDataToCalibrateLeavesTheMultinomialAlone() throws {
        let features = FeatureSpace()
        let (docs, labels) = Fixture.vectors([("a b", "A"), ("c d", "B")], features: features)
        var p = NaiveBayesParameters()
        p.minDocumentFrequency = 1
        p.charNgramRange = nil
        let m = NaiveBayesModel(parameters: p, features: features)
        try m.fit(docs, labels: labels)
        XCTAssertFalse(m.isMixture)
        XCTAssertEqual(m.parameters.complementWeight, 0)
        XCTAssertEqual(m.classes[m.predict(Fixture.vector("a", features: features)).label], "A")
    }
}
