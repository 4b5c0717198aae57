import GRDB

/// The store's schema, as named, append-only migrations. Never edit a migration that has shipped: add a new
/// one. The SQL carries comments on purpose: `sqlite3 painmap.sqlite .schema` shows them to whoever opens
/// the file.
public enum Schema {
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-core", migrate: v1Core)
        m.registerMigration("v1-search", migrate: v1Search)
        m.registerMigration("v1-views", migrate: v1Views)
        m.registerMigration("v2-journey-rollups", migrate: v2JourneyRollups)
        m.registerMigration("v3-bulk-load", migrate: v3BulkLoad)
        m.registerMigration("v4-pain-rollup", migrate: v4PainRollup)
        m.registerMigration("v5-phrase-index-document", migrate: v5PhraseIndexDocument)
        m.registerMigration("v6-journey-pain-total", migrate: v6JourneyPainTotal)
        m.registerMigration("v7-rollup-update-triggers", migrate: v7RollupUpdateTriggers)
        m.registerMigration("v8-label-model-value", migrate: v8LabelModelValue)
        m.registerMigration("v9-report-covering-indexes", migrate: v9ReportCoveringIndexes)
        // Immediate foreign key checks: the migration adds no foreign key, and the deferred mode's full check of
        // every foreign key in the file afterwards would read every fact row once more.
        m.registerMigration("v10-fact-origin", foreignKeyChecks: .immediate, migrate: v10FactOrigin)
        return m
    }

    /// The names of every migration, in order (for `painmap stats` and tests).
    public static var migrationNames: [String] { migrator.migrations }

    static func v1Core(_ db: Database) throws {
        try db.execute(sql: """
            -- One row per `painmap ingest` of one input (file, folder or standard input).
            CREATE TABLE imports (
              id INTEGER PRIMARY KEY,
              file TEXT NOT NULL,                -- path as given; '<stdin>' for standard input
              format TEXT NOT NULL,              -- csv, jsonl, json, text or folder
              profile TEXT NOT NULL,             -- export format recognised from the header: zendesk, google_play, generic, ...
              source TEXT NOT NULL,              -- the documents' source (--source, else the profile, else the file name)
              mapping TEXT NOT NULL,             -- JSON: which column gave the text, id, date, channel and rating
              options TEXT NOT NULL,             -- JSON: the ingest options
              analysis_id INTEGER REFERENCES analyses(id),
              pid INTEGER,                       -- process that ran it (to tell an interrupted import from a running one)
              started_at TEXT NOT NULL,          -- ISO 8601 UTC
              finished_at TEXT,
              status TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'complete', 'partial', 'stopped', 'interrupted', 'failed')),
              rows_read INTEGER NOT NULL DEFAULT 0,      -- read = stored + duplicates + rejected
              rows_stored INTEGER NOT NULL DEFAULT 0,
              rows_duplicate INTEGER NOT NULL DEFAULT 0,
              rows_rejected INTEGER NOT NULL DEFAULT 0,
              rows_undated INTEGER NOT NULL DEFAULT 0    -- stored without a usable date
            );

            -- Which lexicon and models analysed a document; `painmap reanalyze` updates rows whose versions are old.
            CREATE TABLE analyses (
              id INTEGER PRIMARY KEY,
              lexicon TEXT NOT NULL,             -- content hash of the sentiment lexicon
              topic_model TEXT NOT NULL,
              phase_model TEXT NOT NULL,
              journey TEXT NOT NULL,             -- journey template id and content hash
              first_used_at TEXT NOT NULL,
              UNIQUE (lexicon, topic_model, phase_model, journey)
            );

            -- One row per feedback document (ticket, review, post).
            CREATE TABLE documents (
              id INTEGER PRIMARY KEY,
              import_id INTEGER NOT NULL REFERENCES imports(id),
              source TEXT NOT NULL,              -- zendesk, app_store, reviews, ...
              external_id TEXT,                  -- the id in the source system; duplicates are found on (source, external_id)
              line INTEGER NOT NULL,             -- line of the input file where the record starts
              channel TEXT,                      -- email, chat, twitter, google play, ... (lower case)
              created_at TEXT,                   -- ISO 8601 UTC, e.g. 2026-03-14T09:41:07Z; NULL when the input had no usable date
              day INTEGER,                       -- created_at as days since 1970-01-01 (UTC): what the trend queries filter and group on
              rating REAL,                       -- stars or score as given
              language TEXT NOT NULL,            -- detected (or forced) language code
              text TEXT NOT NULL,                -- as written (text columns joined with a newline)
              normalized_text TEXT NOT NULL,     -- after normalisation (quoted replies, signatures, HTML removed)
              content_hash TEXT NOT NULL,        -- hash of source, date and text: duplicates without an external id
              sentiment REAL NOT NULL,           -- compound score in [-1, 1]
              sentiment_label TEXT NOT NULL CHECK (sentiment_label IN ('negative', 'neutral', 'positive')),
              topic TEXT NOT NULL,
              topic_confidence REAL NOT NULL,
              phase TEXT NOT NULL,               -- journey phase: awareness, consideration, purchase, usage, retention, advocacy
              phase_confidence REAL NOT NULL,
              pain_count INTEGER NOT NULL DEFAULT 0,   -- number of pain points
              severity REAL NOT NULL DEFAULT 0,        -- highest pain point severity in [0, 1]
              churn_risk INTEGER NOT NULL DEFAULT 0,   -- 1 when a pain point signals churn
              analysis_id INTEGER NOT NULL REFERENCES analyses(id),
              extra TEXT                         -- JSON object with the input's other fields
            );
            CREATE UNIQUE INDEX documents_by_external_id ON documents(source, external_id) WHERE external_id IS NOT NULL;
            CREATE UNIQUE INDEX documents_by_content_hash ON documents(content_hash) WHERE external_id IS NULL;
            CREATE INDEX documents_by_topic ON documents(topic, day, sentiment, severity, churn_risk);
            CREATE INDEX documents_by_phase ON documents(phase, day, sentiment);
            CREATE INDEX documents_by_day ON documents(day, sentiment_label, sentiment);
            CREATE INDEX documents_by_source ON documents(source, channel, language, day);

            -- The touchpoints a document talks about. day, phase, topic, sentiment, severity and churn_risk are copies of the document's,
            -- so that trend queries need no join.
            CREATE TABLE document_touchpoints (
              document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              touchpoint TEXT NOT NULL,
              score REAL NOT NULL,
              evidence TEXT NOT NULL,            -- the words that matched, as written
              span_start INTEGER NOT NULL,       -- code-point offsets into documents.text
              span_end INTEGER NOT NULL,
              day INTEGER,
              phase TEXT NOT NULL,
              topic TEXT NOT NULL,
              sentiment REAL NOT NULL,
              severity REAL NOT NULL,            -- copy of documents.severity
              churn_risk INTEGER NOT NULL,       -- copy of documents.churn_risk
              PRIMARY KEY (document_id, touchpoint)
            ) WITHOUT ROWID;
            CREATE INDEX document_touchpoints_by_touchpoint ON document_touchpoints(touchpoint, day, sentiment, severity, churn_risk);
            CREATE INDEX document_touchpoints_by_phase ON document_touchpoints(phase, touchpoint, day, sentiment);

            -- The complaints inside a document: one row per negative or pain-cue clause.
            CREATE TABLE pain_points (
              id INTEGER PRIMARY KEY,
              document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              ordinal INTEGER NOT NULL,          -- 0, 1, ... within the document
              span_start INTEGER NOT NULL,       -- code-point offsets of the clause in documents.text
              span_end INTEGER NOT NULL,
              text TEXT NOT NULL,                -- the clause as written
              phrase TEXT NOT NULL,              -- key phrase from stems: paraphrases group together
              phrase_surface TEXT NOT NULL,      -- a readable form of the key phrase
              touchpoint TEXT,
              phase TEXT NOT NULL,
              topic TEXT NOT NULL,
              severity REAL NOT NULL,            -- in [0, 1]
              churn_risk INTEGER NOT NULL,       -- 1: "cancel my account", "switching to", ...
              sentiment REAL NOT NULL,           -- the clause's compound score
              day INTEGER,                       -- copy of documents.day
              UNIQUE (document_id, ordinal)
            );
            CREATE INDEX pain_points_by_phrase ON pain_points(phrase, day, severity, sentiment, churn_risk);
            CREATE INDEX pain_points_by_cell ON pain_points(phase, touchpoint, phrase, day);

            -- Corrections and notes people add to a document (topic, phase, touchpoint, sentiment, pain point).
            CREATE TABLE labels (
              id INTEGER PRIMARY KEY,
              document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              kind TEXT NOT NULL CHECK (kind IN ('topic', 'phase', 'touchpoint', 'sentiment', 'pain_point', 'note')),
              value TEXT NOT NULL,
              span_start INTEGER,                -- for a pain point: the clause it is about
              span_end INTEGER,
              author TEXT,
              created_at TEXT NOT NULL
            );
            CREATE INDEX labels_by_document ON labels(document_id);

            -- Input rows that were not stored, with the reason: nothing read is ever silently dropped.
            CREATE TABLE rejects (
              id INTEGER PRIMARY KEY,
              import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
              file TEXT NOT NULL,
              line INTEGER NOT NULL,
              "column" INTEGER,
              reason TEXT NOT NULL,
              excerpt TEXT                       -- the start of the rejected text, when there was one
            );
            CREATE INDEX rejects_by_import ON rejects(import_id);
            """)
    }

    static func v1Search(_ db: Database) throws {
        // External-content FTS5: the index refers to documents.text instead of keeping a second copy.
        // Triggers keep it in step, also for rows changed by hand in sqlite3.
        try db.execute(sql: """
            CREATE VIRTUAL TABLE documents_fts USING fts5(
              text, content='documents', content_rowid='id',
              tokenize='porter unicode61 remove_diacritics 2'
            );
            CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
              INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text);
            END;
            CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
              INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN
              INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
              INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text);
            END;
            """)
    }

    /// The day stored in rollups for undated documents (day is part of their primary keys).
    public static let undatedDay = -1_000_000_000

    /// Per-day counts behind `painmap journey`, kept by triggers so that they stay right whatever writes the
    /// rows (ingest, reanalyze, or a person in sqlite3). Backfilled from the rows already there.
    static func v2JourneyRollups(_ db: Database) throws {
        let u = undatedDay
        try db.execute(sql: """
            -- Documents per day, phase and touchpoint, with their summed sentiment. touchpoint '' counts every
            -- document of the phase (with or without touchpoints). day \(u) holds the undated documents.
            CREATE TABLE journey_daily (
              day INTEGER NOT NULL,
              phase TEXT NOT NULL,
              touchpoint TEXT NOT NULL,
              documents INTEGER NOT NULL,
              sentiment_sum REAL NOT NULL,
              PRIMARY KEY (phase, touchpoint, day)
            ) WITHOUT ROWID;

            -- Pain point mentions per day, phase, touchpoint and key phrase (pain points without a touchpoint are left out).
            CREATE TABLE journey_pain_daily (
              day INTEGER NOT NULL,
              phase TEXT NOT NULL,
              touchpoint TEXT NOT NULL,
              phrase TEXT NOT NULL,
              mentions INTEGER NOT NULL,
              PRIMARY KEY (phase, touchpoint, phrase, day)
            ) WITHOUT ROWID;

            CREATE TRIGGER journey_document_insert AFTER INSERT ON documents BEGIN
              INSERT INTO journey_daily VALUES (coalesce(new.day, \(u)), new.phase, '', 1, new.sentiment)
                ON CONFLICT DO UPDATE SET documents = documents + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum;
            END;
            CREATE TRIGGER journey_document_delete AFTER DELETE ON documents BEGIN
              UPDATE journey_daily SET documents = documents - 1, sentiment_sum = sentiment_sum - old.sentiment
                WHERE phase = old.phase AND touchpoint = '' AND day = coalesce(old.day, \(u));
            END;
            CREATE TRIGGER journey_document_update AFTER UPDATE OF phase, sentiment, day ON documents BEGIN
              UPDATE journey_daily SET documents = documents - 1, sentiment_sum = sentiment_sum - old.sentiment
                WHERE phase = old.phase AND touchpoint = '' AND day = coalesce(old.day, \(u));
              INSERT INTO journey_daily VALUES (coalesce(new.day, \(u)), new.phase, '', 1, new.sentiment)
                ON CONFLICT DO UPDATE SET documents = documents + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum;
            END;
            CREATE TRIGGER journey_touchpoint_insert AFTER INSERT ON document_touchpoints BEGIN
              INSERT INTO journey_daily VALUES (coalesce(new.day, \(u)), new.phase, new.touchpoint, 1, new.sentiment)
                ON CONFLICT DO UPDATE SET documents = documents + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum;
            END;
            CREATE TRIGGER journey_touchpoint_delete AFTER DELETE ON document_touchpoints BEGIN
              UPDATE journey_daily SET documents = documents - 1, sentiment_sum = sentiment_sum - old.sentiment
                WHERE phase = old.phase AND touchpoint = old.touchpoint AND day = coalesce(old.day, \(u));
            END;
            CREATE TRIGGER journey_pain_insert AFTER INSERT ON pain_points WHEN new.touchpoint IS NOT NULL BEGIN
              INSERT INTO journey_pain_daily VALUES (coalesce(new.day, \(u)), new.phase, new.touchpoint, new.phrase, 1)
                ON CONFLICT DO UPDATE SET mentions = mentions + 1;
            END;
            CREATE TRIGGER journey_pain_delete AFTER DELETE ON pain_points WHEN old.touchpoint IS NOT NULL BEGIN
              UPDATE journey_pain_daily SET mentions = mentions - 1
                WHERE phase = old.phase AND touchpoint = old.touchpoint AND phrase = old.phrase AND day = coalesce(old.day, \(u));
            END;

            INSERT INTO journey_daily
              SELECT coalesce(day, \(u)), phase, '', count(*), total(sentiment) FROM documents GROUP BY 1, 2;
            INSERT INTO journey_daily
              SELECT coalesce(day, \(u)), phase, touchpoint, count(*), total(sentiment) FROM document_touchpoints GROUP BY 1, 2, 3;
            INSERT INTO journey_pain_daily
              SELECT coalesce(day, \(u)), phase, touchpoint, phrase, count(*) FROM pain_points WHERE touchpoint IS NOT NULL GROUP BY 1, 2, 3, 4;
            """)
    }

    /// Ingest fills the search index and the rollups once per batch (see `BulkLoad`): the insert triggers
    /// stand aside while `bulk_load.active` is 1, which only an uncommitted ingest transaction ever sees.
    static func v3BulkLoad(_ db: Database) throws {
        let u = undatedDay
        try db.execute(sql: """
            -- One row. 1 only inside an ingest transaction, which then fills documents_fts, journey_daily and
            -- journey_pain_daily itself, once per batch; every other writer goes through the triggers.
            CREATE TABLE bulk_load (active INTEGER NOT NULL);
            INSERT INTO bulk_load VALUES (0);

            DROP TRIGGER documents_fts_insert;
            CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents WHEN NOT (SELECT active FROM bulk_load) BEGIN
              INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text);
            END;
            DROP TRIGGER journey_document_insert;
            CREATE TRIGGER journey_document_insert AFTER INSERT ON documents WHEN NOT (SELECT active FROM bulk_load) BEGIN
              INSERT INTO journey_daily VALUES (coalesce(new.day, \(u)), new.phase, '', 1, new.sentiment)
                ON CONFLICT DO UPDATE SET documents = documents + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum;
            END;
            DROP TRIGGER journey_touchpoint_insert;
            CREATE TRIGGER journey_touchpoint_insert AFTER INSERT ON document_touchpoints
              WHEN NOT (SELECT active FROM bulk_load) BEGIN
              INSERT INTO journey_daily VALUES (coalesce(new.day, \(u)), new.phase, new.touchpoint, 1, new.sentiment)
                ON CONFLICT DO UPDATE SET documents = documents + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum;
            END;
            DROP TRIGGER journey_pain_insert;
            CREATE TRIGGER journey_pain_insert AFTER INSERT ON pain_points
              WHEN new.touchpoint IS NOT NULL AND NOT (SELECT active FROM bulk_load) BEGIN
              INSERT INTO journey_pain_daily VALUES (coalesce(new.day, \(u)), new.phase, new.touchpoint, new.phrase, 1)
                ON CONFLICT DO UPDATE SET mentions = mentions + 1;
            END;
            """)
    }

    /// Per-day sums behind `painmap top` and `painmap emerging` by key phrase without other filters than
    /// dates: they read one row per phrase and day instead of every pain point (481k rows instead of 857k
    /// for 180 days of 1M generated tickets). Filled by ingest once per batch, by triggers otherwise.
    static func v4PainRollup(_ db: Database) throws {
        let u = undatedDay
        try db.execute(sql: """
            -- Pain points per key phrase and day, with the sums `painmap top` ranks by. day \(u) holds the undated ones.
            CREATE TABLE pain_daily (
              phrase TEXT NOT NULL,
              day INTEGER NOT NULL,
              mentions INTEGER NOT NULL,
              sentiment_sum REAL NOT NULL,
              severity_sum REAL NOT NULL,
              churn INTEGER NOT NULL,            -- mentions with churn risk
              PRIMARY KEY (phrase, day)
            ) WITHOUT ROWID;

            CREATE TRIGGER pain_daily_insert AFTER INSERT ON pain_points WHEN NOT (SELECT active FROM bulk_load) BEGIN
              INSERT INTO pain_daily VALUES (new.phrase, coalesce(new.day, \(u)), 1, new.sentiment, new.severity, new.churn_risk)
                ON CONFLICT DO UPDATE SET mentions = mentions + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum,
                  severity_sum = severity_sum + excluded.severity_sum, churn = churn + excluded.churn;
            END;
            CREATE TRIGGER pain_daily_delete AFTER DELETE ON pain_points BEGIN
              UPDATE pain_daily SET mentions = mentions - 1, sentiment_sum = sentiment_sum - old.sentiment,
                severity_sum = severity_sum - old.severity, churn = churn - old.churn_risk
                WHERE phrase = old.phrase AND day = coalesce(old.day, \(u));
            END;
            CREATE TRIGGER pain_daily_update AFTER UPDATE OF phrase, day, sentiment, severity, churn_risk ON pain_points BEGIN
              UPDATE pain_daily SET mentions = mentions - 1, sentiment_sum = sentiment_sum - old.sentiment,
                severity_sum = severity_sum - old.severity, churn = churn - old.churn_risk
                WHERE phrase = old.phrase AND day = coalesce(old.day, \(u));
              INSERT INTO pain_daily VALUES (new.phrase, coalesce(new.day, \(u)), 1, new.sentiment, new.severity, new.churn_risk)
                ON CONFLICT DO UPDATE SET mentions = mentions + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum,
                  severity_sum = severity_sum + excluded.severity_sum, churn = churn + excluded.churn;
            END;

            INSERT INTO pain_daily
              SELECT phrase, coalesce(day, \(u)), count(*), total(sentiment), total(severity), total(churn_risk)
              FROM pain_points GROUP BY 1, 2;
            """)
    }

    /// `top` by key phrase with --source or --channel keeps the pain points whose document passes: with
    /// document_id in the covering index that is a look-up in the list of documents instead of a read of
    /// every pain point's row (on 1M documents, --source and --channel: 1.7-2.7 s -> 0.3 s).
    static func v5PhraseIndexDocument(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX pain_points_by_phrase;
            CREATE INDEX pain_points_by_phrase ON pain_points(phrase, day, severity, sentiment, churn_risk, document_id);
            """)
    }

    /// All-time pain point mentions per phase, touchpoint and key phrase: `painmap journey` without dates reads
    /// one row per cell and phrase instead of one per day as well. On 1M generated tickets over two years that
    /// is 25k rows instead of 482k (25 MB of journey_pain_daily), about 110 ms of CPU less per query, and far
    /// less to read from disk when the page cache is cold. Filled by ingest once per batch, by triggers
    /// otherwise, like journey_pain_daily.
    static func v6JourneyPainTotal(_ db: Database) throws {
        try db.execute(sql: """
            -- Pain point mentions per phase, touchpoint and key phrase over all time (journey_pain_daily summed over days).
            CREATE TABLE journey_pain_total (
              phase TEXT NOT NULL,
              touchpoint TEXT NOT NULL,
              phrase TEXT NOT NULL,
              mentions INTEGER NOT NULL,
              PRIMARY KEY (phase, touchpoint, phrase)
            ) WITHOUT ROWID;

            CREATE TRIGGER journey_pain_total_insert AFTER INSERT ON pain_points
              WHEN new.touchpoint IS NOT NULL AND NOT (SELECT active FROM bulk_load) BEGIN
              INSERT INTO journey_pain_total VALUES (new.phase, new.touchpoint, new.phrase, 1)
                ON CONFLICT DO UPDATE SET mentions = mentions + 1;
            END;
            CREATE TRIGGER journey_pain_total_delete AFTER DELETE ON pain_points WHEN old.touchpoint IS NOT NULL BEGIN
              UPDATE journey_pain_total SET mentions = mentions - 1
                WHERE phase = old.phase AND touchpoint = old.touchpoint AND phrase = old.phrase;
            END;

            INSERT INTO journey_pain_total
              SELECT phase, touchpoint, phrase, sum(mentions) FROM journey_pain_daily GROUP BY 1, 2, 3;
            """)
    }

    /// An UPDATE of a touchpoint or pain point row (a person in sqlite3 moving a pain point to another phase,
    /// say) kept journey_daily, journey_pain_daily and journey_pain_total as they were: only inserts and
    /// deletes had triggers. These take the old row out and put the new one in, like `journey_document_update`.
    static func v7RollupUpdateTriggers(_ db: Database) throws {
        let u = undatedDay
        try db.execute(sql: """
            CREATE TRIGGER journey_touchpoint_update AFTER UPDATE OF touchpoint, phase, sentiment, day ON document_touchpoints BEGIN
              UPDATE journey_daily SET documents = documents - 1, sentiment_sum = sentiment_sum - old.sentiment
                WHERE phase = old.phase AND touchpoint = old.touchpoint AND day = coalesce(old.day, \(u));
              INSERT INTO journey_daily VALUES (coalesce(new.day, \(u)), new.phase, new.touchpoint, 1, new.sentiment)
                ON CONFLICT DO UPDATE SET documents = documents + 1, sentiment_sum = sentiment_sum + excluded.sentiment_sum;
            END;
            CREATE TRIGGER journey_pain_update AFTER UPDATE OF phase, touchpoint, phrase, day ON pain_points BEGIN
              UPDATE journey_pain_daily SET mentions = mentions - 1
                WHERE old.touchpoint IS NOT NULL AND phase = old.phase AND touchpoint = old.touchpoint AND phrase = old.phrase
                  AND day = coalesce(old.day, \(u));
              UPDATE journey_pain_total SET mentions = mentions - 1
                WHERE old.touchpoint IS NOT NULL AND phase = old.phase AND touchpoint = old.touchpoint AND phrase = old.phrase;
              INSERT INTO journey_pain_daily
                SELECT coalesce(new.day, \(u)), new.phase, new.touchpoint, new.phrase, 1 WHERE new.touchpoint IS NOT NULL
                ON CONFLICT DO UPDATE SET mentions = mentions + 1;
              INSERT INTO journey_pain_total
                SELECT new.phase, new.touchpoint, new.phrase, 1 WHERE new.touchpoint IS NOT NULL
                ON CONFLICT DO UPDATE SET mentions = mentions + 1;
            END;
            """)
    }

    /// A topic, phase or sentiment label now corrects the stored analysis (`painmap label add`): the model's
    /// value it replaced is kept in the label, for `painmap label list`.
    static func v8LabelModelValue(_ db: Database) throws {
        try db.execute(sql: """
            -- For a topic, phase or sentiment label: what the model had said when the label corrected it.
            ALTER TABLE labels ADD COLUMN model_value TEXT;
            """)
    }

    /// `painmap report` read the documents table itself for its headline, phases, analyses, sources and
    /// channels, and every pain point's row for the journey map's phrase labels and quotes: on 1M documents
    /// (1.3 GB, more than this machine's page cache holds) that was 2.3 s for 90 days and 10-30 s for all
    /// time, mostly waiting for the disk. Two indexes now carry those columns, so these scans read only
    /// index pages (a range of them for a period). They keep their names and leading columns: every query
    /// that used them before still can. Rebuilding them takes about 20 s on a 1M-document file, once. The
    /// writer pays about 7% more CPU a document (20k documents ingested: 51 -> 55 µs).
    static func v9ReportCoveringIndexes(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX documents_by_day;
            CREATE INDEX documents_by_day ON documents(day, sentiment_label, sentiment, churn_risk, phase, analysis_id, source, channel);
            DROP INDEX pain_points_by_cell;
            CREATE INDEX pain_points_by_cell ON pain_points(phase, touchpoint, phrase, day, severity, phrase_surface, document_id);
            """)
    }

    static func v1Views(_ db: Database) throws {
        try db.execute(sql: """
            -- Documents with readable dates, for browsing.
            CREATE VIEW feedback AS
              SELECT d.id, d.source, d.external_id, d.channel, date(d.created_at) AS date, d.rating,
                     round(d.sentiment, 3) AS sentiment, d.sentiment_label, d.topic, d.phase, d.pain_count,
                     d.churn_risk, d.text
              FROM documents d;

            -- Pain points with their document's source, channel and date.
            CREATE VIEW pain_point_details AS
              SELECT p.id, p.document_id, d.source, d.channel, date(d.created_at) AS date, p.phase, p.touchpoint,
                     p.topic, p.phrase, p.phrase_surface, round(p.severity, 3) AS severity, p.churn_risk,
                     round(p.sentiment, 3) AS sentiment, p.text
              FROM pain_points p JOIN documents d ON d.id = p.document_id;

            -- Volume and mean sentiment per topic and month.
            CREATE VIEW monthly_topics AS
              SELECT strftime('%Y-%m', created_at) AS month, topic, count(*) AS documents,
                     round(avg(sentiment), 3) AS mean_sentiment
              FROM documents WHERE created_at IS NOT NULL GROUP BY month, topic;

            -- The journey matrix: documents per phase and touchpoint with mean sentiment.
            CREATE VIEW journey_matrix AS
              SELECT phase, touchpoint, count(*) AS documents, round(avg(sentiment), 3) AS mean_sentiment
              FROM document_touchpoints GROUP BY phase, touchpoint;

            -- Imports with their counts.
            CREATE VIEW import_log AS
              SELECT id, file, format, profile, source, status, started_at, finished_at, rows_read, rows_stored,
                     rows_duplicate, rows_rejected, rows_undated
              FROM imports;
            """)
    }
}
