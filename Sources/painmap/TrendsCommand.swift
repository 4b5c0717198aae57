import ArgumentParser
import Foundation
import PainmapStore

struct TrendsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Time series of volume and sentiment per topic, phase, touchpoint or sentiment label.",
        discussion: """
        The table shows one line per series with a sparkline of its volume (weeks start on Monday); csv and json
        give every bucket: bucket, key, documents, mean_sentiment (the key "all" is every document that passes
        the filters). Undated documents are left out. All time unless --since/--until are given.

        Examples:
          painmap trends                                   # weekly, by topic
          painmap trends --every month --by phase
          painmap trends --every day --by sentiment --since 2026-08-01
          painmap trends --by touchpoint --topic delivery_delay --format csv > delivery.csv
        """
    )

    @Option(help: ArgumentHelp("Bucket size: day, week or month.", valueName: "interval"))
    var every: TrendInterval = .week

    @Option(help: ArgumentHelp("Series: topic, phase, touchpoint or sentiment.", valueName: "what"))
    var by: TrendDimension = .topic

    @Option(help: ArgumentHelp("Keep the largest series only (0: all).", valueName: "n"))
    var top: Int = 10

    @OptionGroup var query: QueryOptions

    func run() throws {
        let store = try query.open()
        let r = try store.trends(every: every, by: by, filters: query.filters, top: top)
        let out = Output()
        switch query.format {
        case .csv, .json:
            var t = ResultTable(columns: [.init(key: "bucket", title: "bucket"), .init(key: by.rawValue, title: by.rawValue),
                                          .init(key: "documents", title: "documents"), .init(key: "mean_sentiment", title: "sentiment")])
            for s in r.series + [r.all] {
                for (i, b) in r.labels.enumerated() {
                    t.rows.append([.text(b), .text(s.key), .int(s.counts[i]), s.meanSentiment[i].map { .number($0, digits: 4) } ?? .null])
                }
            }
            t.meta = [("every", .text(every.rawValue)), ("by", .text(by.rawValue))]
            out.print(t, query.format)
        case .table, .md:
            let width = 60
            let span = r.labels.isEmpty ? "" : "\(r.labels.first!) .. \(r.labels.last!)"
            var t = ResultTable(columns: [
                .init(key: by.rawValue, title: by.rawValue),
                .init(key: "total", title: "total", right: true),
                .init(key: "trend", title: "\(every.rawValue)ly volume" + (r.buckets.count > width ? " (\(r.buckets.count) \(every.rawValue)s folded)" : "")),
                .init(key: "latest", title: "latest", right: true),
                .init(key: "peak", title: "peak", right: true),
                .init(key: "peak_at", title: "peak at"),
                .init(key: "sentiment", title: "sentiment"),
            ])
            func line(_ s: TrendSeries) -> [ResultTable.Cell] {
                let peak = s.counts.enumerated().max { ($0.element, $1.offset) < ($1.element, $0.offset) }
                return [.text(s.key), .int(s.total), .text(Sparkline.render(Sparkline.fold(s.counts, width: width))),
                        .int(s.counts.last ?? 0), .int(peak?.element ?? 0), .text(peak.map { r.labels[$0.offset] } ?? ""),
                        .text(Sparkline.renderSigned(s.meanSentiment.count > width ? [] : s.meanSentiment))]
            }
            for s in r.series { t.rows.append(line(s)) }
            t.rows.append(line(r.all))
            t.title = "Documents per \(every.rawValue) by \(by.rawValue), \(span)"
            t.notes = ["(sentiment: mean per bucket, low to high" + (r.buckets.count > width ? "; left out for more than \(width) buckets)" : ")")]
            out.print(t, query.format)
        }
    }
}
