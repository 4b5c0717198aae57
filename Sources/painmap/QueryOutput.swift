import ArgumentParser
import Foundation
import PainmapReport
import PainmapText

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json, md }

/// A query result as rows and columns, written as an aligned table, CSV (RFC 4180), JSON or Markdown.
struct ResultTable {
    enum Cell {
        case text(String)
        case int(Int)
        case number(Double, digits: Int)
        /// A share in [0, 1], shown as a percentage.
        case percent(Double)
        /// A change, shown as +12% / -40%; nil is shown empty.
        case signedPercent(Double?)
        /// A p-value: 3 significant digits, scientific when small.
        case pValue(Double)
        case null
    }

    struct Column {
        var key: String       // for csv and json
        var title: String     // for table and md
        var maxWidth: Int = 0 // table: truncate text longer than this (0: never)
        var right = false
    }

    var title: String?
    var notes: [String] = []
    /// Extra fields for JSON output (period, totals).
    var meta: [(String, Cell)] = []
    var columns: [Column]
    var rows: [[Cell]] = []

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: table()
        case .csv: csv()
        case .json: json()
        case .md: markdown()
        }
    }

    static func text(_ c: Cell, forTable: Bool) -> String {
        switch c {
        case .text(let s): return s
        case .int(let v): return forTable ? grouped(v) : String(v)
        case .number(let v, let d): return String(format: "%.\(d)f", v)
        case .percent(let v): return forTable ? String(format: "%.1f%%", v * 100) : String(format: "%.4f", v)
        case .signedPercent(let v):
            guard let v else { return "" }
            if !v.isFinite { return "new" }
            return forTable ? String(format: "%+.0f%%", v * 100) : String(format: "%.4f", v)
        case .pValue(let p): return p < 0.001 ? String(format: "%.2e", p) : String(format: "%.4f", p)
        case .null: return ""
        }
    }

    /// 12,345: the report's own formatting, so tables and the report agree.
    static func grouped(_ v: Int) -> String { PainmapReport.Format.count(v) }

    static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: " / ").replacingOccurrences(of: "\n", with: " / ").replacingOccurrences(of: "\t", with: " ")
    }

    func table() -> String {
        var cells = rows.map { row in
            row.enumerated().map { i, c -> String in
                var s = ResultTable.oneLine(ResultTable.text(c, forTable: true))
                let w = columns[i].maxWidth
                if w > 0, s.count > w { s = String(s.prefix(w - 1)) + "…" }
                return s
            }
        }
        let header = columns.map(\.title)
        cells.insert(header, at: 0)
        var widths = header.map(\.count)
        for r in cells { for (i, s) in r.enumerated() { widths[i] = max(widths[i], s.count) } }
        var out = ""
        if let title { out += title + "\n" }
        for (k, r) in cells.enumerated() {
            var line = ""
            for (i, s) in r.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - s.count)
                let last = i == r.count - 1
                line += columns[i].right ? pad + s : s + (last ? "" : pad)
                if !last { line += "  " }
            }
            out += line + "\n"
            if k == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        if rows.isEmpty { out += "(nothing)\n" }
        for n in notes { out += n + "\n" }
        return out
    }

    func csv() -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = columns.map { field($0.key) }.joined(separator: ",") + "\r\n"
        for r in rows { out += r.map { field(ResultTable.text($0, forTable: false)) }.joined(separator: ",") + "\r\n" }
        return out
    }

    func json() -> String {
        var j = JSONWriter()
        func value(_ c: Cell) {
            switch c {
            case .text(let s): j.string(s)
            case .int(let v): j.int(v)
            case .number(let v, _): j.double(v, digits: 6)
            case .percent(let v): j.double(v, digits: 6)
            case .signedPercent(let v): if let v, v.isFinite { j.double(v, digits: 6) } else { j.null() }
            case .pValue(let p): j.double(p, digits: 12)
            case .null: j.null()
            }
        }
        j.beginObject()
        for (k, v) in meta { j.key(k); value(v) }
        j.key("rows"); j.beginArray()
        for r in rows {
            j.beginObject()
            for (i, c) in r.enumerated() { j.key(columns[i].key); value(c) }
            j.endObject()
        }
        j.endArray()
        j.endObject()
        return String(decoding: j.bytes, as: UTF8.self) + "\n"
    }

    func markdown() -> String {
        func esc(_ s: String) -> String { ResultTable.oneLine(s).replacingOccurrences(of: "|", with: "\\|") }
        var out = ""
        if let title { out += "### " + esc(title) + "\n\n" }
        out += "| " + columns.map { esc($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.right ? "---:|" : "---|" }.joined() + "\n"
        for r in rows { out += "| " + r.map { esc(ResultTable.text($0, forTable: true)) }.joined(separator: " | ") + " |\n" }
        if !notes.isEmpty { out += "\n" + notes.map { esc($0) }.joined(separator: "  \n") + "\n" }
        return out
    }
}

extension Output {
    func print(_ t: ResultTable, _ format: OutputFormat) {
        write(t.render(format))
        flush()
    }
}
