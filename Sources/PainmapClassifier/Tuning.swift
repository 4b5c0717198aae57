import Dispatch
import Foundation

/// Model selection and calibration by cross-validation inside the training data.
///
/// One pass does both: the training rows are split into three stratified folds; for each fold a model is fitted
/// on the other folds (counts once), then for every candidate alpha its weights are derived and a sample
/// of the held-out documents scored. The alpha with the best held-out accuracy wins (ties go to the larger,
/// smoother one), and its held-out scores calibrate the temperature.
///
/// Temperature scaling (Guo et al. 2017): probabilities are softmax(T * score). Naive Bayes scores are far
/// too confident (the independence assumption counts correlated words many times over); one number T,
/// fitted on documents the model did not train on, makes "0.8" mean right about 80% of the time, so that
/// `--min-confidence` is usable.
extension NaiveBayesModel {
    /// Held-out documents scored per candidate at most: enough to rank a handful of alphas and fit one
    /// temperature, cheap enough to keep training fast.
    static let tuningSample = 3000

    func tuneAndCalibrate(_ docs: DocumentVectors, labels docLabels: LabelSet, rows: [Int]) {
        temperature = 1
        guard Set(rows.map { docs.labels[$0] }).count >= 2, rows.count >= 10 else { return }
        let alphas = parameters.tuneAlpha ? parameters.alphaGrid.sorted() : [parameters.alpha]
        let folds = min(3, rows.count / 2)
        let splits = StratifiedKFold(folds: folds, seed: 0xCA1B).split(labels: docs.labels, rows: rows)
        var p = parameters
        p.calibrate = false
        p.tuneAlpha = false
        p.discriminativePasses = 0   // alpha is chosen on the generative counts; see below for calibration
        let perFold = NaiveBayesModel.tuningSample / folds + 1
        // heldOut(...)[a]: held-out (scores, truth) under alphas[a].
        // Folds run on all cores at once: each has its own model; the documents and features are only read.
        func heldOut(_ p: NaiveBayesParameters, alphas: [Double], folds: Int) -> [[(scores: [Double], truth: Int)]] {
            let results = UnsafeMutableBufferPointer<[[(scores: [Double], truth: Int)]]>.allocate(capacity: splits.count)
            results.initialize(repeating: [])
            defer { results.deinitialize(); results.deallocate() }
            let box = SendableBox(results)
            DispatchQueue.concurrentPerform(iterations: min(folds, splits.count)) { k in
                let test = splits[k]
                let m = NaiveBayesModel(parameters: p, features: features)
                guard !test.isEmpty, (try? m.fit(docs, labels: docLabels, rows: StratifiedKFold.trainingRows(splits, excluding: k))) != nil else { return }
                let step = max(1, test.count / perFold)
                let sample = stride(from: 0, to: test.count, by: step).map { test[$0] }
                let vectors = sample.map { docs[$0] }
                var byAlpha: [[(scores: [Double], truth: Int)]] = []
                var buffer = ScoringBuffer()
                for alpha in alphas {
                    let w = alpha == p.alpha ? m.weights : m.makeWeights(alpha: alpha)
                    var out: [(scores: [Double], truth: Int)] = []
                    out.reserveCapacity(sample.count)
                    for (i, r) in sample.enumerated() {
                        m.scoreInto(ids: vectors[i].ids[...], counts: vectors[i].values[...], buffer: &buffer, weights: w)
                        let truth = docs.label(r)
                        if buffer.scores[truth].isFinite { out.append((buffer.scores, truth)) }   // class absent from the fold
                    }
                    byAlpha.append(out)
                }
                box.value[k] = byAlpha
            }
            var scored = [[(scores: [Double], truth: Int)]](repeating: [], count: alphas.count)
            for k in 0..<min(folds, splits.count) where !results[k].isEmpty {
                for a in alphas.indices { scored[a] += results[k][a] }
            }
            return scored
        }
        var scored = heldOut(p, alphas: alphas, folds: splits.count)
        guard scored.contains(where: { !$0.isEmpty }) else { return }

        var best = 0, bestRight = -1
        for a in alphas.indices {
            let right = scored[a].reduce(0) { n, d in n + (d.scores.indices.max(by: { d.scores[$0] < d.scores[$1] }) == d.truth ? 1 : 0) }
            if right >= bestRight { best = a; bestRight = right }   // ">=": on a tie the larger alpha
        }
        if parameters.tuneAlpha { parameters.alpha = alphas[best] }
        tuningReport = zip(alphas, scored).map { a, s in
            (a, s.isEmpty ? 0 : Double(s.reduce(0) { n, d in n + (d.scores.indices.max(by: { d.scores[$0] < d.scores[$1] }) == d.truth ? 1 : 0) }) / Double(s.count))
        }
        if parameters.calibrate, parameters.discriminativePasses > 0, parameters.variant == .multinomial {
            // Discriminative passes change the scale of the scores: calibrate on fold models made the same way.
            var q = parameters
            q.calibrate = false; q.tuneAlpha = false
            // One fold is enough to fit one number, and discriminative passes are the costly part of training.
            scored = heldOut(q, alphas: [parameters.alpha], folds: 1)
            best = 0
        }
        if parameters.calibrate, let t = NaiveBayesModel.fitTemperature(scored[best]) { temperature = t }
    }

    /// The T > 0 that minimizes the negative log-likelihood of the true classes under softmax(T * s).
    /// The loss is convex in T, so its derivative sum_d (E_T[s] - s_truth) rises with T: safeguarded Newton
    /// steps on u = log T inside a shrinking bracket find its zero in a few passes.
    static func fitTemperature(_ data: [(scores: [Double], truth: Int)]) -> Double? {
        guard !data.isEmpty else { return nil }
        // Start where T times the typical spread of scores is about 1.
        var spread = 0.0
        for d in data {
            let fin = d.scores.filter(\.isFinite)
            if let mx = fin.max(), let mn = fin.min() { spread += mx - mn }
        }
        spread /= Double(data.count)
        guard spread > 0 else { return nil }
        var u = -log(spread)
        var lo = u - 12, hi = u + 6   // a perfect separation would push T to infinity: cap it

        // First and second derivatives of the loss with respect to u.
        func derivatives(_ u: Double) -> (Double, Double) {
            let t = exp(u)
            var d1 = 0.0, d2 = 0.0
            for d in data {
                var m = -Double.infinity
                for s in d.scores where s.isFinite { m = max(m, s) }
                var z = 0.0, mean = 0.0, sq = 0.0
                for s in d.scores where s.isFinite {
                    let e = exp(t * (s - m))
                    z += e; mean += e * s; sq += e * s * s
                }
                mean /= z; sq /= z
                d1 += mean - d.scores[d.truth]
                d2 += sq - mean * mean
            }
            // dL/du = T dL/dT; d2L/du2 = T dL/dT + T^2 d2L/dT2
            return (t * d1, t * d1 + t * t * d2)
        }
        for _ in 0..<60 {
            let (g, h) = derivatives(u)
            if g > 0 { hi = u } else { lo = u }
            var next = h > 0 ? u - g / h : (lo + hi) / 2
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - u) < 1e-6 { u = next; break }
            u = next
        }
        return exp(u)
    }
}

/// Lets `concurrentPerform` workers write to disjoint elements of one buffer.
struct SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}
