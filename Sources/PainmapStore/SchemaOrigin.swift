import GRDB

extension Schema {
    /// Touchpoint and pain point rows carry their document's source and channel, as the id of the pair in
    /// `origins` (see `Origins`). A --source or --channel filter on them was `document_id IN (SELECT id FROM
    /// documents WHERE ...)`: over all time hundreds of thousands of ids, made once per statement and probed
    /// once per fact row, and the planner would sometimes walk that list and read each document's fact rows
    /// instead. Now it is `origin IN (SELECT id FROM origins WHERE ...)`: a handful of ids, tested on the
    /// index entry, since the four covering indexes on the fact tables carry `origin` (appended, so every
    /// query that used their leading columns still can).
    ///
    /// Why a small integer and not copies of the two texts: one byte in the row and in each index entry
    /// instead of about fourteen (e.g. "zendesk", "email"), and an integer compare per row. Measured figures
    /// are in docs/store.md.
    ///
    /// The copies are filled here for an existing file, written by every writer of fact rows (ingest's
    /// `BatchWriter`, reanalyze's `DocumentWriter`, a touchpoint label), and kept right by triggers when a
    /// document's source or channel is changed by hand (painmap never changes them) and when a fact row is
    /// inserted without one by any writer but ingest (by hand, say).
    static func v10FactOrigin(_ db: Database) throws {
        let u = undatedDay
        try db.execute(sql: """
            -- The (source, channel) pairs documents come from, numbered: document_touchpoints.origin and pain_points.origin
            -- hold their document's pair, so that --source and --channel filter those rows without reading documents.
            CREATE TABLE origins (
              id INTEGER PRIMARY KEY,
              source TEXT NOT NULL,
              channel TEXT,                      -- NULL: documents without a channel (one row: writers look it up with IS)
              UNIQUE (source, channel)
            );
            INSERT INTO origins (source, channel)
              SELECT DISTINCT source, channel FROM documents INDEXED BY documents_by_source ORDER BY 1, 2;

            -- origins.id of the document's source and channel: a copy of the document's, like day and phase.
            ALTER TABLE document_touchpoints ADD COLUMN origin INTEGER;
            ALTER TABLE pain_points ADD COLUMN origin INTEGER;

            -- Each document's origin, from the covering index on source and channel (not the documents table,
            -- which is mostly text), then one look-up per fact row.
            CREATE TEMP TABLE document_origin (id INTEGER PRIMARY KEY, origin INTEGER NOT NULL);
            INSERT INTO temp.document_origin
              SELECT d.id, o.id FROM origins o JOIN documents d INDEXED BY documents_by_source
                ON d.source = o.source AND d.channel IS o.channel
              ORDER BY d.id;
            UPDATE document_touchpoints
              SET origin = (SELECT x.origin FROM temp.document_origin x WHERE x.id = document_touchpoints.document_id);
            UPDATE pain_points
              SET origin = (SELECT x.origin FROM temp.document_origin x WHERE x.id = pain_points.document_id);
            DROP TABLE temp.document_origin;

            DROP INDEX pain_points_by_phrase;
            CREATE INDEX pain_points_by_phrase ON pain_points(phrase, day, severity, sentiment, churn_risk, document_id, origin);
            DROP INDEX pain_points_by_cell;
            CREATE INDEX pain_points_by_cell ON pain_points(phase, touchpoint, phrase, day, severity, phrase_surface, document_id, origin);
            DROP INDEX document_touchpoints_by_touchpoint;
            CREATE INDEX document_touchpoints_by_touchpoint ON document_touchpoints(touchpoint, day, sentiment, severity, churn_risk, origin);
            DROP INDEX document_touchpoints_by_phase;
            CREATE INDEX document_touchpoints_by_phase ON document_touchpoints(phase, touchpoint, day, sentiment, origin);

            -- A document's source or channel changed (only ever by hand: painmap never changes them): its
            -- touchpoints' and pain points' origin follows.
            CREATE TRIGGER documents_origin_update AFTER UPDATE OF source, channel ON documents BEGIN
              INSERT INTO origins (source, channel) SELECT new.source, new.channel
                WHERE NOT EXISTS (SELECT 1 FROM origins WHERE source = new.source AND channel IS new.channel);
              UPDATE document_touchpoints
                SET origin = (SELECT id FROM origins WHERE source = new.source AND channel IS new.channel ORDER BY id LIMIT 1)
                WHERE document_id = new.id;
              UPDATE pain_points
                SET origin = (SELECT id FROM origins WHERE source = new.source AND channel IS new.channel ORDER BY id LIMIT 1)
                WHERE document_id = new.id;
            END;

            -- A touchpoint or pain point row inserted without its origin (by hand, say) gets its
            -- document's. In the insert triggers that already run for every writer but ingest (which always gives
            -- the origin): a trigger of its own cost every ingested row a trigger call, 9% more writer CPU.
            DROP TRIGGER journey_touchpoint_insert;
            CREATE TRIGGER journey_touchpoint_insert AFTER INSERT ON document_touchpoints
              WHEN NOT (SELECT active FROM bulk_load) BEGIN
              INSERT INTO journey_daily VALUES (coalesce(new.day, \(u)), new.phase, new.touchpoint, 1, new.sentiment)
                ON CONFLICT DO UPDATE SET documents = documents + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum;
              \(addOriginOfDocument)
              UPDATE document_touchpoints SET origin = (\(originOfDocument("new.document_id")))
                WHERE new.origin IS NULL AND document_id = new.document_id AND touchpoint = new.touchpoint;
            END;
            DROP TRIGGER pain_daily_insert;
            CREATE TRIGGER pain_daily_insert AFTER INSERT ON pain_points WHEN NOT (SELECT active FROM bulk_load) BEGIN
              INSERT INTO pain_daily VALUES (new.phrase, coalesce(new.day, \(u)), 1, new.sentiment, new.severity, new.churn_risk)
                ON CONFLICT DO UPDATE SET mentions = mentions + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum,
                  severity_sum = severity_sum + excluded.severity_sum, churn = churn + excluded.churn;
              \(addOriginOfDocument)
              UPDATE pain_points SET origin = (\(originOfDocument("new.document_id"))) WHERE new.origin IS NULL AND id = new.id;
            END;
            """)
    }

    /// For a trigger on a fact row without an origin: adds its document's (source, channel) to `origins`
    /// when it is not there.
    static let addOriginOfDocument = """
        INSERT INTO origins (source, channel) SELECT d.source, d.channel FROM documents d
          WHERE new.origin IS NULL AND d.id = new.document_id
            AND NOT EXISTS (SELECT 1 FROM origins o WHERE o.source = d.source AND o.channel IS d.channel);
        """

    /// SQL for the origin id of the document whose id is the expression `documentID` (a placeholder or a
    /// trigger's `new.document_id`; never input).
    static func originOfDocument(_ documentID: String) -> String {
        """
        SELECT o.id FROM documents d JOIN origins o ON o.source = d.source AND o.channel IS d.channel \
        WHERE d.id = \(documentID) ORDER BY o.id LIMIT 1
        """
    }
}
