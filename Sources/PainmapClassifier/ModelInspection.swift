/// What a model has learned, for `painmap model inspect`.
extension NaiveBayesModel {
    /// Per class, the features that most favour it: weight for the class minus the feature's average
    /// weight for the other classes, for one occurrence, in calibrated log-odds. Only features the class
    /// has seen are candidates (for the others the difference is the same small constant).
    public func indicativeFeatures(top k: Int) -> [[(feature: UInt32, weight: Double)]] {
        let C = labels.count
        var out = [[(feature: UInt32, weight: Double)]](repeating: [], count: C)
        guard C > 0, k > 0 else { return out }
        let w = weights
        // Sum over classes of the part of w(f,c) that every class has: s(c) * (g(f) + k(c)).
        var sumScale = 0.0, sumScaledConstant = 0.0
        for c in 0..<C where w.prior[c].isFinite {
            sumScale += w.classScale[c]; sumScaledConstant += w.classScale[c] * w.classConstant[c]
        }
        let others = Double(max(C - 1, 1))
        for f in 0..<table.featureCount where f < w.transform.featureScale.count && w.transform.featureScale[f] != 0 {
            let g = w.base.isEmpty ? 0 : Double(w.base[f])
            var total = g * sumScale + sumScaledConstant
            for k in table.row(f) {
                let c = Int(table.classes[k])
                if w.prior[c].isFinite { total += w.classScale[c] * Double(w.cells[k].delta) }
            }
            for k in table.row(f) {
                let c = Int(table.classes[k])
                let own = w.classScale[c] * (g + w.classConstant[c] + Double(w.cells[k].delta))
                let score = scoringTemperature * (own - (total - own) / others)
                out[c].append((UInt32(f), score))
            }
        }
        return out.map { list in Array(list.sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.feature < $1.feature) }.prefix(k)) }
    }
}
