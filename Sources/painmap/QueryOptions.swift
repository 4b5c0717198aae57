import ArgumentParser
import Foundation
import PainmapStore

/// The database and filters every query command takes.
struct QueryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The database file.", valueName: "path"))
    var db: String = PainmapStore.defaultPath

    @Option(help: ArgumentHelp("First day included (2026-09-01, or any date format ingest reads).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Last day included.", valueName: "date"))
    var until: String?

    @Option(name: .customLong("source"), help: ArgumentHelp("Only this source (repeat for several).", valueName: "name"))
    var sources: [String] = []

    @Option(name: .customLong("channel"), help: ArgumentHelp("Only this channel (repeat for several).", valueName: "name"))
    var channels: [String] = []

    @Option(name: .customLong("phase"), help: ArgumentHelp("Only this journey phase: awareness, consideration, purchase, usage, retention, advocacy.", valueName: "phase"))
    var phases: [String] = []

    @Option(name: .customLong("touchpoint"), help: ArgumentHelp("Only this touchpoint (repeat for several).", valueName: "id"))
    var touchpoints: [String] = []

    @Option(name: .customLong("topic"), help: ArgumentHelp("Only this topic (repeat for several).", valueName: "topic"))
    var topics: [String] = []

    @Option(help: ArgumentHelp("Output: table, csv, json or md.", valueName: "format"))
    var format: OutputFormat = .table

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let v = value, DateParser.filterDay(v) == nil {
                throw ValidationError("\(name) '\(v)' is not a date (use YYYY-MM-DD)")
            }
        }
        if let s = since.flatMap(DateParser.filterDay), let u = until.flatMap(DateParser.filterDay), s > u {
            throw ValidationError("--since is after --until")
        }
    }

    var filters: QueryFilters {
        QueryFilters(since: since.flatMap(DateParser.filterDay), until: until.flatMap(DateParser.filterDay), sources: sources,
                     channels: channels, phases: phases, touchpoints: touchpoints, topics: topics)
    }

    func open() throws -> PainmapStore {
        try PainmapStore(path: db, mustExist: true)
    }
}

/// A period length: 30d, 12w, 3m (30-day months), 1y, or all.
struct PeriodLength: ExpressibleByArgument, CustomStringConvertible {
    /// Nil: all time.
    var days: Int?
    var text: String

    init?(argument: String) {
        let s = argument.lowercased()
        text = s
        if s == "all" { days = nil; return }
        guard let unit = s.last, let n = Int(s.dropLast()), n > 0 else {
            guard let n = Int(s), n > 0 else { return nil }
            days = n
            return
        }
        switch unit {
        case "d": days = n
        case "w": days = n * 7
        case "m": days = n * 30
        case "y": days = n * 365
        default: return nil
        }
    }

    var description: String { text }
    var defaultValueDescription: String { text }
}

extension TopDimension: ExpressibleByArgument {}
extension TopSort: ExpressibleByArgument {}
extension TrendInterval: ExpressibleByArgument {}
extension TrendDimension: ExpressibleByArgument {}

enum Describe {
    static func period(_ p: Period?) -> String {
        guard let p else { return "all time" }
        return "\(p) (\(p.days) days)"
    }

    static func change(_ c: Double?, previous: Int?) -> ResultTable.Cell {
        guard let previous else { return .null }
        if previous == 0 { return .text("new") }
        return .signedPercent(c)
    }
}
