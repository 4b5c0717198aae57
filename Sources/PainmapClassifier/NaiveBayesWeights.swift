import CPainmapKernels
import Foundation

/// Prediction weights derived from the counts, in a form that makes scoring cost proportional to the
/// non-zero (feature, class) cells a document touches.
///
/// Both variants give the weight of feature f for class c as w(f,c) = s(c) * (g(f) + k(c) + d(f,c)), where
/// d(f,c) is zero for every class that never saw f. A document x then scores
///   score(c) = prior(c) + s(c) * (sum_f x_f g(f) + k(c) sum_f x_f + sum over touched cells x_f d(f,c)).
///
/// Multinomial, with Lidstone smoothing alpha, n(f,c) the IDF-weighted counts and V active features:
///   log P(f|c) = log(n(f,c) + alpha) - log(N(c) + alpha V)
///   g = 0, k(c) = log(alpha) - log(N(c) + alpha V), d(f,c) = log(1 + n(f,c) / alpha), s = 1.
/// Complement (Rennie et al. 2003), from the counts of all classes but c, n(f) = sum_c n(f,c):
///   log Q(f|c) = log(n(f) - n(f,c) + alpha) - log(N - N(c) + alpha V)
///   g(f) = log(n(f) + alpha), k(c) = -log(N - N(c) + alpha V), d(f,c) = log(n(f) - n(f,c) + alpha) - g(f);
///   s(c) = 1 / sum_f log Q(f|c) with weight normalization (both negative, so s(c) < 0), else s(c) = -1:
///   a class scores high when the document's words are rare in the *other* classes.
struct NaiveBayesWeights: Sendable {
    var transform = FeatureTransform()
    var activeCount = 0
    /// Active character n-grams among them (they may be smoothed with another pseudo-count).
    var activeCharacterCount = 0
    /// g(f), only for the complement variant (empty for multinomial: all zero).
    var base: [Float] = []
    /// d(f,c) with its class, aligned with the count table's cells: a sparse row is one run of memory (the
    /// classes and weights in two arrays were two cache misses per row when scoring).
    var cells: [WeightCell] = []
    /// Per feature, all that scoring reads before the class weights (see `FeatureRecord`).
    var records: [FeatureRecord] = []
    /// Rows touched by many classes (the character n-gram "~e", the word "my") are also kept dense, with
    /// all classes side by side, so scoring them is a vectorizable loop instead of scattered writes.
    /// `denseRow[f]` is the row's index into `dense`, or -1; a dense row is `classBlocks` vectors of 8
    /// classes (padded with zeros), so the scoring loop is explicit SIMD.
    var denseRow: [Int32] = []
    var dense: [SIMD8<Float>] = []
    var classBlocks = 0
    var classConstant: [Double] = []
    var classScale: [Double] = []
    var prior: [Double] = []
}

extension NaiveBayesWeights {
    /// The sum of the pseudo-counts over the active features, when words get `alpha`.
    func smoothingMass(_ alpha: Double) -> Double {
        alpha * (Double(activeCount - activeCharacterCount) + transform.characterAlphaScale * Double(activeCharacterCount))
    }
}

/// What the weights of one model share whatever alpha and variant: the feature transform, the class totals
/// of the counts, which rows are dense, the feature records (without g(f)) and, for the
/// complement variant, each feature's total count n(f). The alpha search makes two sets of weights for
/// each of five alphas from every fold model; building this once per fold instead of once per set took
/// that work out of ten of every eleven weight builds (callgrind, banking77 defaults).
struct WeightLayout: Sendable {
    var transform: FeatureTransform
    /// IDF-weighted counts per class over the active features.
    var classTotal: [Double]
    var activeCount = 0
    var activeCharacterCount = 0
    var classBlocks = 0
    /// As `NaiveBayesWeights.denseRow`; `denseRowCount` rows in all.
    var denseRow: [Int32]
    var denseRowCount = 0
    /// As `NaiveBayesWeights.records`, with g(f) = 0.
    var records: [FeatureRecord]
    /// n(f) = sum_c n(f,c) idf(f) of each active feature (0 for the others); empty unless asked for.
    var featureTotal: [Double]
}

extension NaiveBayesModel {
    /// Recomputes the prediction weights from the statistics. `multinomialPart`, when given, must be
    /// `makeWeights(alpha: parameters.alpha)` of the statistics as they stand (training has just made it):
    /// the mixture then builds only its complement part.
    func computeWeights(multinomialPart: NaiveBayesWeights? = nil, layout given: WeightLayout? = nil) {
        guard isMixture else { weights = multinomialPart ?? makeWeights(alpha: parameters.alpha, layout: given); return }
        // One layout (and feature transform) for both parts: making the transform names every feature's
        // family, a tenth of a load.
        let layout = given.map { $0.featureTotal.isEmpty ? weightLayout(transform: $0.transform, featureTotals: true) : $0 }
            ?? weightLayout(featureTotals: true)
        let (alpha, complementAlpha) = (parameters.alpha, parameters.complementAlpha)
        if let multinomialPart {
            weights = mixtureWeights(multinomialPart, makeWeights(alpha: complementAlpha, variant: .complement, denseRows: false, layout: layout), layout: layout)
            return
        }
        // The two parts on two cores (each reads the statistics only): a model load makes both, and with a
        // log per cell each, one after the other added a quarter to the load of a 77,000-feature model.
        let parts = ParallelResults<NaiveBayesWeights>(2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            parts[i] = i == 0 ? makeWeights(alpha: alpha, denseRows: false, layout: layout)
                              : makeWeights(alpha: complementAlpha, variant: .complement, denseRows: false, layout: layout)
        }
        weights = mixtureWeights(parts[0], parts[1], layout: layout)
    }

    /// The weights of the multinomial part alone (what the discriminative passes and leave-one-out work on).
    func multinomialWeights() -> NaiveBayesWeights {
        isMixture ? makeWeights(alpha: parameters.alpha) : weights
    }

    /// The log-linear pool (1 - w) T_m score_m + w T_c score_c as one set of weights of the same form.
    /// With the complement's s(c), g, k, d and the multinomial's k_m, d_m, prior_m, a = (1 - w) T_m, b = w T_c:
    ///   score(c) = a (prior_m + k_m X + D_m) + b s(c) (G + k X + D)
    ///            = a prior_m + b s(c) (G + (k + a k_m / (b s(c))) X + sum_f x_f (d + a d_m / (b s(c)))),
    /// so s' = b s, g' = g, k' = k + a k_m / (b s), d' = d + a d_m / (b s): both parts' d are zero for a
    /// class that never saw the feature, and they live on the same count-table cells.
    func mixtureWeights(_ m: NaiveBayesWeights, _ c: NaiveBayesWeights, layout: WeightLayout? = nil) -> NaiveBayesWeights {
        let lambda = parameters.complementWeight
        let a = (1 - lambda) * temperature, b = lambda * complementTemperature
        var w = c
        let C = labels.count
        let ratio = (0..<C).map { k in a / (b * c.classScale[k]) }
        w.classScale = c.classScale.map { b * $0 }
        w.classConstant = (0..<C).map { k in c.classConstant[k] + ratio[k] * m.classConstant[k] }
        w.prior = (0..<C).map { k in m.prior[k].isFinite && c.prior[k].isFinite ? a * m.prior[k] : -Double.infinity }
        // Raw buffers: a pass over every cell at each model load (part of the load time of large models).
        let r = ratio.map { Float($0) }
        w.cells.withUnsafeMutableBufferPointer { cells in
        m.cells.withUnsafeBufferPointer { mc in
        table.classes.withUnsafeBufferPointer { classes in
        r.withUnsafeBufferPointer { r in
            for k in 0..<cells.count { cells[k].delta += r[Int(classes[k])] * mc[k].delta }
        } } } }
        fillDenseRows(&w, layout: layout ?? weightLayout(transform: w.transform, featureTotals: false))
        return w
    }

    /// The parts of the weights that do not depend on alpha or the variant (see `WeightLayout`), for this
    /// model's statistics as they stand. `transform`, when given, must be this model's. With
    /// `featureTotals`, also n(f) (what the complement variant needs).
    func weightLayout(transform given: FeatureTransform? = nil, featureTotals: Bool) -> WeightLayout {
        let transform = given ?? FeatureTransform(parameters: parameters, documentFrequency: documentFrequency, documentCount: documentCount, features: features)
        let C = labels.count, F = table.featureCount

        // IDF-weighted counts per class and in total, over active features.
        // Raw buffers: a pass over every cell (with checked accesses it was a fifth of makeWeights' own
        // instructions, callgrind on banking77).
        var classTotal = [Double](repeating: 0, count: C)
        var featureTotal = featureTotals ? [Double](repeating: 0, count: F) : []
        var active = 0, activeCharacters = 0
        classTotal.withUnsafeMutableBufferPointer { classTotal in
        featureTotal.withUnsafeMutableBufferPointer { featureTotal in
        table.values.withUnsafeBufferPointer { values in
        table.start.withUnsafeBufferPointer { start in
        table.classes.withUnsafeBufferPointer { classes in
        transform.characterBlock.withUnsafeBufferPointer { characterBlock in
        transform.featureScale.withUnsafeBufferPointer { scale in
            for f in 0..<F where scale[f] != 0 {
                active += 1
                if characterBlock[f] { activeCharacters += 1 }
                let idf = Double(scale[f])
                for k in start[f]..<start[f + 1] { classTotal[Int(classes[k])] += values[k] * idf }
                if featureTotals {
                    var nf = 0.0
                    for k in start[f]..<start[f + 1] { nf += values[k] * idf }
                    featureTotal[f] = nf
                }
            }
        } } } } } } }

        // Dense copies of the busy rows: where a row has more cells than about twice its SIMD blocks, one
        // vector add per 8 classes beats a scattered add per cell. Then the feature records, which say
        // where each row is. Raw buffers throughout (checked accesses per cell and per feature: 3% of
        // training, callgrind on banking77).
        let blocks = (C + 7) / 8
        let threshold = max(4, 2 * blocks)
        var rows: Int32 = 0
        var denseRow = [Int32](repeating: -1, count: F)
        let total = transform.featureScale.count
        var records = [FeatureRecord]()
        records.reserveCapacity(total)
        table.start.withUnsafeBufferPointer { start in
        transform.featureScale.withUnsafeBufferPointer { scale in
        transform.characterBlock.withUnsafeBufferPointer { characterBlock in
        denseRow.withUnsafeMutableBufferPointer { denseRow in
            for f in 0..<F where scale[f] != 0 && start[f + 1] - start[f] >= threshold {
                denseRow[f] = rows
                rows += 1
            }
            for f in 0..<total {
                let dense = f < F && denseRow[f] >= 0
                let cellCount = f < F ? start[f + 1] - start[f] : 0
                records.append(FeatureRecord(scale: scale[f], base: 0,
                                             first: dense ? UInt32(denseRow[f]) : UInt32(f < F ? start[f] : 0),
                                             cellCount: dense ? 0 : UInt32(cellCount), dense: dense,
                                             character: characterBlock[f]))
            }
        } } } }
        return WeightLayout(transform: transform, classTotal: classTotal, activeCount: active,
                            activeCharacterCount: activeCharacters,
                            classBlocks: blocks, denseRow: denseRow, denseRowCount: Int(rows),
                            records: records, featureTotal: featureTotal)
    }

    /// Prediction weights for smoothing `alpha`; reads the statistics only, so several may be made at once.
    /// Without `denseRows` the dense copies are left out (the mixture's parts: it makes its own).
    /// `transform`, when given, must be this model's (the variant does not change it); `layout`, when
    /// given, must be this model's as its statistics stand (it then gives the transform).
    func makeWeights(alpha: Double, variant: NaiveBayesVariant? = nil, denseRows: Bool = true,
                     transform given: FeatureTransform? = nil, layout: WeightLayout? = nil) -> NaiveBayesWeights {
        var w = NaiveBayesWeights()
        makeWeights(alpha: alpha, variant: variant, denseRows: denseRows, transform: given, layout: layout, into: &w)
        return w
    }

    /// `makeWeights` written into `w`, whose large arrays (cells, g(f), dense rows, the complement's records)
    /// are overwritten in place when they are uniquely referenced and large enough: the alpha search makes
    /// thirty weight sets of the same sizes, each in fresh memory (perf record -e page-faults, banking77
    /// defaults: makeWeights and fillDenseRows ~3,600 of ~27,600 faults, though malloc recycled part of it).
    /// Each search worker reusing its two sets: 22,984 -> 22,178 page faults, user+sys 0.590 -> 0.540 s
    /// (medians of 15 alternated runs). The values are those of a fresh build.
    func makeWeights(alpha: Double, variant: NaiveBayesVariant? = nil, denseRows: Bool = true,
                     transform given: FeatureTransform? = nil, layout: WeightLayout? = nil, into w: inout NaiveBayesWeights) {
        var p = parameters
        if let variant { p.variant = variant }
        var layout = layout ?? weightLayout(transform: given, featureTotals: p.variant == .complement)
        if p.variant == .complement && layout.featureTotal.isEmpty {
            layout = weightLayout(transform: layout.transform, featureTotals: true)
        }
        let transform = layout.transform
        let C = labels.count, F = table.featureCount
        w.transform = transform
        let classTotal = layout.classTotal
        let active = layout.activeCount
        w.activeCount = active
        w.activeCharacterCount = layout.activeCharacterCount
        // Sum of the pseudo-counts over the active features (alpha V when every feature has alpha).
        let mass = w.smoothingMass(alpha)
        let cellCount = table.cellCount

        switch p.variant {
        case .multinomial:
            w.classConstant = classTotal.map { log(alpha) - log($0 + mass) }
            w.classScale = Array(repeating: 1, count: C)
            // Raw buffers: this runs once per candidate alpha and fold when training (a log per cell). The
            // cells are written once, class and d together (copying a template of the classes and then
            // setting d added a copy of every cell per weight set: 1.3% of training, callgrind).
            refill(&w.cells, count: cellCount) { cells in
            table.values.withUnsafeBufferPointer { values in
            table.start.withUnsafeBufferPointer { start in
            table.classes.withUnsafeBufferPointer { classes in
            transform.featureScale.withUnsafeBufferPointer { scale in
                for f in 0..<F {
                    guard scale[f] != 0 else {
                        for k in start[f]..<start[f + 1] { cells[k] = WeightCell(cls: classes[k], delta: 0) }
                        continue
                    }
                    let idf = Double(scale[f]), a = transform.alpha(f, alpha)
                    // In single precision, as the weights are stored: log1pf costs half of log1p, and the
                    // difference is within the rounding to Float. (With another pseudo-count a for character
                    // n-grams, log P(f|c) = log a + log1p(n / a) - log(N(c) + mass): the log a - log alpha
                    // that differs from k(c) is the same for every class, so it is left out.)
                    for k in start[f]..<start[f + 1] { cells[k] = WeightCell(cls: classes[k], delta: log1p(Float(values[k] * idf / a))) }
                }
            } } } }
            }
            w.base = []
            let n = classDocuments.reduce(0, +)
            w.prior = classDocuments.map { d in
                guard d > 0 else { return -Double.infinity }   // a class without documents is never predicted
                return p.priors == .learned ? log(d / n) : 0
            }

        case .complement:
            let total = classTotal.reduce(0, +)
            w.classConstant = classTotal.map { -log(total - $0 + mass) }
            refill(&w.base, count: F) { _ in }   // every entry is written below
            var baseSum = 0.0
            var deltaSum = [Double](repeating: 0, count: C)
            // Raw buffers and d = log1pf(-n(f,c) / (n(f) + alpha)), the same value as
            // log(n(f) - n(f,c) + alpha) - g(f) within the rounding to Float: the complement part is
            // computed at every load of a default (mixture) model, and two double logs per cell with
            // checked array accesses made it twice the multinomial part's cost (callgrind, model load).
            refill(&w.cells, count: cellCount) { cells in
            w.base.withUnsafeMutableBufferPointer { base in
            layout.featureTotal.withUnsafeBufferPointer { featureTotal in
            table.values.withUnsafeBufferPointer { values in
            table.start.withUnsafeBufferPointer { start in
            table.classes.withUnsafeBufferPointer { classes in
            transform.featureScale.withUnsafeBufferPointer { scale in
                for f in 0..<F {
                    guard scale[f] != 0 else {
                        base[f] = 0
                        for k in start[f]..<start[f + 1] { cells[k] = WeightCell(cls: classes[k], delta: 0) }
                        continue
                    }
                    let idf = Double(scale[f])
                    let nf = featureTotal[f]
                    let a = transform.alpha(f, alpha)
                    let g = log(nf + a)
                    base[f] = Float(g)
                    baseSum += g
                    for k in start[f]..<start[f + 1] {
                        let d = log1p(Float(-min(values[k] * idf, nf) / (nf + a)))
                        cells[k] = WeightCell(cls: classes[k], delta: d)
                        deltaSum[Int(classes[k])] += Double(d)
                    }
                }
            } } } } } }
            }
            w.classScale = (0..<C).map { c in
                guard p.normalizeWeights else { return -1 }
                let z = baseSum + Double(active) * w.classConstant[c] + deltaSum[c]   // sum_f log Q(f|c) < 0
                return z < -1e-12 ? 1 / z : -1
            }
            w.prior = classDocuments.map { $0 > 0 ? 0 : -Double.infinity }
        }
        if denseRows {
            fillDenseRows(&w, layout: layout)
        } else {
            (w.classBlocks, w.denseRow, w.dense, w.records) = (0, [], [], [])
        }
    }

    /// The dense copies of the busy rows of `w.cells` and the feature records, as `layout` places them.
    func fillDenseRows(_ w: inout NaiveBayesWeights, layout: WeightLayout) {
        let blocks = layout.classBlocks, F = table.featureCount
        w.classBlocks = blocks
        w.denseRow = layout.denseRow
        // Allocated once and filled through a raw pointer (growing it row by row, and setting a lane per
        // cell through the array, showed in training profiles).
        refill(&w.dense, count: layout.denseRowCount * blocks) { $0.initialize(repeating: SIMD8<Float>(repeating: 0)) }
        if w.base.isEmpty {
            w.records = layout.records
        } else {
            // The complement's records get g(f) below: its own copy of the layout's, into its old memory.
            refill(&w.records, count: layout.records.count) { records in
                layout.records.withUnsafeBufferPointer { _ = records.initialize(fromContentsOf: $0) }
            }
        }
        w.dense.withUnsafeMutableBufferPointer { dense in
        w.cells.withUnsafeBufferPointer { cells in
        w.denseRow.withUnsafeBufferPointer { denseRow in
        table.start.withUnsafeBufferPointer { start in
        table.classes.withUnsafeBufferPointer { classes in
            if layout.denseRowCount > 0 {
                let lanes = UnsafeMutableRawPointer(dense.baseAddress!).assumingMemoryBound(to: Float.self)
                for f in 0..<F where denseRow[f] >= 0 {
                    let row = lanes + Int(denseRow[f]) * blocks * 8
                    for k in start[f]..<start[f + 1] { row[Int(classes[k])] = cells[k].delta }
                }
            }
        } } } } }
        // Only the complement variant has g(f) to write into the records: the multinomial's share the
        // layout's array (a mutable pointer to it copied the whole array, copy-on-write, for each of the
        // alpha search's weight sets: ~14M instructions of training, callgrind on banking77).
        guard !w.base.isEmpty else { return }
        w.records.withUnsafeMutableBufferPointer { records in
        w.base.withUnsafeBufferPointer { base in
            for f in 0..<min(base.count, records.count) { records[f].base = base[f] }
        } }
    }
}

extension NaiveBayesWeights {
    /// `FeatureTransform.weigh` reading each feature's scale and family from its record instead of the
    /// transform's arrays (the same x); scoring then finds the same records in the cache.
    func weigh(ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, into x: inout [Double]) {
        records.withUnsafeBufferPointer { record in
            transform.weigh(ids: ids, counts: counts, into: &x, featureCount: record.count,
                            scale: { record[$0].scale }, isCharacter: { record[$0].isCharacter })
        }
    }

    /// The same through a pointer to the weights (see `NaiveBayesModel.withWeightsInPlace`: calling the
    /// method on `pointee` copied the whole struct per document).
    static func weigh(_ w: UnsafePointer<NaiveBayesWeights>, ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, into x: inout [Double]) {
        w.pointee.records.withUnsafeBufferPointer { record in
            w.pointee.transform.weigh(ids: ids, counts: counts, into: &x, featureCount: record.count,
                                      scale: { record[$0].scale }, isCharacter: { record[$0].isCharacter })
        }
    }
}

/// One cell of the weights: a class that has seen the feature and d(f,c).
struct WeightCell: Sendable {
    var cls: Int32
    var delta: Float

    /// True when the layout is `pm_weight_cell`'s (the C scoring kernels read the cells in place).
    static let matchesKernelLayout = MemoryLayout<WeightCell>.size == MemoryLayout<pm_weight_cell>.size
        && MemoryLayout<WeightCell>.stride == MemoryLayout<pm_weight_cell>.stride
        && MemoryLayout<WeightCell>.offset(of: \.cls) == 0 && MemoryLayout<WeightCell>.offset(of: \.delta) == 4
}

/// What scoring reads of feature f, in 16 bytes: its IDF scale, g(f), and where its class weights are.
/// Scoring used to read five arrays per feature (scale, base, dense row, row start, and the character
/// flag when weighing), each a likely cache miss: the profile showed the loads of a row start and of the
/// dense row index as the costliest instructions of the loop.
struct FeatureRecord: Sendable {
    /// IDF (or 1) when the feature is active, 0 when it is not (`FeatureTransform.featureScale`).
    var scale: Float
    /// g(f) (complement variant), else 0.
    var base: Float
    /// A dense row's index into `NaiveBayesWeights.dense`, or the first cell of a sparse row.
    var first: UInt32
    /// Bit 31: the row is dense; bit 30: a character n-gram; bits 0-29: a sparse row's cell count.
    var info: UInt32

    init(scale: Float, base: Float, first: UInt32, cellCount: UInt32, dense: Bool, character: Bool) {
        self.scale = scale
        self.base = base
        self.first = first
        info = cellCount & FeatureRecord.countMask | (dense ? FeatureRecord.denseBit : 0) | (character ? FeatureRecord.characterBit : 0)
    }
    static let denseBit: UInt32 = 1 << 31
    static let characterBit: UInt32 = 1 << 30
    static let countMask: UInt32 = (1 << 30) - 1

    var isDense: Bool { info & FeatureRecord.denseBit != 0 }
    var isCharacter: Bool { info & FeatureRecord.characterBit != 0 }
    var cellCount: Int { Int(info & FeatureRecord.countMask) }

    /// True when the layout is `pm_feature_record`'s (the C scoring kernels read the records in place).
    static let matchesKernelLayout = MemoryLayout<FeatureRecord>.size == MemoryLayout<pm_feature_record>.size
        && MemoryLayout<FeatureRecord>.stride == MemoryLayout<pm_feature_record>.stride
        && MemoryLayout<FeatureRecord>.offset(of: \.scale) == 0 && MemoryLayout<FeatureRecord>.offset(of: \.base) == 4
        && MemoryLayout<FeatureRecord>.offset(of: \.first) == 8 && MemoryLayout<FeatureRecord>.offset(of: \.info) == 12
        && FeatureRecord.denseBit == PM_RECORD_DENSE && FeatureRecord.characterBit == PM_RECORD_CHARACTER
}

/// Makes `array` `n` elements long and lets `fill` write all of them, in the array's own memory when it
/// already has room for `n` (no allocation and no fresh pages to fault in; a shared array is copied first,
/// as any write to it would be), else in a new array. `fill` must write every element: their values on
/// entry are unspecified.
@inline(__always)
func refill<T>(_ array: inout [T], count n: Int, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) {
    guard !array.isEmpty, array.capacity >= n else {
        // Room for 1/16 more, never touched unless used: the alpha search's three fold models differ by a
        // few hundred cells, and a worker's next fold would otherwise need new memory.
        array = [T](unsafeUninitializedCapacity: n + n / 16) { buffer, written in
            fill(UnsafeMutableBufferPointer(rebasing: buffer[0..<n])); written = n
        }
        return
    }
    if array.count > n { array.removeLast(array.count - n) }
    if array.count < n { array.append(contentsOf: repeatElement(array[0], count: n - array.count)) }
    array.withUnsafeMutableBufferPointer { fill($0) }
}
