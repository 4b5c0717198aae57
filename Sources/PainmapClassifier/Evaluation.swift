/// Precision, recall, F1 and support of one class.
public struct ClassMetrics: Sendable, Hashable {
    public var label: String
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Documents whose true class this is.
    public var support: Int
    /// Documents predicted as this class.
    public var predicted: Int
}

/// A (true class, predicted class) pair and how often it happened.
public struct Confusion: Sendable, Hashable {
    public var truth: String
    public var predicted: String
    public var count: Int
    /// Share of the true class's documents that went to `predicted`.
    public var rate: Double
}

/// Scores predictions against the truth: accuracy, macro-F1, a per-class table and the confusion matrix.
///
/// Labels are strings, so predictions may use labels the truth never does (`unknown` below a confidence
/// threshold). Conventions follow scikit-learn: a precision or recall with nothing to divide by is 0, and
/// macro-F1 averages over every label seen in the truth or the predictions.
public struct Evaluation: Sendable {
    public let labels: [String]
    /// `matrix[t][p]`: documents of true label t predicted as p (indices into `labels`).
    public let matrix: [[Int]]
    public let count: Int
    public let correct: Int

    public init(truth: [String], predicted: [String]) {
        precondition(truth.count == predicted.count, "truth and predictions differ in length")
        var set = LabelSet()
        for l in truth { set.add(l) }
        for l in predicted { set.add(l) }
        labels = set.names
        var m = [[Int]](repeating: [Int](repeating: 0, count: set.count), count: set.count)
        var right = 0
        for (t, p) in zip(truth, predicted) {
            m[set.index(of: t)!][set.index(of: p)!] += 1
            if t == p { right += 1 }
        }
        matrix = m
        count = truth.count
        correct = right
    }

    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    public var perClass: [ClassMetrics] {
        labels.indices.map { i in
            let tp = matrix[i][i]
            let support = matrix[i].reduce(0, +)
            let predicted = matrix.reduce(0) { $0 + $1[i] }
            let precision = predicted == 0 ? 0 : Double(tp) / Double(predicted)
            let recall = support == 0 ? 0 : Double(tp) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return ClassMetrics(label: labels[i], precision: precision, recall: recall, f1: f1, support: support, predicted: predicted)
        }
    }

    public var macroF1: Double {
        let pc = perClass
        return pc.isEmpty ? 0 : pc.reduce(0) { $0 + $1.f1 } / Double(pc.count)
    }

    /// F1 averaged with each class weighted by its support.
    public var weightedF1: Double {
        let pc = perClass
        let n = pc.reduce(0) { $0 + $1.support }
        return n == 0 ? 0 : pc.reduce(0) { $0 + $1.f1 * Double($1.support) } / Double(n)
    }

    /// The most frequent mistakes, most first (ties: higher rate, then by name).
    public func worstConfusions(_ k: Int = 10) -> [Confusion] {
        var out: [Confusion] = []
        for t in labels.indices {
            let support = matrix[t].reduce(0, +)
            for p in labels.indices where p != t && matrix[t][p] > 0 {
                out.append(Confusion(truth: labels[t], predicted: labels[p], count: matrix[t][p],
                                     rate: Double(matrix[t][p]) / Double(max(support, 1))))
            }
        }
        out.sort { ($0.count, $0.rate, $1.truth, $1.predicted) > ($1.count, $1.rate, $0.truth, $0.predicted) }
        return Array(out.prefix(k))
    }
}
