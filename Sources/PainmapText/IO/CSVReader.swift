/// A streaming CSV reader (RFC 4180): quoted fields, doubled quotes, newlines inside quotes, a UTF-8
/// byte-order mark, and `,` `;` or tab as delimiter, detected from the header line.
///
/// The first non-empty record is the header. Empty lines between records are skipped. A row with more or
/// fewer fields than the header, a quote that is never closed, and text after a closing quote are errors
/// naming file, line and column (1-based, in bytes); after such an error the reader stands on the next
/// line, so a caller may report and go on. Lenient where RFC 4180 is strict but the meaning is plain: a
/// quote inside an unquoted field is kept as a character (`5" screen`). Inside quotes, CRLF becomes LF.
/// Memory is bounded by the longest record, not the file.
public final class CSVReader: RecordReader {
    public var name: String { lines.reader.name }
    public private(set) var fieldNames: [String] = []
    public private(set) var delimiter: UInt8 = 0x2C
    public var warnings: [InputWarning] = []
    private var lines: PendingLines
    private var started = false
    private var quoted: [UInt8] = []

    public convenience init(path: String) throws { self.init(lines: try LineReader(path: path)) }

    init(lines: LineReader, pending: [[UInt8]] = []) {
        self.lines = PendingLines(reader: lines, pending: pending)
    }

    /// Reads the header if that has not happened yet; returns the field names.
    @discardableResult
    public func readHeader() throws -> [String] {
        if started { return fieldNames }
        started = true
        guard let header = try record(detectDelimiter: true) else { return [] }
        var seen: Set<String> = []
        for (i, n) in header.values.enumerated() {
            if !seen.insert(n).inserted {
                throw DataFileError(file: name, line: header.line, column: header.columns[i], "duplicate column name '\(n)' in the header")
            }
        }
        fieldNames = header.values
        return fieldNames
    }

    public func next() throws -> Record? {
        try readHeader()
        guard let r = try record(detectDelimiter: false) else { return nil }
        if r.values.count != fieldNames.count {
            let (line, column) = r.values.count > fieldNames.count
                ? (r.lines[fieldNames.count], r.columns[fieldNames.count]) : (r.endLine, r.endColumn)
            let what = r.values.count > fieldNames.count ? "too many fields" : "too few fields"
            throw DataFileError(file: name, line: line, column: column,
                                "\(what): \(r.values.count) where the header has \(fieldNames.count)")
        }
        return Record(line: r.line, names: fieldNames, values: r.values)
    }

    /// A parsed row: values, where each field starts, and where the row ends.
    private struct Row {
        var line: Int
        var values: [String] = []
        var lines: [Int] = []
        var columns: [Int] = []
        var endLine = 0
        var endColumn = 0
    }

    private enum Step { case done, needMore }

    /// Parses one record, reading more physical lines while a quoted field is open.
    private func record(detectDelimiter: Bool) throws -> Row? {
        var row: Row? = nil
        var inQuotes = false
        var quoteLine = 0, quoteColumn = 0
        let file = name
        while true {
            let step: Step? = try lines.next { raw -> Step in
                let lineNo = lines.lineNumber   // already counts this line
                var bytes = raw
                if lineNo == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
                let base = bytes.startIndex
                if row == nil {
                    if bytes.isEmpty { return .needMore }   // blank line between records
                    if detectDelimiter { delimiter = CSVReader.detectDelimiter(bytes) }
                    row = Row(line: lineNo)
                }
                let d = delimiter
                var i = base
                let end = bytes.endIndex
                func column(_ k: Int) -> Int { k - raw.startIndex + 1 }
                func finish(_ start: Int, _ slice: ArraySlice<UInt8>) {
                    var ws: [InputWarning] = []
                    let s = TextDecoding.decode(slice, file: file, line: lineNo, warnings: &ws)
                    for var w in ws { w.column += start - 1; warnings.append(w) }
                    row!.values.append(s)
                }
                if inQuotes {
                    quoted.append(0x0A)   // the newline inside the quotes
                } else {
                    // Start of a field.
                    row!.lines.append(lineNo); row!.columns.append(column(i))
                }
                while true {
                    if inQuotes {
                        // Inside quotes: copy up to the next quote; "" is a quote.
                        while i < end, bytes[i] != 0x22 { quoted.append(bytes[i]); i += 1 }
                        if i == end { return .needMore }
                        if i + 1 < end, bytes[i + 1] == 0x22 { quoted.append(0x22); i += 2; continue }
                        inQuotes = false
                        i += 1
                        finish(quoteColumn, quoted[...])
                        if i < end, bytes[i] != d {
                            throw DataFileError(file: file, line: lineNo, column: column(i),
                                                "unexpected text after the closing quote of a field (a quote inside a quoted field must be doubled)")
                        }
                    } else if i < end, bytes[i] == 0x22 {
                        inQuotes = true
                        quoteLine = lineNo; quoteColumn = column(i)
                        quoted.removeAll(keepingCapacity: true)
                        i += 1
                        continue
                    } else {
                        let start = i
                        while i < end, bytes[i] != d { i += 1 }
                        finish(column(start), bytes[start..<i])
                    }
                    // Here i is at a delimiter or the end of the line.
                    if i == end {
                        row!.endLine = lineNo; row!.endColumn = column(end)
                        return .done
                    }
                    i += 1
                    row!.lines.append(lineNo); row!.columns.append(column(i))
                }
            }
            switch step {
            case .done?: return row
            case .needMore?: continue
            case nil:
                if inQuotes {
                    throw DataFileError(file: file, line: quoteLine, column: quoteColumn,
                                        "unbalanced quote: the quoted field that starts here is never closed")
                }
                return row
            }
        }
    }

    /// The most frequent of `,` `;` tab outside quotes in the header line (comma when none or tied).
    static func detectDelimiter(_ line: ArraySlice<UInt8>) -> UInt8 {
        var comma = 0, semicolon = 0, tab = 0, inQuotes = false
        for b in line {
            if b == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            switch b {
            case 0x2C: comma += 1
            case 0x3B: semicolon += 1
            case 0x09: tab += 1
            default: break
            }
        }
        if tab > comma && tab >= semicolon { return 0x09 }
        if semicolon > comma { return 0x3B }
        return 0x2C
    }
}
