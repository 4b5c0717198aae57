import CPainmapKernels

/// One weight set's held-out scores of one fold's sample (see `HeldOutPlan`), kept as the planned scoring
/// leaves them: per document its g and its class sums (single precision, as the kernel adds them), from
/// which `scores` makes the class scores again, the same doubles.
///
/// Why not the scores themselves: the alpha search scores each fold's sample under thirty weight sets
/// (three folds, five alphas, two parts) and only the chosen alphas' scores are read afterwards, yet all
/// had to be kept until the choice; as one array of 77 doubles per document and set, they were ~30,000
/// allocations and ~19 MB of fresh memory. Kept as 4-byte sums in one array per set, they take half of
/// that and three allocations: training's page faults on banking77 ~25,200 -> ~23,900 (perf stat, three
/// runs each).
struct HeldOutScores: Sendable {
    /// The weight set's prior, s(c) and k(c).
    let prior: [Double], scale: [Double], constant: [Double]
    /// Per scored document: its index in the sample, its g, and its class sums (`classes` apiece).
    private(set) var documents: [Int32] = []
    private(set) var g: [Double] = []
    private(set) var sums: [Float] = []
    /// Documents whose true class has the first highest score.
    private(set) var right = 0

    init(_ w: NaiveBayesWeights, room: Int) {
        (prior, scale, constant) = (w.prior, w.classScale, w.classConstant)
        documents.reserveCapacity(room); g.reserveCapacity(room); sums.reserveCapacity(room * prior.count)
    }

    /// No documents (a fold without a model).
    init() { (prior, scale, constant) = ([], [], []) }

    var count: Int { documents.count }

    /// Score of class `c` for a document whose features weigh `total` in all (as `scoreInto`).
    @inline(__always)
    static func score(_ c: Int, prior: UnsafePointer<Double>, scale: UnsafePointer<Double>, constant: UnsafePointer<Double>,
                      g: Double, total: Double, sum: Float) -> Double {
        prior[c] + scale[c] * (g + total * constant[c] + Double(sum))
    }

    /// The scores of sample document `j` (`g`, class sums `sums`) into `out`; true when its true class
    /// `truth`'s score is finite.
    func scores(g: Double, total: Double, sums: UnsafePointer<Float>, truth: Int, into out: UnsafeMutableBufferPointer<Double>) -> Bool {
        prior.withUnsafeBufferPointer { prior in
        scale.withUnsafeBufferPointer { scale in
        constant.withUnsafeBufferPointer { constant in
            for c in 0..<out.count {
                out[c] = HeldOutScores.score(c, prior: prior.baseAddress!, scale: scale.baseAddress!, constant: constant.baseAddress!,
                                             g: g, total: total, sum: sums[c])
            }
        } } }
        return out[truth].isFinite
    }

    /// Keeps a scored document (its scores `scores` made from `g` and `sums`).
    mutating func append(_ j: Int, g: Double, sums: UnsafePointer<Float>, scores: UnsafeBufferPointer<Double>, truth: Int) {
        documents.append(Int32(j))
        self.g.append(g)
        self.sums.append(contentsOf: UnsafeBufferPointer(start: sums, count: scores.count))
        // The first maximum, as `max(by:)` would find it.
        var best = 0
        for c in 1..<max(scores.count, 1) where scores[best] < scores[c] { best = c }
        if best == truth { right += 1 }
    }

    /// The kept documents' scores and true classes, in order, as new arrays (the chosen alphas' only).
    /// `total`: the sample documents' weight totals (`HeldOutPlan.total`).
    func gathered(total: [Double], truth: (Int) -> Int, into out: inout [(scores: [Double], truth: Int)]) {
        let C = prior.count
        sums.withUnsafeBufferPointer { sums in
            for (n, j) in documents.enumerated() {
                let t = truth(Int(j)), weight = total[Int(j)], gn = g[n]
                let s = [Double](unsafeUninitializedCapacity: C) { s, written in
                    _ = scores(g: gn, total: weight, sums: sums.baseAddress! + n * C, truth: t, into: s)
                    written = C
                }
                out.append((s, t))
            }
        }
    }
}
