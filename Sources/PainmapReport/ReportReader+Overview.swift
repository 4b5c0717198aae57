import GRDB
import PainmapStore

/// Headline figures and the breakdowns by source and channel.
extension ReportReader {
    /// Documents, sentiment labels, pain points and churn risk over `period` (nil: all time, undated included).
    /// The pain point count comes from the pain point table's own scan (`painPoints`), which counts both
    /// periods under the same filters: counting again here read the whole phrase index twice more.
    func figures(_ period: Period?, allTime: Bool, painPoints pains: Int) throws -> PeriodFigures {
        let (from, f) = documentScan(period)
        let r = try Row.fetchOne(db, sql: """
            SELECT count(*), total(d.sentiment_label = 'negative'), total(d.sentiment_label = 'neutral'),
                   total(d.sentiment_label = 'positive'), total(d.sentiment), total(d.churn_risk != 0),
                   min(d.day), max(d.day), count(*) - count(d.day)
            FROM \(from)\(f.sql)
            """, arguments: f.arguments)!
        return PeriodFigures(documents: r[0], negative: Int(r[1] as Double), neutral: Int(r[2] as Double), positive: Int(r[3] as Double),
                             sentimentSum: r[4], painPoints: pains, churnRisk: Int(r[5] as Double), firstDay: r[6], lastDay: r[7],
                             undated: allTime ? r[8] : 0)
    }

    /// Documents per value of `column` ("d.source" or "d.channel"; NULL is "(none)"), largest first.
    func breakdown(_ column: String, period: Period?) throws -> [BreakdownRow] {
        let (from, f) = documentScan(period)
        let rows = try Row.fetchAll(db, sql: """
            SELECT coalesce(\(column), '(none)') AS k, count(*), total(d.sentiment), total(d.sentiment_label = 'negative')
            FROM \(from)\(f.sql) GROUP BY k
            """, arguments: f.arguments)
        let total = rows.reduce(0) { $0 + ($1[1] as Int) }
        return rows.map { r in
            let n: Int = r[1]
            return BreakdownRow(key: r[0], documents: n, share: total > 0 ? Double(n) / Double(total) : 0,
                                meanSentiment: (r[2] as Double) / Double(max(n, 1)), negative: Int(r[3] as Double))
        }
        .sorted { ($0.documents, $1.key) > ($1.documents, $0.key) }
    }
}
