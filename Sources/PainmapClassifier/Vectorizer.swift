import Foundation
import PainmapText

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
    public let ngrams: NGramOptions
    public let workers: Int
    let extractors: PerWorker<FeatureExtractor>

    public init(resources: TextResources, analyzerOptions: AnalyzerOptions = AnalyzerOptions(),
                ngrams: NGramOptions, features: FeatureSpace = FeatureSpace(),
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.features = features
        self.ngrams = ngrams
        self.workers = max(1, workers)
        extractors = try PerWorker(workers: self.workers) {
            FeatureExtractor(analyzer: try Analyzer(resources: resources, options: analyzerOptions), ngrams: ngrams)
        }
    }

    /// Vectors of `texts`, in order. With `growing`, n-grams not yet in `features` are added (training);
    /// without, they are dropped (prediction).
    public func vectorize(_ texts: [String], growing: Bool) -> [SparseVector] {
        let pool = ParallelBatches(workers: workers, batchSize: max(texts.count, 1))
        let extractors = self.extractors, features = self.features
        if !growing {
            return pool.map(texts) { w, text in extractors[w].knownVector(text, features: features) }
        }
        let raw = pool.map(texts) { w, text in (w, extractors[w].rawIDs(text)) }
        for (w, ids) in raw { extractors[w].addNew(ids, to: features) }
        return pool.map(raw) { w, item in extractors[item.0].mapped(item.1) }
    }

    /// One text on the calling thread with worker 0's state: for tests and single documents.
    public func vector(_ text: String, growing: Bool = false) -> SparseVector {
        let e = extractors[0]
        if !growing { return e.knownVector(text, features: features) }
        let ids = e.rawIDs(text)
        e.addNew(ids, to: features)
        return e.mapped(ids)
    }

    /// Worker `w`'s extractor, for callers that run their own `ParallelBatches` (the CLI's predict).
    public func knownVector(_ text: String, worker w: Int) -> SparseVector {
        extractors[w].knownVector(text, features: features)
    }
}

/// One worker's analyzer and its analyzer-id -> model-id table.
final class FeatureExtractor {
    let analyzer: Analyzer
    let ngrams: NGramOptions
    /// Analyzer n-gram id -> model feature id + 1; 0 = not looked up yet; `unknown` = not a model feature.
    private var map: [UInt32] = []
    private static let unknown = UInt32.max
    private var scratch: [UInt32] = []

    init(analyzer: Analyzer, ngrams: NGramOptions) {
        self.analyzer = analyzer
        self.ngrams = ngrams
    }

    /// The analyzer's n-gram ids of `text`, repeats included.
    func rawIDs(_ text: String) -> [UInt32] {
        if text.isEmpty { return [] }
        let doc = analyzer.analyze(text)
        var out: [UInt32] = []
        out.reserveCapacity(doc.tokens.count * (ngrams.range.upperBound - ngrams.range.lowerBound + 1))
        analyzer.ngrams(analyzer.featureStems(doc, removeStopwords: ngrams.removeStopwords), range: ngrams.range, into: &out)
        return out
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

    /// Counts `ids` as model features; every id must have been added with `addNew`.
    func mapped(_ ids: [UInt32]) -> SparseVector {
        scratch.removeAll(keepingCapacity: true)
        for id in ids { scratch.append(map[Int(id)] - 1) }
        return SparseVector(counting: scratch)
    }

    /// The vector of `text` over the features the model knows; other n-grams are dropped.
    func knownVector(_ text: String, features: FeatureSpace) -> SparseVector {
        let ids = rawIDs(text)
        scratch.removeAll(keepingCapacity: true)
        for id in ids {
            grow(to: id)
            var m = map[Int(id)]
            if m == 0 {
                m = analyzer.vocabulary.withBytes(id) { features.id(of: $0) }.map { $0 + 1 } ?? FeatureExtractor.unknown
                map[Int(id)] = m
            }
            if m != FeatureExtractor.unknown { scratch.append(m - 1) }
        }
        return SparseVector(counting: scratch)
    }
}
