import Foundation
import PainmapText

/// What a `SentimentScorer` derives from the lexicon and the ids of its words, built once and shared
/// read-only by every worker's scorer.
///
/// Every worker used to build these tables itself, from the lexicon and its own vocabulary, before scoring
/// its first line: ~24.5M instructions a worker (callgrind, `painmap sentiment`, two workers), ~11% of the
/// CPU of the 20k-line bench run spent twice. The tables hold form ids, which belong to one vocabulary;
/// another worker's vocabulary gives the same ids when it interns the same words in the same order (its
/// analyzer interned the same words before), and `fitting(_:)` checks exactly that, word by word, before
/// a scorer uses the tables with it (interning ~9,000 known words, about a tenth of building the tables).
public final class SentimentTables: @unchecked Sendable {
    // @unchecked: every stored property is a `let` of a value type (arrays, sets, structs of them) or of
    // the Sendable lexicon; nothing is mutated after `init`, so reading them from several threads is safe.
    let lexicon: SentimentLexicon
    let multis: [SentimentScorer.Multi]
    let wordPool: [UInt32]
    let multiKinds: [UInt8]
    let singleGroups: [Range<Int32>]
    let singleKinds: UInt8
    let pairBits: [UInt64]
    let secondRanges: [Range<Int32>]
    let secondIDs: [UInt32]
    let secondPairs: [UInt32]
    let pairGroups: [Range<Int32>]
    let multiIndex: [Int16]
    let secondWords: [Bool]
    let modifierLastWords: [UInt64]
    let ids: (like: UInt32, least: UInt32, at: UInt32, never: UInt32, not: UInt32, only: UInt32, been: UInt32, and: UInt32)
    let neverSoFollowers: Set<UInt32>
    let negationEmphasisers: Set<UInt32>
    let stopVerbs: Set<UInt32>
    let likeSubjects: Set<UInt32>
    let mildWords: MildWords
    let banter: BanterWords
    let longTime: LongTimeWords
    /// What the tables were built from besides the lexicon, to build them anew for a vocabulary they do not fit.
    let irrealisCues: [String]?, mildEntries: [String]?, stakeEntries: [String]?
    /// The words of the vocabulary the tables were built with, ids 0..<wordEnds.count, back to back: the ids
    /// every vocabulary that uses the tables must give them (`fitting`).
    let wordBytes: [UInt8]
    let wordEnds: [Int32]

    /// Builds the tables, interning the lexicon's multiword entries and the rules' cue words in `v`.
    public init(lexicon: SentimentLexicon, vocabulary v: Vocabulary, irrealisCues: [String]? = nil, mildEntries: [String]? = nil,
                stakeEntries: [String]? = nil) throws {
        self.lexicon = lexicon
        self.irrealisCues = irrealisCues; self.mildEntries = mildEntries; self.stakeEntries = stakeEntries
        var multis: [SentimentScorer.Multi] = [], wordPool: [UInt32] = [], multiKinds: [UInt8] = []
        var singleGroups: [Range<Int32>] = [], singleKinds: UInt8 = 0
        var pairBits = [UInt64](repeating: 0, count: 1024)
        var secondRanges: [Range<Int32>] = [], secondIDs: [UInt32] = [], secondPairs: [UInt32] = []
        var pairGroups: [Range<Int32>] = []
        var multiIndex: [Int16] = [], secondWords: [Bool] = [], modifierLastWords: [UInt64] = []
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
        for (entry, value) in lexicon.phrases where !entry.isEmpty { add(entry, 0, value, 0) }
        for (entry, value) in lexicon.modifiers where entry.count > 1 { add(entry, 1, value, 0) }
        for (entry, w) in lexicon.contrastives where !entry.isEmpty { add(entry, 2, w.before, w.after) }
        let cues = try irrealisCues ?? DataFile.wordList(lexicon.directory + "/irrealis.txt")
        mildWords = try MildWords(path: lexicon.directory + "/mild.txt", entries: mildEntries, stakesPath: lexicon.directory + "/stakes.txt",
                                  stakeEntries: stakeEntries, lexicon: lexicon, vocabulary: v)
        banter = try BanterWords(path: lexicon.directory + "/raves.txt", vocabulary: v)
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
        var pairIndex: [UInt64: Int] = [:]
        pairIndex.reserveCapacity(entryCount)   // ~3,000 pairs: grown step by step, ~0.6k instructions an entry
        var pending: [SentimentScorer.Multi] = []
        pending.reserveCapacity(entryCount)
        wordPool.reserveCapacity(words.count)
        var group: [Int] = [], isSingle: [Bool] = []
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
                let g: Int
                if let x = pairIndex[key] { g = x } else { g = pairIndex.count; pairIndex[key] = g }
                group.append(4 * g + kind); isSingle.append(false)
            }
        }
        ids = (v.intern("like"), v.intern("least"), v.intern("at"), v.intern("never"), v.intern("not"), v.intern("only"), v.intern("been"),
               v.intern(SentimentRules.negationStopWords[0]))
        longTime = LongTimeWords(vocabulary: v)
        // Fix: not "that" or "as": "never that good" and "never as good as promised" are complaints, not praise.
        neverSoFollowers = Set(["so", "this", "more"].map { v.intern($0) })
        negationEmphasisers = Set(SentimentRules.negationEmphasisers.map { v.intern($0) })
        // "can't stop crashing", "won't stop smiling": a negated "stop" says the next thing goes on.
        stopVerbs = Set(["stop", "stops", "stopped", "stopping"].map { v.intern($0) })
        // "like" is a verb after these, a preposition ("looks like", "feel like") elsewhere. Not after "would",
        // "I'd", "we'd": "I would like a refund" asks for something, it does not praise anything.
        likeSubjects = Set(["i", "we", "you", "they", "really", "do", "don't", "dont",
                            "definitely", "totally", "honestly", "still", "just", "also", "genuinely", "did",
                            "didn't", "didnt", "does", "doesn't", "both", "all", "kinda"].map { v.intern($0) })
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
        for (key, g) in pairIndex {
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
        // The cue words interned since: no entry starts with them (all entries' words were interned first).
        multiIndex.append(contentsOf: repeatElement(-1, count: v.count - multiIndex.count))
        secondWords = [Bool](repeating: false, count: v.count)
        for key in pairIndex.keys { secondWords[Int(UInt32(truncatingIfNeeded: key))] = true }
        modifierLastWords = [UInt64](repeating: 0, count: (v.count + 63) / 64)
        for m in multis where m.kind == UInt8(SentimentScorer.MultiKind.modifier.rawValue) && m.count >= 2 {
            let last = Int(wordPool[Int(m.start) + Int(m.count) - 1])
            modifierLastWords[last >> 6] |= 1 << UInt64(last & 63)
        }

        self.multis = multis; self.wordPool = wordPool; self.multiKinds = multiKinds
        self.singleGroups = singleGroups; self.singleKinds = singleKinds; self.pairBits = pairBits
        self.secondRanges = secondRanges; self.secondIDs = secondIDs; self.secondPairs = secondPairs
        self.pairGroups = pairGroups; self.multiIndex = multiIndex; self.secondWords = secondWords
        self.modifierLastWords = modifierLastWords
        var bytes: [UInt8] = [], ends: [Int32] = []
        ends.reserveCapacity(v.count)
        for id in 0..<UInt32(v.count) {
            v.withBytes(id) { bytes.append(contentsOf: $0) }
            ends.append(Int32(bytes.count))
        }
        wordBytes = bytes; wordEnds = ends
    }

    /// These tables if `v` gives every word they were built with its id here (interning the words it lacks),
    /// else tables built anew for `v`. A fresh worker's vocabulary fits: its analyzer interned the same
    /// words in the same order as the one the tables were built with.
    public func fitting(_ v: Vocabulary) throws -> SentimentTables {
        if fits(v) { return self }
        return try SentimentTables(lexicon: lexicon, vocabulary: v, irrealisCues: irrealisCues, mildEntries: mildEntries,
                                   stakeEntries: stakeEntries)
    }

    /// Whether `v` gives each word of the tables' vocabulary the same id, after interning them in id order.
    func fits(_ v: Vocabulary) -> Bool {
        wordBytes.withUnsafeBufferPointer { b in
            var start = 0
            for (id, end) in wordEnds.enumerated() {
                let word = UnsafeBufferPointer(rebasing: b[start..<Int(end)])
                // An empty word cannot be interned from bytes; no vocabulary holds one from our callers.
                guard !word.isEmpty, v.intern(word) == UInt32(id) else { return false }
                start = Int(end)
            }
            return true
        }
    }

    /// Made once, on first use, with the lexicon and the vocabulary of the first worker that asks; later
    /// workers share it (through `fitting`). For worker states made on several threads at once: the others
    /// wait for the first, which builds the tables in the time it used to build its own.
    public final class Shared: @unchecked Sendable {
        // @unchecked: `tables` is written once, under `lock`, and only read under it.
        private let lock = NSLock()
        private var tables: SentimentTables?

        public init() {}

        /// The shared tables fitted to `v`, built from `lexicon` and `v` if they are not built yet.
        public func tables(lexicon: SentimentLexicon, for v: Vocabulary) throws -> SentimentTables {
            lock.lock()
            defer { lock.unlock() }
            if let tables { return try tables.fitting(v) }
            let made = try SentimentTables(lexicon: lexicon, vocabulary: v)
            tables = made
            return made
        }
    }
}
