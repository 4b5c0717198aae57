import Foundation
import PainmapStore

/// The table sections: top pain points, emerging issues, sentiment over time, channels and sources.
extension HTMLReport {
    func painPoints(_ m: inout Markup) {
        m.open("section", [("id", "pain-points")])
        m.element("h2", [], "Top pain points")
        m.element("p", [], "By impact: the number of mentions weighted by how much each hurts. "
                  + "\(Format.count(data.painPointTotal)) pain point mentions in the period. Trend: mentions per "
                  + "\(Format.interval(data.interval)) over the period.")
        guard !data.painPoints.isEmpty else {
            m.element("p", [("class", "note")], "No pain points in this period.")
            m.close("section")
            return
        }
        let labels = data.timeline.map(\.label)
        m.open("table", [("class", "pain-points")])
        m.raw("<thead><tr><th class=\"num\">#</th><th>Pain point, where it comes up most, and the most severe recent quote</th>"
              + "<th class=\"num\">Mentions</th><th class=\"num\">Share</th>"
              + (data.period != nil ? "<th class=\"num\">Before</th><th class=\"num\">Change</th>" : "")
              + "<th class=\"num\">Mean sentiment</th><th class=\"num\">Impact</th><th class=\"num\">Churn risk</th><th>Trend</th></tr></thead>\n<tbody>\n")
        for (i, r) in data.painPoints.enumerated() {
            m.open("tr", [("data-phrase", r.phrase), ("data-mentions", String(r.volume))])
            m.element("td", [("class", "num")], String(i + 1))
            m.open("td")
            m.element("strong", [], r.label)
            if let phase = r.mainPhase {
                m.raw("<br>")
                m.element("span", [("class", "where")], data.journey.phaseName(phase)
                          + (r.mainTouchpoint.map { " · " + data.journey.touchpointName($0) } ?? ""))
            }
            if let q = r.example { m.raw(HTMLReport.quote(q)) }
            m.close("td")
            m.element("td", [("class", "num")], Format.count(r.volume))
            m.element("td", [("class", "num")], Format.percent(r.share))
            if data.period != nil {
                m.element("td", [("class", "num")], r.previous.map(Format.count) ?? "")
                m.element("td", [("class", "num")], Format.change(r.change, previous: r.previous))
            }
            m.open("td", [("class", "num")]); m.raw(HTMLReport.sentimentCell(r.meanSentiment)); m.close("td")
            m.element("td", [("class", "num")], Format.number(r.impact, digits: 1))
            m.element("td", [("class", "num")], Format.count(r.churn))
            m.open("td")
            m.raw(SparklineSVG(values: r.series, labels: labels).render())
            m.close("td")
            m.close("tr")
            m.newline()
        }
        m.raw("</tbody></table>\n")
        m.close("section")
        m.newline()
    }

    func emerging(_ m: inout Markup) {
        m.open("section", [("id", "emerging")])
        m.element("h2", [], "Emerging issues")
        guard let period = data.period, let prev = data.previousPeriod else {
            m.element("p", [("class", "note")], "An all-time report has no previous period to compare with: give --period or --since.")
            m.close("section")
            return
        }
        m.element("p", [], "What rose in \(Format.period(period)) against \(Format.period(prev)), more than the overall volume "
                  + "explains. Listed: the themes that rose above their expected count, the strongest evidence first. "
                  + "Significant means q ≤ \(data.methods.emergingAlpha) after correcting for the number of themes tested.")
        m.open("div", [("class", "two")])
        for t in data.emerging {
            let what = t.dimension == .phrase ? "Pain points" : t.dimension == .topic ? "Topics" : "Touchpoints"
            let unit = t.dimension == .phrase ? "mentions" : "documents"
            m.open("div", [("class", "emerging"), ("data-dimension", t.dimension.rawValue)])
            m.element("h3", [], what)
            m.element("p", [("class", "note")], "\(Format.count(t.currentTotal)) \(unit) now, \(Format.count(t.previousTotal)) before; "
                      + "\(t.tested) themes with at least \(t.minCount) \(unit) tested, \(t.significantCount) significant.")
            if t.rows.isEmpty {
                m.element("p", [("class", "note")], "Nothing rose above its expected count.")
            } else {
                m.open("table")
                m.raw("<thead><tr><th>Theme</th><th class=\"num\">Now</th><th class=\"num\">Before</th><th class=\"num\">Expected</th>"
                      + "<th class=\"num\">Ratio</th><th class=\"num\">p</th><th class=\"num\">q</th><th>Significant</th></tr></thead>\n<tbody>\n")
                for r in t.rows {
                    m.open("tr", [("data-key", r.key), ("data-now", String(r.current)), ("data-before", String(r.previous)),
                                  ("data-significant", r.significant ? "yes" : "no")])
                    m.open("td")
                    m.element("strong", [], t.dimension == .topic ? HTMLReport.topicName(r.label) : r.label)
                    if let e = r.example { m.element("p", [("class", "quote")], "“" + Escape.truncate(e, 90) + "”") }
                    m.close("td")
                    m.element("td", [("class", "num")], Format.count(r.current))
                    m.element("td", [("class", "num")], Format.count(r.previous))
                    m.element("td", [("class", "num")], Format.number(r.expected, digits: 1))
                    m.element("td", [("class", "num")], Format.ratio(r.rateRatio))
                    m.element("td", [("class", "num")], Format.pValue(r.pValue))
                    m.element("td", [("class", "num")], Format.pValue(r.qValue))
                    m.open("td")
                    m.element("span", [("class", r.significant ? "badge yes" : "badge no")], r.significant ? "yes" : "no")
                    m.close("td")
                    m.close("tr")
                    m.newline()
                }
                m.raw("</tbody></table>\n")
            }
            m.close("div")
        }
        m.close("div")
        m.close("section")
        m.newline()
    }

    /// "delivery_delay" -> "delivery delay"
    static func topicName(_ key: String) -> String { key.replacingOccurrences(of: "_", with: " ") }

    func timeline(_ m: inout Markup) {
        let buckets = data.timeline
        m.open("section", [("id", "timeline")])
        m.element("h2", [], "Sentiment over time")
        let total = buckets.reduce(into: (0, 0, 0, 0)) { $0.0 += $1.documents; $0.1 += $1.negative; $0.2 += $1.neutral; $0.3 += $1.positive }
        m.element("p", [], "Documents per \(Format.interval(data.interval)), stacked by sentiment label, and their mean sentiment. "
                  + "Undated documents are left out.")
        m.open("div", [("class", "legend")])
        for (name, color, n) in [("negative", Palette.negative, total.1), ("neutral", Palette.neutral, total.2), ("positive", Palette.positive, total.3)] {
            m.open("span", [("class", "item")])
            m.raw("<span class=\"swatch\" style=\"background:\(color)\" aria-hidden=\"true\"></span>")
            m.add("\(name): \(Format.count(n)) (\(Format.percent(total.0 > 0 ? Double(n) / Double(total.0) : nil)))")
            m.close("span")
        }
        m.close("div")
        m.raw(TimelineSVG(buckets: buckets).render())
        m.newline()
        if !buckets.isEmpty {
            m.open("details", [("class", "timeline-data")])
            m.element("summary", [], "The figures per \(Format.interval(data.interval))")
            m.open("table")
            m.raw("<thead><tr><th>From</th><th class=\"num\">Documents</th><th class=\"num\">Negative</th><th class=\"num\">Neutral</th>"
                  + "<th class=\"num\">Positive</th><th class=\"num\">Share negative</th><th class=\"num\">Mean sentiment</th></tr></thead>\n<tbody>\n")
            for b in buckets {
                m.open("tr", [("data-start", b.label), ("data-documents", String(b.documents))])
                m.element("td", [], b.label + (b.isPartial ? " (partial: \(b.days) of \(b.bucketDays) days)" : ""))
                for v in [b.documents, b.negative, b.neutral, b.positive] { m.element("td", [("class", "num")], Format.count(v)) }
                m.element("td", [("class", "num")], Format.percent(b.shareNegative))
                m.open("td", [("class", "num")]); m.raw(HTMLReport.sentimentCell(b.meanSentiment)); m.close("td")
                m.close("tr")
                m.newline()
            }
            m.raw("</tbody></table>\n")
            m.close("details")
        }
        m.close("section")
        m.newline()
    }

    func breakdown(_ m: inout Markup) {
        m.open("section", [("id", "breakdown")])
        m.element("h2", [], "By channel and source")
        m.open("div", [("class", "two")])
        for (title, rows, dim) in [("Channels", data.byChannel, "channel"), ("Sources", data.bySource, "source")] {
            m.open("div", [("class", "breakdown"), ("data-dimension", dim)])
            m.element("h3", [], title)
            let widest = rows.map(\.share).max() ?? 1
            m.open("table")
            m.raw("<thead><tr><th>\(Escape.html(dim.capitalized))</th><th class=\"num\">Documents</th><th>Share</th>"
                  + "<th class=\"num\">Mean sentiment</th><th class=\"num\">Share negative</th></tr></thead>\n<tbody>\n")
            for r in rows {
                m.open("tr", [("data-key", r.key), ("data-documents", String(r.documents))])
                m.element("td", [], r.key)
                m.element("td", [("class", "num")], Format.count(r.documents))
                m.open("td")
                m.raw("<span class=\"share-bar\" style=\"width:\(Markup.n(80 * r.share / max(widest, 1e-9)))px\" aria-hidden=\"true\"></span>")
                m.add(Format.percent(r.share))
                m.close("td")
                m.open("td", [("class", "num")]); m.raw(HTMLReport.sentimentCell(r.meanSentiment)); m.close("td")
                m.element("td", [("class", "num")], Format.percent(r.shareNegative))
                m.close("tr")
                m.newline()
            }
            m.raw("</tbody></table>\n")
            m.close("div")
        }
        m.close("div")
        m.close("section")
        m.newline()
    }
}
