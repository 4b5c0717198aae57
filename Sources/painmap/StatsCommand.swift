import ArgumentParser
import Foundation
import PainmapStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "What the database holds: documents per source, channel, language, topic and phase, dates, imports.",
        discussion: """
        Examples:
          painmap stats
          painmap stats --db demo.sqlite --format json
          painmap stats --since 2026-09-01 --source zendesk
        """
    )

    @OptionGroup var query: QueryOptions

    func run() throws {
        let store = try query.open()
        let s = try store.stats(filters: query.filters)
        let out = Output()
        func counts(_ name: String, _ rows: [CountRow]) -> ResultTable {
            var t = ResultTable(columns: [.init(key: "section", title: "section"), .init(key: "key", title: name),
                                          .init(key: "documents", title: "documents", right: true), .init(key: "share", title: "share", right: true),
                                          .init(key: "first", title: "first"), .init(key: "last", title: "last")])
            for r in rows {
                t.rows.append([.text(name), .text(r.key), .int(r.documents), .percent(s.documents > 0 ? Double(r.documents) / Double(s.documents) : 0),
                               .text(r.first ?? ""), .text(r.last ?? "")])
            }
            return t
        }
        let sections = [counts("source", s.bySource), counts("channel", s.byChannel), counts("language", s.byLanguage),
                        counts("topic", s.byTopic), counts("phase", s.byPhase)]
        switch query.format {
        case .csv, .json:
            var all = sections[0]
            for t in sections.dropFirst() { all.rows += t.rows }
            all.meta = [("documents", .int(s.documents)), ("undated", .int(s.undated)), ("pain_points", .int(s.painPoints)),
                        ("touchpoint_mentions", .int(s.touchpointMentions)), ("first", s.first.map { .text($0) } ?? .null),
                        ("last", s.last.map { .text($0) } ?? .null), ("imports", .int(s.imports)), ("rejects", .int(s.rejects)),
                        ("labels", .int(s.labels))]
            out.print(all, query.format)
        case .table, .md:
            out.write("\(query.db): \(ResultTable.grouped(s.documents)) documents (\(s.undated) undated), \(s.first ?? "-") .. \(s.last ?? "-"); "
                      + "\(ResultTable.grouped(s.painPoints)) pain points, \(ResultTable.grouped(s.touchpointMentions)) touchpoint mentions\n")
            out.write("imports: \(s.imports)\(s.interruptedImports > 0 ? " (\(s.interruptedImports) interrupted or failed)" : ""), "
                      + "rejected rows: \(s.rejects), labels: \(s.labels); schema: \(s.migrations.joined(separator: ", "))\n")
            for (v, n) in s.analyses {
                out.write("analysed by lexicon \(v.lexicon), topics \(v.topicModel), phases \(v.phaseModel), journey \(v.journey): \(n) documents\n")
            }
            out.write("\n")
            for var t in sections {
                t.columns.removeFirst()
                t.rows = t.rows.map { Array($0.dropFirst()) }
                out.write(t.render(query.format))
                out.write("\n")
            }
            out.flush()
        }
    }
}
