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
/// Used by one thread at a time (`LineJob.write` hands it to its writing queue until the workers are done).
final class Output: @unchecked Sendable {
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

    /// For commands that write bytes for each line (JSON Lines): workers take chunks of lines as they come
    /// free, write the lines of a chunk into one buffer, and the buffers go to `out` in input order.
    /// Measured against `run` for `painmap sentiment`: no array per line, and no thread left waiting at the
    /// end of a block because its fixed half was slower (the machine is shared).
    /// The workers run for the whole input, not block by block: chunks are numbered across blocks
    /// (`ChunkFeed`), the reader reads one block ahead, and finished chunks are written in order on a
    /// serial queue as soon as every chunk before them is done. With a barrier at the end of each block
    /// (4,096 lines) a worker idled while the other finished the block's last chunk, and again while the
    /// main thread handed out the next block: ~49 times on the 200k-line bench file.
    /// `work` gets each line's bytes, and `decode` to make its text (a String) when it needs that: a line
    /// that `Analyzer.analyze(normalASCII:)` takes as it is needs none (see there). `decode` reports the
    /// line's repairs; call it at most once.
    static func write(file: String, jobs: Int, out: Output,
                      work: @escaping @Sendable (_ worker: Int, _ line: Int, _ bytes: UnsafeBufferPointer<UInt8>,
                                                 _ decode: () -> String, _ into: inout JSONWriter) -> Void) throws {
        try write(file: file, jobs: jobs, out: out, work: { w, line, bytes, decode, j in work(w, line, bytes, decode, &j); return nil },
                  note: { _, _ in })
    }

    /// `write` for work that may also have something to say about a line (`painmap predict`: an empty
    /// document): `note(line, what)` is called for it in input order, after that line's input warnings,
    /// on the thread that writes the output.
    static func write(file: String, jobs: Int, out: Output,
                      work: @escaping @Sendable (_ worker: Int, _ line: Int, _ bytes: UnsafeBufferPointer<UInt8>,
                                                 _ decode: () -> String, _ into: inout JSONWriter) -> String?,
                      note: @escaping @Sendable (_ line: Int, _ what: String) -> Void) throws {
        let feed = ChunkFeed(try LineReader(path: file), workers: jobs)
        let name = feed.name
        let writeQueue = DispatchQueue(label: "painmap.write")
        DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { w in
            var capacity = 1 << 16
            while let chunk = feed.next() {
                var warnings: [InputWarning] = []
                var notes: [(line: Int, what: String)] = []
                var j = JSONWriter(capacity: capacity)
                let block = chunk.block
                block.bytes.withUnsafeBufferPointer { p in
                    for k in chunk.lines {
                        let line = block.firstLine + k
                        let bytes = UnsafeBufferPointer(rebasing: p[block.ranges[k]])
                        if let what = work(w, line, bytes, { TextDecoding.decode(bytes, file: name, line: line, warnings: &warnings) }, &j) {
                            notes.append((line, what))
                        }
                    }
                }
                capacity = max(capacity, j.bytes.count)
                // Written on the serial queue, in input order (`finish` hands them over in order).
                feed.finish(chunk.number, ChunkOutput(bytes: j.bytes, warnings: warnings, notes: notes)) { ready in
                    writeQueue.async { LineJob.write(ready, to: out, note: note) }
                }
            }
        }
        feed.drain { ready in writeQueue.async { LineJob.write(ready, to: out, note: note) } }
        writeQueue.sync {}   // the last chunks' output
    }

    private static func write(_ outputs: [ChunkOutput], to out: Output, note: (Int, String) -> Void) {
        for c in outputs {
            // Warnings and notes by line (a line's warnings first), as they came about.
            var k = 0
            for w in c.warnings {
                while k < c.notes.count, c.notes[k].line < w.line { note(c.notes[k].line, c.notes[k].what); k += 1 }
                Diagnostics.warn(w.description)
            }
            while k < c.notes.count { note(c.notes[k].line, c.notes[k].what); k += 1 }
            out.write(c.bytes)
        }
    }

    /// One chunk's output, warnings and notes.
    struct ChunkOutput: Sendable {
        let bytes: [UInt8]
        let warnings: [InputWarning]
        let notes: [(line: Int, what: String)]
    }

    /// Lines `lines` of `block`, the `number`th chunk of the input.
    struct Chunk: Sendable {
        let block: LineBlock
        let lines: Range<Int>
        let number: Int
    }

    /// Hands out the input's lines in chunks, numbered in input order across blocks, and takes finished
    /// chunks back to pass them on in that order. The next block is read on another thread while the
    /// workers take chunks of this one (reading was a serial share of the run that grew with the input).
    /// One lock guards the state; it is taken twice per chunk of ~64 lines.
    final class ChunkFeed: @unchecked Sendable {
        let name: String
        private let reader: LineReader
        private let workers: Int
        private let lock = NSLock()
        private let readQueue = DispatchQueue(label: "painmap.read-ahead")
        /// Signalled when `ahead` holds the block read ahead (nil at the end of input).
        private let readDone = DispatchSemaphore(value: 0)
        private var ahead: LineBlock?
        private var current: LineBlock?
        private var chunkSize = 1, nextLine = 0, chunks = 0
        private var ended = false
        /// Finished chunks waiting for an earlier one, and the number of the next chunk to pass on.
        private var finished: [Int: ChunkOutput] = [:]
        private var nextToWrite = 0
        /// Chunks in order, passed on together once they hold `passBytes` (see `finish`).
        private var inOrder: [ChunkOutput] = []
        private var inOrderBytes = 0
        /// Handed to the writing queue chunk by chunk (~3,000 times on the 200k-line bench file, each one
        /// perhaps waking its thread), user CPU with two workers was ~0.08 s above one worker's and the wall
        /// time no better than with the per-block barrier; in 1 MiB batches (~20 for that file) wall and
        /// user time are ~5% below the per-block version (medians of 21 alternated runs, quiet machine).
        static let passBytes = 1 << 20

        init(_ reader: LineReader, workers: Int) {
            self.reader = reader
            self.workers = workers
            name = reader.name
            readAhead()
        }

        private func readAhead() {
            readQueue.async { self.ahead = self.reader.nextBlock(); self.readDone.signal() }
        }

        /// The next chunk, or nil when the input is used up.
        func next() -> Chunk? {
            lock.lock(); defer { lock.unlock() }
            if current == nil || nextLine >= current!.ranges.count {
                guard !ended else { return nil }
                readDone.wait()
                current = ahead
                ahead = nil
                guard let block = current else { ended = true; return nil }
                readAhead()
                chunkSize = ParallelBatches.chunking(count: block.ranges.count, workers: workers).size
                nextLine = 0
            }
            let block = current!
            let lo = nextLine, hi = min(block.ranges.count, lo + chunkSize)
            nextLine = hi
            chunks += 1
            return Chunk(block: block, lines: lo..<hi, number: chunks - 1)
        }

        /// Records chunk `number`'s output; calls `pass` with the outputs next in input order once they
        /// hold `passBytes` (under the lock, so that successive calls pass them on in order).
        func finish(_ number: Int, _ output: ChunkOutput, pass: ([ChunkOutput]) -> Void) {
            lock.lock(); defer { lock.unlock() }
            finished[number] = output
            while let o = finished.removeValue(forKey: nextToWrite) {
                inOrder.append(o); inOrderBytes += o.bytes.count; nextToWrite += 1
            }
            if inOrderBytes >= ChunkFeed.passBytes { passInOrder(pass) }
        }

        /// Passes on what `finish` holds back; call when every chunk is finished.
        func drain(pass: ([ChunkOutput]) -> Void) {
            lock.lock(); defer { lock.unlock() }
            precondition(finished.isEmpty, "a chunk is missing")
            if !inOrder.isEmpty { passInOrder(pass) }
        }

        private func passInOrder(_ pass: ([ChunkOutput]) -> Void) {
            pass(inOrder)
            inOrder = []; inOrderBytes = 0
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
