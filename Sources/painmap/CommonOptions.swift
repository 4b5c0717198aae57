import ArgumentParser
import Foundation
import PainmapText

/// Options every analysing command shares.
struct PipelineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Force the document language (en, de, fr, es, nl, ...) instead of detecting it.", valueName: "code"))
    var language: String?

    @Option(help: ArgumentHelp("Folder with painmap's lexicons (default: found beside the binary or in the checkout; or $PAINMAP_LEXICONS).", valueName: "dir"))
    var lexicons: String?

    @Flag(help: "Keep quoted e-mail replies and signatures (removed by default, as ticket exports carry them).")
    var keepQuotes = false

    @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    var analyzerOptions: AnalyzerOptions {
        AnalyzerOptions(normalization: keepQuotes ? .keepAll : NormalizationOptions(), language: language)
    }

    func validate() throws {
        if let l = language, (try? SnowballStemmer(language: LanguageCode.stemmerName(l))) == nil {
            throw ValidationError("unknown language '\(l)'; Snowball stemmers: \(SnowballStemmer.languages.joined(separator: ", "))")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}

/// Writes to standard output through a large buffer; JSON lines are produced as bytes.
final class Output {
    private var buffer: [UInt8] = []
    init() { buffer.reserveCapacity(1 << 16) }
    func write(_ b: [UInt8]) { buffer.append(contentsOf: b); if buffer.count >= 1 << 16 { flush() } }
    func write(_ s: String) { write(Array(s.utf8)) }
    func line(_ s: String) { write(s); buffer.append(0x0A) }
    func flush() {
        buffer.withUnsafeBufferPointer { p in
            var off = 0
            while off < p.count {
                let n = Foundation.write(STDOUT_FILENO, p.baseAddress! + off, p.count - off)
                if n <= 0 { break }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
    deinit { flush() }
}

enum Diagnostics {
    static func warn(_ s: String) { FileHandle.standardError.write(Data(("painmap: " + s + "\n").utf8)) }
}

/// One document per input line, read from a file or stdin. Lines are decoded on the worker threads (UTF-8
/// validation is a measurable share of the work); repairs are reported on stderr, in input order.
enum LineJob {
    /// The reader and the block it is reading ahead, handed to the read-ahead queue (only one thread
    /// touches them at a time: the main thread waits for the read before using the block).
    private final class ReadAhead: @unchecked Sendable {
        let reader: LineReader
        var block: LineBlock?
        init(_ reader: LineReader) { self.reader = reader }
    }

    /// For commands that write bytes for each line (JSON Lines): workers take chunks of a block as they
    /// come free, write the lines of a chunk into one buffer, and the buffers go to `out` in input order.
    /// Measured against `run` for `painmap sentiment`: no array per line, and no thread left waiting at the
    /// end of a block because its fixed half was slower (the machine is shared).
    static func write(file: String, jobs: Int, out: Output,
                      work: @escaping @Sendable (_ worker: Int, _ line: Int, _ text: String, _ into: inout JSONWriter) -> Void) throws {
        try write(file: file, jobs: jobs, out: out, work: { w, line, text, j in work(w, line, text, &j); return nil }, note: { _, _ in })
    }

    /// `write` for work that may also have something to say about a line (`painmap predict`: an empty
    /// document): `note(line, what)` is called for it in input order, after that line's input warnings,
    /// on the thread that writes the output.
    static func write(file: String, jobs: Int, out: Output,
                      work: @escaping @Sendable (_ worker: Int, _ line: Int, _ text: String, _ into: inout JSONWriter) -> String?,
                      note: @escaping @Sendable (_ line: Int, _ what: String) -> Void) throws {
        let ahead = ReadAhead(try LineReader(path: file))
        let name = ahead.reader.name
        let readQueue = DispatchQueue(label: "painmap.read-ahead")
        var current = ahead.reader.nextBlock()
        var capacity = 1 << 16
        while let block = current {
            let pending = DispatchGroup()
            readQueue.async(group: pending) { ahead.block = ahead.reader.nextBlock() }
            let size = capacity
            let chunks = ParallelBatches.mapChunks(count: block.ranges.count, workers: jobs) { w, range -> BlockOutput.Chunk in
                var warnings: [InputWarning] = []
                var notes: [(Int, String)] = []
                var j = JSONWriter(capacity: size)
                block.bytes.withUnsafeBufferPointer { p in
                    for k in range {
                        let line = block.firstLine + k
                        let text = TextDecoding.decode(UnsafeBufferPointer(rebasing: p[block.ranges[k]]), file: name, line: line, warnings: &warnings)
                        if let what = work(w, line, text, &j) { notes.append((line, what)) }
                    }
                }
                return BlockOutput.Chunk(bytes: j.bytes, warnings: warnings, notes: notes)
            }
            for c in chunks { capacity = max(capacity, c.bytes.count) }
            // Written on the read-ahead queue (after the next block's read, in block order) while the
            // workers start on the next block: written here, the other worker idled through every copy
            // and write(2) of a block's output.
            let done = BlockOutput(out: out, chunks: chunks, note: note)
            readQueue.async { done.write() }
            pending.wait()
            current = ahead.block
        }
        readQueue.sync {}   // the last block's output
    }

    /// A block's output and warnings, handed to the queue that writes them (only it touches `out` then).
    private final class BlockOutput: @unchecked Sendable {
        struct Chunk {
            var bytes: [UInt8]
            var warnings: [InputWarning]
            var notes: [(Int, String)]
        }
        let out: Output
        let chunks: [Chunk]
        let note: (Int, String) -> Void
        init(out: Output, chunks: [Chunk], note: @escaping (Int, String) -> Void) { self.out = out; self.chunks = chunks; self.note = note }
        func write() {
            for c in chunks {
                // Warnings and notes by line (a line's warnings first), as they came about.
                var k = 0
                for w in c.warnings {
                    while k < c.notes.count, c.notes[k].0 < w.line { note(c.notes[k].0, c.notes[k].1); k += 1 }
                    Diagnostics.warn(w.description)
                }
                while k < c.notes.count { note(c.notes[k].0, c.notes[k].1); k += 1 }
                out.write(c.bytes)
            }
        }
    }

    static func run<R>(file: String, jobs: Int, work: @escaping @Sendable (_ worker: Int, _ line: Int, _ text: String) -> R,
                       emit: (R) -> Void) throws {
        let ahead = ReadAhead(try LineReader(path: file))
        let name = ahead.reader.name
        let parallel = ParallelBatches(workers: jobs)
        // The next block is read on another thread while this one is analysed: reading was a serial share
        // of the run that grew with the input (measured: 1.6x on 2 cores before, the rest idle waiting).
        let readQueue = DispatchQueue(label: "painmap.read-ahead")
        var current = ahead.reader.nextBlock()
        while let block = current {
            let pending = DispatchGroup()
            readQueue.async(group: pending) { ahead.block = ahead.reader.nextBlock() }
            let results = parallel.map(Array(block.ranges.indices)) { w, k -> (R, [InputWarning]) in
                var warnings: [InputWarning] = []
                let line = block.firstLine + k
                let text = block.bytes.withUnsafeBufferPointer {
                    TextDecoding.decode(UnsafeBufferPointer(rebasing: $0[block.ranges[k]]), file: name, line: line, warnings: &warnings)
                }
                return (work(w, line, text), warnings)
            }
            for r in results {
                for w in r.1 { Diagnostics.warn(w.description) }
                emit(r.0)
            }
            pending.wait()
            current = ahead.block
        }
    }
}
