import Foundation

/// A JSON array of objects (`[{...}, {...}]`), or an object that wraps one (`{"tickets": [{...}], ...}`:
/// the first array directly inside the top-level object), read one record at a time in bounded memory
/// whatever the file size: each object is cut out of the byte stream and parsed on its own. Fields are
/// taken as `JSONLReader` takes them. A malformed object throws a `DataFileError` at the line where it
/// starts; the reader then stands after it.
public final class JSONArrayReader: RecordReader {
    public var name: String { lines.reader.name }
    public private(set) var fieldNames: [String] = []
    public var warnings: [InputWarning] = []
    private var lines: PendingLines
    private var seen: Set<String> = []

    private enum Phase { case start, wrapper, array, record, after }
    private var phase = Phase.start
    private var depth = 0          // nesting depth of the byte at hand, counting the top level as 1
    private var arrayDepth = 0     // depth of the records array
    private var inString = false, escaped = false
    private var current: [UInt8] = []
    private var recordLine = 0
    private var lineBytes: ArraySlice<UInt8> = []
    private var pos = 0
    private var haveLine = false

    public convenience init(path: String) throws { self.init(lines: try LineReader(path: path)) }

    init(lines: LineReader, pending: [[UInt8]] = []) {
        self.lines = PendingLines(reader: lines, pending: pending)
    }

    public func next() throws -> Record? {
        while true {
            if !haveLine || pos >= lineBytes.endIndex {
                if haveLine, phase == .record { current.append(0x0A) }
                var got = false
                _ = lines.next { bytes -> Void in
                    var b = bytes
                    if lines.lineNumber == 1, b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
                    lineBytes = ArraySlice(Array(b)); pos = lineBytes.startIndex; got = true
                }
                haveLine = got
                if !got { return try finish() }
                continue
            }
            let c = lineBytes[pos]
            pos += 1
            if let record = try step(c) { return record }
        }
    }

    private func finish() throws -> Record? {
        switch phase {
        case .after: return nil
        case .start: return nil   // empty input
        case .wrapper where depth == 0:
            phase = .after
            throw DataFileError(file: name, line: lines.lineNumber, column: 1, "the JSON object holds no array of records")
        default:
            let line = phase == .record ? recordLine : lines.lineNumber
            phase = .after
            throw DataFileError(file: name, line: line, column: 1, "the JSON array is never closed (the file ends inside it)")
        }
    }

    /// Feeds one byte; returns a record when an object of the array closes.
    private func step(_ c: UInt8) throws -> Record? {
        if phase == .record { current.append(c) }
        if inString {
            if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
            return nil
        }
        switch c {
        case 0x22: inString = true
        case 0x20, 0x09, 0x0D, 0x0A: break
        case 0x5B, 0x7B:   // [ {
            depth += 1
            switch phase {
            case .start:
                phase = c == 0x5B ? .array : .wrapper
                arrayDepth = 1
            case .wrapper where c == 0x5B && depth == 2:
                phase = .array; arrayDepth = 2
            case .array where depth == arrayDepth + 1:
                guard c == 0x7B else {
                    throw DataFileError(file: name, line: lines.lineNumber, column: pos - lineBytes.startIndex,
                                        "expected a JSON object in the array, found an array")
                }
                phase = .record
                recordLine = lines.lineNumber
                current.removeAll(keepingCapacity: true)
                current.append(c)
            default: break
            }
        case 0x5D, 0x7D:   // ] }
            depth -= 1
            if phase == .record && depth == arrayDepth {
                phase = .array
                return try parse()
            }
            if phase == .array && depth < arrayDepth { phase = .after }
            if depth < 0 {
                throw DataFileError(file: name, line: lines.lineNumber, column: pos - lineBytes.startIndex, "unbalanced bracket")
            }
        default:
            if phase == .start {
                phase = .after
                throw DataFileError(file: name, line: lines.lineNumber, column: pos - lineBytes.startIndex,
                                    "expected a JSON array or object")
            }
            if phase == .array && depth == arrayDepth && c != 0x2C {
                // A number, string or literal as an element: not a record.
                throw DataFileError(file: name, line: lines.lineNumber, column: pos - lineBytes.startIndex,
                                    "expected a JSON object in the array")
            }
        }
        return nil
    }

    private func parse() throws -> Record {
        var ws: [InputWarning] = []
        let text = TextDecoding.decode(current, file: name, line: recordLine, warnings: &ws)
        warnings += ws
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw DataFileError(file: name, line: recordLine, column: 1, "invalid JSON: \(JSONLReader.reason(error))")
        }
        guard let object = value as? [String: Any] else {
            throw DataFileError(file: name, line: recordLine, column: 1, "expected a JSON object, found \(JSONLReader.kind(value))")
        }
        let keys = object.keys.sorted()
        for k in keys where !seen.contains(k) { seen.insert(k); fieldNames.append(k) }
        return Record(line: recordLine, names: keys, values: keys.map { JSONLReader.string(object[$0]!) })
    }
}
