import ArgumentParser
import Foundation
import PainmapJourney
import PainmapReport
import PainmapStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The journey report: one self-contained HTML page (or Markdown) drawn from the database.",
        discussion: """
        The report holds the headline figures (documents, date range, sources, share negative, the change against \
        the previous period), the journey map (the six phases across, touchpoints down, each cell coloured and \
        labelled with its mean sentiment and volume, with its top pain points and a quote), the top pain points with \
        a trend line each, the emerging issues with their significance, sentiment over time, a breakdown by channel \
        and source, and a methods footer (lexicon, models and journey template with their versions, the filters).

        The HTML page has its CSS and SVG inline and loads nothing: it reads offline, prints (A4, the map on a page of its own) and can \
        be mailed as it is. Its colours stay apart for colour-blind readers (orange to blue), and every colour has \
        its number beside it. --format md gives the same content as Markdown, for a ticket or a wiki page.

        The period is --since/--until when given, else the last --period days up to the newest document. The \
        changes and the emerging issues compare it with the period of the same length before it.

        \(ReportCommand.filterHelp)
        Examples:
          painmap report --html report.html         # last 90 days
          painmap report --html q3.html --since 2026-07-01 --until 2026-09-30
          painmap report --html mail.html --source zendesk --channel email
          painmap report --format md --period 4w > report.md
        """
    )

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case html, md }

    @Option(help: ArgumentHelp("Write the HTML report to this file (default: standard output).", valueName: "path"))
    var html: String?

    @Option(help: ArgumentHelp("Output: html (one self-contained page) or md (Markdown).", valueName: "format"))
    var format: ReportFormat = .html

    @Option(help: ArgumentHelp("Period length when --since is not given: 30d, 12w, 3m, 1y or all.", valueName: "length"))
    var period: PeriodLength = PeriodLength(argument: "90d")!

    @Option(help: ArgumentHelp("Rows of the top pain points table.", valueName: "n"))
    var limit: Int = 10

    @Option(help: ArgumentHelp("Mentions a theme needs in the period to be tested as emerging.", valueName: "n"))
    var minCount: Int = 5

    @Option(help: ArgumentHelp("False discovery rate for emerging issues: significant when q is at most this.", valueName: "q"))
    var alpha: Double = 0.05

    @Option(help: ArgumentHelp("Folder with painmap's lexicons, for the journey template's touchpoint names (default: found beside the binary or in the checkout; or $PAINMAP_LEXICONS).", valueName: "dir"))
    var lexicons: String?

    /// The database and filters, parsed by the query commands' own `QueryOptions` (their --format, which
    /// offers table/csv/json, would clash with this command's).
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The database and filters: --db, --since, --until, --source, --channel, --phase, --touchpoint, --topic (see below).", valueName: "filters"))
    var filterArguments: [String] = []

    /// The filter options of `QueryOptions`, for the discussion. ArgumentParser reads every subcommand's
    /// configuration at start-up, so building this help text cost every painmap command ~14M instructions
    /// (7.5% of `painmap sentiment`'s start-up, callgrind); it is built only when the command line can show
    /// it: report's own help (`report --help`, `help report`) or a dump of all help (`--experimental-dump-help`).
    static var filterHelp: String {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.contains("report") || arguments.contains(where: { $0.hasPrefix("--experimental") }) else { return "" }
        let help = QueryOptions.helpMessage(columns: 80)
        guard let start = help.range(of: "OPTIONS:") else { return "" }
        var lines: [String] = []
        var skipping = false
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-") { skipping = trimmed.hasPrefix("--format") || trimmed.hasPrefix("-h,") || trimmed.hasPrefix("--help") }
            if skipping || trimmed.isEmpty { continue }
            lines.append(String(line))
        }
        guard !lines.isEmpty else { return "" }
        return "Database and filters (as in painmap top, trends, emerging and journey):\n" + lines.joined(separator: "\n") + "\n"
    }

    func query() throws -> QueryOptions {
        do {
            return try QueryOptions.parse(filterArguments)
        } catch {
            throw ValidationError(QueryOptions.message(for: error))
        }
    }

    func validate() throws {
        if html != nil, format == .md { throw ValidationError("--html writes HTML: leave out --format md, or redirect the Markdown instead") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if !(alpha > 0 && alpha <= 1) { throw ValidationError("--alpha must be in (0, 1]") }
        _ = try query()
    }

    func run() throws {
        let query = try query()
        let store = try query.open()
        let lexicons = self.lexicons
        let options = ReportOptions(filters: query.filters, defaultDays: period.days, painPointLimit: limit, emergingMinCount: minCount,
                                    alpha: alpha, generator: "painmap \(Painmap.version)", generatedAt: ReportCommand.now(),
                                    template: { id in try? JourneyTaxonomy.load(id, lexicons: lexicons) })
        let data = try ReportData.gather(from: store, options: options)
        let text = format == .md ? MarkdownReport(data).render() : HTMLReport(data).render()
        guard let path = html else {
            let out = Output()
            out.write(text)
            out.flush()
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ValidationError("cannot write \(path): \(error.localizedDescription)")
        }
        let c = data.headline.current
        Diagnostics.warn("wrote \(path): \(Format.count(c.documents)) documents, \(Format.period(data.period)), "
                         + "\(data.journey.touchpoints.count) touchpoints on the map, \(text.utf8.count / 1024) KB")
    }

    /// Now, as 2026-11-22T08:15:00Z.
    static func now() -> String {
        var t = time(nil)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(tmv.tm_year) + 1900, Int(tmv.tm_mon) + 1, Int(tmv.tm_mday),
                      Int(tmv.tm_hour), Int(tmv.tm_min), Int(tmv.tm_sec))
    }
}
