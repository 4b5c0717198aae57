import CPainmapKernels

/// A fold's held-out sample of rows, each document planned for scoring under the fold model's weight
/// layout (see `pm_planned_document`): its counted features with their weights x_f idf_f, the rows it adds
/// in order, and the cells of its sparse rows. Every alpha and variant of the fold model shares the
/// layout (same records, dense rows and cells' places; only the cells' values, the dense rows' values and
/// g(f) differ), so this is made once per fold, where scoring the sample under each of the ten weight sets
/// used to work it all out again (callgrind, training on banking77 with defaults: the search's
/// `pm_score_document` calls ~340M of 3,473M instructions; now `pm_score_planned` 95M and the plans 25M).
struct HeldOutPlan: Sendable {
    var rows: [Int] = []
    /// Per document, its ranges in the flat arrays below (`rowOffsets[j]..<rowOffsets[j + 1]` and so on).
    private var rowOffsets: [Int] = [0], sparseOffsets: [Int] = [0], usedOffsets: [Int] = [0]
    private var rowStart: [Int32] = [], factor: [Float] = []
    /// Per sparse row: its first cell and cell count (see `pm_planned_document`).
    private var sparseFirst: [UInt32] = [], sparseCount: [UInt32] = []
    private var feature: [UInt32] = [], weight: [Double] = []
    /// Per document: sum_f x_f idf_f (the same under every weight set of the layout).
    private(set) var total: [Double] = []
    /// The largest spread buffer a document needs (sparse rows times lanes), and rows a document adds.
    private(set) var spreadLanes = 0, maxRows = 0

    init() {}

    /// Weighs each document of `rows` as `NaiveBayesWeights.weigh` does under `w` (weights of the model
    /// whose layout is `layout`), then plans it as `pm_score_document` would gather it (`pm_plan_document`:
    /// appending feature by feature here cost 300 instructions a feature, callgrind).
    init(_ docs: DocumentVectors, rows: [Int], weights w: NaiveBayesWeights, layout: WeightLayout) {
        precondition(FeatureRecord.matchesKernelLayout && WeightCell.matchesKernelLayout)
        self.rows = rows
        let lanes = 8 * layout.classBlocks
        var expander = Expander(), x: [Double] = []
        // Scratch for one document, grown as needed: n rows, sparse rows and features at most.
        var scratchRows = [Int32](), scratchFactor = [Float](), scratchFirst = [UInt32](), scratchCount = [UInt32]()
        var scratchFeature = [UInt32](), scratchWeight = [Double]()
        for r in rows {
            docs.withDocument(r, &expander) { ids, counts in
                w.weigh(ids: ids, counts: counts, into: &x)
                let n = ids.count
                if scratchRows.count < n {
                    let m = max(n, 2 * scratchRows.count)
                    scratchRows = [Int32](repeating: 0, count: m); scratchFactor = [Float](repeating: 0, count: m)
                    scratchFeature = [UInt32](repeating: 0, count: m); scratchWeight = [Double](repeating: 0, count: m)
                    scratchFirst = [UInt32](repeating: 0, count: m); scratchCount = [UInt32](repeating: 0, count: m)
                }
                var out = (0, 0, 0), sum = 0.0
                layout.records.withUnsafeBufferPointer { records in
                ids.withUnsafeBufferPointer { ids in
                x.withUnsafeBufferPointer { x in
                scratchRows.withUnsafeMutableBufferPointer { rowStart in
                scratchFactor.withUnsafeMutableBufferPointer { factor in
                scratchFirst.withUnsafeMutableBufferPointer { first in
                scratchCount.withUnsafeMutableBufferPointer { count in
                scratchFeature.withUnsafeMutableBufferPointer { feature in
                scratchWeight.withUnsafeMutableBufferPointer { weight in
                    withUnsafeMutableBytes(of: &out) { counts in
                        pm_plan_document(UnsafeRawPointer(records.baseAddress).map { $0.assumingMemoryBound(to: pm_feature_record.self) },
                                         lanes, ids.baseAddress, x.baseAddress, n,
                                         rowStart.baseAddress, factor.baseAddress, first.baseAddress, count.baseAddress,
                                         feature.baseAddress, weight.baseAddress,
                                         counts.baseAddress!.assumingMemoryBound(to: Int.self), &sum)
                    }
                } } } } } } } } }
                rowStart.append(contentsOf: scratchRows[0..<out.0]); factor.append(contentsOf: scratchFactor[0..<out.0])
                sparseFirst.append(contentsOf: scratchFirst[0..<out.1]); sparseCount.append(contentsOf: scratchCount[0..<out.1])
                feature.append(contentsOf: scratchFeature[0..<out.2]); weight.append(contentsOf: scratchWeight[0..<out.2])
                total.append(sum)
                // Sparse slots are at most the rows.
                spreadLanes = max(spreadLanes, out.0 * lanes)
                maxRows = max(maxRows, out.0)
            }
            rowOffsets.append(rowStart.count); sparseOffsets.append(sparseFirst.count); usedOffsets.append(feature.count)
        }
    }

    /// `body` with document `j`'s plan (valid inside `body` only).
    func withDocument(_ j: Int, _ body: (UnsafePointer<pm_planned_document>) -> Void) {
        rowStart.withUnsafeBufferPointer { rowStart in
        factor.withUnsafeBufferPointer { factor in
        sparseFirst.withUnsafeBufferPointer { sparseFirst in
        sparseCount.withUnsafeBufferPointer { sparseCount in
        feature.withUnsafeBufferPointer { feature in
        weight.withUnsafeBufferPointer { weight in
            let (r, c, u) = (rowOffsets[j], sparseOffsets[j], usedOffsets[j])
            var d = pm_planned_document(rowStart: rowStart.baseAddress.map { $0 + r }, factor: factor.baseAddress.map { $0 + r },
                                        rows: rowOffsets[j + 1] - r,
                                        sparseFirst: sparseFirst.baseAddress.map { $0 + c }, sparseCount: sparseCount.baseAddress.map { $0 + c },
                                        sparseRows: sparseOffsets[j + 1] - c,
                                        feature: feature.baseAddress.map { $0 + u }, weight: weight.baseAddress.map { $0 + u },
                                        used: usedOffsets[j + 1] - u)
            withUnsafePointer(to: &d) { body($0) }
        } } } } } }
    }
}
