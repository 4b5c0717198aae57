import XCTest
@testable import PainmapClassifier

/// `phraseWeight` and `characterAlphaScale` on hand-made features whose names say their family: "card"
/// (a word), "card arriv" (a phrase), "~ca" (a character n-gram).
final class FeatureFamilyTests: XCTestCase {
    func testPhraseWeightScalesOnlyPhrasesBeforeNormalization() {
        let features = FeatureSpace()
        let word = features.add("card"), phrase = features.add("card arriv"), gram = features.add("~ca")
        XCTAssertFalse(features.isPhrase(word)); XCTAssertTrue(features.isPhrase(phrase)); XCTAssertFalse(features.isPhrase(gram))
        var p = Fixture.plain()
        p.phraseWeight = 3
        let df: [UInt32] = [1, 1, 1]
        var x: [Double] = []
        FeatureTransform(parameters: p, documentFrequency: df, documentCount: 1, features: features)
            .weigh(ids: [word, phrase, gram][...], counts: [1, 2, 1][...], into: &x)
        XCTAssertEqual(Array(x.prefix(3)), [1, 6, 1])   // raw tf; the phrase's times 3
        // With length normalization the word block (word 1, phrase 3) has length sqrt(10); the character
        // block is normalized on its own and untouched by the phrase weight.
        p.lengthNormalization = true
        p.sublinearTF = true
        FeatureTransform(parameters: p, documentFrequency: df, documentCount: 1, features: features)
            .weigh(ids: [word, phrase, gram][...], counts: [1, 1, 1][...], into: &x)
        XCTAssertEqual(x[0], 1 / 10.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(x[1], 3 / 10.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(x[2], 1, accuracy: 1e-12)
    }

    /// Prediction weighs a document from the weights' feature records (`NaiveBayesWeights.weigh`), training
    /// with `FeatureTransform.weigh`: with a phrase weight the two must still agree.
    func testPredictionWeighsPhrasesLikeTraining() throws {
        let features = FeatureSpace()
        let word = features.add("card"), phrase = features.add("card arriv"), gram = features.add("~ca"), other = features.add("~cb")
        var labels = LabelSet(), docs = DocumentVectors()
        let first = SparseVector(counting: [word, phrase, phrase, gram])
        docs.append(first, label: labels.add("A"))
        docs.append(SparseVector(counting: [word, other]), label: labels.add("B"))
        var p = Fixture.plain(alpha: 1)
        p.phraseWeight = 3
        p.lengthNormalization = true
        let m = NaiveBayesModel(parameters: p, features: features)
        try m.fit(docs, labels: labels)
        let ids = first.ids[...], counts = first.values[...]
        var fromTransform: [Double] = [], fromRecords: [Double] = []
        m.weights.transform.weigh(ids: ids, counts: counts, into: &fromTransform)
        m.weights.weigh(ids: ids, counts: counts, into: &fromRecords)
        XCTAssertEqual(Array(fromRecords.prefix(ids.count)), Array(fromTransform.prefix(ids.count)))
        XCTAssertNotEqual(Set(fromTransform.prefix(ids.count)).count, 1, "the phrase weighs more than the word")
    }

    func testCharacterAlphaScaleSmoothsCharacterNgramsWithTheirOwnPseudoCount() throws {
        // Class A: "w ~ab ~ab", class B: "w ~cd". Word "w", character n-grams "~ab", "~cd".
        let features = FeatureSpace()
        let (docs, labels) = Fixture.vectors([("w ~ab ~ab", "A"), ("w ~cd", "B")], features: features)
        var p = Fixture.plain(alpha: 1)
        p.characterAlphaScale = 0.25
        let m = NaiveBayesModel(parameters: p, features: features)
        try m.fit(docs, labels: labels)
        // Pseudo-counts: 1 for "w", 0.25 for each n-gram: 1.5 in all. N(A) = 3, N(B) = 2.
        // log P(f|c) = log(n + a_f) - log(N(c) + 1.5); weights keep it up to a term common to all classes.
        func logP(_ n: Double, _ a: Double, _ N: Double) -> Double { log(n + a) - log(N + 1.5) }
        let ab = features.id(of: "~ab")!, w = features.id(of: "w")!
        XCTAssertEqual(m.weight(feature: ab, class: 0) - m.weight(feature: ab, class: 1),
                       logP(2, 0.25, 3) - logP(0, 0.25, 2), accuracy: 1e-6)
        XCTAssertEqual(m.weight(feature: w, class: 0) - m.weight(feature: w, class: 1),
                       logP(1, 1, 3) - logP(1, 1, 2), accuracy: 1e-6)
        // Scale 1 is the one-alpha model.
        p.characterAlphaScale = 1
        let one = NaiveBayesModel(parameters: p, features: features)
        try one.fit(docs, labels: labels)
        XCTAssertEqual(one.weight(feature: ab, class: 0) - one.weight(feature: ab, class: 1),
                       log(3.0 / 6) - log(1.0 / 5), accuracy: 1e-6)
    }
}
