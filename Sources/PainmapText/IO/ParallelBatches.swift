import Dispatch
import Foundation

/// Runs per-item work on several threads and hands results back in input order.
///
/// Work is read in batches; each batch is cut into one slice per worker and processed with
/// `concurrentPerform`; every worker keeps its own state (analyzer, stemmer, caches) because those are not
/// thread-safe. Memory stays bounded by the batch size whatever the input size.
public struct ParallelBatches {
    public let workers: Int
    public let batchSize: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 4096) {
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
    }

    /// Reads items with `next` until it returns nil, maps each with `work(workerIndex, item)` and passes
    /// results in order to `emit`.
    public func run<Item, Result>(next: () -> Item?, work: @escaping @Sendable (Int, Item) -> Result,
                                  emit: (Result) -> Void) {
        var batch: [Item] = []
        batch.reserveCapacity(batchSize)
        while true {
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize, let item = next() { batch.append(item) }
            if batch.isEmpty { return }
            let results = map(batch, work: work)
            for r in results { emit(r) }
        }
    }

    /// Maps `items` on `workers` threads, keeping order.
    public func map<Item, Result>(_ items: [Item], work: @escaping @Sendable (Int, Item) -> Result) -> [Result] {
        let n = items.count
        if workers == 1 || n < 64 { return items.map { work(0, $0) } }
        let out = UnsafeMutableBufferPointer<Result?>.allocate(capacity: n)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        let unsafeItems = UnsafeSendable(items)
        let unsafeOut = UnsafeSendable(out)
        // A fixed share per worker, so which worker sees which item is the same on every run (callers keep
        // per-worker state, such as vocabularies, that would otherwise differ between runs). `mapChunks`
        // hands out work dynamically, for callers whose output cannot depend on the worker.
        let chunks = workers
        let per = (n + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { w in
            let lo = w * per, hi = min(n, lo + per)
            guard lo < hi else { return }
            for i in lo..<hi { unsafeOut.value[i] = work(w, unsafeItems.value[i]) }
        }
        return out.map { $0! }
    }

    /// `body(worker, range)` for consecutive ranges covering `0..<count` on `workers` threads (as
    /// `forEachChunk`), with the results in the order of the ranges.
    public static func mapChunks<R>(count n: Int, workers: Int, _ body: @escaping @Sendable (Int, Range<Int>) -> R) -> [R] {
        let (_, chunks) = chunking(count: n, workers: workers)
        let out = UnsafeMutableBufferPointer<R?>.allocate(capacity: chunks)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        let unsafeOut = UnsafeSendable(out)
        forEachChunk(count: n, workers: workers) { w, c, range in unsafeOut.value[c] = body(w, range) }
        return out.map { $0! }
    }

    /// How `mapChunks` and `forEachChunk` cut `count` items: the size of a range and their number.
    public static func chunking(count n: Int, workers: Int) -> (size: Int, chunks: Int) {
        if workers <= 1 { return (max(n, 1), n > 0 ? 1 : 0) }
        // 32 ranges per worker: at the end of a batch one worker may wait for the other's last range, so
        // ranges are kept short (with 8 per worker that wait was up to 1/8 of a worker's batch).
        let size = max(16, n / (workers * 32))
        return (size, (n + size - 1) / size)
    }

    /// Calls `body(worker, index, range)` for consecutive ranges covering `0..<count`, on `workers` threads.
    /// Ranges are handed out as workers come free rather than split evenly up front: with a fixed half
    /// each, one thread slowed by anything else on the machine left the other idle at the end of every
    /// batch. Worker `w` runs on one thread at a time, so per-worker state stays unshared.
    /// `body` also gets the index of the range.
    public static func forEachChunk(count n: Int, workers: Int, _ body: @Sendable (Int, Int, Range<Int>) -> Void) {
        let (size, chunks) = chunking(count: n, workers: workers)
        if chunks <= 1 || workers <= 1 {
            for c in 0..<chunks { body(0, c, (c * size)..<min(n, (c + 1) * size)) }
            return
        }
        let next = ChunkCounter()
        DispatchQueue.concurrentPerform(iterations: min(workers, chunks)) { w in
            while true {
                let c = next.take()
                guard c < chunks else { return }
                body(w, c, (c * size)..<min(n, (c + 1) * size))
            }
        }
    }
}

/// A counter shared by the workers of one batch (taken a few dozen times per batch: a lock is plenty).
private final class ChunkCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

/// Hands a value to `concurrentPerform` workers that touch disjoint parts of it.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

/// Per-worker state (analyzers, stemmers, caches are not thread-safe), one per worker, made up front so
/// that workers only ever read the array. A worker may replace its own state (see `current`).
///
/// `subscript` and `current` are inlinable so that they are specialized for the caller's `State`: called
/// once per line, the generic versions looked up the metadata of `Slot<State>` and `State?` each time
/// (measured ~2.5% of `painmap sentiment`).
public final class PerWorker<State>: @unchecked Sendable {
    @usableFromInline final class Slot {
        @usableFromInline var state: State
        init(_ s: State) { state = s }
    }
    @usableFromInline let slots: [Slot]
    @usableFromInline let make: () throws -> State

    /// `concurrently`: make the states on `workers` threads at once, for a `make` that is safe to call
    /// from several threads. The sentiment scorers took ~25% of `painmap sentiment`'s start-up instructions,
    /// one after the other, while the other core waited.
    public init(workers: Int, concurrently: Bool = false, make: @escaping () throws -> State) throws {
        self.make = make
        let n = max(1, workers)
        guard concurrently, n > 1 else {
            slots = try (0..<n).map { _ in Slot(try make()) }
            return
        }
        let made = UnsafeMutableBufferPointer<Result<State, any Error>?>.allocate(capacity: n)
        made.initialize(repeating: nil)
        defer { made.deinitialize(); made.deallocate() }
        let out = UnsafeSendable(made), maker = UnsafeSendable(make)
        DispatchQueue.concurrentPerform(iterations: n) { k in out.value[k] = Result { try maker.value() } }
        slots = try made.map { Slot(try $0!.get()) }
    }

    /// Worker `w`'s state. Only worker `w` may use it.
    @inlinable public subscript(_ w: Int) -> State { slots[w].state }

    /// Worker `w`'s state, made anew first when `isWorn` says the old one has grown too big (an analyzer
    /// whose vocabulary passed `Vocabulary.renewalSize`). Only worker `w` may call this, between items.
    @inlinable public func current(_ w: Int, renewIf isWorn: (State) -> Bool) -> State {
        // `unowned(unsafe)`: `slots` (a `let`) holds the slot as long as `self` lives; read strongly it cost
        // a retain and a release per item (callgrind, `painmap sentiment --jobs 1` on 20,000 bench lines:
        // 387.7M -> 386.8M).
        unowned(unsafe) let slot = slots[w]
        if isWorn(slot.state), let fresh = try? make() { slot.state = fresh }
        return slot.state
    }
}
