import ArgumentParser
import Foundation
import PainmapStore

/// Corrections people make to the analysis, applied over it in the store (the model's value kept in the
/// label), and exported as training data so the next topic model learns from them.
struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Correct a stored document's topic, phase, touchpoint or sentiment, or add a note.",
        discussion: """
        A topic, phase or sentiment label corrects the stored analysis: `top`, `trends`, `journey` and `report`
        count the corrected value from then on, and `painmap reanalyze` keeps it. The model's value stays in
        the label (table `labels`), and `label list` shows both. A touchpoint label adds a touchpoint the
        document is about (the ones the analysis found stay; its pain points without a touchpoint get it).
        Notes are kept for people. `label export` turns the corrected topics into a training file for
        `painmap train`.

        Examples:
          painmap search "charged twice"          # the id column is the document id
          painmap label add 4711 --topic billing_error --author ana
          painmap label add ZD-1042 --source zendesk --phase retention --note "threatened to cancel"
          painmap label list --kind topic
          painmap label export --kind topic > corrected.csv
          painmap train corrected.csv more.csv --text-column text --label-column label --model topics.nbm
        """,
        subcommands: [Add.self, List.self, Export.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Label one or more stored documents.",
            discussion: """
            Give at least one of --topic, --phase, --touchpoint, --sentiment, --note; each becomes one label
            on every document given. A later label of the same kind replaces an earlier one in `label export`.
            """
        )

        @Argument(help: ArgumentHelp("Document ids as `search`, `top` and `label list` show them; with --source, the ids of that source system.", valueName: "document"))
        var documents: [String]

        @Option(help: ArgumentHelp("The ids are the source system's ids (the input's id column) in this source.", valueName: "name"))
        var source: String?

        @Option(help: ArgumentHelp("The right topic (any name; your topics need not be the model's).", valueName: "topic"))
        var topic: String?

        @Option(help: ArgumentHelp("The right journey phase: \(PainmapStore.phases.joined(separator: ", ")).", valueName: "phase"))
        var phase: String?

        @Option(help: ArgumentHelp("A touchpoint the document is about, added to those the analysis found (ids as `painmap top --by touchpoint` shows them).", valueName: "id"))
        var touchpoint: String?

        @Option(help: ArgumentHelp("The right sentiment: negative, neutral or positive.", valueName: "label"))
        var sentiment: String?

        @Option(help: ArgumentHelp("A free-text note.", valueName: "text"))
        var note: String?

        @Option(help: ArgumentHelp("Who labels (stored with the label).", valueName: "name"))
        var author: String?

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            if documents.isEmpty { throw ValidationError("give at least one document id") }
            if values.isEmpty { throw ValidationError("give at least one of --topic, --phase, --touchpoint, --sentiment, --note") }
        }

        private var values: [(LabelKind, String)] {
            [(LabelKind.topic, topic), (.phase, phase?.lowercased()), (.touchpoint, touchpoint), (.sentiment, sentiment?.lowercased()), (.note, note)]
                .compactMap { kind, value in value.map { (kind, $0) } }
        }

        func run() throws {
            let store = try database.open()
            let ids = try documents.map { try store.documentID($0, source: source) }
            let records = ids.flatMap { id in
                values.map { LabelRecord(documentId: id, kind: $0.0.rawValue, value: $0.1, author: author) }
            }
            if let touchpoint, try !store.hasTouchpoint(touchpoint) {
                Diagnostics.warn("no stored document has touchpoint '\(touchpoint)' yet; it is added as a new one (`painmap top --by touchpoint` lists the known ids)")
            }
            let added = try store.addLabels(records)
            print("added \(added.count) label\(added.count == 1 ? "" : "s") to \(ids.count) document\(ids.count == 1 ? "" : "s")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Show labels, newest first, beside the model's value.",
            discussion: """
            Examples:
              painmap label list
              painmap label list --document 4711
              painmap label list --kind topic --format csv > topic-corrections.csv
            """
        )

        @Option(help: ArgumentHelp("Only this document (its stored id).", valueName: "id"))
        var document: Int64?

        @Option(help: ArgumentHelp("Only this kind: \(LabelKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
        var kind: LabelKind?

        @Option(help: ArgumentHelp("Labels to show.", valueName: "n"))
        var limit: Int = 100

        @Option(help: ArgumentHelp("Output: table, csv, json or md.", valueName: "format"))
        var format: OutputFormat = .table

        @OptionGroup var database: DatabaseOption

        func validate() throws { if limit < 1 { throw ValidationError("--limit must be 1 or more") } }

        func run() throws {
            let rows = try database.open().labels(document: document, kind: kind, limit: limit)
            var t = ResultTable(columns: [
                .init(key: "label_id", title: "label", right: true), .init(key: "document_id", title: "document", right: true),
                .init(key: "kind", title: "kind"), .init(key: "value", title: "value", maxWidth: 40), .init(key: "model", title: "model said"),
                .init(key: "author", title: "author"), .init(key: "created_at", title: "when"), .init(key: "text", title: "text", maxWidth: 70),
            ])
            for r in rows {
                t.rows.append([.text(String(r.id)), .text(String(r.documentID)), .text(r.kind), .text(r.value), .text(r.modelValue ?? ""),
                               .text(r.author ?? ""), .text(r.createdAt), .text(r.text)])
            }
            t.title = "\(rows.count) label\(rows.count == 1 ? "" : "s")" + (rows.count == limit ? " (newest \(limit); --limit N)" : "")
            Output().print(t, format)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the labelled documents with their latest label of one kind: training data.",
            discussion: """
            CSV with a header (id, source, external_id, text, label), ready for
            `painmap train FILE --text-column text --label-column label`.

            Example:
              painmap label export --kind topic > corrected.csv
            """
        )

        @Option(help: ArgumentHelp("Which labels: topic, phase, touchpoint or sentiment.", valueName: "kind"))
        var kind: LabelKind = .topic

        @Option(help: ArgumentHelp("Output: csv (default), table, json or md.", valueName: "format"))
        var format: OutputFormat = .csv

        @OptionGroup var database: DatabaseOption

        func validate() throws { if kind == .note { throw ValidationError("notes are not training labels: --kind topic, phase, touchpoint or sentiment") } }

        func run() throws {
            let rows = try database.open().labelledTexts(kind: kind)
            var t = ResultTable(columns: [
                .init(key: "id", title: "id", right: true), .init(key: "source", title: "source"), .init(key: "external_id", title: "source id"),
                .init(key: "text", title: "text", maxWidth: format == .table ? 80 : 0), .init(key: "label", title: "label"),
            ])
            for r in rows {
                t.rows.append([.text(String(r.documentID)), .text(r.source), .text(r.externalID ?? ""), .text(r.text), .text(r.label)])
            }
            if format != .csv { t.title = "\(rows.count) document\(rows.count == 1 ? "" : "s") labelled with a \(kind.rawValue)" }
            if rows.isEmpty {
                FileHandle.standardError.write(Data("painmap: no \(kind.rawValue) labels in \(database.db) yet (add some with `painmap label add`)\n".utf8))
            }
            Output().print(t, format)
        }
    }
}

extension LabelKind: ExpressibleByArgument {}

/// The database of a command that takes no query filters.
struct DatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp("The database file.", valueName: "path"))
    var db: String = PainmapStore.defaultPath

    func open() throws -> PainmapStore { try PainmapStore(path: db, mustExist: true) }
}
