import CPainmapKernels
import Dispatch
import Foundation

/// Model selection and calibration by cross-validation inside the training data.
///
/// One pass does both: the training rows are split into three stratified folds; for each fold a model is fitted
/// on the other folds (counts once), then for every candidate alpha its weights are derived and a sample
/// of the held-out documents scored. The alpha with the best held-out accuracy wins (ties go to the larger,
/// smoother one), and its held-out scores calibrate the temperature. With discriminative passes the
/// final model's scores have another scale, and the temperature is fitted on its own leave-one-out scores
/// instead (`leaveOneOutScores`).
///
/// Temperature scaling (Guo et al. 2017): probabilities are softmax(T * score). Naive Bayes scores are far
/// too confident (the independence assumption counts correlated words many times over); one number T,
/// fitted on documents the model did not train on, makes "0.8" mean right about 80% of the time, so that
/// `--min-confidence` is usable.
extension NaiveBayesModel {
    /// Held-out documents scored per candidate at most: enough to rank a handful of alphas and fit one
    /// temperature, cheap enough to keep training fast.
    static let tuningSample = 3000

    /// Chooses alpha (with `tuneAlpha`) and returns held-out scores of models trained like the final
    /// one, for calibration, when they can be had from the alpha search itself (no discriminative
    /// passes); nil otherwise (see `leaveOneOutScores`). With the complement mixture, the same fold models
    /// also choose the complement part's alpha (as a complement model of its own would, from the same
    /// grid) and give its held-out scores, which calibrate it (second result: both parts' held-out scores
    /// under their chosen alphas, for `mixtureTemperatures`).
    ///
    /// `alongside`, when given, runs as one task of the search's queue (after the fold models are
    /// counted), unless there is too little data to search (it is then not run at all).
    func chooseAlpha(_ docs: DocumentVectors, labels docLabels: LabelSet, rows: [Int], alongside: (@Sendable () -> Void)? = nil)
        -> ([(scores: [Double], truth: Int)]?, MixtureScores?) {
        guard let splits = tuningSplits(docs, rows: rows) else { return (nil, nil) }
        let mixes = mixesComplement
        let alphas = parameters.tuneAlpha ? parameters.alphaGrid.sorted() : [parameters.alpha]
        var fold = parameters
        fold.calibrate = false
        fold.tuneAlpha = false
        fold.discriminativePasses = 0   // alpha is chosen on the generative counts
        fold.complementWeight = 0       // the parts are scored one by one, from the same fold models
        let p = fold
        // One model per fold, counted once; then every (fold, alpha) pair scores the fold's held-out
        // sample. All of it as one queue of tasks on all cores, fits first: with three folds on two cores,
        // one core scores the first folds' alphas while the other still counts the last fold. (Each fold
        // has its own model; the documents and features are only read.)
        let K = splits.count, A = alphas.count
        let models = ParallelResults<NaiveBayesModel?>(K)
        let fitted = (0..<K).map { _ in DispatchSemaphore(value: 0) }
        let perFold = NaiveBayesModel.tuningSample / K + 1
        // Each fold's held-out sample with its documents' weights, computed once by the fit task: every alpha
        // of the fold weighs the documents the same (the weights come from the transform alone), and weighing
        // them again for each alpha was a tenth of the alpha search (perf, banking77).
        let samples = ParallelResults<HeldOutPlan>(K)
        // Each fold model's weight layout (see `WeightLayout`), shared by its alphas and both parts.
        let layouts = ParallelResults<WeightLayout>(K)
        let scored = ParallelResults<HeldOutScores>(K * A), scoredComplement = ParallelResults<HeldOutScores>(K * A)
        // What the chosen alphas' scores need of each fold's sample once the fold is done: its rows and their totals.
        let sampleTotals = ParallelResults<(rows: [Int], total: [Double])>(K)
        // A fold's model, layout and plans (~7 MB on banking77) are let go once its last alpha is scored, so
        // that the rest of training reuses their memory rather than fault in new pages: page faults 22,779 ->
        // 22,351, peak RSS ~94.5 -> ~92 MB (medians of 15 alternated runs).
        let unscored = Countdown(K, each: A)
        let extra = alongside == nil ? 0 : 1   // task K, when there is one
        let queue = TaskQueue(count: K + extra + K * A)
        DispatchQueue.concurrentPerform(iterations: min(ProcessInfo.processInfo.activeProcessorCount, K + extra + K * A)) { _ in
            // This worker's last weight sets, whose memory its next (fold, alpha) pair writes over (see
            // `makeWeights(into:)`): every set of the search has the same sizes, give or take a fold's cells.
            var multinomial = NaiveBayesWeights(), complement = NaiveBayesWeights()
            while let task = queue.next() {
                if task < K {
                    // What `fit` does with these parameters (no search, no passes, no calibration), with the
                    // layout made once for the fold's own weights and then every alpha's.
                    let m = NaiveBayesModel(parameters: p, features: features)
                    let trainingRows = StratifiedKFold.trainingRows(splits, excluding: task)
                    let ok = !trainingRows.isEmpty && !splits[task].isEmpty
                    if ok {
                        _ = m.addCounts(docs, labels: docLabels, rows: trainingRows)
                        let layout = m.weightLayout(featureTotals: mixes)
                        m.computeWeights(layout: layout)
                        layouts[task] = layout
                        samples[task] = HeldOutPlan(docs, rows: NaiveBayesModel.sample(splits[task], perFold), weights: m.weights, layout: layout)
                        sampleTotals[task] = (samples[task].rows, samples[task].total)
                    }
                    models[task] = ok ? m : nil
                    fitted[task].signal()
                    continue
                }
                if task < K + extra { alongside?(); continue }
                let pair = task - K - extra, k = pair / A, alpha = alphas[pair % A]
                // Fits are handed out before any scoring, so the wait is only for a fit under way.
                fitted[k].wait(); fitted[k].signal()
                defer { if unscored.done(k) { models.clear(k); layouts.clear(k); samples.clear(k) } }
                guard let m = models[k] else { scored[pair] = HeldOutScores(); scoredComplement[pair] = HeldOutScores(); continue }
                let layout = layouts[k]
                if alpha != p.alpha { m.makeWeights(alpha: alpha, layout: layout, into: &multinomial) }
                let sample = samples[k]
                if mixes {
                    m.makeWeights(alpha: alpha, variant: .complement, layout: layout, into: &complement)
                    let both = m.heldOutScores(docs, sample: sample, weights: [alpha == p.alpha ? m.weights : multinomial, complement])
                    (scored[pair], scoredComplement[pair]) = (both[0], both[1])
                } else {
                    scored[pair] = m.heldOutScores(docs, sample: sample, weights: [alpha == p.alpha ? m.weights : multinomial])[0]
                    scoredComplement[pair] = HeldOutScores()
                }
            }
        }
        // Held-out documents scored per alpha; the scores themselves are gathered (fold by fold) only for
        // the chosen alphas.
        var countByAlpha = [Int](repeating: 0, count: A)
        for pair in 0..<(K * A) { countByAlpha[pair % A] += scored[pair].count }
        guard countByAlpha.contains(where: { $0 > 0 }) else { return (nil, nil) }
        func gathered(_ held: ParallelResults<HeldOutScores>, _ a: Int) -> [(scores: [Double], truth: Int)] {
            var out: [(scores: [Double], truth: Int)] = []
            out.reserveCapacity((0..<K).reduce(0) { $0 + held[$1 * A + a].count })
            for k in 0..<K where held[k * A + a].count > 0 {
                let sample = sampleTotals[k]
                held[k * A + a].gathered(total: sample.total, truth: { docs.label(sample.rows[$0]) }, into: &out)
            }
            return out
        }

        // Documents right per alpha, summed over the folds (each pair task counted its own).
        var rightByAlpha = [Int](repeating: 0, count: A), complementRightByAlpha = rightByAlpha
        for pair in 0..<(K * A) { rightByAlpha[pair % A] += scored[pair].right; complementRightByAlpha[pair % A] += scoredComplement[pair].right }
        func bestOf(_ rights: [Int]) -> Int {
            var best = 0, bestRight = -1
            for a in alphas.indices {
                let r = rights[a]
                if r >= bestRight { best = a; bestRight = r }   // ">=": on a tie the larger alpha
            }
            return best
        }
        let best = bestOf(rightByAlpha)
        if parameters.tuneAlpha { parameters.alpha = alphas[best] }
        tuningReport = alphas.indices.map { a in (alphas[a], countByAlpha[a] == 0 ? 0 : Double(rightByAlpha[a]) / Double(countByAlpha[a])) }
        var mixture: MixtureScores? = nil
        if mixes {
            // A fixed alpha (no search) fixes both parts' alphas.
            let c = parameters.tuneAlpha ? bestOf(complementRightByAlpha) : 0
            parameters.complementAlpha = alphas[c]
            mixture = MixtureScores(complement: gathered(scoredComplement, c), multinomial: gathered(scored, best), weight: parameters.complementWeight)
        }
        return (needsPassCalibration ? nil : gathered(scored, best), mixture)
    }

    /// The held-out scores of the mixture's two parts under their chosen alphas, from which
    /// `mixtureTemperatures` fits its temperatures.
    struct MixtureScores: Sendable {
        let complement: [(scores: [Double], truth: Int)]
        let multinomial: [(scores: [Double], truth: Int)]
        let weight: Double
    }

    /// The complement part's temperature and the pool's (see `mixtureTemperature`), and the multinomial part's
    /// own temperature when it was fitted for the pool (nil otherwise), or nil when the complement part cannot be
    /// calibrated. `workers` as in `fitTemperature`.
    static func mixtureTemperatures(_ m: MixtureScores, workers: Int? = nil) -> (complement: Double, pool: Double, multinomial: Double?)? {
        let held = m.complement, own = m.multinomial
        // One layout for the three fits, one after the other (see `TemperatureData`).
        let data = TemperatureData(held)
        guard !held.isEmpty, let tc = NaiveBayesModel.fitTemperature(data, workers: workers) else { return nil }
        // The pool of two calibrated parts is more often right than either, and so less sure
        // than it should be: one more temperature on the pooled held-out scores of the fold models
        // (the same documents in the same order for both parts) sharpens it.
        var pool = 1.0, multinomial: Double? = nil
        let lambda = m.weight
        guard held.count == own.count, zip(held, own).allSatisfy({ $0.truth == $1.truth }) else { return (tc, pool, multinomial) }
        data.removeAll()
        data.append(own)
        if let tm = NaiveBayesModel.fitTemperature(data, workers: workers) {
            multinomial = tm
            data.removeAll()
            var pooled: [Double] = []
            for (m, c) in zip(own, held) {
                pooled.removeAll(keepingCapacity: true)
                for (s, t) in zip(m.scores, c.scores) { pooled.append((1 - lambda) * tm * s + lambda * tc * t) }
                pooled.withUnsafeBufferPointer { data.append($0, truth: m.truth) }
            }
            pool = NaiveBayesModel.fitTemperature(data, workers: workers) ?? 1
        }
        return (tc, pool, multinomial)
    }

    /// Discriminative passes change the scale of the scores: calibration then needs scores of the model
    /// made with them.
    var needsPassCalibration: Bool { parameters.discriminativePasses > 0 && parameters.variant == .multinomial }

    /// Leave-one-out scores of training rows `sample` under this (just fitted, multinomial) model, for the
    /// temperature: each document's score for its own class is computed as if the document had never
    /// been counted, by taking its share out of its class's counts: its weighted vector x once for the
    /// counting, and again times the losses with which the discriminative passes added it. The scores for
    /// other classes do not involve it. This gives held-out scores of a model trained like the final one
    /// (alpha as chosen, passes included) without training another; two second-order effects are left
    /// in: the document still counts in its features' document frequencies, and its passes' changes to
    /// the weights still influenced how the other documents were added.
    func leaveOneOutScores(_ docs: DocumentVectors, labels docLabels: LabelSet, sample: [Int]) -> [(scores: [Double], truth: Int)]? {
        guard labels.count >= 2, !sample.isEmpty else { return nil }
        let w = multinomialWeights(), alpha = parameters.alpha, scale = w.transform.featureScale
        let classOf = docLabels.names.map { labels.index(of: $0)! }
        // Class totals of the (IDF-weighted) counts over active features, as in `makeWeights`.
        var classTotal = [Double](repeating: 0, count: labels.count)
        for f in 0..<table.featureCount where scale[f] != 0 {
            for k in table.row(f) { classTotal[Int(table.classes[k])] += table.values[k] * Double(scale[f]) }
        }
        let mass = w.smoothingMass(alpha)
        // Each document on its own (it reads the model only): the sample in pieces on all cores, joined in
        // order (one core scored the thousand documents while the other waited, phase timing). Four pieces
        // a core, handed out as threads come free: with a fixed half a core, the core that finished first
        // waited for the other's thread, which shares its core with the complement part built beside it.
        let pieces = sample.count >= 256 ? 4 * ProcessInfo.processInfo.activeProcessorCount : 1
        let per = (sample.count + pieces - 1) / pieces
        let parts = ParallelResults<[(scores: [Double], truth: Int)]>(pieces)
        let priors = parameters.priors, totals = classTotal
        DispatchQueue.concurrentPerform(iterations: pieces) { t in
            let part = sample[min(sample.count, t * per)..<min(sample.count, (t + 1) * per)]
            parts[t] = leaveOneOutScores(docs, part, classOf: classOf, weights: w, classTotal: totals, mass: mass, priors: priors)
        }
        var out: [(scores: [Double], truth: Int)] = []
        out.reserveCapacity(sample.count)
        for t in 0..<pieces { out += parts[t] }
        return out
    }

    /// `leaveOneOutScores` of the rows `sample`, with its shared look-ups.
    private func leaveOneOutScores(_ docs: DocumentVectors, _ sample: ArraySlice<Int>, classOf: [Int], weights w: NaiveBayesWeights,
                                   classTotal: [Double], mass: Double, priors: ClassPriors) -> [(scores: [Double], truth: Int)] {
        let alpha = parameters.alpha, scale = w.transform.featureScale
        var out: [(scores: [Double], truth: Int)] = []
        out.reserveCapacity(sample.count)
        var buffer = ScoringBuffer(), expander = Expander()
        for r in sample {
            let y = classOf[docs.label(r)]
            let times = 1 + (r < discriminativeWeight.count ? discriminativeWeight[r] : 0)
            guard classDocuments[y] > 1 else { continue }   // its class would have no documents left
            docs.withDocument(r, &expander) { ids, counts in
                scoreInto(ids: ids, counts: counts, buffer: &buffer, weights: w)
                var total = 0.0, removed = 0.0, change = 0.0
                for (i, id) in ids.enumerated() where buffer.x[i] != 0 {
                    let f = Int(id), idf = Double(scale[f]), x = buffer.x[i]
                    total += x * idf
                    guard let k = cell(f, y) else { continue }
                    let before = table.values[k], after = max(before - x * times, 0)
                    let a = w.transform.alpha(f, alpha)
                    change += x * idf * (log1p(after * idf / a) - log1p(before * idf / a))
                    removed += x * times * idf
                }
                let constant = log(alpha) - log(classTotal[y] + mass)
                let constantWithout = log(alpha) - log(max(classTotal[y] - removed, 0) + mass)
                var s = buffer.scores
                s[y] += total * (constantWithout - constant) + change
                // Learned priors: one document fewer in its class (a shift common to all classes aside).
                if priors == .learned { s[y] += log((classDocuments[y] - 1) / classDocuments[y]) }
                if s[y].isFinite { out.append((s, y)) }
            }
        }
        return out
    }

    /// The stratified folds of the internal cross-validation; nil when there is too little to split.
    func tuningSplits(_ docs: DocumentVectors, rows: [Int]) -> [[Int]]? {
        guard Set(rows.map { docs.labels[$0] }).count >= 2, rows.count >= 10 else { return nil }
        let folds = min(3, rows.count / 2)
        return StratifiedKFold(folds: folds, seed: 0xCA1B).split(labels: docs.labels, rows: rows)
    }

    /// Every `count(rows) / n`-th row, at most about `n`.
    static func sample(_ rows: [Int], _ n: Int) -> [Int] {
        let step = max(1, rows.count / n)
        return stride(from: 0, to: rows.count, by: step).map { rows[$0] }
    }

    /// Raw scores of the sample's documents under each of `ws` (weights of this model, laid out as the
    /// layout the sample was planned with; see `HeldOutPlan`), kept as `HeldOutScores`; documents of a class
    /// this model never saw (absent from its folds, a score of -infinity under the first weights) are left
    /// out of every list, so that the lists stay aligned document by document. The mixture's two parts are
    /// scored from the same weighed document: scoring the complement part apart added as much again to the
    /// alpha search.
    func heldOutScores(_ docs: DocumentVectors, sample: HeldOutPlan, weights ws: [NaiveBayesWeights]) -> [HeldOutScores] {
        var out = ws.map { HeldOutScores($0, room: sample.rows.count) }
        let C = labels.count
        guard let first = ws.first else { return out }
        let B = first.classBlocks
        var spread = [Float](repeating: 0, count: max(sample.spreadLanes, 1))
        var rowOf = [UnsafePointer<Float>?](repeating: nil, count: max(sample.maxRows, 1))
        var acc = [Float](repeating: 0, count: 8 * max(B, 1))
        // One document's scores under one weight set, reused (a new array per document and set was ~30,000
        // allocations).
        var scores = [Double](repeating: 0, count: C)
        for (j, r) in sample.rows.enumerated() {
            // The fold model's classes are the training labels in the same order (fit adds them in order).
            let truth = docs.label(r)
            let total = sample.total[j]
            sample.withDocument(j) { d in
                spread.withUnsafeMutableBufferPointer { spread in
                scores.withUnsafeMutableBufferPointer { scores in
                acc.withUnsafeMutableBufferPointer { acc in
                ws.withUnsafeBufferPointer { weights in
                    for i in ws.indices {
                        let w = weights.baseAddress! + i
                        var g = 0.0
                        NaiveBayesModel.withScoringModel(w) { m in
                            rowOf.withUnsafeMutableBufferPointer { rowOf in
                                g = pm_score_planned(m, d, spread.baseAddress, rowOf.baseAddress, acc.baseAddress)
                            }
                        }
                        // As `scoreInto`.
                        let finite = out[i].scores(g: g, total: total, sums: acc.baseAddress!, truth: truth, into: scores)
                        if i == 0 && !finite { break }
                        out[i].append(j, g: g, sums: acc.baseAddress!, scores: UnsafeBufferPointer(scores), truth: truth)
                    }
                    first.cells.withUnsafeBufferPointer { cells in
                        pm_clear_planned(UnsafeRawPointer(cells.baseAddress).map { $0.assumingMemoryBound(to: pm_weight_cell.self) },
                                         8 * B, d, spread.baseAddress)
                    }
                } } } }
            }
        }
        return out
    }

    /// The T > 0 that minimizes the negative log-likelihood of the true classes under softmax(T * s).
    /// The loss is convex in T, so its derivative sum_d (E_T[s] - s_truth) rises with T: safeguarded Newton
    /// steps on u = log T inside a shrinking bracket find its zero in a few passes.
    /// `workers`: how many threads compute the per-document terms (default: all cores; the result is the
    /// same for any number).
    static func fitTemperature(_ data: [(scores: [Double], truth: Int)], workers: Int? = nil) -> Double? {
        data.isEmpty ? nil : fitTemperature(TemperatureData(data), workers: workers)
    }

    /// The same from scores laid out for it (see `TemperatureData`).
    static func fitTemperature(_ data: TemperatureData, workers: Int? = nil) -> Double? {
        let n = data.count
        guard n > 0 else { return nil }
        // Start where T times the typical spread of scores is about 1.
        var spread = data.spread
        spread /= Double(n)
        guard spread > 0 else { return nil }
        var u = -log(spread)
        var lo = u - 12, hi = u + 6   // a perfect separation would push T to infinity: cap it

        // First and second derivatives of the loss with respect to u. Each document's terms are computed on
        // all cores (an exp per class and document, up to 60 times over: a tenth of training on one core,
        // perf on banking77) into per-document slots, then summed on one core in document order, so the
        // sums are bit for bit those of one loop.
        let workers = n >= 512 ? max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount) : 1
        // Four pieces a worker, handed out as threads come free: with one fixed piece a worker, the thread
        // that lost its core to other work held up each Newton step. One worker: one piece, on this thread.
        let pieces = workers == 1 ? 1 : 4 * workers, per = (n + pieces - 1) / pieces
        let terms = UnsafeMutableBufferPointer<(Double, Double)>.allocate(capacity: n)
        terms.initialize(repeating: (0, 0))
        defer { terms.deallocate() }
        let slots = SendableBox(terms)
        let score = UnsafeBufferPointer(start: data.score.base, count: data.score.count)
        let below = UnsafeBufferPointer(start: data.below.base, count: data.below.count)
        func derivatives(_ u: Double) -> (Double, Double) {
            let t = exp(u)
            data.start.withUnsafeBufferPointer { start in
            data.truthScore.withUnsafeBufferPointer { truthScore in
                let arrays = SendableBox((score, below, start, truthScore))
                DispatchQueue.concurrentPerform(iterations: pieces) { w in
                    let terms = slots.value, (score, below, start, truthScore) = arrays.value
                    for i in (w * per)..<min(n, (w + 1) * per) {
                        var z = 0.0, mean = 0.0, sq = 0.0
                        for k in start[i]..<start[i + 1] {
                            let s = score[k]
                            let e = exp(t * below[k])
                            z += e; mean += e * s; sq += e * s * s
                        }
                        mean /= z; sq /= z
                        terms[i] = (mean - truthScore[i], sq - mean * mean)
                    }
                }
            } }
            var d1 = 0.0, d2 = 0.0
            for i in 0..<n { d1 += terms[i].0; d2 += terms[i].1 }
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

/// Hands out task numbers 0..<count, each once, to whichever worker asks first.
final class TaskQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}

/// One result slot per task of a `concurrentPerform`; each task writes only its own slot.
/// (Raw memory rather than an array property, whose mutation from several threads at once the run-time
/// exclusivity checks of debug builds would report, although the elements are disjoint.)
final class ParallelResults<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    init(_ n: Int) {
        slots = .allocate(capacity: n)
        slots.initialize(repeating: nil)
    }
    deinit { slots.deinitialize(); slots.deallocate() }
    subscript(_ i: Int) -> T {
        get { slots[i]! }
        set { slots[i] = newValue }
    }
    /// Slot `i`, or nil when no task has written it.
    func value(_ i: Int) -> T? { slots[i] }
    /// Empties slot `i` (releasing what it held).
    func clear(_ i: Int) { slots[i] = nil }
}

/// Counts down `each` tasks for each of `n` groups; `done` says which call finished its group.
final class Countdown: @unchecked Sendable {
    private let lock = NSLock()
    private var left: [Int]
    init(_ n: Int, each: Int) { left = Array(repeating: each, count: n) }
    /// One task of group `i` is done; true for the group's last.
    func done(_ i: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        left[i] -= 1
        return left[i] == 0
    }
}

/// Lets `concurrentPerform` workers write to disjoint elements of one buffer.
struct SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

/// A value computed on a background thread; `wait` blocks until it is there.
final class BackgroundResult<T>: @unchecked Sendable {
    private var value: T?
    private let done = DispatchSemaphore(value: 0)
    init() {}
    func start(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async { self.value = work(); self.done.signal() }
    }
    func wait() -> T {
        done.wait()
        return value!
    }
}
