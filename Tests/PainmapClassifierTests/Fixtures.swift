import Foundation
@testable import PainmapClassifier
import PainmapText

/// Small hand-made corpora and helpers shared by the tests.
enum Fixture {
    /// Parameters that make a model plain textbook naive Bayes: raw counts, no IDF, no length
    /// normalization, no character n-grams, every feature kept, fixed alpha, no calibration, no complement
    /// NB mixed in.
    static func plain(_ variant: NaiveBayesVariant = .multinomial, alpha: Double = 1) -> NaiveBayesParameters {
        var p = NaiveBayesParameters()
        p.variant = variant
        p.alpha = alpha
        p.tuneAlpha = false
        p.calibrate = false
        p.sublinearTF = false
        p.idf = false
        p.lengthNormalization = false
        p.normalizeWeights = false
        p.minDocumentFrequency = 1
        p.charNgramRange = nil
        p.priors = .learned
        p.discriminativePasses = 0
        p.complementWeight = 0
        return p
    }

    /// Documents given as words (each word one feature), built without the text pipeline so that every
    /// count is known.
    static func vectors(_ docs: [(words: String, label: String)], features: FeatureSpace) -> (DocumentVectors, LabelSet) {
        var set = LabelSet()
        var out = DocumentVectors()
        for d in docs {
            out.append(vector(d.words, features: features, adding: true), label: set.add(d.label))
        }
        return (out, set)
    }

    static func vector(_ words: String, features: FeatureSpace, adding: Bool = false) -> SparseVector {
        let ids = words.split(separator: " ").compactMap { w -> UInt32? in
            adding ? features.add(String(w)) : features.id(of: String(w))
        }
        return SparseVector(counting: ids)
    }

    static let resources: TextResources = try! TextResources.load()

    /// A small support-ticket corpus, three topics.
    static let tickets: [(String, String)] = [
        ("My parcel has not arrived yet, it is two weeks late", "delivery"),
        ("Where is my order? Tracking has not updated for days", "delivery"),
        ("The courier never delivered the package", "delivery"),
        ("Delivery is late again, still waiting for the parcel", "delivery"),
        ("Order shows shipped but nothing arrived", "delivery"),
        ("I want a refund for the broken blender", "refund"),
        ("Please refund my money, the item was faulty", "refund"),
        ("Still waiting for my refund after returning the jacket", "refund"),
        ("How long does a refund take to reach my card?", "refund"),
        ("Refund not received, returned it a month ago", "refund"),
        ("I cannot log in, the password reset email never comes", "login"),
        ("Login fails with an error after the update", "login"),
        ("Locked out of my account, password not accepted", "login"),
        ("Two-factor code does not work, cannot sign in", "login"),
        ("The app says wrong password but it is correct", "login"),
    ]

    static func temporaryPath(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "painmap-nb-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/" + name
    }
}
