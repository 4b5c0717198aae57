import ArgumentParser
import Foundation
import PainmapStore

struct EmergingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emerging",
        abstract: "Themes whose volume rose significantly in the latest window against the window before.",
        discussion: """
        Compares the current window (--period days up to the newest document, or --since/--until) with the
        previous window of the same length. For each theme with at least --min-count mentions now, an exact
        conditional binomial test asks whether its count rose more than its share of the total volume allows
        (two Poisson rates compared); Benjamini-Hochberg q-values correct for testing many themes. A theme is
        listed when q <= --alpha. Columns: now, before, expected (if its share had not changed), ratio (rate
        ratio; "new" when it had no mentions before), p and q.

        Examples:
          painmap emerging                              # pain point phrases, last 28 days vs the 28 before
          painmap emerging --by topic --period 8w
          painmap emerging --by touchpoint --since 2026-09-01 --until 2026-09-30 --all
        """
    )

    @Option(help: ArgumentHelp("Themes: phrase (pain point key phrases), topic or touchpoint.", valueName: "what"))
    var by: TopDimension = .phrase

    @Option(help: ArgumentHelp("Window length when --since is not given: 14d, 4w, 3m, ...", valueName: "length"))
    var period: PeriodLength = PeriodLength(argument: "28d")!

    @Option(help: ArgumentHelp("Mentions a theme needs in the current window to be tested.", valueName: "n"))
    var minCount: Int = 5

    @Option(help: ArgumentHelp("False discovery rate: list themes with q at most this.", valueName: "q"))
    var alpha: Double = 0.05

    @Option(help: ArgumentHelp("Rows to show.", valueName: "n"))
    var limit: Int = 20

    @Flag(help: "List every theme tested, significant or not.")
    var all = false

    @OptionGroup var query: QueryOptions

    func validate() throws {
        if period.days == nil { throw ValidationError("--period all leaves no previous window to compare with") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if !(alpha > 0 && alpha <= 1) { throw ValidationError("--alpha must be in (0, 1]") }
    }

    func run() throws {
        let store = try query.open()
        guard let r = try store.emerging(by: by, filters: query.filters, defaultDays: period.days ?? 28, minCount: minCount, alpha: alpha,
                                         limit: limit, all: all) else {
            print("no dated documents")
            return
        }
        var t = ResultTable(columns: [
            .init(key: "theme", title: by == .phrase ? "pain point" : by.rawValue, maxWidth: 32),
            .init(key: "current", title: "now", right: true),
            .init(key: "previous", title: "before", right: true),
            .init(key: "expected", title: "expected", right: true),
            .init(key: "rate_ratio", title: "ratio", right: true),
            .init(key: "p_value", title: "p", right: true),
            .init(key: "q_value", title: "q", right: true),
            .init(key: "significant", title: "sig"),
            .init(key: "example", title: "example", maxWidth: 60),
        ])
        for row in r.rows {
            t.rows.append([.text(row.label), .int(row.current), .int(row.previous), .number(row.expected, digits: 1),
                           row.rateRatio.isFinite ? .number(row.rateRatio, digits: 2) : .text("new"),
                           .pValue(row.pValue), .pValue(row.qValue), .text(row.significant ? "yes" : "no"), .text(row.example ?? "")])
        }
        let unit = by == .phrase ? "pain points" : "documents"
        t.title = "Rising \(by == .phrase ? "pain points" : by.rawValue + "s"): \(r.window) vs \(r.previousWindow) "
            + "(\(ResultTable.grouped(r.currentTotal)) vs \(ResultTable.grouped(r.previousTotal)) \(unit))"
        t.notes = ["\(r.tested) themes with at least \(r.minCount) mentions tested; exact binomial test of each count against its share of the total, Benjamini-Hochberg q <= \(alpha)."]
        if r.previousTotal == 0 { t.notes.append("The previous window has no data: nothing can be called a rise.") }
        t.meta = [("by", .text(by.rawValue)), ("since", .text(DateParser.isoDay(r.window.start))), ("until", .text(DateParser.isoDay(r.window.end))),
                  ("previous_since", .text(DateParser.isoDay(r.previousWindow.start))), ("previous_until", .text(DateParser.isoDay(r.previousWindow.end))),
                  ("current_total", .int(r.currentTotal)), ("previous_total", .int(r.previousTotal)), ("tested", .int(r.tested)),
                  ("min_count", .int(r.minCount)), ("alpha", .number(alpha, digits: 4))]
        Output().print(t, query.format)
    }
}
