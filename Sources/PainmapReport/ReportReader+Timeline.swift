import GRDB
import PainmapStore

/// Sentiment over time, in day, week or month buckets.
extension ReportReader {
    /// The bucket size for a span of days: days up to two months, weeks up to two years, then months.
    static func interval(forDays days: Int) -> TrendInterval {
        days <= 62 ? .day : days <= 730 ? .week : .month
    }

    /// The buckets over the period, or over the dated documents for an all-time report.
    func timelineBuckets(period: Period?) throws -> (interval: TrendInterval, starts: [Int], range: Period?) {
        var range = period
        if range == nil {
            let (from, f) = documentScan(nil)
            let r = try Row.fetchOne(db, sql: "SELECT min(d.day), max(d.day) FROM \(from)\(f.sql)", arguments: f.arguments)
            if let lo: Int = r?[0], let hi: Int = r?[1] { range = Period(start: lo, end: hi) }
        }
        guard let range else { return (.week, [], nil) }
        let interval = ReportReader.interval(forDays: range.days)
        var starts: [Int] = []
        var b = interval.bucketStart(range.start)
        while b <= range.end, starts.count < 10_000 { starts.append(b); b = interval.next(b) }
        return (interval, starts, range)
    }

    func timeline(period: Period?, interval: TrendInterval, starts: [Int], range: Period?) throws -> [TimelineBucket] {
        guard let range else { return [] }
        var buckets = starts.map { s -> TimelineBucket in
            let end = interval.next(s) - 1
            return TimelineBucket(start: s, label: interval.label(s), days: min(end, range.end) - max(s, range.start) + 1,
                                  bucketDays: end - s + 1, documents: 0, negative: 0, neutral: 0, positive: 0, sentimentSum: 0)
        }
        var slot: [Int: Int] = [:]
        for (i, s) in starts.enumerated() { slot[s] = i }
        let (from, f) = documentScan(range)
        for r in try Row.fetchAll(db, sql: """
            SELECT d.day, count(*), total(d.sentiment_label = 'negative'), total(d.sentiment_label = 'neutral'),
                   total(d.sentiment_label = 'positive'), total(d.sentiment)
            FROM \(from)\(f.sql) GROUP BY 1
            """, arguments: f.arguments) {
            guard let i = slot[interval.bucketStart(r[0])] else { continue }
            buckets[i].documents += r[1] as Int
            buckets[i].negative += Int(r[2] as Double)
            buckets[i].neutral += Int(r[3] as Double)
            buckets[i].positive += Int(r[4] as Double)
            buckets[i].sentimentSum += r[5] as Double
        }
        return buckets
    }
}
