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
    /// The documents' plans end to end (`pm_plan_document`'s outputs); only read once the plan is made.
    private let rowStart = KernelArray<Int32>(repeating: 0), factor = KernelArray<Float>(repeating: 0)
    /// Per sparse row: its first cell and cell count (see `pm_planned_document`).
    private let sparseFirst = KernelArray<UInt32>(repeating: 0), sparseCount = KernelArray<UInt32>(repeating: 0)
    private let feature = KernelArray<UInt32>(repeating: 0), weight = KernelArray<Double>(repeating: 0)
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
        reserve(docs, rows)
        // Scratch for one document, grown as needed: n rows, sparse rows and features at most.
        let rowScratch = KernelArray<Int32>(repeating: 0), factorScratch = KernelArray<Float>(repeating: 0)
        let firstScratch = KernelArray<UInt32>(repeating: 0), countScratch = KernelArray<UInt32>(repeating: 0)
        let featureScratch = KernelArray<UInt32>(repeating: 0), weightScratch = KernelArray<Double>(repeating: 0)
        for r in rows {
            docs.withDocument(r, &expander) { ids, counts in
                w.weigh(ids: ids, counts: counts, into: &x)
                let n = ids.count
                rowScratch.reserve(n); factorScratch.reserve(n); firstScratch.reserve(n); countScratch.reserve(n)
                featureScratch.reserve(n); weightScratch.reserve(n)
                var out = (0, 0, 0), sum = 0.0
                layout.records.withUnsafeBufferPointer { records in
                ids.withUnsafeBufferPointer { ids in
                x.withUnsafeBufferPointer { x in
                    withUnsafeMutableBytes(of: &out) { counts in
                        pm_plan_document(UnsafeRawPointer(records.baseAddress).map { $0.assumingMemoryBound(to: pm_feature_record.self) },
                                         lanes, ids.baseAddress, x.baseAddress, n,
                                         rowScratch.base, factorScratch.base, firstScratch.base, countScratch.base,
                                         featureScratch.base, weightScratch.base,
                                         counts.baseAddress!.assumingMemoryBound(to: Int.self), &sum)
                    }
                } } }
                rowStart.append(rowScratch.base, count: out.0); factor.append(factorScratch.base, count: out.0)
                sparseFirst.append(firstScratch.base, count: out.1); sparseCount.append(countScratch.base, count: out.1)
                feature.append(featureScratch.base, count: out.2); weight.append(weightScratch.base, count: out.2)
                total.append(sum)
                // Sparse slots are at most the rows.
                spreadLanes = max(spreadLanes, out.0 * lanes)
                maxRows = max(maxRows, out.0)
            }
            rowOffsets.append(rowStart.count); sparseOffsets.append(sparseFirst.count); usedOffsets.append(feature.count)
        }
    }

    /// Room for the plans of `rows` when their lengths are known (a document plans at most one row, one
    /// sparse row and one counted feature per feature): one allocation each, where growing by doubling copied
    /// and faulted in every step (the plans' page faults 17% -> 9% of training's ~26,000, perf on banking77).
    private func reserve(_ docs: DocumentVectors, _ rows: [Int]) {
        var n = 0
        for r in rows {
            guard let length = docs.knownLength(r) else { return }
            n += length
        }
        rowStart.reserveCapacity(n); factor.reserveCapacity(n); sparseFirst.reserveCapacity(n)
        sparseCount.reserveCapacity(n); feature.reserveCapacity(n); weight.reserveCapacity(n)
    }

    /// `body` with document `j`'s plan (valid inside `body` only).
    func withDocument(_ j: Int, _ body: (UnsafePointer<pm_planned_document>) -> Void) {
        let (r, c, u) = (rowOffsets[j], sparseOffsets[j], usedOffsets[j])
        var d = pm_planned_document(rowStart: rowStart.base + r, factor: factor.base + r, rows: rowOffsets[j + 1] - r,
                                    sparseFirst: sparseFirst.base + c, sparseCount: sparseCount.base + c,
                                    sparseRows: sparseOffsets[j + 1] - c,
                                    feature: feature.base + u, weight: weight.base + u, used: usedOffsets[j + 1] - u)
        withUnsafePointer(to: &d) { body($0) }
    }
}
