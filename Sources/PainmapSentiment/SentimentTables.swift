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
    let multiwords: MultiwordLayout
    /// `multiwords.multiIndex` extended to every id of the vocabulary (the rules' cue words come after the layout).
    let multiIndex: [Int16]
    let secondWords: [Bool]
    let modifierLastWords: [UInt64]
    let ids: (like: UInt32, least: UInt32, at: UInt32, never: UInt32, not: UInt32, only: UInt32, and: UInt32)
    let neverSoFollowers: Set<UInt32>
    let neverSoBridges: Set<UInt32>
    let negationEmphasisers: Set<UInt32>
    let stopVerbs: Set<UInt32>
    let wantVerbs: Set<UInt32>
    let likeSubjects: Set<UInt32>
    let mildWords: MildWords
    /// Per term id of `lexicon.terms`: `MildWords.mild` if the entry is a word of `mildWords.terms`, and `MildWords.stake`
    /// if one of `mildWords.stakes` (ASCII entries: the forms they answer for are ASCII; see `SentimentScorer.noteMildEntry`).
    let mildTerms: [UInt16]
    let banter: BanterWords
    let longTime: LongTimeWords
    let greeting: GreetingWords
    let notLike: NotLikeWords
    let wishForMore: WishForMoreWords
    let comparative: ComparativeWords
    /// What the tables were built from besides the lexicon, to build them anew for a vocabulary they do not fit.
    let irrealisCues: [String]?, mildEntries: [String]?, stakeEntries: [String]?
    /// The words of the vocabulary the tables were built with, ids 0..<wordEnds.count, back to back: the ids
    /// every vocabulary that uses the tables must give them (`fitting`).
    let wordBytes: [UInt8]
    let wordEnds: [Int32]

    /// Builds the tables, interning the lexicon's multiword entries and the rules' cue words in `v`.
    /// `layout`: the multiword part, if already built with `v`.
    public init(lexicon: SentimentLexicon, vocabulary v: Vocabulary, irrealisCues: [String]? = nil, mildEntries: [String]? = nil,
                stakeEntries: [String]? = nil, layout: MultiwordLayout? = nil) throws {
        self.lexicon = lexicon
        self.irrealisCues = irrealisCues; self.mildEntries = mildEntries; self.stakeEntries = stakeEntries
        precondition(layout.map { $0.vocabulary == ObjectIdentifier(v) } ?? true, "a multiword layout is built with the tables' vocabulary")
        let m = try layout ?? MultiwordLayout(lexicon: lexicon, irrealisCues: irrealisCues, vocabulary: v)
        mildWords = try MildWords(path: lexicon.directory + "/mild.txt", entries: mildEntries, stakesPath: lexicon.directory + "/stakes.txt",
                                  stakeEntries: stakeEntries, lexicon: lexicon, vocabulary: v)
        var mildTerms = [UInt16](repeating: 0, count: lexicon.terms.valence.count)
        for (words, flag) in [(mildWords.terms, MildWords.mild), (mildWords.stakes, MildWords.stake)] {
            for word in words {
                let bytes = Array(word.utf8)
                if let t = bytes.withUnsafeBufferPointer({ lexicon.terms.lookup($0) }) { mildTerms[t] |= flag }
            }
        }
        self.mildTerms = mildTerms
        banter = try BanterWords(path: lexicon.directory + "/raves.txt", vocabulary: v)
        ids = (v.intern("like"), v.intern("least"), v.intern("at"), v.intern("never"), v.intern("not"), v.intern("only"),
               v.intern(SentimentRules.negationStopWords[0]))
        longTime = LongTimeWords(vocabulary: v)
        greeting = GreetingWords(vocabulary: v)
        notLike = NotLikeWords(vocabulary: v)
        wishForMore = WishForMoreWords(vocabulary: v)
        comparative = ComparativeWords(vocabulary: v)
        // Fix: not "that" or "as": "never that good" and "never as good as promised" are complaints, not praise.
        neverSoFollowers = Set(["so", "this", "more"].map { v.intern($0) })
        neverSoBridges = Set(SentimentRules.neverSoBridges.map { v.intern($0) })
        negationEmphasisers = Set(SentimentRules.negationEmphasisers.map { v.intern($0) })
        // "can't stop crashing", "won't stop smiling": a negated "stop" says the next thing goes on.
        stopVerbs = Set(["stop", "stops", "stopped", "stopping"].map { v.intern($0) })
        wantVerbs = Set(SentimentRules.wantVerbs.map { v.intern($0) })
        // "like" is a verb after these, a preposition ("looks like", "feel like") elsewhere. Not after "would",
        // "I'd", "we'd": "I would like a refund" asks for something, it does not praise anything.
        likeSubjects = Set(["i", "we", "you", "they", "really", "do", "don't", "dont",
                            "definitely", "totally", "honestly", "still", "just", "also", "genuinely", "did",
                            "didn't", "didnt", "does", "doesn't", "both", "all", "kinda"].map { v.intern($0) })
        let multis = m.multis, wordPool = m.wordPool
        // The rules' cue words interned since the layout: no entry starts with them.
        var multiIndex = m.multiIndex
        multiIndex.append(contentsOf: repeatElement(-1, count: v.count - multiIndex.count))
        var secondWords = [Bool](repeating: false, count: v.count)
        for second in m.secondIDs { secondWords[Int(second)] = true }
        var modifierLastWords = [UInt64](repeating: 0, count: (v.count + 63) / 64)
        for e in multis where e.kind == UInt8(SentimentScorer.MultiKind.modifier.rawValue) && e.count >= 2 {
            let last = Int(wordPool[Int(e.start) + Int(e.count) - 1])
            modifierLastWords[last >> 6] |= 1 << UInt64(last & 63)
        }
        multiwords = m; self.multiIndex = multiIndex; self.secondWords = secondWords
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

        /// Shares `tables`, already built.
        public init(_ tables: SentimentTables) { self.tables = tables }

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
