import Foundation
import PainmapClassifier
import PainmapSentiment
import PainmapText

/// What kind of pain a cue signals (lexicons/en/pain_cues.tsv).
public enum PainKind: String, Sendable, CaseIterable {
    case waiting, repetition, escalation, churn, failure
}

/// The read-only data every `FeedbackAnalyzer` shares, loaded once per process.
public struct JourneyResources: Sendable {
    public let text: TextResources
    public let lexicon: SentimentLexicon
    public let taxonomy: JourneyTaxonomy
    public let models: DefaultModels
    /// (cue, kind, severity weight)
    public let painCues: [(cue: String, kind: PainKind, weight: Double)]
    /// (cue, problem concept)
    public let problems: [(cue: String, concept: String)]
    /// A topic's usual phase (topics not listed: usage).
    public let topicPhases: [String: JourneyPhase]
    /// Document frequency of stems over our topic corpus, and its size: how specific a word is when a
    /// pain point's key phrase needs a subject and no touchpoint cue names one.
    public let stemDocumentFrequency: [String: Int]
    public let corpusSize: Int
    public let versions: AnalysisVersions
    /// The sentiment scorer's tables, built by the first `FeedbackAnalyzer` and shared by the others (each
    /// worker built its own before: ~24.5M instructions a worker, callgrind).
    public let sentimentTables = SentimentTables.Shared()

    /// `models` replaces the default models (evaluation trains them on part of the corpora only).
    public static func load(lexicons: String? = nil, journey: String = "generic", corpora: String? = nil,
                            useModelCache: Bool = true, models: DefaultModels? = nil) throws -> JourneyResources {
        let text = try TextResources.load(lexicons: lexicons)
        let lexicon = try SentimentLexicon.load(lexicons: lexicons)
        let taxonomy = try JourneyTaxonomy.load(journey, lexicons: lexicons)
        let models = try models ?? DefaultModels.load(resources: text, corpora: corpora, useCache: useModelCache)
        let en = text.directory + "/en"
        var painCues: [(String, PainKind, Double)] = []
        for row in try DataFile.rows(en + "/pain_cues.tsv") {
            let kindName = try row.field(1, "kind")
            guard let kind = PainKind(rawValue: kindName) else {
                throw DataFileError(file: row.file, line: row.line, column: row.column(of: 1),
                                    "unknown kind '\(kindName)' (kinds: \(PainKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            painCues.append((try row.field(0, "cue"), kind, try row.double(2, "weight", in: 0...1)))
        }
        let problems = try DataFile.rows(en + "/problems.tsv").map { (try $0.field(0, "cue"), try $0.field(1, "concept")) }
        var topicPhases: [String: JourneyPhase] = [:]
        for row in try DataFile.rows(text.directory + "/journeys/topic_phases.tsv").dropFirst() {
            let p = try row.field(1, "phase")
            guard let phase = JourneyPhase(rawValue: p) else {
                throw DataFileError(file: row.file, line: row.line, column: row.column(of: 1), "unknown phase '\(p)'")
            }
            topicPhases[try row.field(0, "topic")] = phase
        }
        // Document frequencies of stems in the topic corpus.
        let corpus = try DefaultModels.topicExamples(corpora: DefaultModels.corporaDirectory(override: corpora, lexicons: text.directory))
        let analyzer = try Analyzer(resources: text)
        var df: [String: Int] = [:]
        for e in corpus {
            let doc = analyzer.analyze(e.text)
            var seen = Set<UInt32>()
            for t in doc.tokens where t.kind == .word && seen.insert(t.stem).inserted { df[analyzer.vocabulary.string(t.stem), default: 0] += 1 }
        }
        let versions = AnalysisVersions(lexicon: lexiconVersion(en), topicModel: models.topicVersion,
                                        phaseModel: models.phaseVersion, journey: "\(taxonomy.id)@\(taxonomy.contentHash)")
        return JourneyResources(text: text, lexicon: lexicon, taxonomy: taxonomy, models: models, painCues: painCues,
                                problems: problems, topicPhases: topicPhases, stemDocumentFrequency: df,
                                corpusSize: corpus.count, versions: versions)
    }

    /// Content hash of the English lexicon files.
    static func lexiconVersion(_ dir: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for f in ["sentiment.tsv", "phrases.tsv", "modifiers.tsv", "negations.txt", "contrastive.tsv", "irrealis.txt", "mild.txt", "pain_cues.tsv", "problems.tsv"] {
            for b in FileManager.default.contents(atPath: "\(dir)/\(f)") ?? Data() { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        return String(h, radix: 16)
    }
}
