import Dispatch
import GRDB
import PainmapJourney
import PainmapText

public struct ReanalyzeSummary: Sendable {
    /// Documents analysed by other lexicon or model versions before the run (all documents with `all`).
    public var outdated: Int
    public var updated: Int
    public var seconds: Double
}

/// Brings stored documents up to date after a lexicon or model change: re-runs the analysis of every
/// document whose versions differ from the current ones and replaces its sentiment, topic, phase,
/// touchpoints and pain points. One transaction per batch; an interrupted run resumes where it stopped,
/// because updated documents carry the current versions.
public final class Reanalyzer: @unchecked Sendable {
    public let store: PainmapStore
    public let versions: AnalysisVersions
    public let workers: Int
    let analyze: AnalyzeFunction
    public var onProgress: ((_ done: Int, _ total: Int, _ elapsed: Double) -> Void)?

    public init(store: PainmapStore, versions: AnalysisVersions, workers: Int, analyze: @escaping AnalyzeFunction) {
        self.store = store; self.versions = versions; self.workers = max(1, workers); self.analyze = analyze
    }

    /// How many documents the current versions did not analyse.
    public func outdatedCount() throws -> Int {
        let v = versions
        return try store.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM documents WHERE analysis_id NOT IN
                  (SELECT id FROM analyses WHERE lexicon = ? AND topic_model = ? AND phase_model = ? AND journey = ?)
                """, arguments: [v.lexicon, v.topicModel, v.phaseModel, v.journey]) ?? 0
        }
    }

    public func run(all: Bool = false, batchSize: Int = 2048) throws -> ReanalyzeSummary {
        let started = DispatchTime.now()
        let v = versions
        let current = try store.writer.write { db in try AnalysisRecord.id(for: v, in: db) }
        let total = all ? try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0 } : try outdatedCount()
        let parallel = ParallelBatches(workers: workers)
        let analyze = self.analyze
        var updated = 0
        var lastID: Int64 = 0
        while true {
            let rows: [(id: Int64, text: String, day: Int?, source: String, channel: String?)] = try store.read { db in
                let sql = all
                    ? "SELECT id, text, day, source, channel FROM documents WHERE id > ? ORDER BY id LIMIT ?"
                    : "SELECT id, text, day, source, channel FROM documents WHERE id > ? AND analysis_id != ? ORDER BY id LIMIT ?"
                let args: StatementArguments = all ? [lastID, batchSize] : [lastID, current, batchSize]
                return try Row.fetchAll(db, sql: sql, arguments: args).map { ($0["id"], $0["text"], $0["day"], $0["source"], $0["channel"]) }
            }
            guard let last = rows.last else { break }
            lastID = last.id
            let analysed = parallel.map(rows) { w, r in (r, analyze(w, r.text)) }
            try store.writer.write { db in
                let corrected = try LabelCorrection.any(db)
                var origins = Origins.Cache()
                for (r, a) in analysed {
                    let (id, day) = (r.id, r.day)
                    let origin = try origins.id(source: r.source, channel: r.channel, in: db)
                    try DocumentWriter.replaceAnalysis(documentID: id, day: day, origin: origin, analysis: a, analysisID: current, db: db)
                    // People's corrections outlive a new analysis.
                    if corrected { try LabelCorrection.reapply(documentID: id, db: db) }
                }
            }
            updated += analysed.count
            onProgress?(updated, total, Ingester.seconds(since: started))
        }
        store.checkpoint()
        return ReanalyzeSummary(outdated: total, updated: updated, seconds: Ingester.seconds(since: started))
    }
}
