import Foundation
import PainmapStore

/// How the report writes numbers and dates: the same in HTML and Markdown.
public enum Format {
    /// 12,345
    public static func count(_ v: Int) -> String {
        let s = String(v.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (v < 0 ? "-" : "") + out
    }

    /// "1 document", "12 documents"; `plural` for irregular words.
    public static func count(_ v: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count(v)) \(v == 1 ? noun : plural ?? noun + "s")"
    }

    /// A mean sentiment: +0.42, -0.17, 0.00.
    public static func sentiment(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "n/a" }
        let r = (v * 100).rounded() / 100
        if r == 0 { return "0.00" }
        return String(format: "%+.2f", r)
    }

    /// A share: 12.3%.
    public static func percent(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "n/a" }
        return String(format: "%.1f%%", v * 100)
    }

    /// A relative change: +88%, -29%, "new" when there was nothing before.
    public static func change(_ v: Double?, previous: Int?) -> String {
        guard let previous else { return "" }
        if previous == 0 { return "new" }
        guard let v, v.isFinite else { return "" }
        let r = (v * 100).rounded()
        return r == 0 ? "±0%" : String(format: "%+.0f%%", r)
    }

    /// A change of a share in percentage points: +4.2 pts.
    public static func points(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        let r = (v * 1000).rounded() / 10
        return r == 0 ? "±0.0 pts" : String(format: "%+.1f pts", r)
    }

    /// A change of mean sentiment: +0.05.
    public static func sentimentChange(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        let r = (v * 100).rounded() / 100
        return r == 0 ? "±0.00" : String(format: "%+.2f", r)
    }

    /// A p- or q-value: 0.0107, 3.7e-04.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? String(format: "%.1e", p) : String(format: "%.4f", p)
    }

    public static func ratio(_ r: Double) -> String { r.isFinite ? String(format: "%.2f×", r) : "new" }

    public static func number(_ v: Double, digits: Int) -> String { String(format: "%.\(digits)f", v) }

    public static func day(_ d: Int?) -> String { d.map(DateParser.isoDay) ?? "n/a" }

    /// "2026-08-23 to 2026-11-20 (90 days)", or "all time".
    public static func period(_ p: Period?) -> String {
        guard let p else { return "all time" }
        return "\(DateParser.isoDay(p.start)) to \(DateParser.isoDay(p.end)) (\(p.days) days)"
    }

    /// "2026-08-23 to 2026-11-20"
    public static func dates(_ p: Period) -> String { "\(DateParser.isoDay(p.start)) to \(DateParser.isoDay(p.end))" }

    /// The filters other than dates, as "source: zendesk; channel: email, chat", or "none".
    public static func filters(_ f: QueryFilters) -> String {
        var parts: [String] = []
        for (name, list) in [("source", f.sources), ("channel", f.channels), ("phase", f.phases), ("touchpoint", f.touchpoints),
                             ("topic", f.topics)] where !list.isEmpty {
            parts.append("\(name): \(list.joined(separator: ", "))")
        }
        if let s = f.since { parts.append("since: \(DateParser.isoDay(s))") }
        if let u = f.until { parts.append("until: \(DateParser.isoDay(u))") }
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }

    /// "review, google play, 2026-10-03"
    public static func attribution(_ q: Quote) -> String {
        ([q.source] + [q.channel, q.date].compactMap { $0 }).filter { !$0.isEmpty }.joined(separator: ", ")
    }

    public static func interval(_ i: TrendInterval) -> String {
        switch i {
        case .day: "day"
        case .week: "week (from Monday)"
        case .month: "month"
        }
    }
}
