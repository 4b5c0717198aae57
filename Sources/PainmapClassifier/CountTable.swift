/// Per-feature, per-class weighted counts, stored sparsely by feature (compressed sparse rows).
///
/// A feature is seen by few classes: "card arriv" by two or three of 77 banking intents. Keeping only the
/// non-zero (feature, class) cells makes the table small, makes prediction cost proportional to those cells
/// rather than to features x classes, and is what incremental training adds to.
struct CountTable: Sendable, Equatable {
    /// Row of feature `f` is `start[f]..<start[f + 1]`.
    var start: [Int] = [0]
    /// Class of each cell, ascending within a row.
    var classes: [Int32] = []
    /// Sum over the class's documents of the feature's (sublinear, length-normalized) term frequency,
    /// before IDF: IDF is applied when weights are computed, so that adding documents can change it.
    var values: [Double] = []

    var featureCount: Int { start.count - 1 }
    var cellCount: Int { classes.count }

    func row(_ f: Int) -> Range<Int> { f < featureCount ? start[f]..<start[f + 1] : 0..<0 }

    /// A table with `featureCount` rows: this one's cells plus `added` (feature, class, value) cells, which
    /// must come in ascending class order. Cells of the same (feature, class) are summed.
    func merged(featureCount: Int, added: [(feature: UInt32, cls: Int32, value: Double)]) -> CountTable {
        var rowLength = [Int](repeating: 0, count: featureCount + 1)
        for f in 0..<self.featureCount { rowLength[f] = start[f + 1] - start[f] }
        for a in added { rowLength[Int(a.feature)] += 1 }
        // Fill: old cells first, then added ones; both are class-ascending within a row.
        var pos = [Int](repeating: 0, count: featureCount + 1)
        for f in 0..<featureCount { pos[f + 1] = pos[f] + rowLength[f] }
        let bound = pos
        var cls = [Int32](repeating: 0, count: pos[featureCount])
        var val = [Double](repeating: 0, count: pos[featureCount])
        for f in 0..<self.featureCount {
            for k in start[f]..<start[f + 1] { cls[pos[f]] = classes[k]; val[pos[f]] = values[k]; pos[f] += 1 }
        }
        let oldEnd = pos
        for a in added {
            let f = Int(a.feature)
            cls[pos[f]] = a.cls; val[pos[f]] = a.value; pos[f] += 1
        }
        // A new table (every fit, and each fold model of the alpha search): with no old cells the merge
        // below copies the filled rows as they are, so they are the result. (Merging them cell by cell
        // was 1.3% of training, callgrind on banking77.)
        if cellCount == 0 {
            var out = CountTable()
            out.start = bound
            out.classes = cls
            out.values = val
            return out
        }
        // Merge the two sorted parts of each row, summing equal classes.
        var out = CountTable()
        out.start.reserveCapacity(featureCount + 1)
        out.classes.reserveCapacity(cls.count); out.values.reserveCapacity(cls.count)
        for f in 0..<featureCount {
            var i = bound[f], j = oldEnd[f]
            let iEnd = oldEnd[f], jEnd = bound[f + 1]
            while i < iEnd || j < jEnd {
                if j >= jEnd || (i < iEnd && cls[i] < cls[j]) {
                    out.classes.append(cls[i]); out.values.append(val[i]); i += 1
                } else if i >= iEnd || cls[j] < cls[i] {
                    out.classes.append(cls[j]); out.values.append(val[j]); j += 1
                } else {
                    out.classes.append(cls[i]); out.values.append(val[i] + val[j]); i += 1; j += 1
                }
            }
            out.start.append(out.classes.count)
        }
        return out
    }
}
