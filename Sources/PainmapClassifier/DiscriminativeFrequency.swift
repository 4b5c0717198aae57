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
        guard passes > 0, parameters.variant == .multinomial, labels.count >= 2, !rows.isEmpty else { return }
        let alpha = parameters.alpha
        var w = weights
        let C = labels.count
        // Class totals of the (IDF-weighted) counts over active features, as in `makeWeights`.
        var classTotal = [Double](repeating: 0, count: C)
        for f in 0..<table.featureCount where w.transform.featureScale[f] != 0 {
            let idf = Double(w.transform.featureScale[f])
            for k in table.row(f) { classTotal[Int(table.classes[k])] += table.values[k] * idf }
        }
        let V = Double(w.activeCount)
        var x: [Double] = []
        var expander = Expander()
        var dirty = [Bool](repeating: false, count: table.cellCount), touched: [(Int, Int)] = []
        var dirtyClass = [Bool](repeating: false, count: C), touchedClasses: [Int] = []
        var order = rows
        var rng = SplitMix64(seed: 0xDFE)
        // Mini-batches: the losses of a batch are computed on all cores with the weights as they stand,
        // then applied one document at a time. (Strictly online passes would score each document after
        // the previous one's update; batches of a few hundred change the result very little.)
        let batch = 256
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let buffers = PerWorkerBuffers(workers)
        for _ in 0..<passes {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var lo = 0
            while lo < order.count {
                let chunk = Array(order[lo..<min(lo + batch, order.count)])
                lo += chunk.count
                let frozen = w
                let losses = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunk.count)
                defer { losses.deallocate() }
                let out = SendableBox(losses)
                let per = (chunk.count + workers - 1) / workers
                DispatchQueue.concurrentPerform(iterations: workers) { t in
                    var (buffer, expander) = buffers.take(t)
                    for j in (t * per)..<min(chunk.count, (t + 1) * per) {
                        let r = chunk[j]
                        docs.withDocument(r, &expander) { ids, counts in
                            scoreInto(ids: ids, counts: counts, buffer: &buffer, weights: frozen)
                        }
                        out.value[j] = 1 - NaiveBayesModel.softmax(buffer.scores)[classOf[docs.label(r)]]
                    }
                    buffers.give(t, buffer, expander)
                }
                // Apply the batch: counts first, then each touched weight once (its log is the costly part).
                for (j, r) in chunk.enumerated() {
                    let loss = losses[j]
                    if loss < 1e-3 { continue }   // already right and sure: nothing to learn
                    let y = classOf[docs.label(r)]
                    docs.withDocument(r, &expander) { ids, counts in
                        w.transform.weigh(ids: ids, counts: counts, into: &x)
                        for (i, id) in ids.enumerated() where x[i] != 0 {
                            let f = Int(id)
                            guard let k = cell(f, y) else { continue }
                            table.values[k] += loss * x[i]
                            classTotal[y] += loss * x[i] * Double(w.transform.featureScale[f])
                            if !dirty[k] { dirty[k] = true; touched.append((f, k)) }
                        }
                    }
                    if !dirtyClass[y] { dirtyClass[y] = true; touchedClasses.append(y) }
                }
                for (f, k) in touched {
                    let y = Int(table.classes[k])
                    let d = Float(log1p(table.values[k] * Double(w.transform.featureScale[f]) / alpha))
                    w.delta[k] = d
                    if w.denseRow[f] >= 0 { w.dense[Int(w.denseRow[f]) * w.classBlocks + y / 8][y % 8] = d }
                    dirty[k] = false
                }
                for y in touchedClasses {
                    w.classConstant[y] = log(alpha) - log(classTotal[y] + alpha * V)
                    dirtyClass[y] = false
                }
                touched.removeAll(keepingCapacity: true)
                touchedClasses.removeAll(keepingCapacity: true)
            }
        }
        weights = w
        computeWeights()   // the same weights again, from the corrected counts: one source of truth
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

/// One scoring buffer and expander per worker thread, handed out by index; each worker touches only its own
/// slot (a pointer, so that no array is shared for writing).
final class PerWorkerBuffers: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<(ScoringBuffer, Expander)>
    init(_ n: Int) {
        slots = .allocate(capacity: max(1, n))
        slots.initialize(repeating: (ScoringBuffer(), Expander()))
    }
    deinit { slots.deinitialize(); slots.deallocate() }
    func take(_ i: Int) -> (ScoringBuffer, Expander) { slots[i] }
    func give(_ i: Int, _ b: ScoringBuffer, _ e: Expander) { slots[i] = (b, e) }
}
