import Foundation

/// Discriminative frequency estimate (Su, Zhang, Ling and Matwin, "Discriminative parameter learning for
/// Bayesian networks", ICML 2008): after counting, go over the training documents again and add each one
/// to its class's counts once more, weighted by how wrong the model still is about it, 1 - P(class | doc).
/// Documents the model already gets right add almost nothing; confusable ones pull their class's
/// frequencies apart from their neighbours'. The result is still a naive Bayes model (the same counts,
/// smoothing and decision rule), so saving, explaining and `update` work as before; and the estimate is
/// online, so `update` runs it over the new documents only.
///
/// Multinomial variant only: the complement variant scores with the other classes' counts, which one
/// document's correction would shift for every class at once.
extension NaiveBayesModel {
    /// Runs `passes` discriminative passes over `rows` of `docs`, whose labels index `classOf`.
    func discriminativePasses(_ docs: DocumentVectors, classOf: [Int], rows: [Int], passes: Int) {
        discriminativeWeight = []
        guard passes > 0, parameters.variant == .multinomial, labels.count >= 2, !rows.isEmpty else { return }
        var addedWeight = [Double](repeating: 0, count: docs.count)
        let alpha = parameters.alpha
        var w = multinomialWeights()
        let C = labels.count
        // Class totals of the (IDF-weighted) counts over active features, as in `makeWeights`.
        var classTotal = [Double](repeating: 0, count: C)
        for f in 0..<table.featureCount where w.transform.featureScale[f] != 0 {
            let idf = Double(w.transform.featureScale[f])
            for k in table.row(f) { classTotal[Int(table.classes[k])] += table.values[k] * idf }
        }
        let mass = w.smoothingMass(alpha)
        let scale = w.transform.featureScale
        // The cell of (feature, class) for the busy rows that have a dense copy, as one look-up: those rows
        // are long, and searching them for every feature of every document missed the cache at each step.
        var denseCell = [Int32](repeating: -1, count: w.dense.count * 8)
        for f in 0..<table.featureCount where f < w.denseRow.count && w.denseRow[f] >= 0 {
            let base = Int(w.denseRow[f]) * w.classBlocks * 8
            for k in table.row(f) { denseCell[base + Int(table.classes[k])] = Int32(k) }
        }
        let cellsOfRows = (denseRow: w.denseRow, denseCell: denseCell, rowWidth: w.classBlocks * 8)
        var dirty = [Bool](repeating: false, count: table.cellCount)
        var dirtyClass = [Bool](repeating: false, count: C), touchedClasses: [Int] = []
        var order = rows
        var rng = SplitMix64(seed: 0xDFE)
        // Mini-batches: the losses of a batch are computed on all cores with the weights as they stand,
        // then applied one document at a time. (Strictly online passes would score each document after
        // the previous one's update; batches of a few hundred change the result very little.)
        let batch = 256
        let workers = ProcessInfo.processInfo.activeProcessorCount
        // The batch is scored in pieces of 32 documents handed out as threads come free, each piece with
        // buffers of its own (the losses do not depend on who scores them): in two fixed halves, a half
        // whose thread lost its core (to the temperature fits running beside the passes, or another
        // process) held the other core idle at the end of every batch. perf cpu-clock samples over the
        // passes on banking77: two cores 80% busy with halves, 89% with pieces.
        let piece = 32, pieces = (batch + piece - 1) / piece
        let buffers = PerWorkerBuffers(pieces)
        // What the workers hand to the serial step, per document of the batch: its loss and, for each of
        // its active features, the count-table cell of (feature, its class) and the amount loss * x to add
        // there. Finding the cells and weighing the document happen on all cores.
        let losses = UnsafeMutableBufferPointer<Double>.allocate(capacity: batch)
        let gains = UnsafeMutableBufferPointer<Double>.allocate(capacity: batch)   // added to the class total
        let updates = UnsafeMutableBufferPointer<[CountUpdate]>.allocate(capacity: batch)
        // The class of each document of the batch (the class of every cell it adds to).
        let batchClass = UnsafeMutableBufferPointer<Int32>.allocate(capacity: batch)
        defer { batchClass.deallocate() }
        updates.initialize(repeating: [])
        defer { losses.deallocate(); gains.deallocate(); updates.deinitialize(); updates.deallocate() }
        let lossBox = SendableBox(losses), gainBox = SendableBox(gains), updateBox = SendableBox(updates)
        for _ in 0..<passes {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var lo = 0
            while lo < order.count {
                let chunk = Array(order[lo..<min(lo + batch, order.count)])
                lo += chunk.count
                let frozen = w
                DispatchQueue.concurrentPerform(iterations: (chunk.count + piece - 1) / piece) { t in
                    var (buffer, expander) = buffers.take(t)
                    for j in (t * piece)..<min(chunk.count, (t + 1) * piece) {
                        let r = chunk[j]
                        let y = classOf[docs.label(r)]
                        let loss = docs.withDocument(r, &expander) { ids, counts -> Double in
                            scoreInto(ids: ids, counts: counts, buffer: &buffer, weights: frozen)
                            let loss = 1 - NaiveBayesModel.probability(of: y, buffer.scores)
                            var adds: [CountUpdate] = []
                            swap(&adds, &updateBox.value[j])   // moved out, so appending does not copy
                            adds.removeAll(keepingCapacity: true)
                            var gain = 0.0
                            if loss >= 1e-3 {   // below: already right and sure, nothing to learn
                                // buffer.x holds the document's weights (before IDF) from scoreInto.
                                for (i, id) in ids.enumerated() where buffer.x[i] != 0 {
                                    let f = Int(id), d = Int(cellsOfRows.denseRow[f])
                                    let k = d >= 0 ? Int(cellsOfRows.denseCell[d * cellsOfRows.rowWidth + y]) : shortRowCell(f, y)
                                    if k < 0 { continue }
                                    adds.append(CountUpdate(cell: Int32(k), feature: UInt32(f), amount: loss * buffer.x[i]))
                                    gain += loss * buffer.x[i] * Double(scale[Int(id)])
                                }
                            }
                            gainBox.value[j] = gain
                            swap(&adds, &updateBox.value[j])
                            return loss
                        }
                        lossBox.value[j] = loss
                    }
                    buffers.give(t, buffer, expander)
                }
                // Apply the batch: per document its class total, in order; then the counts and each touched
                // weight once (its log is the costly part), on all cores, each core owning a range of cells
                // and adding to them in document order, so the sums are the same as one core's.
                for (j, r) in chunk.enumerated() where losses[j] >= 1e-3 {
                    let y = classOf[docs.label(r)]
                    addedWeight[r] += losses[j]
                    classTotal[y] += gains[j]
                    if !dirtyClass[y] { dirtyClass[y] = true; touchedClasses.append(y) }
                }
                for (j, r) in chunk.enumerated() { batchClass[j] = Int32(classOf[docs.label(r)]) }
                applyCounts(chunk.count, losses: losses, updates: updates, classes: batchClass,
                            alpha: alpha, workers: workers, dirty: &dirty, into: &w)
                for y in touchedClasses {
                    w.classConstant[y] = log(alpha) - log(classTotal[y] + mass)
                    dirtyClass[y] = false
                }
                touchedClasses.removeAll(keepingCapacity: true)
            }
        }
        // `w` now holds what building the weights from the corrected counts gives, except the class
        // constants: each touched cell was recomputed from its final count with `makeWeights`' formula, but
        // the class totals were kept up by running sums, which round differently. So the totals are summed
        // again as `makeWeights` sums them and the constants recomputed; building all the weights again
        // instead was a log per cell of the final model (callgrind on banking77).
        let layout = weightLayout(transform: w.transform, featureTotals: isMixture)
        w.classConstant = layout.classTotal.map { log(alpha) - log($0 + mass) }
        computeWeights(multinomialPart: w, layout: layout)
        discriminativeWeight = addedWeight
    }

    /// Adds the batch's `updates` (documents with a loss of at least 1e-3) to the counts, then sets
    /// d(f,c) = log1p(n(f,c) idf(f) / alpha) of every cell it touched, in `w` (sparse and dense copies).
    /// Worker t owns cells in its range: it adds to them in document order and recomputes their weights;
    /// each cell is its own element of the counts, `dirty` and both weight copies, so workers never collide.
    private func applyCounts(_ n: Int, losses: UnsafeMutableBufferPointer<Double>,
                             updates: UnsafeMutableBufferPointer<[CountUpdate]>,
                             classes batchClass: UnsafeMutableBufferPointer<Int32>, alpha: Double, workers: Int,
                             dirty: inout [Bool], into w: inout NaiveBayesWeights) {
        let B = w.classBlocks
        let denseRow = w.denseRow, scale = w.transform.featureScale, transform = w.transform
        var entries = 0
        for j in 0..<n where losses[j] >= 1e-3 { entries += updates[j].count }
        let parts = entries >= 4096 ? workers : 1
        let cells = table.cellCount, per = (cells + parts - 1) / parts
        w.cells.withUnsafeMutableBufferPointer { weightCells in
        w.dense.withUnsafeMutableBufferPointer { dense in
        table.values.withUnsafeMutableBufferPointer { values in
        dirty.withUnsafeMutableBufferPointer { dirty in
            let out = SendableBox((weightCells, UnsafeMutableRawPointer(dense.baseAddress).map { $0.assumingMemoryBound(to: Float.self) }, values, dirty))
            let source = SendableBox((losses, updates, batchClass))
            DispatchQueue.concurrentPerform(iterations: parts) { t in
                let (weightCells, dense, values, dirty) = out.value, (losses, updates, batchClass) = source.value
                let lo = Int32(clamping: t * per), hi = Int32(clamping: min(cells, (t + 1) * per))
                // Each touched cell with its feature and class, carried from the update: looking them up by
                // cell (a feature-of-cell table and the table's classes) missed the cache at nearly every
                // cell, two thirds of this function's time (perf, cpu-clock samples on banking77).
                var touched: [(cell: Int32, feature: UInt32, cls: Int32)] = []
                for j in 0..<n where losses[j] >= 1e-3 {
                    let c = batchClass[j]
                    for u in updates[j] where u.cell >= lo && u.cell < hi {
                        let k = Int(u.cell)
                        values[k] += u.amount
                        if !dirty[k] { dirty[k] = true; touched.append((u.cell, u.feature, c)) }
                    }
                }
                for (cell, feature, c) in touched {
                    let k = Int(cell), f = Int(feature)
                    dirty[k] = false
                    // In single precision, as `makeWeights` stores them.
                    let d = log1p(Float(values[k] * Double(scale[f]) / transform.alpha(f, alpha)))
                    weightCells[k].delta = d
                    if denseRow[f] >= 0, let dense { dense[(Int(denseRow[f]) * B) * 8 + Int(c)] = d }
                }
            }
        } } } }
    }

    /// The cell of (feature f, class c) in a short row (one without a dense copy), or -1: a linear scan of a
    /// few neighbouring cells, cheaper than a search.
    @inline(__always)
    private func shortRowCell(_ f: Int, _ c: Int) -> Int {
        let c = Int32(c)
        return table.classes.withUnsafeBufferPointer { classes in
            for k in table.start[f]..<table.start[f + 1] where classes[k] >= c { return classes[k] == c ? k : -1 }
            return -1
        }
    }

    /// The cell of (feature f, class c) in the count table, if the class has seen the feature.
    func cell(_ f: Int, _ c: Int) -> Int? {
        guard f < table.featureCount else { return nil }
        var lo = table.start[f], hi = table.start[f + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            let m = Int(table.classes[mid])
            if m == c { return mid }
            if m < c { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }
}

/// What one document of a discriminative batch adds to one count-table cell: the cell, its feature (the
/// cell's class is the document's) and loss * x.
struct CountUpdate: Sendable {
    var cell: Int32
    var feature: UInt32
    var amount: Double
}

/// One scoring buffer and expander per worker thread, handed out by index; each worker touches only its own
/// slot (a pointer, so that no array is shared for writing).
final class PerWorkerBuffers: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<(ScoringBuffer, Expander)>
    init(_ n: Int) {
        slots = .allocate(capacity: max(1, n))
        slots.initialize(repeating: (ScoringBuffer(), Expander()))
    }
    deinit { slots.deinitialize(); slots.deallocate() }
    /// Moves slot `i`'s buffers out, leaving empty ones: a copy that left the slot holding them too shared
    /// every array, so the worker's first write to each copied it whole (copy-on-write, each batch: ~100M
    /// instructions of training, callgrind on banking77 defaults).
    func take(_ i: Int) -> (ScoringBuffer, Expander) {
        let out = slots[i]
        slots[i] = (ScoringBuffer(), Expander())
        return out
    }
    func give(_ i: Int, _ b: ScoringBuffer, _ e: Expander) { slots[i] = (b, e) }
}
