import Foundation
import PainmapText

/// Which features a document gives.
public struct FeatureOptions: Sendable, Hashable {
    /// Word n-grams over stems.
    public var words: NGramOptions
    /// Character n-gram sizes within words, nil for none.
    public var characters: ClosedRange<Int>?
    /// Pairs of stems one word apart ("card _ arriv" from "card has arrived"), named with " _ ".
    public var skipBigrams = false
    public init(words: NGramOptions = NGramOptions(), characters: ClosedRange<Int>? = nil, skipBigrams: Bool = false) {
        self.words = words
        self.characters = characters
        self.skipBigrams = skipBigrams
    }
}

/// Turns texts into feature vectors on several threads.
///
/// Each worker has its own `Analyzer` (normalize, tokenize, stem; not thread-safe) and a table from its
/// analyzer's n-gram ids to the model's `FeatureSpace` ids. Vectorizing a batch runs in three steps so that
/// only the cheap part is serial: (1) every worker analyzes its share and makes n-gram ids; (2) when
/// training, one thread adds n-grams the model has not seen to the feature space; (3) every worker maps its
/// ids to model ids and counts them. When predicting, unseen n-grams are dropped in step 3 and step 2 is
/// skipped.
public final class Vectorizer: @unchecked Sendable {
    public let features: FeatureSpace
    public let options: FeatureOptions
    public let workers: Int
    let extractors: PerWorker<FeatureExtractor>

    public init(resources: TextResources, analyzerOptions: AnalyzerOptions = AnalyzerOptions(),
                options: FeatureOptions, features: FeatureSpace = FeatureSpace(),
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.features = features
        self.options = options
        self.workers = max(1, workers)
        extractors = try PerWorker(workers: self.workers) {
            FeatureExtractor(analyzer: try Analyzer(resources: resources, options: analyzerOptions), options: options)
        }
    }

    /// Vectors of `texts`, in order. With `growing`, n-grams not yet in `features` are added (training);
    /// without, they are dropped (prediction).
    public func vectorize(_ texts: [String], growing: Bool) -> [SparseVector] {
        let pool = ParallelBatches(workers: workers, batchSize: max(texts.count, 1))
        let extractors = self.extractors, features = self.features
        if !growing {
            return pool.map(texts) { w, text in extractors.current(w, renewIf: FeatureExtractor.isLarge).knownVector(text, features: features) }
        }
        var docs = makeDocuments()
        for v in trainingVectors(texts) { docs.append(v, label: 0) }
        return (0..<docs.count).map { docs[$0] }
    }

    /// Word forms seen in training and their character n-gram features (see `CharacterExpansion`).
    public let expansion = CharacterExpansion()
    let formNames = Vocabulary()

    /// Training vectors of `texts`, in order: new n-grams become features, and documents keep their word
    /// forms rather than their character n-grams, which `DocumentVectors` expands on use.
    ///
    /// Both parallel steps hand out short ranges of texts as workers come free (`ParallelBatches.mapChunks`)
    /// rather than a fixed half each: `train` reads the next batch on its own thread meanwhile, and the
    /// worker sharing a core with it left the other idle at the end of every batch (perf timelines of
    /// training on banking77: one worker often at a fifth of a core; vectorizing ended 92 -> 74 ms after
    /// the start, medians of 10 alternated runs under perf). Which worker analyses a text changes
    /// only worker-local ids: features and forms are interned by name in text order in the serial step.
    public func trainingVectors(_ texts: [String]) -> [TrainingVector] {
        let extractors = self.extractors, workers = self.workers
        let raw = ParallelBatches.mapChunks(count: texts.count, workers: workers) { w, range in
            range.map { i in (w, extractors[w].rawIDs(texts[i], separateForms: true)) }
        }.flatMap { $0 }
        for (w, ids) in raw {
            extractors[w].addNew(ids.words, to: features)
            extractors[w].addNewForms(ids.forms, names: formNames, expansion: expansion, features: features)
        }
        return ParallelBatches.mapChunks(count: raw.count, workers: workers) { w, range in
            range.map { i in
                let owner = extractors[raw[i].0]
                return TrainingVector(words: extractors[w].mapped(raw[i].1.words, by: owner),
                                      forms: extractors[w].mappedForms(raw[i].1.forms, by: owner))
            }
        }.flatMap { $0 }
    }

    /// An empty training set whose documents expand with this vectorizer's character n-grams.
    public func makeDocuments() -> DocumentVectors { DocumentVectors(expansion: expansion) }

    /// One text on the calling thread with worker 0's state: for tests and single documents.
    public func vector(_ text: String, growing: Bool = false) -> SparseVector {
        let e = extractors[0]
        if !growing { return e.knownVector(text, features: features) }
        var docs = makeDocuments()
        docs.append(trainingVectors([text])[0], label: 0)
        return docs[0]
    }

    /// Worker `w`'s extractor, for callers that run their own `ParallelBatches` (the CLI's predict).
    /// Prediction only: a worker's extractor is made anew when its vocabulary is large (bounded memory).
    public func knownVector(_ text: String, worker w: Int) -> SparseVector {
        extractors.current(w, renewIf: FeatureExtractor.isLarge).knownVector(text, features: features)
    }

    /// `knownVector(_:worker:)` of a line given as bytes that need no normalization
    /// (`Analyzer.analyze(normalASCII:)`), nil for other lines: then decode them and call that. No String
    /// is made for the line (its decoding and copy were ~4% of `painmap predict`, perf).
    public func knownVector(normalASCII bytes: UnsafeBufferPointer<UInt8>, worker w: Int) -> SparseVector? {
        let e = extractors.current(w, renewIf: FeatureExtractor.isLarge)
        guard let doc = e.analyzer.analyze(normalASCII: bytes, splittingSentences: false) else { return nil }
        return e.knownVectorCached(doc, features: features)
    }

    /// `knownVector(normalASCII:worker:)` without the vector: `body` gets its ids and counts in the worker's
    /// memory, valid during the call (see `FeatureExtractor.withKnownCounts`). False, without calling `body`,
    /// for a line that needs normalization.
    public func withKnownCounts(normalASCII bytes: UnsafeBufferPointer<UInt8>, worker w: Int,
                                _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Float>) -> Void) -> Bool {
        let e = extractors.current(w, renewIf: FeatureExtractor.isLarge)
        guard let doc = e.analyzer.analyze(normalASCII: bytes, splittingSentences: false) else { return false }
        e.withKnownCounts(doc, features: features, body)
        return true
    }
}

/// One worker's analyzer and its analyzer-id -> model-id table. Public so that a pipeline that has already
/// analyzed a document (the journey stage) can vectorize it without analysing it again.
public final class FeatureExtractor {
    let analyzer: Analyzer
    let options: FeatureOptions
    /// Analyzer n-gram id -> model feature id + 1; 0 = not looked up yet; `unknown` = not a model feature.
    fileprivate var map: [UInt32] = []
    private static let unknown = UInt32.max
    private var scratch: [UInt32] = []
    /// Prediction's n-gram ids of the current document (see `IDRun`).
    private var knownIDs = IDRun()
    deinit { knownIDs.release(); counted.release() }
    /// The feature space's size when the "unknown" entries of `map` were cached.
    private var featuresSeen = -1
    /// Word form id -> its character n-gram ids (analyzer ids of "~" + n-gram); each form is cut once.
    private var characterCache: [[UInt32]?] = []
    private var skipScratch: [UInt8] = []

    /// True when the extractor's analyzer has met `Vocabulary.renewalSize` forms and n-grams: time for a
    /// fresh one when only predicting (training keeps ids across calls, and its own memory bound).
    static func isLarge(_ e: FeatureExtractor) -> Bool { e.analyzer.vocabulary.isLarge }

    public init(analyzer: Analyzer, options: FeatureOptions) {
        self.analyzer = analyzer
        self.options = options
    }

    /// The analyzer's n-gram ids of `text`, repeats included, character n-grams among them.
    func rawIDs(_ text: String) -> [UInt32] { rawIDs(text, separateForms: false).words }

    /// With `separateForms`, character n-grams are left out and the words' form ids returned instead.
    func rawIDs(_ text: String, separateForms: Bool) -> (words: [UInt32], forms: [UInt32]) {
        if text.isEmpty { return ([], []) }
        return rawIDs(analyzer.analyze(text), separateForms: separateForms)
    }

    /// The same from a document this extractor's analyzer has already analyzed.
    func rawIDs(_ doc: AnalyzedDocument, separateForms: Bool) -> (words: [UInt32], forms: [UInt32]) {
        var out: [UInt32] = [], forms: [UInt32] = []
        let words = options.words
        out.reserveCapacity(doc.tokens.count * (words.range.count + (options.characters == nil || separateForms ? 0 : 12)))
        // At most a form per token: grown append by append, the forms array was reallocated about four times
        // per document (callgrind, training on banking77: 40,801 reallocations for 10,003 documents).
        if separateForms && options.characters != nil { forms.reserveCapacity(doc.tokens.count) }
        // The stems into the previous document's array (`stemStore`: no allocation per document).
        var stems: [UInt32] = []
        swap(&stems, &stemStore)
        analyzer.featureStems(doc, removeStopwords: words.removeStopwords, into: &stems)
        defer { stemStore = stems }
        appendNgrams(stems, range: words.range, into: &out)
        if options.skipBigrams, stems.count >= 3 {
            let vocabulary = analyzer.vocabulary
            for i in 0..<(stems.count - 2) {
                skipScratch.removeAll(keepingCapacity: true)
                vocabulary.withBytes(stems[i]) { skipScratch.append(contentsOf: $0) }
                skipScratch.append(contentsOf: [0x20, 0x5F, 0x20])   // " _ "
                vocabulary.withBytes(stems[i + 2]) { skipScratch.append(contentsOf: $0) }
                out.append(skipScratch.withUnsafeBufferPointer { vocabulary.intern($0) })
            }
        }
        if let chars = options.characters {
            for t in doc.tokens where t.kind == .word || t.kind == .hashtag {
                if words.removeStopwords, analyzer.isStopword(t.form, language: doc.language.code) { continue }
                if separateForms { forms.append(t.form) } else { out.append(contentsOf: characterNgrams(t.form, chars)) }
            }
        }
        return (out, forms)
    }

    /// `Analyzer.ngrams(stems, range:, into:)` (the same ids in the same order), with each bigram's id
    /// remembered per stem pair: naming a bigram (copying both stems' bytes around a space) and interning
    /// the name cost ~400 instructions a bigram, 1.8% of training (callgrind on banking77 defaults), where
    /// most bigrams recur. The first occurrence is interned as before, so ids are given in the same order.
    private func appendNgrams(_ stems: [UInt32], range: ClosedRange<Int>, into out: inout [UInt32]) {
        for n in range where n >= 1 {
            guard n == 2 else { analyzer.ngrams(stems, range: n...n, into: &out); continue }
            guard stems.count >= 2 else { continue }
            for i in 0..<(stems.count - 1) { out.append(bigramID(stems[i], stems[i + 1])) }
        }
    }

    /// Stem pair -> the analyzer id of its bigram. Bounded (emptied when full): a million training documents
    /// have about as many distinct pairs, and the table would hold tens of MB per worker.
    private var bigramIDs = PairTable()
    private static let bigramLimit = 1 << 16
    private var bigramName: [UInt8] = []

    @inline(__always)
    private func bigramID(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let key = UInt64(a) << 32 | UInt64(b)
        if let id = bigramIDs.value(key) { return id }
        // The name as `Analyzer.ngrams` makes it: the stems joined by one space.
        let vocabulary = analyzer.vocabulary
        bigramName.removeAll(keepingCapacity: true)
        vocabulary.withBytes(a) { bigramName.append(contentsOf: $0) }
        bigramName.append(0x20)
        vocabulary.withBytes(b) { bigramName.append(contentsOf: $0) }
        let id = bigramName.withUnsafeBufferPointer { vocabulary.intern($0) }
        if bigramIDs.count >= FeatureExtractor.bigramLimit { bigramIDs = PairTable() }
        bigramIDs.insert(key, id)
        return id
    }

    /// Analyzer form id -> model form id + 1 (0 = not yet).
    fileprivate var formMap: [UInt32] = []

    /// Adds the forms the model has not seen, with their character n-grams (serial step when training).
    func addNewForms(_ ids: [UInt32], names: Vocabulary, expansion: CharacterExpansion, features: FeatureSpace) {
        guard let sizes = options.characters else { return }
        for id in ids {
            let i = Int(id)
            if i >= formMap.count { formMap.append(contentsOf: repeatElement(0, count: max(i + 1 - formMap.count, 4096))) }
            if formMap[i] != 0 { continue }
            let g = analyzer.vocabulary.withBytes(id) { names.intern($0) }
            if Int(g) == expansion.count {   // a form new to the model: cut it once
                var grams: [UInt32] = []
                analyzer.vocabulary.withBytes(id) { bytes in
                    FeatureExtractor.characterNgrams(of: bytes, sizes) { grams.append(features.add($0)) }
                }
                expansion.append(grams)
            }
            formMap[i] = g + 1
        }
    }

    /// Counts `ids` (analyzer form ids of `owner`, all added with `addNewForms`) as model form ids.
    func mappedForms(_ ids: [UInt32], by owner: FeatureExtractor) -> SparseVector {
        if ids.isEmpty { return SparseVector() }
        return SparseVector(counting: ids.map { owner.formMap[Int($0)] - 1 })
    }

    /// The character n-grams of word form `form`, padded with spaces: "~ ca", "~car", "~ard ", ...
    private func characterNgrams(_ form: UInt32, _ sizes: ClosedRange<Int>) -> [UInt32] {
        let f = Int(form)
        if f >= characterCache.count { characterCache.append(contentsOf: repeatElement(nil, count: max(f + 1 - characterCache.count, 4096))) }
        if let cached = characterCache[f] { return cached }
        var ids: [UInt32] = []
        let vocabulary = analyzer.vocabulary
        // A copy: interning into the same vocabulary may move its storage.
        let formBytes = vocabulary.withBytes(form) { Array($0) }
        formBytes.withUnsafeBufferPointer { bytes in
            FeatureExtractor.characterNgrams(of: bytes, sizes) { ids.append(vocabulary.intern($0)) }
        }
        characterCache[f] = ids
        return ids
    }

    /// Calls `body` with the bytes of each character n-gram name of the word `form`: "~" + the n-gram of
    /// the form padded with a space on each side (" card " -> "~ c", "~ca", ..., "~rd "), sizes in `sizes`;
    /// a space alone is no 1-gram.
    static func characterNgrams(of form: UnsafeBufferPointer<UInt8>, _ sizes: ClosedRange<Int>,
                                _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        // ASCII (nearly every form): a scalar is a byte, so the n-grams are byte windows, cut without
        // decoding (the scalar path below cost ~8,000 instructions a form, 2% of training).
        if form.allSatisfy({ $0 < 0x80 }) {
            asciiCharacterNgrams(of: form, sizes, body)
            return
        }
        scalarCharacterNgrams(of: form, sizes, body)
    }

    /// The general path, by Unicode scalars.
    static func scalarCharacterNgrams(of form: UnsafeBufferPointer<UInt8>, _ sizes: ClosedRange<Int>,
                                      _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var scalars: [Unicode.Scalar] = [" "]
        scalars.append(contentsOf: String(decoding: form, as: UTF8.self).unicodeScalars)
        scalars.append(" ")
        var gram: [UInt8] = []
        for n in sizes where n <= scalars.count {
            for i in 0...(scalars.count - n) {
                if n == 1 && scalars[i] == " " { continue }
                gram.removeAll(keepingCapacity: true)
                gram.append(FeatureSpace.characterPrefix)
                for s in scalars[i..<i + n] { gram.append(contentsOf: String(s).utf8) }
                gram.withUnsafeBufferPointer { body($0) }
            }
        }
    }

    /// `characterNgrams(of:_:_:)` for an all-ASCII form: the same names in the same order.
    static func asciiCharacterNgrams(of form: UnsafeBufferPointer<UInt8>, _ sizes: ClosedRange<Int>,
                                     _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let padded = [0x20] + Array(form) + [0x20]
        var gram = [UInt8](repeating: FeatureSpace.characterPrefix, count: max(sizes.upperBound, 0) + 1)
        gram.withUnsafeMutableBufferPointer { gram in
            for n in sizes where n <= padded.count {
                for i in 0...(padded.count - n) {
                    if n == 1 && padded[i] == 0x20 { continue }
                    for k in 0..<n { gram[1 + k] = padded[i + k] }
                    body(UnsafeBufferPointer(rebasing: gram[0..<(n + 1)]))
                }
            }
        }
    }

    private func grow(to id: UInt32) {
        if Int(id) >= map.count { map.append(contentsOf: repeatElement(0, count: max(Int(id) + 1 - map.count, 4096))) }
    }

    /// Adds the n-grams of `ids` that the feature space lacks (serial step when training).
    func addNew(_ ids: [UInt32], to features: FeatureSpace) {
        for id in ids {
            grow(to: id)
            let m = map[Int(id)]
            if m != 0 && m != FeatureExtractor.unknown { continue }
            let g = analyzer.vocabulary.withBytes(id) { features.add($0) }
            map[Int(id)] = g + 1
        }
    }

    /// Counts `ids` (analyzer ids of `owner`, all added with `addNew`) as model features. Reads only
    /// `owner`'s table, so any worker may map another's ids once the serial step is done.
    func mapped(_ ids: [UInt32], by owner: FeatureExtractor) -> SparseVector {
        scratch.removeAll(keepingCapacity: true)
        for id in ids { scratch.append(owner.map[Int(id)] - 1) }
        return countDistinct(scratch)
    }

    /// Model id -> its index in the vector being built + 1 (0 = absent); reset after each document.
    private var position: [Int32] = []

    /// Counts repeated ids in one linear pass (sorting was a tenth of prediction time). Ids keep the order
    /// of their first occurrence. Fills both arrays through raw buffers: appending element by element
    /// paid a uniqueness check per id and was as costly as the rest of vectorizing a document.
    private func countDistinct(_ ids: [UInt32]) -> SparseVector {
        ids.withUnsafeBufferPointer { countDistinct($0) }
    }

    private func countDistinct(_ ids: UnsafeBufferPointer<UInt32>) -> SparseVector {
        guard let m = ids.max() else { return SparseVector() }
        if Int(m) >= position.count {
            position.append(contentsOf: repeatElement(0, count: max(Int(m) + 1 - position.count, position.count, 4096)))
        }
        var values: [Float] = []
        let distinct = [UInt32](unsafeUninitializedCapacity: ids.count) { out, outCount in
            values = [Float](unsafeUninitializedCapacity: ids.count) { counts, countsCount in
                position.withUnsafeMutableBufferPointer { pos in
                    countsCount = Self.countPass(ids, into: out.baseAddress!, counts.baseAddress!, position: pos)
                }
            }
            outCount = values.count
        }
        return SparseVector(ids: distinct, values: values)
    }

    /// Writes the distinct ids of `ids` in first-seen order to `out` and their counts to `counts` (both with
    /// room for `ids.count`), using `position` (all zero before and after: id -> 1 + its place in `out`),
    /// and returns how many there are.
    /// n counts with wrapping arithmetic: it stays at most `ids.count`, checked once below Int32.max, where
    /// the checked `n += 1` and `Int32(n)` were three tests per distinct id (callgrind, 20,000 banking77
    /// documents: `countDistinctReusing` 57.7M -> 44.5M instructions).
    @inline(__always)
    private static func countPass(_ ids: UnsafeBufferPointer<UInt32>, into out: UnsafeMutablePointer<UInt32>,
                                  _ counts: UnsafeMutablePointer<Float>, position pos: UnsafeMutableBufferPointer<Int32>) -> Int {
        precondition(ids.count < Int(Int32.max))
        var n = 0
        for id in ids {
            let p = pos[Int(id)]
            if p == 0 {
                out[n] = id; counts[n] = 1; n &+= 1
                pos[Int(id)] = Int32(truncatingIfNeeded: n)
            } else {
                counts[Int(p) - 1] += 1
            }
        }
        for k in 0..<n { pos[Int(out[k])] = 0 }
        return n
    }

    /// The last predicted vector's arrays: once the caller has let go of that vector they are uniquely
    /// referenced again, and the next vector is counted into them instead of into two new arrays (their
    /// allocation and release were ~1,400 instructions a document, 2% of `painmap predict`, callgrind).
    private var idStore: [UInt32] = [], valueStore: [Float] = []

    /// `countDistinct` into `idStore` and `valueStore` (prediction: a vector per document, dropped soon).
    /// Every id must be below the feature space's size when `refresh` last ran (model ids looked up since),
    /// which is how far `refresh` has sized `position`: no pass over the ids for their maximum (a seventh of
    /// this function's instructions, callgrind).
    /// The pass counts into `counted` (raw memory, grown as needed), then the arrays take the distinct ids
    /// and counts in one copy each: sizing them to the document's raw ids first and cutting them back
    /// (generic appends of zeros, then `removeLast`) was ~900 instructions a banking77 document (callgrind).
    private func countDistinctReusing(_ ids: UnsafeBufferPointer<UInt32>) -> SparseVector {
        if ids.isEmpty { return SparseVector() }
        counted.reserve(ids.count)
        var out: [UInt32] = [], values: [Float] = []
        swap(&out, &idStore); swap(&values, &valueStore)
        let n = position.withUnsafeMutableBufferPointer { pos in
            Self.countPass(ids, into: counted.ids, counted.counts, position: pos)
        }
        out.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
        out.append(contentsOf: UnsafeBufferPointer(start: counted.ids, count: n))
        values.append(contentsOf: UnsafeBufferPointer(start: counted.counts, count: n))
        idStore = out; valueStore = values
        return SparseVector(ids: out, values: values)
    }
    private var counted = CountedRun()

    /// The vector of `text` over the features the model knows; other n-grams are dropped.
    func knownVector(_ text: String, features: FeatureSpace) -> SparseVector {
        if text.isEmpty { return knownVector(ids: [], features: features) }
        return knownVectorCached(analyzer.analyze(text, splittingSentences: false), features: features)
    }

    /// Prediction's shortcuts (see `KnownFeatureCache`).
    private let known = KnownFeatureCache()

    /// The same vector as `knownVector(ids: ngramIDs(doc), features:)`, same ids in the same order, with
    /// bigrams and character n-grams answered from `known` instead of interned and mapped one by one.
    func knownVectorCached(_ doc: AnalyzedDocument, features: FeatureSpace) -> SparseVector {
        if options.skipBigrams { return knownVector(ids: rawIDs(doc, separateForms: false).words, features: features) }
        collectKnownIDs(doc, features: features)
        return countDistinctReusing(knownIDs.ids)
    }

    /// `knownVectorCached` without making the vector: `body` reads the distinct ids and their counts where
    /// they were counted, in this extractor's memory (valid during the call). Prediction scores them and
    /// lets them go: copying them into the vector's two arrays (emptied, then appended to, each a generic
    /// call) and the vector's trip through the calls was ~370 instructions a banking77 document (callgrind,
    /// `painmap predict` on 20,000 documents: 901.9M -> 894.6M).
    func withKnownCounts(_ doc: AnalyzedDocument, features: FeatureSpace,
                         _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Float>) -> Void) {
        if options.skipBigrams {
            let v = knownVector(ids: rawIDs(doc, separateForms: false).words, features: features)
            v.ids.withUnsafeBufferPointer { ids in v.values.withUnsafeBufferPointer { counts in body(ids, counts) } }
            return
        }
        collectKnownIDs(doc, features: features)
        let ids = knownIDs.ids
        counted.reserve(max(ids.count, 1))
        let n = ids.isEmpty ? 0 : position.withUnsafeMutableBufferPointer { pos in
            Self.countPass(ids, into: counted.ids, counted.counts, position: pos)
        }
        body(UnsafeBufferPointer(start: counted.ids, count: n), UnsafeBufferPointer(start: counted.counts, count: n))
    }

    /// The model ids of `doc`'s known n-grams into `knownIDs`, repeats included, in `ngramIDs` order.
    private func collectKnownIDs(_ doc: AnalyzedDocument, features: FeatureSpace) {
        refresh(features)
        knownIDs.removeAll()
        let words = options.words
        // The stems into the previous document's array (`stemStore`: no allocation per document).
        var stems: [UInt32] = []
        swap(&stems, &stemStore)
        analyzer.featureStems(doc, removeStopwords: words.removeStopwords, into: &stems)
        defer { stemStore = stems }
        let vocabulary = analyzer.vocabulary
        for n in words.range where n >= 1 {
            switch n {
            case 1:
                // (m is a model id + 1 when it is not `unknown`: m &- 1 never wraps.)
                for s in stems { let m = knownID(s, features); if m != FeatureExtractor.unknown { knownIDs.append(m &- 1) } }
            case 2:
                guard stems.count >= 2 else { continue }
                for i in 0..<(stems.count - 1) {
                    let m = known.bigram(stems[i], stems[i + 1]) {
                        // The name as `Analyzer.ngrams` makes it: the stems joined by one space.
                        ngramBytes.removeAll(keepingCapacity: true)
                        vocabulary.withBytes(stems[i]) { ngramBytes.append(contentsOf: $0) }
                        ngramBytes.append(0x20)
                        vocabulary.withBytes(stems[i + 1]) { ngramBytes.append(contentsOf: $0) }
                        return ngramBytes.withUnsafeBufferPointer { features.id(of: $0) }.map { $0 + 1 } ?? KnownFeatureCache.unknown
                    }
                    if m != KnownFeatureCache.unknown { knownIDs.append(m &- 1) }
                }
            default:
                var raw: [UInt32] = []
                analyzer.ngrams(stems, range: n...n, into: &raw)
                for id in raw { let m = knownID(id, features); if m != FeatureExtractor.unknown { knownIDs.append(m - 1) } }
            }
        }
        if let chars = options.characters {
            for t in doc.tokens where t.kind == .word || t.kind == .hashtag {
                if words.removeStopwords, analyzer.isStopword(t.form, language: doc.language.code) { continue }
                let r = known.formGrams(t.form) {
                    characterNgrams(t.form, chars).compactMap { id in
                        let m = knownID(id, features)
                        return m == FeatureExtractor.unknown ? nil : m - 1
                    }
                }
                known.withGrams(r) { knownIDs.append($0) }
            }
        }
    }
    private var ngramBytes: [UInt8] = []
    private var stemStore: [UInt32] = []

    /// Analyzer id -> model id + 1, or `unknown`, looked up once per id.
    @inline(__always)
    private func knownID(_ id: UInt32, _ features: FeatureSpace) -> UInt32 {
        grow(to: id)
        var m = map[Int(id)]
        if m == 0 {
            m = analyzer.vocabulary.withBytes(id) { features.id(of: $0) }.map { $0 + 1 } ?? FeatureExtractor.unknown
            map[Int(id)] = m
        }
        return m
    }

    /// Forgets cached "unknown" answers when the model has gained features since they were cached.
    private func refresh(_ features: FeatureSpace) {
        guard features.count != featuresSeen else { return }
        if position.count < features.count {
            position.append(contentsOf: repeatElement(0, count: features.count - position.count))
        }
        for i in map.indices where map[i] == FeatureExtractor.unknown { map[i] = 0 }
        known.reset()
        featuresSeen = features.count
    }

    /// The vector of a document already analyzed by this extractor's analyzer.
    public func knownVector(_ doc: AnalyzedDocument, features: FeatureSpace) -> SparseVector {
        knownVectorCached(doc, features: features)
    }

    /// A document's n-gram ids (repeats included) as this extractor's options cut them: the general path,
    /// which `knownVectorCached` must match (the tests compare the two).
    public func ngramIDs(_ doc: AnalyzedDocument) -> [UInt32] {
        rawIDs(doc, separateForms: false).words
    }

    /// The vector of n-gram ids from `ngramIDs` of an extractor with the same analyzer and options.
    public func knownVector(ids: [UInt32], features: FeatureSpace) -> SparseVector {
        refresh(features)
        scratch.removeAll(keepingCapacity: true)
        for id in ids {
            let m = knownID(id, features)
            if m != FeatureExtractor.unknown { scratch.append(m - 1) }
        }
        return scratch.withUnsafeBufferPointer { countDistinctReusing($0) }
    }
}

/// A growable run of ids written through a raw pointer, for prediction's per-document list of n-gram ids:
/// through an array, appending each word's ~15 character n-gram ids (`append(contentsOf:)`, generic) cost
/// ~90 instructions a word and every single append a uniqueness check (callgrind: 2% of `painmap
/// predict`). Owned by one `FeatureExtractor`, which releases it.
struct IDRun {
    private var base = UnsafeMutablePointer<UInt32>.allocate(capacity: 1024)
    private var capacity = 1024
    private(set) var count = 0

    mutating func removeAll() { count = 0 }

    // Wrapping additions: count stays at most capacity, and a buffer's count is far below Int.max; the
    // checked ones were overflow tests per word of a predicted document (with the unchecked m &- 1 and
    // word range in `collectKnownIDs`: 32.6M -> 30.5M instructions on 20,000 banking77 documents, callgrind).
    @inline(__always) mutating func append(_ id: UInt32) {
        if count == capacity { grow(to: count + 1) }
        base[count] = id
        count &+= 1
    }

    @inline(__always) mutating func append(_ ids: UnsafeBufferPointer<UInt32>) {
        guard let from = ids.baseAddress else { return }
        let end = count &+ ids.count
        if end > capacity { grow(to: end) }
        (base + count).update(from: from, count: ids.count)
        count = end
    }

    private mutating func grow(to n: Int) {
        let bigger = max(n, 2 * capacity)
        let fresh = UnsafeMutablePointer<UInt32>.allocate(capacity: bigger)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = bigger
    }

    /// Valid until the next change.
    var ids: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: base, count: count) }

    func release() { base.deallocate() }
}

/// Raw room for one document's distinct ids and their counts (`countDistinctReusing`), owned by one
/// `FeatureExtractor`, which releases it.
struct CountedRun {
    private(set) var ids = UnsafeMutablePointer<UInt32>.allocate(capacity: 1024)
    private(set) var counts = UnsafeMutablePointer<Float>.allocate(capacity: 1024)
    private var capacity = 1024

    /// Room for `n` of each (the contents need not survive).
    @inline(__always) mutating func reserve(_ n: Int) {
        guard n > capacity else { return }
        release()
        capacity = max(n, 2 * capacity)
        ids = .allocate(capacity: capacity)
        counts = .allocate(capacity: capacity)
    }

    func release() { ids.deallocate(); counts.deallocate() }
}
