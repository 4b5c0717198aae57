import GRDB

/// What a person's label says about a document: a corrected topic, phase, touchpoint or sentiment, or a note.
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
    /// The model's value for the same kind (topic, phase, sentiment label), to see the correction beside it.
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
                try l.insert(db)
                return db.lastInsertedRowID
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
                       CASE l.kind WHEN 'topic' THEN d.topic WHEN 'phase' THEN d.phase
                                   WHEN 'sentiment' THEN d.sentiment_label END AS model_value
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
