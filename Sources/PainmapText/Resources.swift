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

    /// The value of a plain decimal field ("-1.5", "2", "0.25": an optional sign, digits, an optional point
    /// and digits, 15 digits at most), or nil for anything else, which `Double(String)` then reads. Such a
    /// decimal is an integer below 2^53 divided by an exact power of ten, and one IEEE division of the two
    /// is correctly rounded: the same Double as `Double(String)`. That went through `strtod` at ~1,200
    /// instructions a field, ~14M of `painmap sentiment`'s start-up for the lexicon's 16,000 numbers.
    static func shortDecimal(_ field: String) -> Double? {
        var f = field
        return f.withUTF8 { shortDecimal(bytes: $0) }
    }

    /// `shortDecimal` of a field's UTF-8 bytes.
    static func shortDecimal(bytes p: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !p.isEmpty, p.count <= 17 else { return nil }
        var i = 0
        var negative = false
        if p[0] == 0x2D { negative = true; i = 1 }
        var mantissa: Int64 = 0, digits = 0, decimals = 0
        var point = false
        while i < p.count {
            let c = p[i]
            if c >= 0x30 && c <= 0x39 {
                mantissa = mantissa * 10 + Int64(c - 0x30); digits += 1
                if point { decimals += 1 }
            } else if c == 0x2E && !point {
                point = true
            } else {
                return nil
            }
            i += 1
        }
        // "1." and ".5" are numbers to Double(String) too, but keep the rare forms on its path.
        guard digits > 0, digits <= 15, !(point && (decimals == 0 || decimals == digits)) else { return nil }
        let v = Double(mantissa) / TSVRow.powersOfTen[decimals]
        return negative ? -v : v
    }

    /// 10^0 ... 10^15, each exact in a Double.
    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    public func double(_ i: Int, _ name: String, in range: ClosedRange<Double>? = nil) throws -> Double {
        let s = try field(i, name)
        guard let v = TSVRow.shortDecimal(s) ?? Double(s.trimmedSpaces) else {
            throw DataFileError(file: file, line: line, column: column(of: i), "\(name) '\(s)' is not a number")
        }
        if let range, !range.contains(v) {
            throw DataFileError(file: file, line: line, column: column(of: i), "\(name) \(v) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }
}

/// A row of a tab-separated data file, read in place from the file's bytes (`DataFile.scan`): a field is
/// made a String only when asked for. `TSVRow`'s array of Strings cost ~1,200 instructions a row to build
/// and free, ~20M of `painmap sentiment`'s start-up for the lexicon's ~16,000 rows (callgrind). Its values
/// and errors are those of the `TSVRow` of the same line (`row`), which errors are made from.
public struct TSVLine {
    public let line: Int
    public let file: String
    /// The line's bytes, valid only during the `scan` call that hands this out.
    private let bytes: UnsafeBufferPointer<UInt8>

    init(line: Int, file: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.line = line; self.file = file; self.bytes = bytes
    }

    /// The bytes of field `i`, or nil when the line has fewer fields. Fields are found by walking the tabs:
    /// our files have two or three.
    private func fieldBytes(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        var a = 0, k = 0
        while k < i {
            guard let t = bytes[a...].firstIndex(of: 0x09) else { return nil }
            a = t + 1; k += 1
        }
        let b = bytes[a...].firstIndex(of: 0x09) ?? bytes.count
        return UnsafeBufferPointer(rebasing: bytes[a..<b])
    }

    /// The same line as a `TSVRow` (for the rare paths: errors, numbers `shortDecimal` leaves to `Double`).
    public var row: TSVRow { TSVRow(line: line, fields: DataFile.fields(bytes), file: file) }

    /// `TSVRow.field`.
    public func field(_ i: Int, _ name: String) throws -> String {
        guard let f = fieldBytes(i) else { return try row.field(i, name) }
        return String(decoding: f, as: UTF8.self)
    }

    /// Field `i`'s bytes handed to `body`, for a caller that makes its value from them (a lexicon key) without
    /// first making a String of the field; a missing field is `field`'s error.
    public func withField<R>(_ i: Int, _ name: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        guard let f = fieldBytes(i) else {
            _ = try row.field(i, name)   // throws: the row has no field i
            preconditionFailure("fieldBytes and fields agree on the number of fields")
        }
        return try body(f)
    }

    /// `TSVRow.double`, read from the field's bytes when it is a plain decimal in range.
    public func double(_ i: Int, _ name: String, in range: ClosedRange<Double>? = nil) throws -> Double {
        if let f = fieldBytes(i), let v = TSVRow.shortDecimal(bytes: f), range.map({ $0.contains(v) }) ?? true { return v }
        return try row.double(i, name, in: range)
    }
}

/// Reads our plain-text data files: UTF-8, `#` comments, blank lines ignored, tab-separated fields.
public enum DataFile {
    public static func rows(_ path: String) throws -> [TSVRow] {
        var out: [TSVRow] = []
        try scan(path) { out.append($0.row) }
        return out
    }

    /// A line's tab-separated fields as Strings (empty fields kept).
    static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [String] {
        // Sized before the first append: grown from empty, each row's array was allocated two or
        // three times (~13M instructions of `painmap sentiment`'s start-up, callgrind).
        var fields: [String] = []
        fields.reserveCapacity(line.reduce(1) { $1 == 0x09 ? $0 + 1 : $0 })
        var a = 0
        for (k, b) in line.enumerated() where b == 0x09 {
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[a..<k]), as: UTF8.self)); a = k + 1
        }
        fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[a...]), as: UTF8.self))
        return fields
    }

    /// The rows of `path` as `rows` has them, each handed to `body` in place (`TSVLine`) instead of as an
    /// array of Strings: for the big lexicon files, read once per process. `lineCount` is told the file's
    /// number of lines (an upper bound on its rows) before the first row, to size tables up front.
    public static func scan(_ path: String, lineCount: ((Int) -> Void)? = nil,
                            _ body: (TSVLine) throws -> Void) throws {
        try forEachLine(path, lineCount: lineCount) { n, line in try body(TSVLine(line: n, file: path, bytes: line)) }
    }

    /// Each line of `path` that is neither blank nor a comment, with its 1-based number, as bytes without
    /// the line end.
    private static func forEachLine(_ path: String, lineCount: ((Int) -> Void)? = nil,
                                    _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataFileError(file: path, line: 0, "cannot read file")
        }
        // Lines and fields are cut on bytes: "\n" and "\t" are always Characters of their own, so this is
        // the split by Characters it replaces, at a fraction of the start-up time (~20,000 lexicon lines).
        try data.withUnsafeBytes { raw in
            var p = raw.bindMemory(to: UInt8.self)
            guard isValidUTF8(p) else { throw DataFileError(file: path, line: 0, "file is not valid UTF-8") }
            // Files saved by Windows editors: a byte-order mark first, and CRLF line ends.
            if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { p = UnsafeBufferPointer(rebasing: p[3...]) }
            lineCount?(newlines(in: p) + 1)
            var n = 0
            var start = 0
            while start <= p.count {
                // The line's end by `memchr`, which tests many bytes at once: a loop over each byte was
                // ~1M instructions of the ~300 KB `painmap sentiment` reads at start-up (callgrind).
                var end = p.count
                if start < p.count, let nl = memchr(p.baseAddress! + start, 0x0A, p.count - start) {
                    end = UnsafeRawPointer(p.baseAddress!).distance(to: UnsafeRawPointer(nl))
                }
                n += 1
                var lineEnd = end
                // A "\r\n" ending, then (as before, when "\r\n" was one Character) one more "\r".
                if end < p.count, lineEnd > start, p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd > start, p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: p[start..<lineEnd])
                start = end + 1
                // Blank lines and comments are skipped.
                guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }), line.first != 0x23 else { continue }
                try body(n, line)
            }
        }
    }

    /// The number of "\n" bytes in `p`, eight bytes at a time: each byte of a word that is 0x0A becomes 0 in
    /// `x`, and exactly the zero bytes of `x` get their high bit set in `zeros` (no carry crosses bytes).
    /// Those bits, moved down to 1s, are summed per byte lane in `lanes`, and the lanes added up (one
    /// multiply) before any could pass 255 in total. Counted byte by byte (`reduce`) it was ~0.9M
    /// instructions for sentiment.tsv and phrases.tsv; with a bit count per word (`nonzeroBitCount`, no
    /// `popcnt` in the baseline x86-64 build) ~1.1M (callgrind).
    static func newlines(in p: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = p.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, newline: UInt64 = 0x0A0A_0A0A_0A0A_0A0A, ones: UInt64 = 0x0101_0101_0101_0101
        /// Words summed in `lanes` before they are added up: 8 lanes of at most 31 each stay below 256.
        let wordsPerSum = 31
        var count = 0, i = 0, lanes: UInt64 = 0, summed = 0
        while i + 8 <= p.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ newline
            lanes &+= ~(((x & low7) &+ low7) | x | low7) >> 7
            summed += 1
            if summed == wordsPerSum { count += Int((lanes &* ones) >> 56); lanes = 0; summed = 0 }
            i += 8
        }
        count += Int((lanes &* ones) >> 56)
        while i < p.count { if p[i] == 0x0A { count += 1 }; i += 1 }
        return count
    }

    /// Whether `p` is well-formed UTF-8 (the Unicode Standard's table 3-7: no overlong forms, surrogates or
    /// code points past U+10FFFF), as `String(data:encoding: .utf8) != nil` answers. By hand because that
    /// made a String of each whole file only to throw it away: ~1.8M instructions for the 14 files
    /// `painmap sentiment` reads (callgrind). Our files are nearly all ASCII: eight bytes are tested at once.
    static func isValidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base), n = p.count
        var i = 0
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            let lead = p[i]
            if lead < 0x80 { i += 1; continue }
            // The length of the sequence and the range of its second byte; the others are 0x80...0xBF.
            let length: Int, low: UInt8, high: UInt8
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)            // no overlong three-byte forms
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)            // no surrogates
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)            // no overlong four-byte forms
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)            // nothing past U+10FFFF
            default: return false                                      // 0x80...0xC1, 0xF5...0xFF
            }
            guard i + length <= n, p[i + 1] >= low, p[i + 1] <= high else { return false }
            for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    /// One entry per line (first field), lower-cased.
    public static func wordList(_ path: String) throws -> [String] {
        // Read in place (`scan`), and an entry already in its form (no spaces or tabs around, ASCII without
        // capitals: nearly all) made a String once from its bytes: an array of fields per line, then
        // trimming and lower-casing each entry, was ~1,400 instructions an entry, ~1.4M of every command's
        // start-up for the stopword lists alone (callgrind).
        var out: [String] = []
        try scan(path) { line in
            let entry = try line.withField(0, "entry") { p -> String in
                let word = String(decoding: p, as: UTF8.self)
                return isLowerTrimmedASCII(p) ? word : word.trimmedSpaces.lowercased()
            }
            if !entry.isEmpty { out.append(entry) }
        }
        return out
    }

    /// Whether `p` is its own `trimmedSpaces.lowercased()`: ASCII, no capitals, no space or tab at either end.
    private static func isLowerTrimmedASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = p.first, f != 0x20, f != 0x09, let l = p.last, l != 0x20, l != 0x09 else { return false }
        for c in p where c >= 0x80 || (c >= 0x41 && c <= 0x5A) { return false }
        return true
    }
}

/// Finds the `lexicons/` folder: `$PAINMAP_LEXICONS`, beside or above the executable (a build in the
/// repo, or an install's `share/painmap/lexicons`), above the current folder, or the source checkout.
public enum ResourceLocator {
    public static func lexiconsDirectory(override: String? = nil) throws -> String {
        let fm = FileManager.default
        func ok(_ p: String) -> Bool { fm.fileExists(atPath: p + "/en/stopwords.txt") }
        // The one variable by `getenv`: `ProcessInfo.environment` builds a dictionary of the whole
        // environment, ~0.8M instructions of each start-up (callgrind).
        if let o = override ?? getenv("PAINMAP_LEXICONS").map({ String(cString: $0) }) {
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
    /// Inlinable so that it is specialized for String and Substring, and without a copy of the bytes when
    /// there is nothing to trim (nearly every field): the lexicon's 16,000 rows called it 25,000 times at
    /// start-up, ~6% of `painmap sentiment`'s start-up instructions.
    @inlinable public var trimmedSpaces: String {
        var l: UInt8 = 0x20
        for c in utf8 { l = c }   // the last byte (StringProtocol's UTF8View is not bidirectional)
        if let f = utf8.first, f != 0x20, f != 0x09, l != 0x20, l != 0x09 { return String(self) }
        let u = Array(utf8)
        var a = 0, b = u.count
        while a < b, u[a] == 0x20 || u[a] == 0x09 { a += 1 }
        while b > a, u[b - 1] == 0x20 || u[b - 1] == 0x09 { b -= 1 }
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}
