import Foundation

/// One record of a CSV or JSONL file: field name -> value, and where it starts.
public struct Record: Sendable {
    /// 1-based line where the record starts (a CSV record with embedded newlines spans several lines).
    public let line: Int
    /// Field names, in file order (shared by every record of a CSV file, so they cost nothing per record).
    public let names: [String]
    public let values: [String]

    public init(line: Int, names: [String], values: [String]) {
        self.line = line
        self.names = names
        self.values = values
    }

    /// The value of field `name`, or nil when the record has no such field.
    public subscript(_ name: String) -> String? {
        guard let i = names.firstIndex(of: name) else { return nil }
        return values[i]
    }

    public var fields: [String: String] {
        Dictionary(zip(names, values), uniquingKeysWith: { first, _ in first })
    }
}

/// A source of records, read in bounded memory: one record at a time, whatever the file size.
public protocol RecordReader: AnyObject {
    /// The file name for messages ("<stdin>" for standard input).
    var name: String { get }
    /// The header of a CSV file; for JSONL, the field names of the records read so far, in first-seen order.
    var fieldNames: [String] { get }
    /// Repaired input (invalid UTF-8, NUL bytes) met so far; the caller reports and clears them.
    var warnings: [InputWarning] { get set }
    /// The next record, nil at the end. A malformed record throws a `DataFileError` naming file, line and
    /// column; the reader then stands after it, so a caller may report it and go on.
    func next() throws -> Record?
}

public enum RecordFormat: String, Sendable, CaseIterable {
    case csv, jsonl

    /// By file extension: .jsonl/.ndjson/.json are JSON lines, .csv/.tsv/.tab CSV; nil when unsure.
    public static func guess(path: String) -> RecordFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": .jsonl
        case "csv", "tsv", "tab": .csv
        default: nil
        }
    }
}

public enum Records {
    /// Opens `path` ("-" for standard input) as CSV or JSONL: `format`, else the extension, else the first
    /// non-blank line (`{` means JSON lines).
    public static func open(_ path: String, format: RecordFormat? = nil) throws -> RecordReader {
        let lines = try LineReader(path: path)
        if let f = format ?? RecordFormat.guess(path: path) {
            return f == .csv ? CSVReader(lines: lines) : JSONLReader(lines: lines)
        }
        // Sniff: read up to the first non-blank line and hand it to the chosen reader.
        var skipped: [[UInt8]] = []
        while let l = lines.nextLine() {
            let bytes = Array(l)
            skipped.append(bytes)
            guard let first = bytes.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).first else { continue }
            return first == 0x7B ? JSONLReader(lines: lines, pending: skipped) : CSVReader(lines: lines, pending: skipped)
        }
        return CSVReader(lines: lines, pending: skipped)
    }
}

/// A source of physical lines that lets a reader put back lines it already read (format sniffing).
/// A class, so that a reader may read `lineNumber` inside the closure it passes to `next`.
final class PendingLines {
    let reader: LineReader
    var pending: [[UInt8]]
    private(set) var lineNumber = 0

    init(reader: LineReader, pending: [[UInt8]]) {
        self.reader = reader
        self.pending = pending.reversed()
    }

    /// Calls `body` with the next line's bytes, or returns nil at the end.
    func next<R>(_ body: (ArraySlice<UInt8>) throws -> R) rethrows -> R? {
        if let l = pending.popLast() { lineNumber += 1; return try body(l[...]) }
        guard let l = reader.nextLine() else { return nil }
        lineNumber += 1
        return try body(l)
    }
}

/// JSON lines: one JSON object per line; blank lines are skipped. Strings are taken as they are, numbers
/// and booleans as their JSON text, null as an empty value, arrays and objects as compact JSON text.
public final class JSONLReader: RecordReader {
    public var name: String { lines.reader.name }
    public private(set) var fieldNames: [String] = []
    public var warnings: [InputWarning] = []
    private var lines: PendingLines
    private var seen: Set<String> = []

    public convenience init(path: String) throws { self.init(lines: try LineReader(path: path)) }

    init(lines: LineReader, pending: [[UInt8]] = []) {
        self.lines = PendingLines(reader: lines, pending: pending)
    }

    public func next() throws -> Record? {
        while true {
            let name = self.name
            guard let parsed: Any? = try lines.next({ bytes -> Any? in
                let lineNo = lines.lineNumber   // already counts this line
                var start = bytes.startIndex
                if bytes.count >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF { start += 3 }
                let body = bytes[start...]
                if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
                var ws: [InputWarning] = []
                let text = TextDecoding.decode(body, file: name, line: lineNo, warnings: &ws)
                warnings += ws
                do {
                    return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
                } catch {
                    throw DataFileError(file: name, line: lineNo, column: 1,
                                        "invalid JSON: \(JSONLReader.reason(error))")
                }
            }) else { return nil }
            guard let value = parsed else { continue }   // blank line
            let line = lines.lineNumber
            guard let object = value as? [String: Any] else {
                throw DataFileError(file: name, line: line, column: 1, "expected a JSON object, found \(JSONLReader.kind(value))")
            }
            let keys = object.keys.sorted()
            for k in keys where !seen.contains(k) { seen.insert(k); fieldNames.append(k) }
            return Record(line: line, names: keys, values: keys.map { JSONLReader.string(object[$0]!) })
        }
    }

    static func string(_ v: Any) -> String {
        switch v {
        case let s as String: return s
        case is NSNull: return ""
        case let n as NSNumber:
            // Booleans are NSNumbers too; their Objective-C type code is "c" (char), which JSON numbers never are.
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            return n.stringValue
        default:
            guard let d = try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .fragmentsAllowed]) else { return "\(v)" }
            return String(decoding: d, as: UTF8.self)
        }
    }

    static func kind(_ v: Any) -> String {
        switch v {
        case is [Any]: "an array"
        case is String: "a string"
        case is NSNull: "null"
        default: "a number or boolean"
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
