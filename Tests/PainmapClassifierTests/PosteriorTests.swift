import XCTest
@testable import PainmapClassifier

/// Posteriors of tiny corpora, computed by hand in each test. Prediction weights are single precision
/// (half the memory, twice the SIMD width), so figures agree to about 1e-7 relative.
let tol = 2e-7

final class PosteriorTests: XCTestCase {
    // Class A: "a a b", "a c"  -> counts a 3, b 1, c 1 (5 in all)
    // Class B: "b b c"         -> counts b 2, c 1 (3 in all); 3 features, priors 2/3 and 1/3.
    let corpus = [("a a b", "A"), ("a c", "A"), ("b b c", "B")]

    func model(_ p: NaiveBayesParameters) throws -> (NaiveBayesModel, FeatureSpace) {
        let features = FeatureSpace()
        let (docs, labels) = Fixture.vectors(corpus.map { ($0.0, $0.1) }, features: features)
        let m = NaiveBayesModel(parameters: p, features: features)
        try m.fit(docs, labels: labels)
        return (m, features)
    }

    func testMultinomialLaplacePosterior() throws {
        let (m, f) = try model(Fixture.plain(alpha: 1))
        // P(a|A) = (3+1)/(5+3) = 1/2, P(b|A) = 2/8; P(a|B) = (0+1)/(3+3) = 1/6, P(b|B) = 3/6.
        // "a b": A gets 2/3 * 1/2 * 1/4 = 1/12, B gets 1/3 * 1/6 * 1/2 = 1/36, so P(A | "a b") = 3/4.
        let p = m.predict(Fixture.vector("a b", features: f), top: 2)
        XCTAssertEqual(m.classes[p.label], "A")
        XCTAssertEqual(p.probability, 0.75, accuracy: tol)
        XCTAssertEqual(p.ranking[1].probability, 0.25, accuracy: tol)
        // Scores are log joint probabilities.
        let s = m.scores(Fixture.vector("a b", features: f), buffer: &scratch)
        XCTAssertEqual(s[0], log(1.0 / 12), accuracy: tol)
        XCTAssertEqual(s[1], log(1.0 / 36), accuracy: tol)
    }
    var scratch = ScoringBuffer()

    func testLidstoneSmoothingGivesUnseenWordsAFiniteCost() throws {
        let (m, f) = try model(Fixture.plain(alpha: 0.5))
        // Class B never saw "a": P(a|B) = (0 + 0.5) / (3 + 1.5) = 1/9, not zero.
        // "a": A gets 2/3 * (3.5/6.5) = 7/19.5, B gets 1/3 * 1/9 = 1/27.
        let joint = [2.0 / 3 * 3.5 / 6.5, 1.0 / 3 / 9]
        let p = m.predict(Fixture.vector("a", features: f), top: 2)
        XCTAssertEqual(p.ranking[0].probability, joint[0] / (joint[0] + joint[1]), accuracy: tol)
        XCTAssertEqual(p.ranking[1].probability, joint[1] / (joint[0] + joint[1]), accuracy: tol)
        XCTAssertTrue(p.ranking[1].probability > 0)
    }

    func testWordsTheModelNeverSawAreIgnored() throws {
        let (m, f) = try model(Fixture.plain(alpha: 1))
        f.add("zebra")   // a feature name without any counts
        let with = m.predict(Fixture.vector("a b zebra", features: f), top: 2)
        let without = m.predict(Fixture.vector("a b", features: f), top: 2)
        XCTAssertEqual(with.probability, without.probability, accuracy: tol)
    }

    func testUniformPriors() throws {
        var p = Fixture.plain(alpha: 1)
        p.priors = .uniform
        let (m, f) = try model(p)
        // Without the 2/3 : 1/3 prior: (1/2 * 1/4) : (1/6 * 1/2) = 1/8 : 1/12 -> 3/5.
        XCTAssertEqual(m.predict(Fixture.vector("a b", features: f)).probability, 0.6, accuracy: tol)
    }

    func testComplementScoresByHand() throws {
        let (m, f) = try model(Fixture.plain(.complement, alpha: 1))
        // Complement of A is B's counts: a 0, b 2, c 1 (3 in all); of B is A's: a 3, b 1, c 1 (5).
        // Without weight normalization w(f,c) = -log((n_f,not c + 1) / (N_not c + 3)).
        let wA = [-log(1.0 / 6), -log(3.0 / 6), -log(2.0 / 6)]
        let wB = [-log(4.0 / 8), -log(2.0 / 8), -log(2.0 / 8)]
        let s = m.scores(Fixture.vector("a b b", features: f), buffer: &scratch)
        XCTAssertEqual(s[0], wA[0] + 2 * wA[1], accuracy: tol)
        XCTAssertEqual(s[1], wB[0] + 2 * wB[1], accuracy: tol)
        XCTAssertEqual(m.classes[m.predict(Fixture.vector("a", features: f)).label], "A")
    }

    func testComplementWeightNormalization() throws {
        var p = Fixture.plain(.complement, alpha: 1)
        p.normalizeWeights = true
        let (m, f) = try model(p)
        // Rennie et al.: w(f,c) = log Q(f|c) / sum_f' |log Q(f'|c)|, scored as the complement's absence.
        let lA = [log(1.0 / 6), log(3.0 / 6), log(2.0 / 6)], lB = [log(4.0 / 8), log(2.0 / 8), log(2.0 / 8)]
        let zA = lA.reduce(0, +), zB = lB.reduce(0, +)
        let s = m.scores(Fixture.vector("a c", features: f), buffer: &scratch)
        XCTAssertEqual(s[0], (lA[0] + lA[2]) / zA, accuracy: tol)
        XCTAssertEqual(s[1], (lB[0] + lB[2]) / zB, accuracy: tol)
    }

    func testSublinearTFAndLengthNormalization() throws {
        var p = Fixture.plain(alpha: 1)
        p.sublinearTF = true
        p.lengthNormalization = true
        let (m, f) = try model(p)
        // Training vectors: "a a b" -> (1 + ln 2, 1) / sqrt((1 + ln 2)^2 + 1); "a c" -> (1, 1) / sqrt 2;
        // "b b c" -> (1 + ln 2, 1) / its length. Counts are sums of those.
        let l2 = 1 + log(2.0), n1 = (l2 * l2 + 1).squareRoot()
        let aA = l2 / n1 + 1 / 2.0.squareRoot(), bA = 1 / n1, cA = 1 / 2.0.squareRoot()
        let bB = l2 / n1, cB = 1 / n1
        let NA = aA + bA + cA, NB = bB + cB
        // Document "a": x = (1) after normalization.
        let sA = log(2.0 / 3) + log((aA + 1) / (NA + 3))
        let sB = log(1.0 / 3) + log((0 + 1) / (NB + 3))
        let p1 = m.predict(Fixture.vector("a", features: f), top: 2)
        XCTAssertEqual(p1.probability, 1 / (1 + exp(sB - sA)), accuracy: 1e-6)
    }

    func testInverseDocumentFrequencyWeighting() throws {
        var p = Fixture.plain(alpha: 1)
        p.idf = true
        let (m, f) = try model(p)
        // df: a 2, b 2, c 2 of 3 documents -> idf = ln(4/3) + 1 for every feature, so each count is
        // multiplied by the same k.
        let k = log(4.0 / 3) + 1
        let jointA = 2.0 / 3 * (3 * k + 1) / (5 * k + 3) * (1 * k + 1) / (5 * k + 3)
        let jointB = 1.0 / 3 * 1 / (3 * k + 3) * (2 * k + 1) / (3 * k + 3)
        // The document's own counts are weighted by idf too: x = k per occurrence.
        let s = m.scores(Fixture.vector("a b", features: f), buffer: &scratch)
        XCTAssertEqual(s[0] - s[1], log(2.0 / 3) - log(1.0 / 3) + k * (log(jointA / (2.0 / 3)) - log(jointB / (1.0 / 3))), accuracy: 1e-5)
    }

    func testMinimumDocumentFrequencyDropsRareFeatures() throws {
        var p = Fixture.plain(alpha: 1)
        p.minDocumentFrequency = 2
        let features = FeatureSpace()
        let (docs, labels) = Fixture.vectors([("a a b", "A"), ("a c", "A"), ("b b d", "B")], features: features)
        let m = NaiveBayesModel(parameters: p, features: features)
        try m.fit(docs, labels: labels)
        // c and d occur in one document each: only a and b score; V = 2.
        XCTAssertEqual(m.activeFeatureCount, 2)
        let pr = m.predict(Fixture.vector("c d", features: features))
        XCTAssertFalse(pr.hasEvidence)
        // "a": A (3+1)/(5... only a, b count: A has a 3, b 1 -> 4; B has b 2 -> 2.
        let joint = [2.0 / 3 * 4 / 6, 1.0 / 3 * 1 / 4]
        XCTAssertEqual(m.predict(Fixture.vector("a", features: features)).probability, joint[0] / joint.reduce(0, +), accuracy: tol)
    }

    func testEmptyDocumentFallsBackToPriors() throws {
        let (m, _) = try model(Fixture.plain(alpha: 1))
        let p = m.predict(SparseVector(), top: 2)
        XCTAssertFalse(p.hasEvidence)
        XCTAssertEqual(m.classes[p.label], "A")
        XCTAssertEqual(p.probability, 2.0 / 3, accuracy: tol)
        XCTAssertEqual(m.explain(SparseVector(), label: 0, versus: 1), [])
    }

    func testSingleClass() throws {
        let features = FeatureSpace()
        let (docs, labels) = Fixture.vectors([("x y", "only"), ("y z", "only")], features: features)
        var p = NaiveBayesParameters()
        p.charNgramRange = nil
        for variant in NaiveBayesVariant.allCases {
            p.variant = variant
            let m = NaiveBayesModel(parameters: p, features: features)
            try m.fit(docs, labels: labels)
            let pr = m.predict(Fixture.vector("x", features: features), top: 3)
            XCTAssertEqual(m.classes, ["only"])
            XCTAssertEqual(pr.label, 0)
            XCTAssertEqual(pr.probability, 1, accuracy: tol)
            XCTAssertEqual(pr.ranking.count, 1)
            XCTAssertEqual(m.temperature, 1)
        }
    }

    func testLogSumExpSurvivesHugeScores() {
        let p = NaiveBayesModel.softmax([-1e6, -1e6 - log(3.0)])   // exp(-1e6) alone is 0
        XCTAssertEqual(p[0], 0.75, accuracy: 1e-9)
        XCTAssertEqual(p[1], 0.25, accuracy: 1e-9)
        XCTAssertEqual(NaiveBayesModel.softmax([0, -.infinity]), [1, 0])
        XCTAssertEqual(NaiveBayesModel.softmax([2, 0], temperature: 0.5)[0], 1 / (1 + exp(-1.0)), accuracy: tol)
    }

    func testExplanationsSumToTheScoreDifference() throws {
        let (m, f) = try model(Fixture.plain(alpha: 1))
        let v = Fixture.vector("a a c", features: f)
        let s = m.scores(v, buffer: &scratch)
        // Every feature's contribution, positive or not, adds up to the score gap minus the prior gap.
        var total = 0.0
        for (i, id) in v.ids.enumerated() {
            total += Double(v.values[i]) * (m.weight(feature: id, class: 0) - m.weight(feature: id, class: 1))
        }
        XCTAssertEqual(total, (s[0] - s[1]) - (log(2.0 / 3) - log(1.0 / 3)), accuracy: 1e-9)
        let top = m.explain(v, label: 0, versus: 1, top: 1)
        XCTAssertEqual(top.map { f.name($0.feature) }, ["a"])
    }

    func testTopKRankingIsSortedAndComplete() throws {
        let features = FeatureSpace()
        let (docs, labels) = Fixture.vectors([("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"), ("a b", "5")], features: features)
        let m = NaiveBayesModel(parameters: Fixture.plain(alpha: 1), features: features)
        try m.fit(docs, labels: labels)
        let p = m.predict(Fixture.vector("a b", features: features), top: 10)
        XCTAssertEqual(p.ranking.count, 5)
        XCTAssertEqual(p.ranking.map(\.probability), p.ranking.map(\.probability).sorted(by: >))
        XCTAssertEqual(p.ranking.reduce(0) { $0 + $1.probability }, 1, accuracy: tol)
        XCTAssertEqual(m.classes[p.label], "5")
    }

    func testDiscriminativePassAddsEachDocumentByHowWrongTheModelIs() throws {
        let docs = [("a a b", "A"), ("a c", "A"), ("b b c", "B"), ("a b", "B")]
        let features = FeatureSpace()
        let (vectors, labels) = Fixture.vectors(docs, features: features)
        let plain = NaiveBayesModel(parameters: Fixture.plain(alpha: 1), features: features)
        try plain.fit(vectors, labels: labels)
        var p = Fixture.plain(alpha: 1)
        p.discriminativePasses = 1
        let dfe = NaiveBayesModel(parameters: p, features: features)
        try dfe.fit(vectors, labels: labels)
        // One pass over a corpus smaller than a batch: every document is scored by the plain model, then
        // added to its class once more, weighted by 1 - P(its class | it).
        var expected: [String: Double] = [:]   // "class feature" -> count
        for (i, d) in docs.enumerated() {
            for w in d.0.split(separator: " ") { expected["\(d.1) \(w)", default: 0] += 1 }
            let v = vectors[i]
            let loss = 1 - plain.predict(v, top: 2).ranking.first { plain.classes[$0.label] == d.1 }!.probability
            for w in Set(d.0.split(separator: " ")) {
                let count = Double(d.0.split(separator: " ").filter { $0 == w }.count)
                expected["\(d.1) \(w)", default: 0] += loss * count
            }
        }
        for (key, value) in expected {
            let parts = key.split(separator: " ")
            let f = features.id(of: String(parts[1]))!, c = dfe.classes.firstIndex(of: String(parts[0]))!
            XCTAssertEqual(dfe.table.values[dfe.cell(Int(f), c)!], value, accuracy: 1e-9, key)
        }
        // The mislabelled-looking "a b" (class B) moves towards B.
        let before = plain.predict(vectors[3], top: 2).ranking.first { plain.classes[$0.label] == "B" }!.probability
        let after = dfe.predict(vectors[3], top: 2).ranking.first { dfe.classes[$0.label] == "B" }!.probability
        XCTAssertGreaterThan(after, before)
    }

    func testLeaveOneOutScoresEqualAModelTrainedWithoutTheDocument() throws {
        // Every word of every document also occurs in another one, so leaving one out keeps the feature
        // set (the one thing leave-one-out scoring does not redo); learned priors, IDF off.
        let docs = [("a a b", "A"), ("a c", "A"), ("b c a", "A"), ("b b c", "B"), ("c b", "B"), ("a b c c", "B")]
        let features = FeatureSpace()
        let (vectors, labels) = Fixture.vectors(docs, features: features)
        let all = NaiveBayesModel(parameters: Fixture.plain(alpha: 0.5), features: features)
        try all.fit(vectors, labels: labels)
        let loo = try XCTUnwrap(all.leaveOneOutScores(vectors, labels: labels, sample: Array(0..<docs.count)))
        XCTAssertEqual(loo.count, docs.count)
        for (r, held) in loo.enumerated() {
            let without = NaiveBayesModel(parameters: Fixture.plain(alpha: 0.5), features: features)
            try without.fit(vectors, labels: labels, rows: (0..<docs.count).filter { $0 != r })
            var buffer = ScoringBuffer()
            let expected = without.scores(vectors[r], buffer: &buffer)
            XCTAssertEqual(held.truth, labels.index(of: docs[r].1))
            // Scores up to a constant common to all classes (the learned priors' shared denominator).
            let shift = held.scores[0] - expected[0]
            for c in expected.indices { XCTAssertEqual(held.scores[c] - shift, expected[c], accuracy: 1e-5, "document \(r) class \(c)") }
        }
    }

    func testLeaveOneOutTakesOutWhatTheDiscriminativePassesAdded() throws {
        let docs = [("a a b", "A"), ("a c", "A"), ("b b c", "B"), ("a b", "B")]
        let features = FeatureSpace()
        let (vectors, labels) = Fixture.vectors(docs, features: features)
        var p = Fixture.plain(alpha: 1)
        p.discriminativePasses = 1
        let m = NaiveBayesModel(parameters: p, features: features)
        try m.fit(vectors, labels: labels)
        // "a b" of class B was added again by the pass; leaving it out entirely makes B less likely for it
        // than under the model that counted it (its own evidence is gone).
        XCTAssertGreaterThan(m.discriminativeWeight[3], 0)
        let held = try XCTUnwrap(m.leaveOneOutScores(vectors, labels: labels, sample: [3])).first
        var buffer = ScoringBuffer()
        let fitted = m.scores(vectors[3], buffer: &buffer)
        let b = try XCTUnwrap(labels.index(of: "B")), a = try XCTUnwrap(labels.index(of: "A"))
        XCTAssertLessThan(held!.scores[b] - held!.scores[a], fitted[b] - fitted[a])
        XCTAssertEqual(held!.scores[a], fitted[a], accuracy: 1e-12)   // other classes are untouched
    }
}
