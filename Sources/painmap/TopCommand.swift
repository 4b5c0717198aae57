import ArgumentParser
import Foundation
import PainmapStore

struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "What hurts most: the top pain points, topics or touchpoints, with the change against the previous period.",
        discussion: """
        Ranks by impact (the sum of pain severity, 0-1 per mention) unless --sort says otherwise, and shows
        volume, share, mean sentiment, churn-risk mentions, the volume in the previous period of the same
        length, the change, and the most severe quote.

        The period is --since/--until when given, else the last --period days up to the newest document.

        Examples:
          painmap top                                  # pain points by key phrase, last 90 days
          painmap top --by topic --period 30d
          painmap top --by touchpoint --since 2026-09-01 --until 2026-11-30 --format md
          painmap top --source zendesk --channel email --sort change --limit 20 --format csv > top.csv
        """
    )

    @Option(help: ArgumentHelp("What to rank: phrase (pain points by key phrase), topic or touchpoint.", valueName: "what"))
    var by: TopDimension = .phrase

    @Option(help: ArgumentHelp("Order: impact, volume, sentiment (most negative first) or change.", valueName: "order"))
    var sort: TopSort = .impact

    @Option(help: ArgumentHelp("Rows to show.", valueName: "n"))
    var limit: Int = 10

    @Option(help: ArgumentHelp("Period length when --since is not given: 30d, 12w, 3m, 1y or all.", valueName: "length"))
    var period: PeriodLength = PeriodLength(argument: "90d")!

    @OptionGroup var query: QueryOptions

    func validate() throws { if limit < 1 { throw ValidationError("--limit must be at least 1") } }

    func run() throws {
        let store = try query.open()
        let r = try store.top(by: by, filters: query.filters, defaultDays: period.days, limit: limit, sort: sort)
        let what: String
        switch by {
        case .phrase: what = "pain point"
        case .topic: what = "topic"
        case .touchpoint: what = "touchpoint"
        }
        var t = ResultTable(columns: [
            .init(key: "rank", title: "#", right: true),
            .init(key: by.rawValue, title: what, maxWidth: 32),
            .init(key: "volume", title: "volume", right: true),
            .init(key: "share", title: "share", right: true),
            .init(key: "mean_sentiment", title: "sentiment", right: true),
            .init(key: "impact", title: "impact", right: true),
            .init(key: "churn_risk", title: "churn", right: true),
            .init(key: "previous", title: "prev", right: true),
            .init(key: "change", title: "change", right: true),
            .init(key: "example", title: "example", maxWidth: 70),
        ])
        for (i, row) in r.rows.enumerated() {
            t.rows.append([.int(i + 1), .text(row.label), .int(row.volume), .percent(row.share), .number(row.meanSentiment, digits: 2),
                           .number(row.impact, digits: 1), .int(row.churn), row.previous.map { .int($0) } ?? .null,
                           Describe.change(row.change, previous: row.previous), .text(row.example ?? "")])
        }
        let unit = by == .phrase ? "pain points" : "documents"
        let prev = r.period.map { " vs \($0.previous)" } ?? ""
        t.title = "Top \(what)s by \(sort.rawValue), \(Describe.period(r.period))\(prev); \(ResultTable.grouped(r.total)) \(unit)"
        t.meta = [("by", .text(by.rawValue)), ("sort", .text(sort.rawValue)), ("total", .int(r.total))]
        if let p = r.period {
            t.meta += [("since", .text(DateParser.isoDay(p.start))), ("until", .text(DateParser.isoDay(p.end))),
                       ("previous_since", .text(DateParser.isoDay(p.previous.start))), ("previous_until", .text(DateParser.isoDay(p.previous.end)))]
        }
        Output().print(t, query.format)
    }
}
