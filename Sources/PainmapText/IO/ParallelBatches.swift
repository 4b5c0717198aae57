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
        let chunks = workers
        let per = (n + chunks - 1) / chunks
        let unsafeItems = UnsafeSendable(items)
        let unsafeOut = UnsafeSendable(out)
        DispatchQueue.concurrentPerform(iterations: chunks) { w in
            let lo = w * per, hi = min(n, lo + per)
            guard lo < hi else { return }
            for i in lo..<hi { unsafeOut.value[i] = work(w, unsafeItems.value[i]) }
        }
        return out.map { $0! }
    }
}

/// Hands a value to `concurrentPerform` workers that touch disjoint parts of it.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

/// Per-worker state (analyzers, stemmers, caches are not thread-safe), one per worker, made up front so
/// that workers only ever read the array.
public final class PerWorker<State>: @unchecked Sendable {
    private let states: [State]
    public init(workers: Int, make: () throws -> State) rethrows {
        states = try (0..<max(1, workers)).map { _ in try make() }
    }
    /// Worker `w`'s state. Only worker `w` may use it.
    public subscript(_ w: Int) -> State { states[w] }
}
