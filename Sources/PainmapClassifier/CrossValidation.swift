/// Stratified k-fold splits and cross-validated evaluation.
///
/// Stratified: each class's documents are shuffled (with a fixed seed, so runs repeat) and dealt to the
/// folds in turn, so every fold has about the same class mix as the whole.
public struct StratifiedKFold: Sendable {
    public let folds: Int
    public let seed: UInt64

    public init(folds: Int = 5, seed: UInt64 = 0x5EED) {
        self.folds = max(2, folds)
        self.seed = seed
    }

    /// The test rows of each fold; every row of `rows` is in exactly one.
    public func split(labels: [Int32], rows: [Int]) -> [[Int]] {
        var byClass: [Int32: [Int]] = [:]
        for r in rows { byClass[labels[r], default: []].append(r) }
        var rng = SplitMix64(seed: seed)
        var out = [[Int]](repeating: [], count: folds)
        var next = 0   // continue dealing where the previous class stopped, so small classes spread out
        for c in byClass.keys.sorted() {
            var members = byClass[c]!
            for i in stride(from: members.count - 1, to: 0, by: -1) {   // Fisher-Yates
                members.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            for r in members { out[next].append(r); next = (next + 1) % folds }
        }
        return out.map { $0.sorted() }
    }

    /// Training rows for fold `k`: all rows but its test rows.
    public static func trainingRows(_ splits: [[Int]], excluding k: Int) -> [Int] {
        splits.enumerated().filter { $0.offset != k }.flatMap(\.element).sorted()
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the same seed gives the same
/// folds on every platform, which `SystemRandomNumberGenerator` would not.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

public enum CrossValidation {
    /// Trains on k-1 folds and predicts the k-th, k times; every document is predicted once by a model
    /// that never saw it. Features, document frequencies and IDF come from the training folds only.
    /// Returns the predicted class of every row of `docs` (label indices into `labels`; -1 = not
    /// predicted because `rows` left it out) and the accuracy of each fold.
    public static func predictions(_ docs: DocumentVectors, labels: LabelSet, features: FeatureSpace,
                                   parameters: NaiveBayesParameters, folds: Int, seed: UInt64 = 0x5EED,
                                   rows: [Int]? = nil) throws -> (predicted: [Int], foldAccuracy: [Double]) {
        let rows = rows ?? Array(0..<docs.count)
        let docs = docs.expanded()   // once for all folds
        let splits = StratifiedKFold(folds: folds, seed: seed).split(labels: docs.labels, rows: rows)
        var predicted = [Int](repeating: -1, count: docs.count)
        var foldAccuracy: [Double] = []
        var p = parameters
        p.calibrate = false   // labels only: the temperature changes no label
        for (k, test) in splits.enumerated() where !test.isEmpty {
            let model = NaiveBayesModel(parameters: p, features: features)
            try model.fit(docs, labels: labels, rows: StratifiedKFold.trainingRows(splits, excluding: k))
            var buffer = ScoringBuffer()
            var right = 0
            for r in test {
                // The fold model's classes are `labels` in the same order (fit adds them in order).
                let pr = model.predict(docs[r], buffer: &buffer).label
                predicted[r] = pr
                if pr == docs.label(r) { right += 1 }
            }
            foldAccuracy.append(Double(right) / Double(test.count))
        }
        return (predicted, foldAccuracy)
    }
}
