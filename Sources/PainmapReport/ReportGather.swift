import GRDB
import PainmapJourney
import PainmapSentiment
import PainmapStore

extension ReportData {
    /// Reads every figure of the report in one read transaction, so that they all describe the same
    /// snapshot even while an ingest writes.
    public static func gather(from store: PainmapStore, options: ReportOptions = ReportOptions()) throws -> ReportData {
        var data = try store.read { db in try ReportReader(db: db, options: options).read() }
        data.database = store.path
        return data
    }
}

/// The report's queries, over one database connection inside one transaction.
struct ReportReader {
    let db: Database
    let options: ReportOptions
    var filters: QueryFilters { options.filters }

    /// How many of a theme's latest mentions its example quote is chosen from (as the store's `top`).
    static let exampleWindow = 2000

    func read() throws -> ReportData {
        let period = try PeriodResolution.resolve(filters, defaultDays: options.defaultDays, db: db)
        let buckets = try timelineBuckets(period: period)
        let interval = buckets.interval
        let analyses = try analyses(period: period)
        let taxonomy = analyses.first.flatMap { a in options.template?(ReportReader.templateID(a.versions.journey)) }
        let pains = try painPoints(period: period, interval: interval, buckets: buckets.starts)
        var emerging: [EmergingTable] = []
        if let period {
            for dim in [TopDimension.phrase, .topic] { emerging.append(try emergingThemes(dim, window: period)) }
        }
        return ReportData(
            generator: options.generator, generatedAt: options.generatedAt, database: nil, filters: filters, period: period,
            interval: interval,
            headline: Headline(current: try figures(period, allTime: period == nil, painPoints: pains.total),
                              previous: try period.map { try figures($0.previous, allTime: false, painPoints: pains.previousTotal) }),
            journey: try journeyMap(period: period, taxonomy: taxonomy),
            painPoints: pains.rows, painPointTotal: pains.total, emerging: emerging,
            timeline: try timeline(period: period, interval: interval, starts: buckets.starts, range: buckets.range),
            bySource: try breakdown("d.source", period: period), byChannel: try breakdown("d.channel", period: period),
            methods: Methods(analyses: analyses, labelThreshold: SentimentRules.labelThreshold, emergingMinCount: options.emergingMinCount,
                             emergingAlpha: options.alpha, exampleWindow: ReportReader.exampleWindow))
    }

    /// "generic@1a2b" -> "generic"; a template given as a file keeps its path.
    static func templateID(_ journey: String) -> String {
        guard let at = journey.lastIndex(of: "@") else { return journey }
        return String(journey[..<at])
    }

    /// The versions that analysed the report's documents, most documents first.
    func analyses(period: Period?) throws -> [Methods.Analysis] {
        let (from, f) = documentScan(period)
        return try Row.fetchAll(db, sql: """
            SELECT a.lexicon, a.topic_model, a.phase_model, a.journey, count(*) AS n
            FROM \(from) JOIN analyses a ON a.id = d.analysis_id\(f.sql)
            GROUP BY a.id ORDER BY n DESC, a.id
            """, arguments: f.arguments).map {
            Methods.Analysis(versions: AnalysisVersions(lexicon: $0[0], topicModel: $0[1], phaseModel: $0[2], journey: $0[3]), documents: $0[4])
        }
    }

    /// The report's scans of documents read `documents_by_day`, which carries every column they sum or group
    /// (label, sentiment, churn risk, phase, analysis, source, channel): a range of it for a period, all of it
    /// otherwise, and no table row either way. On 1M documents, all time, a source filter: 1.5 s -> 0.7 s
    /// a scan. Not with a topic filter, which the topic index answers better (the day index lacks topic).
    func documentScan(_ period: Period?) -> (from: String, filter: SQLFilter) {
        if !filters.topics.isEmpty { return ("documents d", SQLFilter(filters, table: .documents, days: period)) }
        return ("documents d INDEXED BY documents_by_day", SQLFilter(filters, table: .documents, days: period, originOnRow: true))
    }

    /// A document's place of origin, for a quote.
    func quote(text: String, document: Int64) throws -> Quote {
        let r = try Row.fetchOne(db, sql: "SELECT source, channel, day FROM documents WHERE id = ?", arguments: [document])
        return Quote(text: text, documentID: document, source: r?[0] ?? "", channel: r?[1], date: (r?[2] as Int?).map(DateParser.isoDay))
    }
}
