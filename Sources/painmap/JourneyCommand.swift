import ArgumentParser
import Foundation
import PainmapStore

struct JourneyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journey",
        abstract: "The journey matrix: documents per phase and touchpoint, their mean sentiment and top pain point.",
        discussion: """
        The table shows, per phase (rows, in journey order) and touchpoint (columns, largest first), the number
        of documents and their mean sentiment; then the hot spots: the cells where the most negative feeling
        piles up (documents x negativity), each with its most frequent pain point. csv and json give one row per
        cell. All time unless --since/--until or --period are given.

        Examples:
          painmap journey
          painmap journey --period 90d --source zendesk
          painmap journey --format csv > journey.csv
        """
    )

    @Option(help: ArgumentHelp("Touchpoint columns in the table.", valueName: "n"))
    var columns: Int = 8

    @Option(help: ArgumentHelp("Hot spots to list.", valueName: "n"))
    var hotSpots: Int = 10

    @Option(help: ArgumentHelp("Period length when --since is not given (default: all).", valueName: "length"))
    var period: PeriodLength = PeriodLength(argument: "all")!

    @OptionGroup var query: QueryOptions

    func run() throws {
        let store = try query.open()
        let r = try store.journey(filters: query.filters, defaultDays: period.days)
        let out = Output()
        switch query.format {
        case .csv, .json:
            var t = ResultTable(columns: [.init(key: "phase", title: "phase"), .init(key: "touchpoint", title: "touchpoint"),
                                          .init(key: "documents", title: "documents"), .init(key: "mean_sentiment", title: "sentiment"),
                                          .init(key: "pain_points", title: "pain points"), .init(key: "top_pain_point", title: "top pain point"),
                                          .init(key: "top_pain_count", title: "count")])
            for p in r.phases {
                for tp in r.touchpoints {
                    guard let c = r.cell(p, tp) else { continue }
                    t.rows.append([.text(p), .text(tp), .int(c.documents), .number(c.meanSentiment, digits: 4), .int(c.painPoints),
                                   c.topPainPoint.map { .text($0) } ?? .null, .int(c.topPainCount)])
                }
            }
            if let p = r.period { t.meta = [("since", .text(DateParser.isoDay(p.start))), ("until", .text(DateParser.isoDay(p.end)))] }
            out.print(t, query.format)
        case .table, .md:
            let tps = Array(r.touchpoints.prefix(columns))
            var m = ResultTable(columns: [.init(key: "phase", title: "phase"), .init(key: "documents", title: "docs", right: true)]
                                + tps.map { .init(key: $0, title: $0, right: true) })
            for p in r.phases {
                let pd = r.phaseDocuments[p]
                var row: [ResultTable.Cell] = [.text(p), .int(pd?.count ?? 0)]
                for tp in tps {
                    if let c = r.cell(p, tp) { row.append(.text("\(c.documents) \(String(format: "%+.2f", c.meanSentiment))")) } else { row.append(.text("·")) }
                }
                m.rows.append(row)
            }
            m.title = "Journey, \(Describe.period(r.period)): documents and mean sentiment per phase and touchpoint"
            if r.touchpoints.count > tps.count { m.notes = ["(\(r.touchpoints.count - tps.count) smaller touchpoints not shown; --columns N)"] }
            out.write(m.render(query.format))
            out.write("\n")
            var h = ResultTable(columns: [.init(key: "phase", title: "phase"), .init(key: "touchpoint", title: "touchpoint"),
                                          .init(key: "documents", title: "docs", right: true), .init(key: "sentiment", title: "sentiment", right: true),
                                          .init(key: "top", title: "top pain point", maxWidth: 40), .init(key: "count", title: "mentions", right: true)])
            let hot = r.cells.filter { $0.meanSentiment < 0 }
                .sorted { (Double($0.documents) * -$0.meanSentiment, $1.phase) > (Double($1.documents) * -$1.meanSentiment, $0.phase) }
                .prefix(hotSpots)
            for c in hot {
                h.rows.append([.text(c.phase), .text(c.touchpoint), .int(c.documents), .number(c.meanSentiment, digits: 2),
                               .text(c.topPainPoint ?? ""), .int(c.topPainCount)])
            }
            h.title = "Hot spots (documents x negativity)"
            out.print(h, query.format)
        }
    }
}
