import Foundation

/// Plain text, one document per line: each non-blank line is a record with one field, `text`.
/// Invalid UTF-8 and NUL bytes are repaired and reported in `warnings`.
public final class TextLineReader: RecordReader {
    public var name: String { lines.reader.name }
    public let fieldNames = ["text"]
    public var warnings: [InputWarning] = []
    private var lines: PendingLines
    private static let names = ["text"]

    public convenience init(path: String) throws { self.init(lines: try LineReader(path: path)) }

    init(lines: LineReader, pending: [[UInt8]] = []) {
        self.lines = PendingLines(reader: lines, pending: pending)
    }

    public func next() throws -> Record? {
        while true {
            let name = self.name
            guard let got: (Int, String)? = lines.next({ raw -> (Int, String)? in
                var b = raw
                if lines.lineNumber == 1, b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
                if b.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
                return (lines.lineNumber, TextDecoding.decode(b, file: name, line: lines.lineNumber, warnings: &warnings))
            }) else { return nil }
            guard let (line, text) = got else { continue }   // blank line: no document
            return Record(line: line, names: TextLineReader.names, values: [text])
        }
    }
}

/// A folder of text files, one document per file (sorted by path, subfolders included, hidden files
/// skipped). Each record has `text` and `path` (relative to the folder); `name` is the file being read.
public final class TextFolderReader: RecordReader {
    public let folder: String
    public private(set) var name: String
    public let fieldNames = ["path", "text"]
    public var warnings: [InputWarning] = []
    private var files: [String]
    private var index = 0
    /// Files longer than this are returned with their first `maxBytes + 1` bytes only (the caller rejects them).
    public var maxBytes: Int

    public init(folder: String, maxBytes: Int = 64 << 20) throws {
        self.folder = folder
        self.name = folder
        self.maxBytes = maxBytes
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: folder) else {
            throw DataFileError(file: folder, line: 0, "cannot read the folder")
        }
        var found: [String] = []
        while let rel = walker.nextObject() as? String {
            if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDir: ObjCBool = false
            let full = (folder as NSString).appendingPathComponent(rel)
            if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { found.append(rel) }
        }
        files = found.sorted()
    }

    /// How many files the folder holds.
    public var fileCount: Int { files.count }

    public func next() throws -> Record? {
        guard index < files.count else { return nil }
        let rel = files[index]
        index += 1
        let full = (folder as NSString).appendingPathComponent(rel)
        name = full
        guard let h = FileHandle(forReadingAtPath: full) else {
            throw DataFileError(file: full, line: 1, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { try? h.close() }
        var data = (try? h.read(upToCount: maxBytes + 1)) ?? Data()
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        let text = TextDecoding.decode(data, file: full, line: 1, warnings: &warnings)
        return Record(line: 1, names: ["path", "text"], values: [rel, text])
    }
}

/// Input formats `painmap ingest` reads.
public enum InputKind: String, Sendable, CaseIterable {
    case csv, jsonl, json, text
}

extension Records {
    /// Opens `path` ("-" for standard input) as `kind`, or, when nil, by extension (.csv/.tsv/.tab CSV,
    /// .jsonl/.ndjson JSON lines, .json a JSON array or JSON lines, .txt plain text), else by its first
    /// non-blank line: `[` a JSON array, `{` JSON lines, a line with a `,` `;` or tab CSV, otherwise plain
    /// text. Returns the reader and the kind chosen.
    public static func open(_ path: String, kind: InputKind?) throws -> (RecordReader, InputKind) {
        let lines = try LineReader(path: path)
        var chosen = kind
        if chosen == nil {
            switch (path as NSString).pathExtension.lowercased() {
            case "csv", "tsv", "tab": chosen = .csv
            case "jsonl", "ndjson": chosen = .jsonl
            case "txt", "text": chosen = .text
            default: break
            }
        }
        var skipped: [[UInt8]] = []
        if chosen == nil {
            let ext = (path as NSString).pathExtension.lowercased()
            while let l = lines.nextLine() {
                let bytes = Array(l)
                skipped.append(bytes)
                guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) else { continue }
                if first == 0x5B { chosen = .json }
                else if first == 0x7B {
                    // A .json file that starts with '{' is JSON lines when its first line is a whole object.
                    chosen = ext == "json" && !isWholeObject(bytes) ? .json : .jsonl
                } else if bytes.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x09 }) { chosen = ext == "json" ? .json : .csv }
                else { chosen = ext == "json" ? .json : .text }
                break
            }
        }
        let k = chosen ?? .text
        switch k {
        case .csv: return (CSVReader(lines: lines, pending: skipped), k)
        case .jsonl: return (JSONLReader(lines: lines, pending: skipped), k)
        case .json: return (JSONArrayReader(lines: lines, pending: skipped), k)
        case .text: return (TextLineReader(lines: lines, pending: skipped), k)
        }
    }

    static func isWholeObject(_ line: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any]
    }
}
