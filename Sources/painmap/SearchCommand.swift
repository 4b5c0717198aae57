import ArgumentParser
import Foundation
import PainmapStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over the stored feedback, best matches first.",
        discussion: """
        Words are stemmed ("crash" finds "crashed", "crashes"). FTS5 syntax works: "exact phrase", AND, OR,
        NOT, prefix*, NEAR(a b, 5). Anything that is not valid syntax is searched as plain words.

        Examples:
          painmap search parcelgo
          painmap search '"still waiting" refund' --since 2026-09-01
          painmap search 'crash NOT login' --channel "app store" --format json
        """
    )

    @Argument(help: ArgumentHelp("What to look for.", valueName: "query"))
    var text: String

    @Option(help: ArgumentHelp("Matches to show.", valueName: "n"))
    var limit: Int = 20

    @OptionGroup var query: QueryOptions

    func run() throws {
        let store = try query.open()
        let markers = query.format == .table && isatty(STDOUT_FILENO) == 1 ? ("\u{1B}[1m", "\u{1B}[0m")
            : (query.format == .md ? ("**", "**") : ("[", "]"))
        let hits = try store.search(text, filters: query.filters, limit: limit, markers: markers)
        var t = ResultTable(columns: [
            .init(key: "id", title: "id", right: true), .init(key: "date", title: "date"), .init(key: "source", title: "source"),
            .init(key: "external_id", title: "source id", maxWidth: 16), .init(key: "channel", title: "channel"), .init(key: "topic", title: "topic"),
            .init(key: "phase", title: "phase"), .init(key: "sentiment", title: "sentiment", right: true), .init(key: "text", title: "text", maxWidth: 110),
        ])
        for h in hits {
            t.rows.append([.text(String(h.id)), .text(h.createdAt.map { String($0.prefix(10)) } ?? ""), .text(h.source), .text(h.externalID ?? ""),
                           .text(h.channel ?? ""), .text(h.topic), .text(h.phase), .number(h.sentiment, digits: 2), .text(h.snippet)])
        }
        t.title = "\(hits.count) match\(hits.count == 1 ? "" : "es") for \(text)" + (hits.count == limit ? " (first \(limit); --limit N)" : "")
        t.meta = [("query", .text(text)), ("count", .int(hits.count))]
        Output().print(t, query.format)
    }
}
