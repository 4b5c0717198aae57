/// Prediction's shortcuts from a document's stems and word forms straight to model feature ids, per worker.
///
/// The general path interns every n-gram into the analyzer's vocabulary (building its bytes, hashing
/// them) and then maps the analyzer id to a model id; for a bigram that was a tenth of prediction time,
/// and a word's ~15 character n-grams were mapped one by one on every occurrence. Both answers depend only
/// on the ids (a pair of stems, a word form) and on the feature space, so they are remembered here. The
/// ids that come out, and their order, are those of the general path (`FeatureExtractor.knownVector(ids:)`).
final class KnownFeatureCache {
    /// Analyzer form id -> the model ids of its character n-grams that the model knows, in the order the
    /// form cuts them: `grams[from[form]..<to[form]]`; from = -1 while the form has not been cut.
    private var from: [Int32] = []
    private var to: [Int32] = []
    /// The cut forms' n-gram ids, one run after another, in raw memory: read through an array, each word's
    /// range retained and released the array (two calls a word, ~10 words a banking77 document, callgrind).
    private var grams = UnsafeMutablePointer<UInt32>.allocate(capacity: 4096)
    private var gramCount = 0, gramCapacity = 4096
    deinit { grams.deallocate() }
    /// (stem, stem) -> the bigram's model id + 1, or `KnownFeatureCache.unknown`.
    private var pairs = PairTable()
    static let unknown = UInt32.max

    /// Forgets everything: the feature space grew, so "unknown" answers may be stale.
    func reset() {
        from.removeAll(keepingCapacity: true); to.removeAll(keepingCapacity: true)
        gramCount = 0
        pairs = PairTable()
    }

    /// The range in `grams` of `form`'s known character n-grams, cut with `cut` on first use.
    @inline(__always)
    func formGrams(_ form: UInt32, cut: () -> [UInt32]) -> Range<Int> {
        let f = Int(form)
        if f >= from.count {
            let n = max(f + 1 - from.count, 4096)
            from.append(contentsOf: repeatElement(-1, count: n)); to.append(contentsOf: repeatElement(0, count: n))
        }
        if from[f] < 0 {
            let cutGrams = cut()
            if gramCount + cutGrams.count > gramCapacity {
                gramCapacity = max(gramCount + cutGrams.count, 2 * gramCapacity)
                let grown = UnsafeMutablePointer<UInt32>.allocate(capacity: gramCapacity)
                grown.update(from: grams, count: gramCount)
                grams.deallocate()
                grams = grown
            }
            cutGrams.withUnsafeBufferPointer { if let b = $0.baseAddress { (grams + gramCount).update(from: b, count: $0.count) } }
            from[f] = Int32(gramCount)
            gramCount += cutGrams.count
            to[f] = Int32(gramCount)
        }
        // from <= to: both set together above, to = from + the form's count.
        return Range(uncheckedBounds: (Int(from[f]), Int(to[f])))
    }

    /// `body` with the ids of `r` (a range `formGrams` gave) in place.
    @inline(__always)
    func withGrams(_ r: Range<Int>, _ body: (UnsafeBufferPointer<UInt32>) -> Void) {
        body(UnsafeBufferPointer(start: grams + r.lowerBound, count: r.count))
    }

    /// The bigram (a, b)'s model id + 1 or `unknown`, asking `name` on first use.
    @inline(__always)
    func bigram(_ a: UInt32, _ b: UInt32, name: () -> UInt32) -> UInt32 {
        let key = UInt64(a) << 32 | UInt64(b)
        if let v = pairs.value(key) { return v }
        let v = name()
        // Bounded like the analyzer's vocabulary: a stream of new text would grow it without end.
        if pairs.count >= PairTable.maximum { pairs = PairTable() }
        pairs.insert(key, v)
        return v
    }
}

/// Open addressing from a 64-bit key to a 32-bit value, linear probing, at most half full. Hand-written
/// because a `Dictionary` look-up (SipHash, generic code) cost as much as the interning it replaces.
struct PairTable {
    private var keys: [UInt64] = [UInt64](repeating: PairTable.empty, count: 1024)
    private var values: [UInt32] = [UInt32](repeating: 0, count: 1024)
    private(set) var count = 0
    /// Stems are vocabulary ids far below 2^32 - 1, so this key never occurs.
    private static let empty = UInt64.max
    static let maximum = 1 << 20

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & (keys.count - 1)
    }

    @inline(__always)
    func value(_ key: UInt64) -> UInt32? {
        keys.withUnsafeBufferPointer { k in
            var i = slot(key)
            while true {
                let s = k[i]
                if s == key { return values[i] }
                if s == PairTable.empty { return nil }
                i = (i + 1) & (k.count - 1)
            }
        }
    }

    mutating func insert(_ key: UInt64, _ value: UInt32) {
        if 2 * (count + 1) > keys.count { grow() }
        var i = slot(key)
        while keys[i] != PairTable.empty && keys[i] != key { i = (i + 1) & (keys.count - 1) }
        if keys[i] == PairTable.empty { count += 1 }
        keys[i] = key; values[i] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: PairTable.empty, count: 2 * oldKeys.count)
        values = [UInt32](repeating: 0, count: keys.count)
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != PairTable.empty { insert(k, v) }
    }
}
