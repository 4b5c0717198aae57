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

/// Per-thread scratch memory for scoring, so prediction does not allocate per document.
public struct ScoringBuffer {
    var scores: [Double] = []
    var x: [Double] = []
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
    @discardableResult
    func scoreInto(ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, buffer: inout ScoringBuffer) -> Int {
        let w = weights
        let C = labels.count
        if buffer.scores.count != C { buffer.scores = [Double](repeating: 0, count: C) }
        w.transform.weigh(ids: ids, counts: counts, into: &buffer.x)
        var g = 0.0, total = 0.0, used = 0
        let hasBase = !w.base.isEmpty
        buffer.scores.withUnsafeMutableBufferPointer { acc in
            for c in 0..<C { acc[c] = 0 }
            table.start.withUnsafeBufferPointer { start in
            table.classes.withUnsafeBufferPointer { cls in
            w.delta.withUnsafeBufferPointer { delta in
            w.transform.featureScale.withUnsafeBufferPointer { scale in
            w.base.withUnsafeBufferPointer { base in
            w.denseRow.withUnsafeBufferPointer { denseRow in
            w.dense.withUnsafeBufferPointer { dense in
            buffer.x.withUnsafeBufferPointer { x in
            ids.withUnsafeBufferPointer { ids in
                let rows = start.count - 1
                for i in 0..<ids.count {
                    let tf = x[i]
                    if tf == 0 { continue }
                    let f = Int(ids[i])
                    let xf = tf * Double(scale[f])
                    used += 1
                    total += xf
                    if hasBase { g += xf * Double(base[f]) }
                    guard f < rows else { continue }
                    let d = Int(denseRow[f])
                    if d >= 0 {
                        let row = dense.baseAddress! + d * C
                        for c in 0..<C { acc[c] += xf * Double(row[c]) }
                        continue
                    }
                    var k = start[f]
                    let end = start[f + 1]
                    while k < end {
                        acc[Int(cls[k])] += xf * Double(delta[k])
                        k += 1
                    }
                }
            } } } } } } } } }
            for c in 0..<C { acc[c] = w.prior[c] + w.classScale[c] * (g + total * w.classConstant[c] + acc[c]) }
        }
        return used
    }

    /// The most probable classes of `v` with probabilities normalized by log-sum-exp.
    public func predict(_ v: SparseVector, top: Int = 1, buffer: inout ScoringBuffer) -> Prediction {
        let used = scoreInto(ids: v.ids[...], counts: v.values[...], buffer: &buffer)
        let probs = NaiveBayesModel.softmax(buffer.scores, temperature: temperature)
        var ranking: [LabelProbability] = []
        let k = max(1, min(top, probs.count))
        // Partial selection: k is small, classes may be many.
        for (c, p) in probs.enumerated() {
            if ranking.count < k { ranking.append(LabelProbability(label: c, probability: p)); ranking.sort { $0.probability > $1.probability }; continue }
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
        let w = weights
        let fi = Int(f)
        guard fi < w.transform.featureScale.count, w.transform.featureScale[fi] != 0 else { return 0 }
        var d = 0.0
        for k in table.row(fi) where Int(table.classes[k]) == c { d = Double(w.delta[k]) }
        let g = w.base.isEmpty ? 0 : Double(w.base[fi])
        return w.classScale[c] * (g + w.classConstant[c] + d)
    }

    /// The features of `v` that pushed it most towards `label` rather than `versus` (the runner-up; nil
    /// for a one-class model): x_f T (w(f,label) - w(f,versus)), largest first, positive ones only.
    public func explain(_ v: SparseVector, label: Int, versus: Int?, top: Int = 5) -> [FeatureContribution] {
        var x: [Double] = []
        weights.transform.weigh(ids: v.ids[...], counts: v.values[...], into: &x)
        var out: [FeatureContribution] = []
        for (i, f) in v.ids.enumerated() where x[i] != 0 {
            let xf = x[i] * Double(weights.transform.featureScale[Int(f)])
            var d = weight(feature: f, class: label)
            if let versus { d -= weight(feature: f, class: versus) }
            let c = xf * temperature * d
            if c > 0 { out.append(FeatureContribution(feature: f, weight: c)) }
        }
        out.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.feature < $1.feature) }
        return Array(out.prefix(top))
    }
}
