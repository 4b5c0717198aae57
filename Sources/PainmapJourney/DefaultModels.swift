import Foundation
import PainmapClassifier
import PainmapText

/// One labelled example of our corpora.
public struct CorpusExample: Sendable {
    public var text: String
    public var label: String
    public var source: String
}

/// painmap's default topic and phase models, trained from our own corpora (`corpora/topics/*.tsv`,
/// `corpora/journey/*.tsv`) on first use, then cached under `~/.cache/painmap` keyed by the corpus
/// content, so later runs load them in milliseconds.
public struct DefaultModels: Sendable {
    public let topic: NaiveBayesModel
    public let phase: NaiveBayesModel
    /// Content hashes of the corpora the models came from.
    public let topicVersion: String
    public let phaseVersion: String

    public init(topic: NaiveBayesModel, phase: NaiveBayesModel, topicVersion: String, phaseVersion: String) {
        self.topic = topic; self.phase = phase; self.topicVersion = topicVersion; self.phaseVersion = phaseVersion
    }

    /// Topic examples: one file per topic, `style<TAB>text`, the label is the file name.
    public static func topicExamples(corpora: String) throws -> [CorpusExample] {
        let dir = corpora + "/topics"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tsv") }.sorted()
        var out: [CorpusExample] = []
        for f in files {
            let label = String(f.dropLast(4))
            for row in try DataFile.rows("\(dir)/\(f)").dropFirst() {
                let text = try row.field(1, "text")
                guard !text.isEmpty else { throw DataFileError(file: row.file, line: row.line, column: row.column(of: 1), "empty text") }
                out.append(CorpusExample(text: text, label: label, source: f))
            }
        }
        return out
    }

    /// Phase examples from every journey corpus: `phase<TAB>touchpoint<TAB>text`; `touchpoints` receives
    /// each example's touchpoint label.
    public static func phaseExamples(corpora: String) throws -> [CorpusExample] {
        var ignored: [String] = []
        return try phaseExamples(corpora: corpora, touchpoints: &ignored)
    }

    public static func phaseExamples(corpora: String, touchpoints: inout [String]) throws -> [CorpusExample] {
        let dir = corpora + "/journey"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tsv") }.sorted()
        var out: [CorpusExample] = []
        for f in files {
            for row in try DataFile.rows("\(dir)/\(f)").dropFirst() {
                let phase = try row.field(0, "phase")
                guard JourneyPhase(rawValue: phase) != nil else {
                    throw DataFileError(file: row.file, line: row.line, column: 1, "unknown phase '\(phase)'")
                }
                out.append(CorpusExample(text: try row.field(2, "text"), label: phase, source: f))
                touchpoints.append(try row.field(1, "touchpoint"))
            }
        }
        return out
    }

    /// A deterministic held-out split: every example whose text hashes into the last fifth is held out.
    public static func isHeldOut(_ e: CorpusExample) -> Bool {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in e.text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h % 5 == 0
    }

    static func parametersHash(_ p: NaiveBayesParameters) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in String(describing: p).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h % (1 << 32), radix: 16)
    }

    public static func contentHash(_ examples: [CorpusExample]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for e in examples { for b in e.label.utf8 + [9] + e.text.utf8 + [10] { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return String(h, radix: 16)
    }

    /// The models, trained on all of our corpora (or loaded from the cache).
    public static func load(resources: TextResources, corpora: String? = nil, useCache: Bool = true) throws -> DefaultModels {
        let dir = try corporaDirectory(override: corpora, lexicons: resources.directory)
        let topics = try topicExamples(corpora: dir)
        let phases = try phaseExamples(corpora: dir)
        let tv = contentHash(topics), pv = contentHash(phases)
        // The cache key covers the training parameters too: new classifier defaults must not be served a
        // model trained with the old ones.
        let params = parametersHash(NaiveBayesParameters())
        let topic = try cachedModel(name: "topic-\(tv)-\(params)", useCache: useCache) { try train(topics, resources: resources) }
        let phase = try cachedModel(name: "phase-\(pv)-\(params)", useCache: useCache) { try train(phases, resources: resources) }
        return DefaultModels(topic: topic, phase: phase, topicVersion: "\(tv)-\(params)", phaseVersion: "\(pv)-\(params)")
    }

    public static func train(_ examples: [CorpusExample], resources: TextResources) throws -> NaiveBayesModel {
        try NaiveBayesModel.train(texts: examples.map(\.text), labels: examples.map(\.label),
                                  parameters: NaiveBayesParameters(), resources: resources)
    }

    static func cachedModel(name: String, useCache: Bool, train: () throws -> NaiveBayesModel) throws -> NaiveBayesModel {
        let env = ProcessInfo.processInfo.environment
        let base = env["PAINMAP_CACHE"] ?? env["XDG_CACHE_HOME"].map { $0 + "/painmap" } ?? (NSHomeDirectory() + "/.cache/painmap")
        let path = "\(base)/\(name).pmnb"
        if useCache, FileManager.default.fileExists(atPath: path), let m = try? ModelFile.load(path) { return m }
        let model = try train()
        if useCache {
            // A cache we cannot write (read-only home, full disk) only costs the next run a retraining.
            try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            try? ModelFile.save(model, to: path + ".tmp")
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        }
        return model
    }

    /// `corpora/` beside the lexicons folder, or `$PAINMAP_CORPORA`.
    public static func corporaDirectory(override: String?, lexicons: String) throws -> String {
        let candidate = override ?? ProcessInfo.processInfo.environment["PAINMAP_CORPORA"]
            ?? URL(fileURLWithPath: lexicons).deletingLastPathComponent().appendingPathComponent("corpora").path
        guard FileManager.default.fileExists(atPath: candidate + "/topics") else {
            throw DataFileError(file: candidate, line: 0, "not a painmap corpora folder (no topics/); set PAINMAP_CORPORA")
        }
        return candidate
    }
}
