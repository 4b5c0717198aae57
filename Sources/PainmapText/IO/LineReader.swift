import Foundation

/// A problem with one input line that was repaired rather than fatal (invalid UTF-8, NUL bytes).
public struct InputWarning: Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Streams a file (or stdin) line by line in bounded memory: 1 MiB reads, lines of any length
/// (a 10 MB single document is one line), `\n` or `\r\n` endings.
public final class LineReader {
    public let name: String
    private let handle: UnsafeMutablePointer<FILE>
    private let ownsHandle: Bool
    private var buffer: [UInt8]
    private var start = 0, end = 0
    private var eof = false
    public private(set) var lineNumber = 0

    /// `path` "-" reads standard input.
    public init(path: String) throws {
        if path == "-" {
            handle = fdopen(STDIN_FILENO, "rb"); ownsHandle = false; name = "<stdin>"
        } else {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                throw DataFileError(file: path, line: 0, "is a folder, not a file")
            }
            guard let f = fopen(path, "rb") else {
                throw DataFileError(file: path, line: 0, "cannot open: \(String(cString: strerror(errno)))")
            }
            handle = f; ownsHandle = true; name = path
        }
        // Left uninitialised: only the bytes `fill` reads into (`start..<end`) are ever read, and zeroing the
        // 1 MB was ~1.05M instructions and ~9% of `painmap sentiment`'s start-up page faults (callgrind, perf).
        buffer = [UInt8](unsafeUninitializedCapacity: LineReader.bufferSize) { _, count in count = LineReader.bufferSize }
    }

    deinit { if ownsHandle { fclose(handle) } }

    /// The read buffer's first size (it doubles for a longer line).
    private static let bufferSize = 1 << 20

    /// The next lines as one block: their bytes copied once into a single array, and the range of each line
    /// (without its line ending). Workers take lines from a block with no allocation per line. Nil at the end.
    /// `maxBytes` counts the lines' bytes without their endings.
    ///
    /// The complete lines already in the read buffer are found with `memchr` and copied with one append,
    /// line endings included (the ranges leave them out). Taken one `nextLine` slice and one append at a
    /// time, reading cost ~475 instructions a line of `painmap sentiment`, now ~230 (callgrind), on a third
    /// thread beside the two workers.
    public func nextBlock(maxLines: Int = 4096, maxBytes: Int = 4 << 20) -> LineBlock? {
        var block = LineBlock(firstLine: lineNumber + 1)
        var content = 0   // the lines' bytes without their endings, as `maxBytes` counts them
        while block.ranges.count < maxLines, content < maxBytes {
            let before = block.ranges.count, offset = block.bytes.count - start
            let taken = buffer.withUnsafeBufferPointer { p -> Int in
                var s = start
                while block.ranges.count < maxLines, content < maxBytes, s < end,
                      let hit = memchr(p.baseAddress! + s, 0x0A, end - s) {
                    let nl = UnsafeRawPointer(hit) - UnsafeRawPointer(p.baseAddress!)
                    var lineEnd = nl
                    if lineEnd > s, p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    block.ranges.append((offset + s)..<(offset + lineEnd))
                    content += lineEnd - s
                    s = nl + 1
                }
                return s
            }
            if taken > start {
                block.bytes.append(contentsOf: buffer[start..<taken])
                lineNumber += block.ranges.count - before
                start = taken
                continue
            }
            // No complete line left in the buffer: `nextLine` reads more (or takes the last line at the end).
            guard let line = nextLine() else { break }
            let lo = block.bytes.count
            block.bytes.append(contentsOf: line)
            block.ranges.append(lo..<block.bytes.count)
            content += line.count
        }
        return block.ranges.isEmpty ? nil : block
    }

    /// The next line's bytes without its line ending, or nil at the end of input.
    public func nextLine() -> ArraySlice<UInt8>? {
        while true {
            let found: Int? = buffer.withUnsafeBufferPointer { p -> Int? in
                guard end > start, let hit = memchr(p.baseAddress! + start, 0x0A, end - start) else { return nil }
                return UnsafeRawPointer(hit) - UnsafeRawPointer(p.baseAddress!)
            }
            if let nl = found {
                var lineEnd = nl
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = buffer[start..<lineEnd]
                start = nl + 1
                lineNumber += 1
                return line
            }
            if eof {
                guard start < end else { return nil }
                var lineEnd = end
                if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = buffer[start..<lineEnd]
                start = end
                lineNumber += 1
                return line
            }
            fill()
        }
    }

    private func fill() {
        // Move the partial line to the front; grow only when one line is longer than the buffer.
        if start > 0 {
            let n = end - start
            if n > 0 { buffer.withUnsafeMutableBufferPointer { p in _ = memmove(p.baseAddress!, p.baseAddress! + start, n) } }
            start = 0; end = n
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let got = buffer.withUnsafeMutableBufferPointer { p in fread(p.baseAddress! + end, 1, p.count - end, handle) }
        if got == 0 { eof = true }
        end += got
    }
}

/// Consecutive input lines in one buffer.
public struct LineBlock: Sendable {
    /// Line number of the first line (1-based).
    public var firstLine: Int
    /// The lines' bytes, perhaps with line endings between them: read a line through `ranges`.
    public var bytes: [UInt8] = []
    public var ranges: [Range<Int>] = []
    public init(firstLine: Int) { self.firstLine = firstLine }
}

public enum TextDecoding {
    /// `decode` for a line in a buffer, the way line readers call it. The generic version below is not
    /// specialized across modules, and its `String(validating:)` paid for generic metadata look-ups on every
    /// line (~4% of `painmap tokenize`). Valid UTF-8 with no NUL (nearly every line) decodes to exactly its
    /// own bytes, so that is checked after the fast decode; anything else takes the reporting path.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int,
                              warnings: inout [InputWarning]) -> String {
        if let base = bytes.baseAddress, memchr(base, 0, bytes.count) == nil {
            var s = String(decoding: bytes, as: UTF8.self)
            let same = s.withUTF8 { u in u.count == bytes.count && memcmp(u.baseAddress!, base, u.count) == 0 }
            if same { return s }
        } else if bytes.isEmpty {
            return ""
        }
        return decode(Array(bytes), file: file, line: line, warnings: &warnings)
    }

    /// Decodes a line as UTF-8. Invalid sequences become U+FFFD and NUL bytes are dropped; each repair is
    /// reported with the column (in bytes, 1-based) where it happened, never silently.
    public static func decode<C: Collection>(_ bytes: C, file: String, line: Int,
                                             warnings: inout [InputWarning]) -> String where C.Element == UInt8 {
        let nulAt: Int? = bytes.withContiguousStorageIfAvailable { p -> Int? in
            guard let base = p.baseAddress, let hit = memchr(base, 0, p.count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        } ?? bytes.firstIndex(of: 0).map { bytes.distance(from: bytes.startIndex, to: $0) }
        if let col0 = nulAt {
            let col = col0 + 1
            warnings.append(InputWarning(file: file, line: line, column: col, message: "NUL byte(s) removed"))
            var rest: [InputWarning] = []
            let s = decode(bytes.filter { $0 != 0 }, file: file, line: line, warnings: &rest)
            // Columns count the bytes as read: in the filtered line they were shifted by the NULs taken out.
            for var w in rest { w.column = firstInvalidByte(Array(bytes)) + 1; warnings.append(w) }
            return s
        }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        let col = firstInvalidByte(Array(bytes)) + 1
        warnings.append(InputWarning(file: file, line: line, column: col, message: "invalid UTF-8 replaced with U+FFFD"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func firstInvalidByte(_ b: [UInt8]) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let len = c < 0x80 ? 1 : c >> 5 == 0x6 ? 2 : c >> 4 == 0xE ? 3 : c >> 3 == 0x1E ? 4 : 0
            if len == 0 || i + len > b.count { return i }
            for k in 1..<max(len, 1) where b[i + k] & 0xC0 != 0x80 { return i }
            if String(validating: b[i..<i + len], as: UTF8.self) == nil { return i }
            i += len
        }
        return i
    }
}
