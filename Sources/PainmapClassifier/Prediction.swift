import CPainmapKernels
import Foundation

/// A label and its probability.
public struct LabelProbability: Sendable, Hashable {
    public var label: Int
    public var probability: Double
}

/// What the model says about one document.
public struct Prediction: Sendable {
    /// The most probable class (index into `NaiveBayesModel.classes`).
    public var label: Int
    public var probability: Double
    /// The best `top` classes, most probable first.
    public var ranking: [LabelProbability]
    /// False when the document had no feature the model knows: the label then comes from the priors alone.
    public var hasEvidence: Bool
}

/// How much one feature of a document moved the decision.
public struct FeatureContribution: Sendable, Hashable {
    public var feature: UInt32
    /// In log-odds (calibrated score) units: positive favours the predicted class over the runner-up.
    public var weight: Double
}

/// `ScoringBuffer.featureRow` of a feature without a row of class weights.
let FeatureRowNone = Int32.min

/// Per-thread scratch memory for scoring, so prediction does not allocate per document.
public struct ScoringBuffer {
    var scores: [Double] = []
    var x: [Double] = []
    var blocks: [SIMD8<Float>] = []
    /// The rows of class weights to add for the current document and each one's factor (see `scoreInto`).
    var rows: [UnsafePointer<Float>?] = []
    var factors: [Float] = []
    /// Sparse rows spread out to all classes, one per sparse feature of the document; zero between documents.
    var expanded: [Float] = []
    /// The lanes of `expanded` written for the last document, set back to zero by the next call (after
    /// `explain` has read them).
    var written: [Int32] = []
    var writtenCount = 0
    /// Per feature i of the last document scored: the row `explain` reads d(f, c) from, a dense row's
    /// index (>= 0), -(slot + 1) for a sparse row spread in `expanded`, or `FeatureRowNone`.
    var featureRow: [Int32] = []
    public init() {}
}

extension NaiveBayesModel {
    /// Raw class scores of `v` (before temperature): see `NaiveBayesWeights` for the formula.
    public func scores(_ v: SparseVector, buffer: inout ScoringBuffer) -> [Double] {
        scoreInto(ids: v.ids[...], counts: v.values[...], buffer: &buffer)
        return buffer.scores
    }

    /// Returns the number of features that counted; leaves the scores in `buffer.scores`.
    /// The hot loop of prediction: raw buffers, no bounds checks, no copies.
    ///
    /// The class sums of d(f,c) are made in two steps. First each counted feature's row of class weights is
    /// found: a dense row as it is, a sparse row (a few cells) spread into a zeroed row of its own in
    /// `buffer.expanded`. Then `pm_accumulate_rows` adds the rows, each times the feature's weight, with the
    /// class accumulators held in AVX registers (the Swift loop kept them in memory and was a quarter of
    /// prediction). Each class still receives its terms in feature order, each a single-precision product
    /// added in single precision; the classes a sparse row lacks receive x * 0 = +0, which leaves a sum
    /// unchanged; so the scores are bit for bit those of adding cell by cell.
    ///
    /// With `weighed`, `buffer.x` already holds the document's weights under `w.transform` (scoring one
    /// document under several weights of the same model).
    @discardableResult
    func scoreInto(ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, buffer: inout ScoringBuffer,
                   weights given: NaiveBayesWeights? = nil, weighed: Bool = false) -> Int {
        // Not `let w = given ?? weights`: that copy of the struct retained and released each of its arrays
        // per document.
        if let given { return withUnsafePointer(to: given) { scoreInto(ids: ids, counts: counts, buffer: &buffer, w: $0, weighed: weighed) } }
        return withWeightsInPlace { scoreInto(ids: ids, counts: counts, buffer: &buffer, w: $0, weighed: weighed) }
    }

    /// The model's weights where they are stored, each array read through the pointer: reading the
    /// property (even into a `borrowing` parameter, or `pointee` whole) copied the struct, a retain and a release of each of its ten arrays, twice per predicted
    /// document (callgrind: `NaiveBayesWeights` copy and destroy, 1.5% of `predict`). Only for reading,
    /// while nothing recomputes the weights (prediction never does).
    @inline(__always)
    func withWeightsInPlace<R>(_ body: (UnsafePointer<NaiveBayesWeights>) -> R) -> R {
        withUnsafeMutablePointer(to: &weights) { body(UnsafePointer($0)) }
    }

    @inline(__always)
    private func scoreInto(ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, buffer: inout ScoringBuffer,
                           w: UnsafePointer<NaiveBayesWeights>, weighed: Bool) -> Int {
        let C = labels.count, B = w.pointee.classBlocks, lanes = 8 * B
        if buffer.scores.count != C { buffer.scores = [Double](repeating: 0, count: C) }
        if buffer.blocks.count != B { buffer.blocks = [SIMD8<Float>](repeating: .zero, count: B) }
        if buffer.rows.count < ids.count {
            buffer.rows = [UnsafePointer<Float>?](repeating: nil, count: max(ids.count, 2 * buffer.rows.count))
            buffer.factors = [Float](repeating: 0, count: buffer.rows.count)
            buffer.featureRow = [Int32](repeating: 0, count: buffer.rows.count)
        }
        // The previous document's spread rows back to zero, lane by lane (a memset of the whole rows cost
        // more than the scoring: a sparse row holds 4 cells on average, of 80 lanes).
        buffer.expanded.withUnsafeMutableBufferPointer { expanded in
            for j in 0..<buffer.writtenCount { expanded[Int(buffer.written[j])] = 0 }
        }
        buffer.writtenCount = 0
        // Room for every feature to be sparse; all zero here.
        if buffer.expanded.count < ids.count * lanes {
            buffer.expanded = [Float](repeating: 0, count: max(ids.count, 64) * lanes)
        }
        let cellsAtMost = min(ids.count * C, w.pointee.cells.count)
        if buffer.written.count < cellsAtMost { buffer.written = [Int32](repeating: 0, count: max(cellsAtMost, 2 * buffer.written.count)) }
        if !weighed { NaiveBayesWeights.weigh(w, ids: ids, counts: counts, into: &buffer.x) }
        var g = 0.0, total = 0.0, used = 0
        let hasBase = !w.pointee.base.isEmpty
        buffer.blocks.withUnsafeMutableBufferPointer { acc in
            for b in 0..<B { acc[b] = .zero }
            let accScalar = UnsafeMutableRawPointer(acc.baseAddress!).assumingMemoryBound(to: Float.self)
            w.pointee.records.withUnsafeBufferPointer { record in
            w.pointee.cells.withUnsafeBufferPointer { cell in
            w.pointee.dense.withUnsafeBufferPointer { dense in
            buffer.x.withUnsafeBufferPointer { x in
            buffer.rows.withUnsafeMutableBufferPointer { rowOf in
            buffer.factors.withUnsafeMutableBufferPointer { factor in
            buffer.expanded.withUnsafeMutableBufferPointer { expanded in
            buffer.featureRow.withUnsafeMutableBufferPointer { featureRow in
            buffer.written.withUnsafeMutableBufferPointer { written in
            ids.withUnsafeBufferPointer { ids in
                let flat = UnsafeRawPointer(dense.baseAddress).map { $0.assumingMemoryBound(to: Float.self) }
                let spread = expanded.baseAddress!
                var n = 0, sparse = 0, lanesWritten = 0
                for i in 0..<ids.count {
                    featureRow[i] = FeatureRowNone
                    let tf = x[i]
                    if tf == 0 { continue }
                    let f = Int(ids[i])
                    let r = record[f]
                    let xf = tf * Double(r.scale)
                    used += 1
                    total += xf
                    if hasBase { g += xf * Double(r.base) }
                    if r.isDense, let flat {
                        rowOf[n] = UnsafePointer(flat + Int(r.first) * lanes)
                        featureRow[i] = Int32(r.first)
                    } else {
                        let k0 = Int(r.first), k1 = k0 + r.cellCount
                        if k0 == k1 { continue }   // no cells (or not in the count table): adds nothing
                        let row = spread + sparse &* lanes
                        // Wrapping arithmetic: lanes stay far below 2^31 (the buffer holds them), and the
                        // overflow and Int32 range checks were half of this loop's instructions (callgrind).
                        for k in k0..<k1 {
                            let lane = sparse &* lanes &+ Int(cell[k].cls)
                            spread[lane] = cell[k].delta
                            written[lanesWritten] = Int32(truncatingIfNeeded: lane)
                            lanesWritten &+= 1
                        }
                        rowOf[n] = UnsafePointer(row)
                        featureRow[i] = -Int32(sparse) - 1
                        sparse += 1
                    }
                    factor[n] = Float(xf)
                    n += 1
                }
                if pm_accumulate_rows(accScalar, rowOf.baseAddress, factor.baseAddress, n, B) == 0 {
                    // Without AVX2: the same per-lane arithmetic, 8 lanes at a time.
                    for r in 0..<n {
                        let v = SIMD8<Float>(repeating: factor[r])
                        let row = UnsafeRawPointer(rowOf[r]!).assumingMemoryBound(to: SIMD8<Float>.self)
                        for b in 0..<B { acc[b] += v * row[b] }
                    }
                }
                buffer.writtenCount = lanesWritten
            } } } } } } } } } }
            buffer.scores.withUnsafeMutableBufferPointer { scores in
                for c in 0..<C {
                    scores[c] = w.pointee.prior[c] + w.pointee.classScale[c] * (g + total * w.pointee.classConstant[c] + Double(accScalar[c]))
                }
            }
        }
        return used
    }

    /// The most probable classes of `v` with probabilities normalized by log-sum-exp.
    public func predict(_ v: SparseVector, top: Int = 1, buffer: inout ScoringBuffer) -> Prediction {
        let used = scoreInto(ids: v.ids[...], counts: v.values[...], buffer: &buffer)
        NaiveBayesModel.softmaxInPlace(&buffer.scores, temperature: scoringTemperature)
        let probs = buffer.scores
        var ranking: [LabelProbability] = []
        let k = max(1, min(top, probs.count))
        ranking.reserveCapacity(k)
        // Partial selection: k is small, classes may be many.
        for (c, p) in probs.enumerated() {
            if ranking.count < k {
                // Insertion behind every equal or better one: what the stable sort after each append gave,
                // without a sort per class (a full ranking of every class is asked for each document).
                ranking.append(LabelProbability(label: c, probability: p))
                var j = ranking.count - 1
                while j > 0, ranking[j].probability > ranking[j - 1].probability { ranking.swapAt(j, j - 1); j -= 1 }
                continue
            }
            if p > ranking[k - 1].probability {
                ranking[k - 1] = LabelProbability(label: c, probability: p)
                var j = k - 1
                while j > 0, ranking[j].probability > ranking[j - 1].probability { ranking.swapAt(j, j - 1); j -= 1 }
            }
        }
        return Prediction(label: ranking[0].label, probability: ranking[0].probability, ranking: ranking, hasEvidence: used > 0)
    }

    public func predict(_ v: SparseVector, top: Int = 1) -> Prediction {
        var b = ScoringBuffer()
        return predict(v, top: top, buffer: &b)
    }

    /// Through a raw buffer: runs once per predicted document, and through the array each element paid
    /// a uniqueness check (callgrind: 27 instructions a class besides `exp`, 5% of a lean model's predict).
    /// The same operations in the same order as before.
    static func softmaxInPlace(_ s: inout [Double], temperature t: Double) {
        s.withUnsafeMutableBufferPointer { s in
            var m = -Double.infinity
            for v in s where v * t > m { m = v * t }
            guard m.isFinite else { for i in s.indices { s[i] = 1 / Double(s.count) }; return }
            var z = 0.0
            for i in s.indices { s[i] = exp(s[i] * t - m); z += s[i] }
            for i in s.indices { s[i] /= z }
        }
    }

    /// softmax(scores)[c] without making the whole distribution (the same arithmetic as `softmax`).
    static func probability(of c: Int, _ scores: [Double]) -> Double {
        var m = -Double.infinity
        for s in scores where s > m { m = s }
        guard m.isFinite else { return 1 / Double(max(scores.count, 1)) }
        var z = 0.0
        for s in scores { z += exp(s - m) }
        return exp(scores[c] - m) / z
    }

    /// exp(T s_c - logsumexp(T s)): subtracting the maximum keeps exp from overflowing.
    public static func softmax(_ scores: [Double], temperature t: Double = 1) -> [Double] {
        var m = -Double.infinity
        for s in scores where s * t > m { m = s * t }
        guard m.isFinite else { return scores.map { _ in 1 / Double(max(scores.count, 1)) } }
        var out = scores.map { exp($0 * t - m) }
        let z = out.reduce(0, +)
        for i in out.indices { out[i] /= z }
        return out
    }

    /// The weight of feature `f` for class `c` (before temperature), w(f,c) in `NaiveBayesWeights`.
    public func weight(feature f: UInt32, class c: Int) -> Double {
        weight(feature: Int(f), class: c, weights)
    }

    @inline(__always)
    func weight(feature f: Int, class c: Int, _ w: NaiveBayesWeights) -> Double {
        guard f < w.transform.featureScale.count, w.transform.featureScale[f] != 0 else { return 0 }
        var d = 0.0
        if f < w.denseRow.count, w.denseRow[f] >= 0 {
            d = Double(w.dense[Int(w.denseRow[f]) * w.classBlocks + c / 8][c % 8])
        } else if f < table.featureCount {
            // Classes ascend within a row: binary search.
            var lo = table.start[f], hi = table.start[f + 1]
            while lo < hi {
                let mid = (lo + hi) / 2
                let m = Int(table.classes[mid])
                if m == c { d = Double(w.cells[mid].delta); break }
                if m < c { lo = mid + 1 } else { hi = mid }
            }
        }
        let g = w.base.isEmpty ? 0 : Double(w.base[f])
        return w.classScale[c] * (g + w.classConstant[c] + d)
    }

    /// The features of `v` that pushed it most towards `label` rather than `versus` (the runner-up; nil
    /// for a one-class model): x_f T (w(f,label) - w(f,versus)), largest first, positive ones only.
    public func explain(_ v: SparseVector, label: Int, versus: Int?, top: Int = 5) -> [FeatureContribution] {
        var buffer = ScoringBuffer()
        scoreInto(ids: v.ids[...], counts: v.values[...], buffer: &buffer)
        return explain(ids: v.ids[...], scored: buffer, label: label, versus: versus, top: top)
    }

    /// `predict` and `explain` in one: the explanation reuses the document's weights from scoring.
    public func predict(_ v: SparseVector, top: Int, explain n: Int, buffer: inout ScoringBuffer) -> (Prediction, [FeatureContribution]) {
        let p = predict(v, top: max(top, 2), buffer: &buffer)
        guard n > 0, p.hasEvidence else { return (p, []) }
        let versus = p.ranking.count > 1 ? p.ranking[1].label : nil
        return (p, explain(ids: v.ids[...], scored: buffer, label: p.label, versus: versus, top: n))
    }

    /// `scored`: the buffer that scored `ids` last with this model's weights: it holds the document's
    /// weights before IDF (`x`) and, per feature, the row of class weights scoring used, so d(f, label) and
    /// d(f, versus) are two loads, a sparse row no longer scanned (and its cells no longer missed in the
    /// cache a second time).
    func explain(ids: ArraySlice<UInt32>, scored buffer: ScoringBuffer, label: Int, versus: Int?, top: Int) -> [FeatureContribution] {
        guard top > 0 else { return [] }
        return withWeightsInPlace { explain(ids: ids, scored: buffer, label: label, versus: versus, top: top, w: $0) }
    }

    @inline(__always)
    private func explain(ids: ArraySlice<UInt32>, scored buffer: ScoringBuffer, label: Int, versus: Int?, top: Int,
                         w: UnsafePointer<NaiveBayesWeights>) -> [FeatureContribution] {
        let before: (FeatureContribution, FeatureContribution) -> Bool = { $0.weight > $1.weight || ($0.weight == $1.weight && $0.feature < $1.feature) }
        var best: [FeatureContribution] = []
        best.reserveCapacity(top + 1)
        let sL = w.pointee.classScale[label], kL = w.pointee.classConstant[label]
        let sV = versus.map { w.pointee.classScale[$0] } ?? 0, kV = versus.map { w.pointee.classConstant[$0] } ?? 0
        let V = versus ?? 0
        let t = scoringTemperature
        // Raw buffers: this runs for every predicted document, and passing the weights around by value
        // costs more in reference counting than the arithmetic.
        w.pointee.records.withUnsafeBufferPointer { record in
        w.pointee.dense.withUnsafeBufferPointer { dense in
        buffer.expanded.withUnsafeBufferPointer { expanded in
        buffer.featureRow.withUnsafeBufferPointer { featureRow in
        buffer.x.withUnsafeBufferPointer { x in
        ids.withUnsafeBufferPointer { ids in
            let lanes = w.pointee.classBlocks * 8
            let flat = UnsafeRawPointer(dense.baseAddress).map { $0.assumingMemoryBound(to: Float.self) }
            let spread = expanded.baseAddress!
            // What a weight must reach to be considered: positive (the least positive double) until `best`
            // is full, then the smallest weight in it. One test per feature that nearly always fails; the
            // count of `best` is read only when it passes.
            var floor = Double.leastNonzeroMagnitude
            for i in 0..<ids.count where x[i] != 0 {
                let f = Int(ids[i])
                let r = record[f]
                // d(f, label) and d(f, versus) from the row scoring added (0 without one).
                var dL: Float = 0, dV: Float = 0
                let k = Int(featureRow[i])
                if k != Int(FeatureRowNone) {
                    let row = k >= 0 ? flat! + k &* lanes : spread + (-k &- 1) &* lanes
                    dL = row[label]
                    if versus != nil { dV = row[V] }
                }
                let base = Double(r.base)
                var diff = sL * (base + kL + Double(dL))
                if versus != nil { diff -= sV * (base + kV + Double(dV)) }
                let weight = x[i] * Double(r.scale) * t * diff
                // (Testing the sign first cost a mispredicted branch for half the features.)
                guard weight >= floor else { continue }
                let c = FeatureContribution(feature: ids[i], weight: weight)
                // Partial selection of the top few; a full sort of ~200 features per document is wasted.
                if best.count < top { best.append(c); best.sort(by: before) }
                else if before(c, best[best.count - 1]) { best[best.count - 1] = c; best.sort(by: before) }
                if best.count == top { floor = best[top - 1].weight }
            }
        } } } } } }
        return best
    }
}
