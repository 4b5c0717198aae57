import Foundation
import PainmapStore

/// The journey report as Markdown (GitHub-flavoured tables) for a ticket or a wiki page: the same content as
/// the HTML report, with the map as a table (documents and mean sentiment per cell) and Unicode sparklines.
public struct MarkdownReport {
    public var data: ReportData

    public init(_ data: ReportData) { self.data = data }

    public func render() -> String {
        var out: [String] = []
        header(&out)
        headline(&out)
        journey(&out)
        painPoints(&out)
        emerging(&out)
        timeline(&out)
        breakdown(&out)
        methods(&out)
        return out.joined(separator: "\n") + "\n"
    }

    private func e(_ s: String) -> String { Escape.markdown(s) }

    /// A table: header, alignment row (right-aligned columns marked), rows; cells are escaped here.
    private func table(_ out: inout [String], _ header: [String], right: Set<Int> = [], _ rows: [[String]]) {
        out.append("| " + header.map(e).joined(separator: " | ") + " |")
        out.append("|" + header.indices.map { right.contains($0) ? "---:|" : "---|" }.joined())
        for r in rows { out.append("| " + r.map(e).joined(separator: " | ") + " |") }
        out.append("")
    }

    func header(_ out: inout [String]) {
        out.append("# Customer journey report")
        out.append("")
        var sub = Format.period(data.period)
        if let p = data.previousPeriod { sub += ", compared with the \(p.days) days before (\(Format.dates(p)))" }
        let f = Format.filters(data.filters)
        if f != "none" { sub += ". Filters: \(f)" }
        out.append(e(sub + "."))
        out.append("")
    }

    func headline(_ out: inout [String]) {
        let h = data.headline, c = h.current
        out.append("## Headline figures")
        out.append("")
        var lines: [String] = []
        var docs = "**Documents:** \(Format.count(c.documents))"
        if let p = h.previous { docs += " (\(Format.change(h.documentChange, previous: p.documents)) vs \(Format.count(p.documents)) before)" }
        if c.undated > 0 { docs += ", \(Format.count(c.undated)) undated" }
        lines.append(docs)
        lines.append("**Date range:** " + (c.firstDay == nil ? "no dated documents" : "\(Format.day(c.firstDay)) to \(Format.day(c.lastDay))"))
        lines.append("**Sources:** \(data.bySource.count) (" + data.bySource.map { e($0.key) + " " + Format.percent($0.share) }
            .joined(separator: ", ") + ")")
        var neg = "**Share negative:** \(Format.percent(c.shareNegative)) (\(Format.count(c.negative)) of \(Format.count(c.documents)))"
        if let p = h.previous { neg += ", \(Format.points(h.shareNegativeChange)) vs \(Format.percent(p.shareNegative)) before" }
        lines.append(neg)
        var mean = "**Mean sentiment:** \(Format.sentiment(c.meanSentiment))"
        if let p = h.previous { mean += " (\(Format.sentimentChange(h.meanSentimentChange)) vs \(Format.sentiment(p.meanSentiment)) before)" }
        lines.append(mean)
        var pains = "**Pain points:** \(Format.count(c.painPoints))"
        if let p = h.previous {
            let ch = p.painPoints > 0 ? Double(c.painPoints - p.painPoints) / Double(p.painPoints) : nil
            pains += " (\(Format.change(ch, previous: p.painPoints)) vs \(Format.count(p.painPoints)) before)"
        }
        lines.append(pains)
        lines.append("**Churn risk:** \(Format.count(c.churnRisk, "document")) \(c.churnRisk == 1 ? "talks" : "talk") of cancelling or leaving"
                     + (h.previous.map { " (\(Format.count($0.churnRisk)) before)" } ?? ""))
        out += lines.map { "- " + $0 }
        out.append("")
    }

    func journey(_ out: inout [String]) {
        let map = data.journey
        out.append("## The journey map")
        out.append("")
        out.append("Documents and mean sentiment (-1 to +1) per touchpoint and phase; · marks an empty cell.")
        out.append("")
        var rows: [[String]] = []
        for tp in map.touchpoints {
            var row = ["\(tp.name) (\(Format.count(tp.documents)))"]
            for p in map.phases {
                if let c = map.cell(p.id, tp.id) { row.append("\(Format.count(c.documents)) · \(Format.sentiment(c.meanSentiment))") } else { row.append("·") }
            }
            rows.append(row)
        }
        rows.append(["All documents"] + map.phases.map { $0.documents == 0 ? "·" : "\(Format.count($0.documents)) · \(Format.sentiment($0.meanSentiment))" })
        table(&out, ["Touchpoint"] + map.phases.map(\.name), right: Set(1...max(1, map.phases.count)), rows)
        if map.documentsWithoutTouchpoint > 0 {
            out.append("\(Format.count(map.documentsWithoutTouchpoint, "document")) \(map.documentsWithoutTouchpoint == 1 ? "names" : "name") no touchpoint: they count in their phase's total only.")
            out.append("")
        }
        if !map.unmentioned.isEmpty {
            out.append(e("Touchpoints that no document names: " + map.unmentioned.map(\.name).joined(separator: ", ") + "."))
            out.append("")
        }
        let hot = map.hotSpots(8)
        guard !hot.isEmpty else { return }
        out.append("### Hot spots (documents × negativity)")
        out.append("")
        table(&out, ["Phase · touchpoint", "Documents", "Mean sentiment", "Pain points", "Top pain points", "Quote"], right: [1, 2, 3],
              hot.map { c in
                  ["\(map.phaseName(c.phase)) · \(map.touchpointName(c.touchpoint))", Format.count(c.documents), Format.sentiment(c.meanSentiment),
                   Format.count(c.painPoints), c.topPainPoints.map { "\($0.label) (\($0.count))" }.joined(separator: "; "),
                   c.quote.map(MarkdownReport.quote) ?? ""]
              })
    }

    static func quote(_ q: Quote) -> String { "“\(Escape.truncate(q.text, 160))” (\(Format.attribution(q)))" }

    func painPoints(_ out: inout [String]) {
        out.append("## Top pain points")
        out.append("")
        out.append("By impact (mentions weighted by severity); \(Format.count(data.painPointTotal)) pain point mentions in the period. "
                   + "Trend: mentions per \(Format.interval(data.interval)).")
        out.append("")
        guard !data.painPoints.isEmpty else { out.append("No pain points in this period."); out.append(""); return }
        let compare = data.period != nil
        var header = ["#", "Pain point", "Where", "Mentions", "Share"]
        if compare { header += ["Before", "Change"] }
        header += ["Mean sentiment", "Impact", "Churn risk", "Trend", "Quote"]
        let right: Set<Int> = compare ? [0, 3, 4, 5, 6, 7, 8, 9] : [0, 3, 4, 5, 6, 7]
        table(&out, header, right: right, data.painPoints.enumerated().map { i, r in
            var row = [String(i + 1), r.label,
                       r.mainPhase.map { data.journey.phaseName($0) + (r.mainTouchpoint.map { " · " + data.journey.touchpointName($0) } ?? "") } ?? "",
                       Format.count(r.volume), Format.percent(r.share)]
            if compare { row += [r.previous.map(Format.count) ?? "", Format.change(r.change, previous: r.previous)] }
            row += [Format.sentiment(r.meanSentiment), Format.number(r.impact, digits: 1), Format.count(r.churn),
                    Sparkline.render(r.series), r.example.map(MarkdownReport.quote) ?? ""]
            return row
        })
    }

    func emerging(_ out: inout [String]) {
        out.append("## Emerging issues")
        out.append("")
        guard let period = data.period, let prev = data.previousPeriod else {
            out.append("An all-time report has no previous period to compare with.")
            out.append("")
            return
        }
        out.append("\(Format.period(period)) against \(Format.period(prev)): themes that rose above their expected count, strongest "
                   + "evidence first; significant: q ≤ \(data.methods.emergingAlpha).")
        out.append("")
        for t in data.emerging {
            let unit = t.dimension == .phrase ? "mentions" : "documents"
            out.append("### " + (t.dimension == .phrase ? "Pain points" : t.dimension == .topic ? "Topics" : "Touchpoints"))
            out.append("")
            out.append("\(Format.count(t.currentTotal)) \(unit) now, \(Format.count(t.previousTotal)) before; \(t.tested) themes with at least "
                       + "\(t.minCount) \(unit) tested, \(t.significantCount) significant.")
            out.append("")
            if t.rows.isEmpty { out.append("Nothing rose above its expected count."); out.append(""); continue }
            table(&out, ["Theme", "Now", "Before", "Expected", "Ratio", "p", "q", "Significant", "Example"], right: [1, 2, 3, 4, 5, 6],
                  t.rows.map { r in
                      [t.dimension == .topic ? HTMLReport.topicName(r.label) : r.label, Format.count(r.current), Format.count(r.previous),
                       Format.number(r.expected, digits: 1), Format.ratio(r.rateRatio), Format.pValue(r.pValue), Format.pValue(r.qValue),
                       r.significant ? "yes" : "no", r.example.map { "“\(Escape.truncate($0, 120))”" } ?? ""]
                  })
        }
    }

    func timeline(_ out: inout [String]) {
        let b = data.timeline
        out.append("## Sentiment over time")
        out.append("")
        guard !b.isEmpty else { out.append("No dated documents."); out.append(""); return }
        out.append("Per \(Format.interval(data.interval)). Documents: `\(Sparkline.render(b.map(\.documents)))` · "
                   + "share negative: `\(Sparkline.render(b.map { $0.shareNegative }))` · "
                   + "mean sentiment: `\(Sparkline.renderSigned(b.map { $0.meanSentiment }))`")
        out.append("")
        table(&out, ["From", "Documents", "Negative", "Neutral", "Positive", "Share negative", "Mean sentiment"], right: [1, 2, 3, 4, 5, 6],
              b.map { x in
                  [x.label + (x.isPartial ? " (partial)" : ""), Format.count(x.documents), Format.count(x.negative), Format.count(x.neutral),
                   Format.count(x.positive), Format.percent(x.shareNegative), Format.sentiment(x.meanSentiment)]
              })
    }

    func breakdown(_ out: inout [String]) {
        out.append("## By channel and source")
        out.append("")
        for (title, rows) in [("Channel", data.byChannel), ("Source", data.bySource)] {
            table(&out, [title, "Documents", "Share", "Mean sentiment", "Share negative"], right: [1, 2, 3, 4], rows.map { r in
                [r.key, Format.count(r.documents), Format.percent(r.share), Format.sentiment(r.meanSentiment), Format.percent(r.shareNegative)]
            })
        }
    }

    func methods(_ out: inout [String]) {
        out.append("## Methods")
        out.append("")
        var lines = ["Produced by \(data.generator)" + (data.generatedAt.isEmpty ? "" : " on \(data.generatedAt)")
                     + (data.database.map { " from \($0)" } ?? ""),
                     "Period: " + Format.period(data.period) + (data.previousPeriod.map { "; compared with \(Format.period($0))" } ?? ""),
                     "Filters: " + Format.filters(data.filters)]
        for a in data.methods.analyses {
            let v = a.versions
            lines.append("Analysis (\(Format.count(a.documents)) documents): sentiment lexicon \(v.lexicon), topic model \(v.topicModel), "
                         + "phase model \(v.phaseModel), journey template \(v.journey)")
        }
        lines.append("Sentiment: compound score from painmap's own lexicon and rules, -1 to +1; negative at "
                     + "\(Format.sentiment(-data.methods.labelThreshold)) or below, positive at \(Format.sentiment(data.methods.labelThreshold)) or above")
        lines.append("Top pain points: ranked by impact (sum of severity, 0 to 1 per mention); the quote is the most severe of the latest "
                     + "\(Format.count(data.methods.exampleWindow)) mentions")
        lines.append("Emerging issues: themes with at least \(data.methods.emergingMinCount) mentions, exact conditional binomial test against "
                     + "their share of the total volume, Benjamini-Hochberg q ≤ \(data.methods.emergingAlpha)")
        out += lines.map { "- " + e($0) }
    }
}
