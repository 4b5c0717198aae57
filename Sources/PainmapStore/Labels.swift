import GRDB

/// What a person's label says about a document: a corrected topic, phase or sentiment, a touchpoint it is
/// about, or a note. All but notes correct the stored analysis (see `LabelCorrection`); notes are kept for people.
public enum LabelKind: String, CaseIterable, Sendable {
    case topic, phase, touchpoint, sentiment, note
}

/// A stored label with the document it is on, for `painmap label list`.
public struct LabelListing: Sendable, Equatable {
    public var id: Int64
    public var documentID: Int64
    public var kind: String
    public var value: String
    public var author: String?
    public var createdAt: String
    /// The model's value the label corrected (topic, phase, sentiment label), to see the correction beside it.
    public var modelValue: String?
    public var text: String
}

/// A document's text with its latest label of one kind: training data for `painmap train`.
public struct LabelledText: Sendable, Equatable {
    public var documentID: Int64
    public var source: String
    public var externalID: String?
    public var text: String
    public var label: String
}

extension PainmapStore {
    /// The journey phases a phase label may take.
    public static let phases = ["awareness", "consideration", "purchase", "usage", "retention", "advocacy"]
    /// The sentiment labels a sentiment label may take.
    public static let sentimentLabels = ["negative", "neutral", "positive"]

    /// The stored id of the document `reference` names: its id as `search` and `top` show it, or, with
    /// `source`, its id in that source system (the input's id column).
    public func documentID(_ reference: String, source: String? = nil) throws -> Int64 {
        try read { db in
            if let source {
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM documents WHERE source = ? AND external_id = ?",
                                             arguments: [source, reference])
                guard let id = ids.first else { throw StoreError("no document with id '\(reference)' in source '\(source)'") }
                return id
            }
            guard let id = Int64(reference), id > 0 else {
                throw StoreError("'\(reference)' is not a document id (a number, as `painmap search` shows it); give the source's own id with --source NAME")
            }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)", arguments: [id]) == true else {
                throw StoreError("no document with id \(id)")
            }
            return id
        }
    }

    /// Whether any stored document has touchpoint `id` (a touchpoint label with a new id is allowed, but is
    /// more often a typo).
    public func hasTouchpoint(_ id: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM document_touchpoints WHERE touchpoint = ?)", arguments: [id]) ?? false
        }
    }

    /// Stores `labels` in one transaction, after checking each value: a phase must be a journey phase and a
    /// sentiment one of negative, neutral, positive; no value may be empty. Returns the new label ids.
    @discardableResult
    public func addLabels(_ labels: [LabelRecord]) throws -> [Int64] {
        for l in labels {
            guard let kind = LabelKind(rawValue: l.kind) else {
                throw StoreError("unknown label kind '\(l.kind)' (one of \(LabelKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if l.value.trimmingWhitespace.isEmpty { throw StoreError("an empty \(kind.rawValue) label") }
            if kind == .phase, !Self.phases.contains(l.value) {
                throw StoreError("phase '\(l.value)' is not a journey phase (one of \(Self.phases.joined(separator: ", ")))")
            }
            if kind == .sentiment, !Self.sentimentLabels.contains(l.value) {
                throw StoreError("sentiment '\(l.value)' is not one of \(Self.sentimentLabels.joined(separator: ", "))")
            }
        }
        return try writer.write { db in
            try labels.map { l in
                var l = l
                l.modelValue = try LabelCorrection.modelValue(of: l, db: db)
                try l.insert(db)
                let id = db.lastInsertedRowID
                try LabelCorrection.apply(l, db: db)
                return id
            }
        }
    }

    /// Labels, newest first, optionally of one document and one kind.
    public func labels(document: Int64? = nil, kind: LabelKind? = nil, limit: Int = 1000) throws -> [LabelListing] {
        try read { db in
            var conditions: [String] = [], arguments: StatementArguments = []
            if let document { conditions.append("l.document_id = ?"); arguments += [document] }
            if let kind { conditions.append("l.kind = ?"); arguments += [kind.rawValue] }
            arguments += [limit]
            let rows = try Row.fetchAll(db, sql: """
                SELECT l.id, l.document_id, l.kind, l.value, l.author, l.created_at, d.text,
                       l.model_value
                FROM labels l JOIN documents d ON d.id = l.document_id
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY l.id DESC LIMIT ?
                """, arguments: arguments)
            return rows.map {
                LabelListing(id: $0["id"], documentID: $0["document_id"], kind: $0["kind"], value: $0["value"], author: $0["author"],
                             createdAt: $0["created_at"], modelValue: $0["model_value"], text: $0["text"])
            }
        }
    }

    /// Every labelled document's text with its latest label of `kind` (a later label replaces an earlier
    /// one), in document order.
    public func labelledTexts(kind: LabelKind) throws -> [LabelledText] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.source, d.external_id, d.text, l.value
                FROM labels l JOIN documents d ON d.id = l.document_id
                WHERE l.kind = ? AND l.id = (SELECT max(id) FROM labels WHERE document_id = l.document_id AND kind = l.kind)
                ORDER BY d.id
                """, arguments: [kind.rawValue]).map {
                LabelledText(documentID: $0[0], source: $0[1], externalID: $0[2], text: $0[3], label: $0[4])
            }
        }
    }
}

/// A topic, phase or sentiment label corrects what the queries count: the document's stored value, and the
/// copies its touchpoints and pain points carry, become the label's (confidence 1), so `top`, `trends`,
/// `journey` and `report` show the corrected figures. A touchpoint label adds: the document is about that
/// touchpoint too (a touchpoint row with the evidence `(label)`, unless the analysis found it already), and
/// its pain points that name no touchpoint get it. Removing a touchpoint the analysis found is not a label.
/// The triggers on those tables keep the rollups right.
/// The model's value stays in the label, and `painmap reanalyze` applies each document's latest labels again
/// after it replaces the analysis, so a correction outlives a new model.
enum LabelCorrection {
    /// The kinds that correct the analysis (notes correct nothing).
    static let kinds = LabelKind.allCases.filter { columns($0.rawValue) != nil || $0 == .touchpoint }
    /// `kinds` as an SQL list of literals, for `kind IN (...)`.
    static let kindList = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// The stored columns a label of `kind` corrects, or nil.
    static func columns(_ kind: String) -> (documents: String, confidence: String?, parts: Bool)? {
        switch LabelKind(rawValue: kind) {
        case .topic: ("topic", "topic_confidence", true)
        case .phase: ("phase", "phase_confidence", true)
        case .sentiment: ("sentiment_label", nil, false)
        default: nil
        }
    }

    /// What the model said: the first correcting label's record of it, else the document's stored value
    /// (for a touchpoint label, the touchpoints the analysis found, best first, or "none").
    static func modelValue(of label: LabelRecord, db: Database) throws -> String? {
        if label.kind == LabelKind.touchpoint.rawValue {
            let found = try String.fetchAll(db, sql: """
                SELECT touchpoint FROM document_touchpoints WHERE document_id = ? AND evidence != ? ORDER BY score DESC, touchpoint
                """, arguments: [label.documentId, labelEvidence])
            return found.isEmpty ? "none" : found.joined(separator: ", ")
        }
        guard let c = columns(label.kind) else { return nil }
        if let earlier = try String.fetchOne(db, sql: """
            SELECT model_value FROM labels WHERE document_id = ? AND kind = ? AND model_value IS NOT NULL ORDER BY id LIMIT 1
            """, arguments: [label.documentId, label.kind]) {
            return earlier
        }
        // The column name comes from `columns`, never from input.
        return try String.fetchOne(db, sql: "SELECT \(c.documents) FROM documents WHERE id = ?", arguments: [label.documentId])
    }

    /// The evidence of a touchpoint row a label added (an analysis's evidence is the words that matched).
    static let labelEvidence = "(label)"

    /// Writes the label's value over the document's analysis.
    static func apply(_ label: LabelRecord, db: Database) throws {
        if label.kind == LabelKind.touchpoint.rawValue { return try addTouchpoint(label, db: db) }
        guard let c = columns(label.kind) else { return }
        let confidence = c.confidence.map { ", \($0) = 1" } ?? ""
        try db.execute(sql: "UPDATE documents SET \(c.documents) = ?\(confidence) WHERE id = ?", arguments: [label.value, label.documentId])
        if c.parts {
            try db.execute(sql: "UPDATE document_touchpoints SET \(c.documents) = ? WHERE document_id = ?", arguments: [label.value, label.documentId])
            try db.execute(sql: "UPDATE pain_points SET \(c.documents) = ? WHERE document_id = ?", arguments: [label.value, label.documentId])
        }
    }

    /// A touchpoint label: the touchpoint row (the document's copies, score 1) unless there is one, and the
    /// touchpoint on the pain points that have none.
    static func addTouchpoint(_ label: LabelRecord, db: Database) throws {
        let origin = try origin(of: label.documentId, db: db)
        try db.execute(sql: """
            INSERT INTO document_touchpoints (document_id, touchpoint, score, evidence, span_start, span_end, day, phase, topic,
                                              sentiment, severity, churn_risk, origin)
            SELECT id, ?, 1, ?, 0, 0, day, phase, topic, sentiment, severity, churn_risk, ? FROM documents WHERE id = ?
            ON CONFLICT (document_id, touchpoint) DO NOTHING
            """, arguments: [label.value, labelEvidence, origin, label.documentId])
        try db.execute(sql: "UPDATE pain_points SET touchpoint = ? WHERE document_id = ? AND touchpoint IS NULL",
                       arguments: [label.value, label.documentId])
    }

    /// The document's id in `origins`, for the touchpoint row a label adds (nil for a document that is not there,
    /// which then adds no row).
    static func origin(of documentID: Int64, db: Database) throws -> Int64? {
        guard let r = try Row.fetchOne(db, sql: "SELECT source, channel FROM documents WHERE id = ?", arguments: [documentID]) else {
            return nil
        }
        return try Origins.id(source: r["source"], channel: r["channel"], in: db)
    }

    /// After a new analysis of `documentID`: its latest label of each correcting kind, and every touchpoint
    /// label (they add, so none replaces another), again in the order they were given.
    static func reapply(documentID: Int64, db: Database) throws {
        let latest = try LabelRecord.fetchAll(db, sql: """
            SELECT * FROM labels l WHERE document_id = ? AND kind IN (\(kindList))
              AND (kind = 'touchpoint' OR id = (SELECT max(id) FROM labels WHERE document_id = l.document_id AND kind = l.kind))
            ORDER BY id
            """, arguments: [documentID])
        for l in latest { try apply(l, db: db) }
    }

    /// Whether any label corrects anything (reanalyze skips the per-document look-up when none does).
    static func any(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM labels WHERE kind IN (\(kindList)))") ?? false
    }
}
