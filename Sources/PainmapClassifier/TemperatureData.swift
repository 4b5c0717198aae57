/// The held-out scores a temperature is fitted on (`NaiveBayesModel.fitTemperature`), laid out once: each
/// document's finite scores back to back (`score`), their distance to the document's top score (`below`,
/// s - m), the start of each document's run, its true class's score, and the sum of the documents' score
/// spreads. The Newton steps go over them up to 60 times: reading them through an array of documents,
/// checking each score for finiteness and subtracting the top again at every step cost more than the `exp`
/// calls themselves (the steps were ~10% of training's instructions, callgrind on banking77).
///
/// A reference type whose memory is kept by `removeAll`: training fits three temperatures one after the
/// other on scores of the same shape (the mixture's two parts and their pool), and the pool's scores go
/// straight in here rather than into an array per document first (fresh memory for each fit and ~3,000
/// arrays for the pool). A small gain: the fits' page faults 1,444 -> 722 (perf record), training's
/// 23,603 -> 23,308 and 23,451 -> 23,031 (medians of two sets of alternated runs, banking77).
final class TemperatureData: @unchecked Sendable {
    let score = KernelArray<Double>(repeating: 0), below = KernelArray<Double>(repeating: 0)
    private(set) var start: [Int] = [0]
    private(set) var truthScore: [Double] = []
    /// Sum over the documents of their finite scores' max - min.
    private(set) var spread = 0.0
    /// One document's finite scores and their distances, before they are appended.
    private var finite: [Double] = [], distance: [Double] = []

    init() {}

    /// The documents of `data`, in order.
    convenience init(_ data: [(scores: [Double], truth: Int)]) {
        self.init()
        append(data)
    }

    var count: Int { truthScore.count }

    func removeAll() {
        score.removeAll(); below.removeAll()
        start.removeAll(keepingCapacity: true); start.append(0)
        truthScore.removeAll(keepingCapacity: true)
        spread = 0
    }

    func append(_ data: [(scores: [Double], truth: Int)]) {
        score.reserveCapacity(score.count + data.reduce(0) { $0 + $1.scores.count })
        below.reserveCapacity(score.reserved)
        for d in data { d.scores.withUnsafeBufferPointer { append($0, truth: d.truth) } }
    }

    /// One document's scores (any, infinite ones included) and its true class.
    func append(_ scores: UnsafeBufferPointer<Double>, truth: Int) {
        // The top score, as `max(m, s)` over the finite ones; the spread from the first maximum and
        // minimum, as `max()` and `min()` of them.
        var m = -Double.infinity, first = true, mx = 0.0, mn = 0.0
        for s in scores where s.isFinite {
            m = max(m, s)
            if first { mx = s; mn = s; first = false } else { if mx < s { mx = s }; if s < mn { mn = s } }
        }
        if !first { spread += mx - mn }
        if finite.count < scores.count {
            finite = [Double](repeating: 0, count: scores.count); distance = finite
        }
        var k = 0
        finite.withUnsafeMutableBufferPointer { finite in
        distance.withUnsafeMutableBufferPointer { distance in
            for s in scores where s.isFinite { finite[k] = s; distance[k] = s - m; k += 1 }
            score.append(finite.baseAddress!, count: k)
            below.append(distance.baseAddress!, count: k)
        } }
        start.append(score.count)
        truthScore.append(scores[truth])
    }
}
