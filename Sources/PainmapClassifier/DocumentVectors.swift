import Foundation
/// The character n-grams of every word form seen in training, each form's list stored once: documents
/// then carry their words, not the ~15 n-grams of each word, which keeps a million training documents in a
/// few hundred MB instead of gigabytes.
public final class CharacterExpansion: @unchecked Sendable {
    /// Form `i`'s n-gram feature ids are `grams[start[i]..<start[i + 1]]` (repeats kept: "aaaa" has "aa" 3 times).
    private(set) var start: [Int] = [0]
    private(set) var grams: [UInt32] = []

    public init() {}

    public var count: Int { start.count - 1 }

    func append(_ ids: [UInt32]) {
        grams.append(contentsOf: ids)
        start.append(grams.count)
    }

    func grams(of form: Int) -> ArraySlice<UInt32> { grams[start[form]..<start[form + 1]] }
}

/// Labelled documents as feature vectors, stored back to back (compressed sparse rows).
///
/// A row holds the document's word n-gram features and, when character n-grams are on, its word forms
/// with their counts; `withDocument` expands the forms into character n-gram features on the fly.
public struct DocumentVectors: Sendable {
    public private(set) var ids: [UInt32] = []
    public private(set) var values: [Float] = []
    /// Row `i`'s word features are `offsets[i]..<offsets[i + 1]`.
    public private(set) var offsets: [Int] = [0]
    /// Row `i`'s word forms (ids into `expansion`) are `formOffsets[i]..<formOffsets[i + 1]`.
    private(set) var forms: [UInt32] = []
    private(set) var formCounts: [Float] = []
    private(set) var formOffsets: [Int] = [0]
    /// Shared with the vectorizer that made the rows.
    public var expansion: CharacterExpansion?
    /// Class index of each row (into the label list of whoever built this).
    public private(set) var labels: [Int32] = []

    public init(expansion: CharacterExpansion? = nil) { self.expansion = expansion }

    public var count: Int { labels.count }

    /// Appends a document given as features only.
    public mutating func append(_ v: SparseVector, label: Int) {
        append(TrainingVector(words: v, forms: SparseVector()), label: label)
    }

    /// Appends a document given as word features and word forms (see `Vectorizer.trainingVectors`).
    public mutating func append(_ v: TrainingVector, label: Int) {
        ids.append(contentsOf: v.words.ids)
        values.append(contentsOf: v.words.values)
        offsets.append(ids.count)
        forms.append(contentsOf: v.forms.ids)
        formCounts.append(contentsOf: v.forms.values)
        formOffsets.append(forms.count)
        labels.append(Int32(label))
    }

    public func label(_ i: Int) -> Int { Int(labels[i]) }

    /// Document `i`'s number of features as `withDocument` gives them, when that is known without expanding
    /// its character n-grams (it has none to expand, as after `expanded`); else nil.
    func knownLength(_ i: Int) -> Int? {
        formOffsets[i] == formOffsets[i + 1] || expansion == nil ? offsets[i + 1] - offsets[i] : nil
    }

    /// The same documents with character n-grams written out, when that takes no more than `limit`
    /// entries (8 bytes each); otherwise `self`. Training goes over the documents many times (alpha
    /// search, calibration, discriminative passes): expanding once is cheaper when memory allows.
    public func expanded(limit: Int = 32 << 20) -> DocumentVectors {
        guard let expansion, !forms.isEmpty else { return self }
        var entries = ids.count
        for f in forms { entries += expansion.start[Int(f) + 1] - expansion.start[Int(f)] }
        guard entries <= limit else { return self }
        // Each worker expands a contiguous run of rows straight into the output arrays, from where its rows
        // could end at most (their words plus every form's n-grams, repeats included: at least what they
        // expand to); the runs are then moved down to close the gaps. Expanding into a part per worker and
        // copying the parts into the output touched twice the memory (~12 MB more page faults and a copy,
        // training on banking77: faults were a quarter of training's CPU, perf).
        let workers = count >= 2048 ? ProcessInfo.processInfo.activeProcessorCount : 1
        let per = (count + workers - 1) / workers
        let runs = (0..<workers).map { t in (t * per)..<min(count, (t + 1) * per) }
        var starts = [0]
        expansion.start.withUnsafeBufferPointer { start in
            for rows in runs {
                var bound = 0
                if let first = rows.first, let last = rows.last {
                    bound = offsets[last + 1] - offsets[first]
                    for f in forms[formOffsets[first]..<formOffsets[last + 1]] { bound += start[Int(f) + 1] - start[Int(f)] }
                }
                starts.append(starts[starts.count - 1] + bound)
            }
        }
        let runStart = starts
        let lengths = ParallelResults<[Int]>(workers)
        let me = self
        var out = DocumentVectors()
        var written = 0
        out.ids = [UInt32](unsafeUninitializedCapacity: max(entries, 1)) { ids, idCount in
        out.values = [Float](unsafeUninitializedCapacity: max(entries, 1)) { values, valueCount in
            let target = SendableBox((ids.baseAddress!, values.baseAddress!))
            DispatchQueue.concurrentPerform(iterations: workers) { t in
                let (ids, values) = target.value
                var e = Expander(), at = runStart[t], rowLengths: [Int] = []
                rowLengths.reserveCapacity(runs[t].count)
                for i in runs[t] {
                    me.withDocument(i, &e) { rowIDs, counts in
                        rowIDs.withUnsafeBufferPointer { if let from = $0.baseAddress { (ids + at).update(from: from, count: $0.count) } }
                        counts.withUnsafeBufferPointer { if let from = $0.baseAddress { (values + at).update(from: from, count: $0.count) } }
                        at += rowIDs.count
                        rowLengths.append(rowIDs.count)
                    }
                }
                lengths[t] = rowLengths
            }
            // Close the gaps, in order (each run moves down, never over a run not yet moved).
            for t in 0..<workers {
                let n = lengths[t].reduce(0, +)
                if runStart[t] != written {
                    (ids.baseAddress! + written).update(from: ids.baseAddress! + runStart[t], count: n)
                    (values.baseAddress! + written).update(from: values.baseAddress! + runStart[t], count: n)
                }
                written += n
            }
            valueCount = written
        }
            idCount = written
        }
        out.offsets.reserveCapacity(count + 1)
        for t in 0..<workers { for n in lengths[t] { out.offsets.append(out.offsets[out.offsets.count - 1] + n) } }
        out.formOffsets = [Int](repeating: 0, count: count + 1)
        out.labels = labels
        return out
    }

    /// Row `i` with its character n-grams expanded, as a standalone vector.
    public subscript(_ i: Int) -> SparseVector {
        var e = Expander()
        return withDocument(i, &e) { SparseVector(ids: Array($0), values: Array($1)) }
    }

    /// Calls `body` with row `i`'s distinct feature ids and counts, character n-grams included. The
    /// slices live in `expander` (one per thread) and are valid inside `body` only.
    @inline(__always)
    public func withDocument<R>(_ i: Int, _ expander: inout Expander,
                                _ body: (ArraySlice<UInt32>, ArraySlice<Float>) -> R) -> R {
        let words = offsets[i]..<offsets[i + 1]
        let formRange = formOffsets[i]..<formOffsets[i + 1]
        guard let expansion, !formRange.isEmpty else { return body(ids[words], values[words]) }
        expander.load(ids: ids[words], values: values[words], forms: forms[formRange], counts: formCounts[formRange], expansion)
        return body(expander.ids[0..<expander.n], expander.counts[0..<expander.n])
    }
}

/// A document's word features and word forms, before character n-grams are expanded.
public struct TrainingVector: Sendable {
    public var words: SparseVector
    /// Word form ids (into the vectorizer's `CharacterExpansion`) and how often each occurs.
    public var forms: SparseVector
}

/// Scratch memory for expanding documents; one per thread.
public struct Expander {
    var ids: [UInt32] = []
    var counts: [Float] = []
    var n = 0
    /// Feature id -> its index in `ids` + 1 while a document is being expanded (0 = absent).
    private var position: [Int32] = []

    public init() {}

    mutating func load(ids words: ArraySlice<UInt32>, values: ArraySlice<Float>, forms: ArraySlice<UInt32>,
                       counts formCounts: ArraySlice<Float>, _ expansion: CharacterExpansion) {
        // Raw buffers throughout: this runs for every document on every training pass.
        var bound = words.count
        expansion.start.withUnsafeBufferPointer { start in
            for f in forms { bound += start[Int(f) + 1] - start[Int(f)] }
        }
        if ids.count < bound {
            ids = [UInt32](repeating: 0, count: max(bound, 2 * ids.count))
            counts = [Float](repeating: 0, count: ids.count)
        }
        var n = 0
        ids.withUnsafeMutableBufferPointer { ids in
        counts.withUnsafeMutableBufferPointer { counts in
            for (id, v) in zip(words, values) { ids[n] = id; counts[n] = v; n += 1 }   // distinct from n-grams
            let wordCount = n
            expansion.start.withUnsafeBufferPointer { start in
            expansion.grams.withUnsafeBufferPointer { grams in
                var top = 0
                for f in forms { for k in start[Int(f)]..<start[Int(f) + 1] { top = max(top, Int(grams[k])) } }
                if top >= position.count {
                    position.append(contentsOf: repeatElement(0, count: max(top + 1 - position.count, position.count, 4096)))
                }
                position.withUnsafeMutableBufferPointer { position in
                    for (f, c) in zip(forms, formCounts) {
                        for k in start[Int(f)]..<start[Int(f) + 1] {
                            let g = grams[k]
                            let p = position[Int(g)]
                            if p == 0 {
                                ids[n] = g; counts[n] = c; n += 1
                                position[Int(g)] = Int32(n)
                            } else {
                                counts[Int(p) - 1] += c
                            }
                        }
                    }
                    for k in wordCount..<n { position[Int(ids[k])] = 0 }
                }
            } }
        } }
        self.n = n
    }
}
