import PainmapText

/// The multiword part of `SentimentTables`: phrases, multiword modifiers, connectives and irrealis cues,
/// their words interned in a vocabulary and laid out for `SentimentScorer.match`. Apart from the rest
/// because it needs only the multiword lists, not sentiment.tsv: `painmap sentiment` builds it while
/// another thread still reads sentiment.tsv (`SentimentLexicon.load(directory:alongside:)`).
public struct MultiwordLayout: @unchecked Sendable {
    // @unchecked: arrays of plain values, never mutated once built.
    // Flattened so that matching touches no reference-counted arrays (matching was ~7% of `painmap sentiment`,
    // mostly retains and walks over every phrase of common first words). Entries are grouped by (first word,
    // second word) and by kind, longest first within a group; entries of one word are grouped by first word.
    // "a", "no" and "i" start a hundred phrases each, so a match asks the group of the actual next word instead
    // of trying them all.
    let multis: [SentimentScorer.Multi]
    let wordPool: [UInt32]
    /// Per first word (FormInfo.multi): which kinds it starts (bit k for kind k) and, at `4 * multi + kind`,
    /// its one-word entries.
    let multiKinds: [UInt8]
    let singleGroups: [Range<Int32>]
    /// Bit k: some entry of kind k is one word long (connectives and irrealis cues; phrases and multiword
    /// modifiers never are). Without one, a match needs the next word to be a second word (`mayMatch`).
    let singleKinds: UInt8
    /// One bit per hash of a (first, second) pair that starts some entry (`SentimentScorer.pairBit`), 8 KiB:
    /// most (first word, next word) pairs start nothing, and this answers that without the binary search
    /// below, whose unpredictable branches cost more than its few loads.
    let pairBits: [UInt64]
    /// Per first word f, the second words of its entries, sorted, in `secondIDs[secondRanges[f]]`, and for
    /// each the index g of the pair (`secondPairs`), whose entries of kind k (longest first) are
    /// `pairGroups[4 * g + k]`. A global hash table of pairs missed the cache on most probes (one slot among
    /// 16k); the few second words of a common first word ("a", "not", "i") stay in cache, and a binary search
    /// over them is cheap.
    let secondRanges: [Range<Int32>]
    let secondIDs: [UInt32]
    let secondPairs: [UInt32]
    /// One range per pair and kind, not one per pair: a match reads only entries of the kind it asks for
    /// ("this is" starts a dozen phrases and nothing else: asked for a modifier, it reads none of them).
    /// Skipping the other kinds inside a mixed group was 15% of `match`'s cycles.
    let pairGroups: [Range<Int32>]
    /// Per pair group (as `pairGroups`): bit `third & 63` for the third word of each of its entries, or every bit
    /// when one of them is two words long. A match whose third word's bit is clear finds nothing in the group
    /// without reading its entries: the scoring loop searches ~24,000 groups on the 20k bench lines ("it is",
    /// "i have" start dozens of longer phrases) and few match (callgrind).
    let pairThirds: [UInt64]
    /// Form id -> index of the first-word entry, for the ids the vocabulary had once the entries were
    /// interned (`SentimentTables` extends it to the ids interned after).
    let multiIndex: [Int16]
    /// The vocabulary the words were interned in (the rest of the tables must use the same one).
    let vocabulary: ObjectIdentifier

    /// Lays out `phrases`, `modifiers` (those of two words or more), `contrastives` and `cues` (irrealis
    /// cues, each split into words), interning their words in `v`.
    public init(phrases: [[String]: Double], modifiers: [[String]: Double], contrastives: [[String]: (before: Double, after: Double)],
                cues: [String], vocabulary v: Vocabulary) {
        vocabulary = ObjectIdentifier(v)
        var multis: [SentimentScorer.Multi] = [], wordPool: [UInt32] = [], multiKinds: [UInt8] = []
        var singleGroups: [Range<Int32>] = [], singleKinds: UInt8 = 0
        var pairBits = [UInt64](repeating: 0, count: 1024)
        var secondRanges: [Range<Int32>] = [], secondIDs: [UInt32] = [], secondPairs: [UInt32] = []
        var pairGroups: [Range<Int32>] = [], pairThirds: [UInt64] = []
        var multiIndex: [Int16] = []
        // Every entry's words are interned into one flat pool (`words[starts[e]..<starts[e + 1]]`), not an
        // array per entry, and grouped below by a counting sort, not lists per group: the ~4,600 entry arrays
        // and ~5,500 group lists made and freed were about half of building these tables (callgrind:
        // 20,492 releases, ~4.3M instructions, and as much again growing them).
        var words: [UInt32] = [], starts: [Int32] = [0]
        var kinds: [UInt8] = [], values: [Double] = [], afters: [Double] = []
        func add(_ entry: [String], _ kind: Int, _ value: Double, _ after: Double) {
            for w in entry { words.append(v.intern(w)) }
            starts.append(Int32(words.count)); kinds.append(UInt8(kind)); values.append(value); afters.append(after)
        }
        // Kind k: 0 phrase, 1 modifier, 2 connective, 3 irrealis (MultiKind's raw values).
        // The original tables were built from dictionaries in this order; the order of entries sharing a
        // first word only matters between different lengths (the longest wins), kept below.
        for (entry, value) in phrases where !entry.isEmpty { add(entry, 0, value, 0) }
        for (entry, value) in modifiers where entry.count > 1 { add(entry, 1, value, 0) }
        for (entry, w) in contrastives where !entry.isEmpty { add(entry, 2, w.before, w.after) }
        let cueTable = Dictionary(cues.map { (SentimentLexicon.words($0), SentimentRules.irrealisCueValence) }, uniquingKeysWith: { a, _ in a })
        for (entry, value) in cueTable where !entry.isEmpty { add(entry, 3, value, 0) }
        let entryCount = kinds.count
        @inline(__always) func length(_ e: Int) -> Int { Int(starts[e + 1] - starts[e]) }
        // Longest first; ties keep their order (entries of one length starting alike never both match).
        // In length buckets, longest first, each in its order of addition: the order of the comparison sort
        // by (length, position) it replaced, whose moves of entries holding arrays were ~2.9M instructions
        // of each worker's start-up (callgrind).
        var longest = 0
        for e in 0..<entryCount { longest = max(longest, length(e)) }
        var order: [Int] = []
        order.reserveCapacity(entryCount)
        for l in stride(from: longest, through: 1, by: -1) {
            for e in 0..<entryCount where length(e) == l { order.append(e) }
        }
        // Each entry in `order`, laid out as a Multi whose words are copied to `wordPool` in that order, and
        // its group: 4 * first word + kind for one-word entries, 4 * pair + kind for the others.
        // Form id -> index of its first-word entry, filled here as `multiIndex` (an array by id: every entry's
        // words are interned by now; ~8,400 Dictionary look-ups were ~1.5M instructions, callgrind).
        multiIndex = [Int16](repeating: -1, count: v.count)
        var pairIndex = PairTable(capacity: entryCount)
        var pending: [SentimentScorer.Multi] = []
        pending.reserveCapacity(entryCount)
        wordPool.reserveCapacity(words.count)
        var group: [Int] = [], isSingle: [Bool] = []
        pairThirds.reserveCapacity(4 * entryCount)
        group.reserveCapacity(entryCount); isSingle.reserveCapacity(entryCount)
        for e in order {
            let lo = Int(starts[e]), count = length(e), kind = Int(kinds[e])
            let first = words[lo]
            let f: Int
            if multiIndex[Int(first)] >= 0 { f = Int(multiIndex[Int(first)]) } else {
                f = multiKinds.count; multiIndex[Int(first)] = Int16(f)
                multiKinds.append(0)
            }
            multiKinds[f] |= 1 << UInt8(kind)
            pending.append(SentimentScorer.Multi(start: Int32(wordPool.count), count: Int16(count), kind: UInt8(kind),
                                                 third: count > 2 ? words[lo + 2] : 0, value: values[e], after: afters[e]))
            wordPool.append(contentsOf: words[lo..<lo + count])
            if count == 1 {
                group.append(4 * f + kind); isSingle.append(true)
                singleKinds |= 1 << UInt8(kind)
            } else {
                let key = UInt64(first) << 32 | UInt64(words[lo + 1])
                let (g, isNew) = pairIndex.index(of: key)
                if isNew { for _ in 0..<4 { pairThirds.append(0) } }
                group.append(4 * g + kind); isSingle.append(false)
                pairThirds[4 * g + kind] |= count == 2 ? ~0 : 1 << UInt64(words[lo + 2] & 63)
            }
        }
        // Lay the entries out group by group: the one-word groups (by first word, then kind), then the pair
        // groups (by pair, then kind), each group's entries in `order` (longest first). A stable counting
        // sort over the group numbers, one-word groups before pair groups.
        let singleGroupCount = 4 * multiKinds.count, groupCount = singleGroupCount + 4 * pairIndex.count
        var bounds = [Int](repeating: 0, count: groupCount + 1)
        for (k, g) in group.enumerated() { bounds[(isSingle[k] ? g : singleGroupCount + g) + 1] += 1 }
        for g in 0..<groupCount { bounds[g + 1] += bounds[g] }
        var next = bounds
        var slot = [Int](repeating: 0, count: entryCount)
        for (k, g) in group.enumerated() {
            let key = isSingle[k] ? g : singleGroupCount + g
            slot[next[key]] = k; next[key] += 1
        }
        multis = slot.map { pending[$0] }
        singleGroups = (0..<singleGroupCount).map { Int32(bounds[$0])..<Int32(bounds[$0 + 1]) }
        pairGroups = (singleGroupCount..<groupCount).map { Int32(bounds[$0])..<Int32(bounds[$0 + 1]) }
        // Per first word, its pairs' second words, sorted: one sort of (first word index, second word).
        var seconds: [(key: UInt64, pair: UInt32)] = []
        seconds.reserveCapacity(pairIndex.count)
        for (g, key) in pairIndex.keys.enumerated() {
            let bit = SentimentScorer.pairBit(UInt32(truncatingIfNeeded: key >> 32), UInt32(truncatingIfNeeded: key))
            pairBits[bit >> 6] |= 1 << UInt64(bit & 63)
            let f = Int(multiIndex[Int(truncatingIfNeeded: key >> 32)])
            seconds.append((UInt64(f) << 32 | (key & 0xFFFF_FFFF), UInt32(g)))
        }
        seconds.sort { $0.key < $1.key }
        secondIDs = seconds.map { UInt32(truncatingIfNeeded: $0.key) }
        secondPairs = seconds.map(\.pair)
        secondRanges.reserveCapacity(multiKinds.count)
        var s = 0
        for f in 0..<multiKinds.count {
            let lo = s
            while s < seconds.count && Int(seconds[s].key >> 32) == f { s += 1 }
            secondRanges.append(Int32(lo)..<Int32(s))
        }
        self.multis = multis; self.wordPool = wordPool; self.multiKinds = multiKinds
        self.singleGroups = singleGroups; self.singleKinds = singleKinds; self.pairBits = pairBits
        self.secondRanges = secondRanges; self.secondIDs = secondIDs; self.secondPairs = secondPairs
        self.pairGroups = pairGroups; self.pairThirds = pairThirds; self.multiIndex = multiIndex
    }

    /// The layout of `lexicon`'s lists and the irrealis cues (irrealis.txt unless given).
    public init(lexicon: SentimentLexicon, irrealisCues: [String]? = nil, vocabulary v: Vocabulary) throws {
        self.init(phrases: lexicon.phrases, modifiers: lexicon.modifiers, contrastives: lexicon.contrastives,
                  cues: try irrealisCues ?? MultiwordLayout.irrealisCues(directory: lexicon.directory), vocabulary: v)
    }

    /// irrealis.txt of the lexicon folder `directory`.
    public static func irrealisCues(directory: String) throws -> [String] {
        try DataFile.wordList(directory + "/irrealis.txt")
    }
}

/// (first word, second word) -> pair index, the pairs numbered in order of insertion: for laying out
/// `MultiwordLayout`'s pair groups. Open addressing on the packed ids, not a `Dictionary<UInt64, Int>`, whose
/// SipHash of each key made its ~8,500 look-ups and inserts ~1.3M instructions of start-up (callgrind).
private struct PairTable {
    /// No pair packs to it: a word id is below the vocabulary's count, never `UInt32.max`.
    private static let empty = UInt64.max
    /// Slots per expected pair, at least: a table at most half full keeps probe runs short.
    private static let slotsPerPair = 2
    private var slots: [UInt64]
    private var indices: [Int32]
    private let mask: Int
    /// The pairs' keys by index.
    private(set) var keys: [UInt64] = []

    init(capacity: Int) {
        var n = 16
        while n < PairTable.slotsPerPair * capacity { n <<= 1 }
        slots = [UInt64](repeating: PairTable.empty, count: n)
        indices = [Int32](repeating: 0, count: n)
        mask = n - 1
        keys.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    /// The index of pair `key`, numbered next (`isNew`) if it was not in the table.
    mutating func index(of key: UInt64) -> (Int, isNew: Bool) {
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[i] != PairTable.empty {
            if slots[i] == key { return (Int(indices[i]), false) }
            i = (i + 1) & mask
        }
        if 2 * (keys.count + 1) > slots.count { grow(); return index(of: key) }
        slots[i] = key; indices[i] = Int32(keys.count); keys.append(key)
        return (keys.count - 1, true)
    }

    /// Twice the slots, the pairs placed again with their indices.
    private mutating func grow() {
        var bigger = PairTable(capacity: slots.count)
        for key in keys { _ = bigger.index(of: key) }
        self = bigger
    }
}
