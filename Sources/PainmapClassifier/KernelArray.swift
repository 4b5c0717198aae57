/// A growable array in memory of its own, for a C kernel's inputs and outputs: its `base` pointer goes to C as it
/// is. With Swift arrays, each array a kernel call takes needed a `withUnsafe…BufferPointer` closure of its own,
/// nested (`HeldOutPlan` was nine deep).
///
/// A reference type without copy-on-write: one owner writes it (`HeldOutPlan` while it is made; it only reads its
/// arrays after that). Only elements below `count` are ever initialized: growing copies them and leaves the new
/// room untouched, so memory reserved and never used is never faulted in (the held-out plans grew by doubling,
/// each step filling its new room: 17% of training's page faults, perf on banking77).
final class KernelArray<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    /// Elements in use (`append`) or made room for (`reserve`).
    private(set) var count = 0
    private var capacity: Int
    private let fill: Element

    init(repeating fill: Element, count: Int = 0) {
        self.fill = fill
        capacity = max(count, 1)
        base = .allocate(capacity: capacity)
        base.initialize(repeating: fill, count: count)
        self.count = count
    }

    deinit { base.deallocate() }

    /// At least `n` elements, the new ones `fill` (doubling, so that a workspace grown document by document
    /// settles after a few documents).
    func reserve(_ n: Int) {
        guard n > count else { return }
        if n > capacity { grow(max(n, 2 * capacity)) }
        (base + count).initialize(repeating: fill, count: n - count)
        count = n
    }

    /// Room for `n` elements in all, `count` unchanged.
    func reserveCapacity(_ n: Int) {
        if n > capacity { grow(n) }
    }

    /// Room reserved (`reserveCapacity`) or grown to.
    var reserved: Int { capacity }

    /// No elements; the memory is kept.
    func removeAll() { count = 0 }

    func append(_ elements: UnsafePointer<Element>, count n: Int) {
        if count + n > capacity { grow(max(count + n, 2 * capacity)) }
        (base + count).initialize(from: elements, count: n)
        count += n
    }

    private func grow(_ newCapacity: Int) {
        let more = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        more.initialize(from: base, count: count)
        base.deallocate()
        base = more
        capacity = newCapacity
    }
}
