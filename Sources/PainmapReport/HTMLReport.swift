import Foundation
import PainmapStore

/// The journey report as one self-contained HTML file: inline CSS and SVG, no script, no font or image
/// from anywhere, printable. It only formats a `ReportData`; every user or customer text is escaped.
public struct HTMLReport {
    public var data: ReportData

    public init(_ data: ReportData) { self.data = data }

    public func render() -> String {
        var m = Markup()
        m.raw("<!DOCTYPE html>\n")
        m.open("html", [("lang", "en")])
        m.newline()
        m.open("head")
        m.raw("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        m.empty("meta", [("name", "generator"), ("content", data.generator)])
        m.newline()
        m.element("title", [], "Customer journey report, \(Format.period(data.period))")
        m.newline()
        m.raw("<style>\n" + ReportStyle.css + "\n</style>\n")
        m.close("head")
        m.newline()
        m.open("body")
        m.newline()
        header(&m)
        m.open("main")
        m.newline()
        headline(&m)
        journey(&m)
        painPoints(&m)
        emerging(&m)
        timeline(&m)
        breakdown(&m)
        m.close("main")
        m.newline()
        methods(&m)
        m.close("body")
        m.newline()
        m.close("html")
        m.newline()
        return m.text
    }

    func header(_ m: inout Markup) {
        m.open("header")
        m.element("h1", [], "Customer journey report")
        var sub = Format.period(data.period)
        if let p = data.previousPeriod { sub += ", compared with the \(p.days) days before (\(Format.dates(p)))" }
        let filters = Format.filters(QueryFilters(sources: data.filters.sources, channels: data.filters.channels, phases: data.filters.phases,
                                                  touchpoints: data.filters.touchpoints, topics: data.filters.topics))
        if filters != "none" { sub += ". Filters: \(filters)" }
        m.element("p", [("class", "subtitle")], sub + ".")
        m.close("header")
        m.newline()
    }

    // MARK: headline figures

    func headline(_ m: inout Markup) {
        let h = data.headline, c = h.current, prev = h.previous
        m.open("section", [("id", "headline"), ("aria-label", "Headline figures")])
        m.open("div", [("class", "figures")])
        figure(&m, "documents", label: "Documents", value: Format.count(c.documents), raw: String(c.documents),
               delta: prev.map { "\(Format.change(h.documentChange, previous: $0.documents)) vs \(Format.count($0.documents)) before" },
               detail: c.undated > 0 ? "\(Format.count(c.undated)) of them undated" : nil)
        let range = c.firstDay == nil ? "no dated documents" : "\(Format.day(c.firstDay)) to \(Format.day(c.lastDay))"
        figure(&m, "date-range", label: "Date range", value: range, raw: range, small: true, detail: "first and last document")
        let sources = data.bySource
        figure(&m, "sources", label: "Sources", value: String(sources.count), raw: String(sources.count),
               detail: sources.prefix(4).map { "\($0.key) \(Format.percent($0.share))" }.joined(separator: ", ")
                   + (sources.count > 4 ? ", …" : ""))
        figure(&m, "share-negative", label: "Share negative", value: Format.percent(c.shareNegative),
               raw: c.shareNegative.map { String(format: "%.6f", $0) } ?? "",
               delta: prev.map { _ in "\(Format.points(h.shareNegativeChange)) vs \(Format.percent(prev?.shareNegative)) before" },
               detail: "\(Format.count(c.negative)) of \(Format.count(c.documents)) documents")
        figure(&m, "mean-sentiment", label: "Mean sentiment", value: Format.sentiment(c.meanSentiment),
               raw: c.meanSentiment.map { String(format: "%.6f", $0) } ?? "", swatch: c.meanSentiment,
               delta: prev.map { _ in "\(Format.sentimentChange(h.meanSentimentChange)) vs \(Format.sentiment(prev?.meanSentiment)) before" },
               detail: "compound score, -1 to +1")
        figure(&m, "pain-points", label: "Pain points", value: Format.count(c.painPoints), raw: String(c.painPoints),
               delta: prev.map { p -> String in
                   let ch = p.painPoints > 0 ? Double(c.painPoints - p.painPoints) / Double(p.painPoints) : nil
                   return "\(Format.change(ch, previous: p.painPoints)) vs \(Format.count(p.painPoints)) before"
               }, detail: "complaints found in the documents")
        figure(&m, "churn-risk", label: "Churn risk", value: Format.count(c.churnRisk), raw: String(c.churnRisk),
               delta: prev.map { "\(Format.count($0.churnRisk)) before" }, detail: "documents that talk of cancelling or leaving")
        m.close("div")
        m.close("section")
        m.newline()
    }

    private func figure(_ m: inout Markup, _ id: String, label: String, value: String, raw: String, small: Bool = false, swatch: Double? = nil,
                        delta: String? = nil, detail: String? = nil) {
        m.open("div", [("class", "figure"), ("data-figure", id), ("data-value", raw)])
        m.element("div", [("class", "label")], label)
        m.open("div", [("class", small ? "value small" : "value")])
        if let swatch { m.raw(HTMLReport.swatch(swatch)) }
        m.add(value)
        m.close("div")
        if let delta, !delta.isEmpty { m.element("div", [("class", "delta")], delta) }
        if let detail, !detail.isEmpty { m.element("div", [("class", "detail")], detail) }
        m.close("div")
        m.newline()
    }

    /// A coloured square for a sentiment; the number is always printed next to it.
    static func swatch(_ sentiment: Double) -> String {
        "<span class=\"swatch\" style=\"background:\(Palette.color(sentiment))\" aria-hidden=\"true\"></span>"
    }

    /// A sentiment as its colour and its number.
    static func sentimentCell(_ s: Double?) -> String {
        guard let s else { return "n/a" }
        return swatch(s) + Escape.html(Format.sentiment(s))
    }

    /// A quote with its origin.
    static func quote(_ q: Quote, limit: Int = 220) -> String {
        var m = Markup()
        m.open("p", [("class", "quote"), ("data-document", String(q.documentID))])
        m.add("“" + Escape.truncate(q.text, limit) + "” ")
        m.element("span", [("class", "who")], "(\(Format.attribution(q)))")
        m.close("p")
        return m.text
    }

    // MARK: methods footer

    func methods(_ m: inout Markup) {
        m.open("footer", [("id", "methods")])
        m.element("h2", [], "Methods")
        m.open("dl")
        func item(_ term: String, _ value: String) {
            m.element("dt", [], term)
            m.element("dd", [], value)
        }
        item("Produced by", "\(data.generator) on \(data.generatedAt.isEmpty ? "an unrecorded date" : data.generatedAt)"
             + (data.database.map { " from \($0)" } ?? ""))
        item("Period", Format.period(data.period) + (data.previousPeriod.map { "; compared with \(Format.period($0))" } ?? "; no comparison"))
        item("Filters", Format.filters(data.filters))
        if data.methods.analyses.isEmpty { item("Analysis", "no documents") }
        for a in data.methods.analyses {
            let v = a.versions
            item(data.methods.analyses.count > 1 ? "Analysis (\(Format.count(a.documents)) documents)" : "Analysis",
                 "sentiment lexicon \(v.lexicon), topic model \(v.topicModel), phase model \(v.phaseModel), journey template \(v.journey)")
        }
        item("Sentiment", "compound score from painmap's own lexicon and rules, -1 to +1; a document is negative at "
             + "\(Format.sentiment(-data.methods.labelThreshold)) or below and positive at \(Format.sentiment(data.methods.labelThreshold)) "
             + "or above. Colours run from orange (negative) through grey to blue (positive) and saturate at ±\(Format.number(Palette.limit, digits: 1)); "
             + "the number is printed beside every colour.")
        item("Journey map", "a document sits in one phase and in a cell for each touchpoint it names; pain points are the negative or "
             + "pain-cue clauses inside documents, grouped by key phrase. Touchpoints are listed in the order of the phase where the "
             + "template says they usually show up.")
        item("Top pain points", "ranked by impact, the sum of each mention's severity (0 to 1), as painmap top ranks them. Trend: mentions per "
             + Format.interval(data.interval) + ". The quote is the most severe of the latest \(Format.count(data.methods.exampleWindow)) mentions.")
        item("Emerging issues", "as painmap emerging tests them, over the report's period and the one before: each theme with at least "
             + "\(data.methods.emergingMinCount) mentions is tested with an exact conditional binomial test of its count against its "
             + "share of the total volume, and Benjamini-Hochberg q-values control the false discovery rate at \(data.methods.emergingAlpha).")
        m.close("dl")
        m.close("footer")
        m.newline()
    }
}
