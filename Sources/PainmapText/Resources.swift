import Foundation

/// An error in one of our plain-text data files, naming the file, line and column.
public struct DataFileError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public init(file: String, line: Int, column: Int = 1, _ message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }
    /// "file:line:column: message"; a problem with the whole file (line 0) is "file: message".
    public var description: String { line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)" }
}

/// A row of a tab-separated data file: its 1-based line number and its fields.
public struct TSVRow: Sendable {
    public var line: Int
    public var fields: [String]
    public var file: String

    /// The field at `i`, or an error naming the line and the column where it was expected.
    public func field(_ i: Int, _ name: String) throws -> String {
        guard i < fields.count else {
            let column = fields.reduce(0) { $0 + $1.count + 1 } + 1
            throw DataFileError(file: file, line: line, column: column, "missing field \(i + 1) (\(name))")
        }
        return fields[i]
    }

    /// The 1-based column where field `i` starts.
    public func column(of i: Int) -> Int { fields.prefix(i).reduce(0) { $0 + $1.count + 1 } + 1 }

    public func double(_ i: Int, _ name: String, in range: ClosedRange<Double>? = nil) throws -> Double {
        let s = try field(i, name)
        guard let v = Double(s.trimmedSpaces) else {
            throw DataFileError(file: file, line: line, column: column(of: i), "\(name) '\(s)' is not a number")
        }
        if let range, !range.contains(v) {
            throw DataFileError(file: file, line: line, column: column(of: i), "\(name) \(v) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }
}

/// Reads our plain-text data files: UTF-8, `#` comments, blank lines ignored, tab-separated fields.
public enum DataFile {
    public static func rows(_ path: String) throws -> [TSVRow] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataFileError(file: path, line: 0, "cannot read file")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw DataFileError(file: path, line: 0, "file is not valid UTF-8")
        }
        // Files saved by Windows editors: a byte-order mark first, and CRLF line ends (one Character in Swift).
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var out: [TSVRow] = []
        var n = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            n += 1
            var line = raw
            if line.hasSuffix("\r") { line = line.dropLast() }
            // Blank lines and comments are skipped (a plain loop: Foundation's trimming was a visible
            // share of start-up with ~20,000 lexicon lines).
            guard line.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 }), line.utf8.first != 0x23 else { continue }
            out.append(TSVRow(line: n, fields: line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init), file: path))
        }
        return out
    }

    /// One entry per line (first field), lower-cased.
    public static func wordList(_ path: String) throws -> [String] {
        try rows(path).map { $0.fields[0].trimmedSpaces.lowercased() }.filter { !$0.isEmpty }
    }
}

/// Finds the `lexicons/` folder: `$PAINMAP_LEXICONS`, beside or above the executable (a build in the
/// repo, or an install's `share/painmap/lexicons`), above the current folder, or the source checkout.
public enum ResourceLocator {
    public static func lexiconsDirectory(override: String? = nil) throws -> String {
        let fm = FileManager.default
        func ok(_ p: String) -> Bool { fm.fileExists(atPath: p + "/en/stopwords.txt") }
        if let o = override ?? ProcessInfo.processInfo.environment["PAINMAP_LEXICONS"] {
            if ok(o) { return o }
            throw DataFileError(file: o, line: 0, "not a painmap lexicons folder (no en/stopwords.txt)")
        }
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        starts.append(exe.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        for s in starts {
            var dir = s
            for _ in 0..<8 {
                for candidate in [dir.appendingPathComponent("lexicons").path,
                                  dir.appendingPathComponent("share/painmap/lexicons").path] where ok(candidate) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw DataFileError(file: "lexicons", line: 0,
                            "cannot find painmap's lexicons folder; set PAINMAP_LEXICONS or pass --lexicons DIR")
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (a byte loop; Foundation's trimming is slow at scale).
    public var trimmedSpaces: String {
        let u = Array(utf8)
        var a = 0, b = u.count
        while a < b, u[a] == 0x20 || u[a] == 0x09 { a += 1 }
        while b > a, u[b - 1] == 0x20 || u[b - 1] == 0x09 { b -= 1 }
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}
