import GRDB
import PainmapJourney

/// A row of `imports`.
public struct ImportRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "imports"
    public var id: Int64?
    public var file: String
    public var format: String
    public var profile: String
    public var source: String
    public var mapping: String
    public var options: String
    public var analysisId: Int64?
    public var pid: Int?
    public var startedAt: String
    public var finishedAt: String?
    public var status: String
    public var rowsRead: Int
    public var rowsStored: Int
    public var rowsDuplicate: Int
    public var rowsRejected: Int
    public var rowsUndated: Int

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `rejects`: an input row that was not stored, and why.
public struct RejectRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rejects"
    public var id: Int64?
    public var importId: Int64
    public var file: String
    public var line: Int
    public var column: Int?
    public var reason: String
    public var excerpt: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var description: String { "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(reason)" }
}

/// A row of `analyses`: the data versions that produced an analysis.
public struct AnalysisRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "analyses"
    public var id: Int64?
    public var lexicon: String
    public var topicModel: String
    public var phaseModel: String
    public var journey: String
    public var firstUsedAt: String

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var versions: AnalysisVersions {
        AnalysisVersions(lexicon: lexicon, topicModel: topicModel, phaseModel: phaseModel, journey: journey)
    }

    /// The id of the `analyses` row for `versions`, inserting it when new.
    public static func id(for v: AnalysisVersions, in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO analyses (lexicon, topic_model, phase_model, journey, first_used_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, arguments: [v.lexicon, v.topicModel, v.phaseModel, v.journey, Clock.nowISO()])
        return try Int64.fetchOne(db, sql: """
            SELECT id FROM analyses WHERE lexicon = ? AND topic_model = ? AND phase_model = ? AND journey = ?
            """, arguments: [v.lexicon, v.topicModel, v.phaseModel, v.journey])!
    }
}

/// A row of `labels`: a person's correction or note on a document.
public struct LabelRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "labels"
    public var id: Int64?
    public var documentId: Int64
    public var kind: String
    public var value: String
    public var spanStart: Int?
    public var spanEnd: Int?
    public var author: String?
    public var createdAt: String
    /// For a topic, phase or sentiment label: the model's value it corrected (set when it is stored).
    public var modelValue: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public init(documentId: Int64, kind: String, value: String, spanStart: Int? = nil, spanEnd: Int? = nil, author: String? = nil) {
        self.documentId = documentId; self.kind = kind; self.value = value; self.spanStart = spanStart; self.spanEnd = spanEnd
        self.author = author; self.createdAt = Clock.nowISO()
    }
}

/// A document ready to be written: the input's fields after mapping, and its analysis.
public struct DocumentInput: Sendable {
    public var line: Int
    public var externalID: String?
    /// Seconds since the epoch (UTC), nil when undated.
    public var createdAt: Int64?
    public var channel: String?
    public var rating: Double?
    public var text: String
    public var contentHash: String
    /// JSON object of the input's other fields, or nil.
    public var extra: String?

    public init(line: Int, externalID: String?, createdAt: Int64?, channel: String?, rating: Double?, text: String,
                contentHash: String, extra: String?) {
        self.line = line; self.externalID = externalID; self.createdAt = createdAt; self.channel = channel
        self.rating = rating; self.text = text; self.contentHash = contentHash; self.extra = extra
    }
}

/// Rewrites a stored document's analysis with cached prepared statements, one row at a time (reanalyze).
/// Ingest writes whole batches through `BatchWriter`, which keeps the same column lists.
enum DocumentWriter {
    /// Replaces a stored document's analysis (after a lexicon or model change).
    /// `origin`: the document's id in `origins` (its touchpoints and pain points carry it).
    static func replaceAnalysis(documentID: Int64, day: Int?, origin: Int64, analysis a: FeedbackAnalysis, analysisID: Int64,
                                db: Database) throws {
        let (severity, churn) = summary(a)
        let update = try db.cachedStatement(sql: """
            UPDATE documents SET language = ?, normalized_text = ?, sentiment = ?, sentiment_label = ?, topic = ?,
              topic_confidence = ?, phase = ?, phase_confidence = ?, pain_count = ?, severity = ?, churn_risk = ?, analysis_id = ?
            WHERE id = ?
            """)
        update.setUncheckedArguments([a.language, a.normalizedText, a.sentiment.compound, a.sentiment.label.rawValue, a.topic.label,
                                      a.topic.confidence, a.phase.label, a.phase.confidence, a.painPoints.count, severity, churn,
                                      analysisID, documentID])
        try update.execute()
        try db.cachedStatement(sql: "DELETE FROM document_touchpoints WHERE document_id = ?").execute(arguments: [documentID])
        try db.cachedStatement(sql: "DELETE FROM pain_points WHERE document_id = ?").execute(arguments: [documentID])
        try insertParts(documentID: documentID, day: day, origin: origin, analysis: a, db: db)
    }

    static func summary(_ a: FeedbackAnalysis) -> (Double, Bool) {
        (a.painPoints.map(\.severity).max() ?? 0, a.painPoints.contains { $0.churnRisk })
    }

    /// One row per touchpoint: the best-scoring match wins; in the order they were first matched.
    static func bestTouchpoints(_ a: FeedbackAnalysis) -> [TouchpointMatch] {
        if a.touchpoints.count < 2 { return a.touchpoints }
        var best: [String: TouchpointMatch] = [:]
        var order: [String] = []
        for t in a.touchpoints {
            if let b = best[t.id] { if t.score > b.score { best[t.id] = t } } else { best[t.id] = t; order.append(t.id) }
        }
        return order.map { best[$0]! }
    }

    static func insertParts(documentID: Int64, day: Int?, origin: Int64, analysis a: FeedbackAnalysis, db: Database) throws {
        let (severity, churn) = summary(a)
        if !a.touchpoints.isEmpty {
            let tp = try db.cachedStatement(sql: """
                INSERT INTO document_touchpoints (document_id, touchpoint, score, evidence, span_start, span_end, day, phase, topic, sentiment,
                  severity, churn_risk, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for t in bestTouchpoints(a) {
                tp.setUncheckedArguments([documentID, t.id, t.score, t.evidence, t.span.start, t.span.end, day, a.phase.label,
                                          a.topic.label, a.sentiment.compound, severity, churn, origin])
                try tp.execute()
            }
        }
        if !a.painPoints.isEmpty {
            let pp = try db.cachedStatement(sql: """
                INSERT INTO pain_points (document_id, ordinal, span_start, span_end, text, phrase, phrase_surface, touchpoint,
                  phase, topic, severity, churn_risk, sentiment, day, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (k, p) in a.painPoints.enumerated() {
                pp.setUncheckedArguments([documentID, k, p.span.start, p.span.end, p.text, p.phrase, p.phraseSurface, p.touchpoint,
                                          p.phase, p.topic, p.severity, p.churnRisk, p.sentiment, day, origin])
                try pp.execute()
            }
        }
    }
}

/// A 64-bit FNV-1a hash, written as 16 hex digits: identifies a document's content for deduplication.
enum ContentHash {
    static func of(source: String, createdAt: Int64?, text: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        @inline(__always) func mix(_ b: UInt8) { h ^= UInt64(b); h = h &* 0x100000001b3 }
        for b in source.utf8 { mix(b) }
        mix(0x1F)
        if let c = createdAt { var v = UInt64(bitPattern: c); for _ in 0..<8 { mix(UInt8(v & 0xFF)); v >>= 8 } }
        mix(0x1F)
        var t = text
        t.withUTF8 { p in for b in p { mix(b) } }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
