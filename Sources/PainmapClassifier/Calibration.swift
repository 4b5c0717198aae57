import Foundation

/// Temperature scaling (Guo et al. 2017): probabilities are softmax(T * score). Naive Bayes scores are far
/// too confident (the independence assumption counts correlated words many times over), and the complement
/// variant's normalized weights make scores tiny; one number T, fitted on documents the model did not
/// train on, makes "0.8" mean right about 80% of the time for both, so that `--min-confidence` is usable.
extension NaiveBayesModel {
    /// Held-out documents scored for calibration at most; enough for one parameter, and cheap.
    static let calibrationSample = 4000

    /// Fits `temperature` by internal stratified cross-validation on the training rows.
    func calibrate(_ docs: DocumentVectors, labels docLabels: LabelSet, rows: [Int]) {
        temperature = 1
        guard labels.count >= 2, rows.count >= 10 else { return }
        let folds = min(5, rows.count / 2)
        let splits = StratifiedKFold(folds: folds, seed: 0xCA1B).split(labels: docs.labels, rows: rows)
        var p = parameters
        p.calibrate = false
        var scored: [(scores: [Double], truth: Int)] = []
        let perFold = NaiveBayesModel.calibrationSample / folds + 1
        for (k, test) in splits.enumerated() where !test.isEmpty {
            let m = NaiveBayesModel(parameters: p, features: features)
            guard (try? m.fit(docs, labels: docLabels, rows: StratifiedKFold.trainingRows(splits, excluding: k))) != nil else { continue }
            var buffer = ScoringBuffer()
            let step = max(1, test.count / perFold)
            for r in stride(from: 0, to: test.count, by: step).map({ test[$0] }) {
                let s = m.scores(docs[r], buffer: &buffer)
                let truth = docs.label(r)
                if s[truth].isFinite { scored.append((s, truth)) }   // skip classes the fold never trained on
            }
        }
        if let t = NaiveBayesModel.fitTemperature(scored) { temperature = t }
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
