/// A growable array in memory of its own, for a C kernel's inputs and outputs: its `base` pointer goes to C as it
/// is. With Swift arrays, each array a kernel call takes needed a `withUnsafe…BufferPointer` closure of its own,
/// nested (`HeldOutPlan` was nine deep).
///
/// A reference type without copy-on-write: one owner writes it (`HeldOutPlan` while it is made; it only reads its
/// arrays after that). Growing keeps the contents and fills the new room with `fill`.
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
        base.initialize(repeating: fill, count: capacity)
        self.count = count
    }

    deinit { base.deallocate() }

    /// At least `n` elements, the new ones `fill` (doubling, so that a workspace grown document by document
    /// settles after a few documents).
    func reserve(_ n: Int) {
        if n > capacity { grow(max(n, 2 * capacity)) }
        count = max(count, n)
    }

    func append(_ elements: UnsafePointer<Element>, count n: Int) {
        if count + n > capacity { grow(max(count + n, 2 * capacity)) }
        (base + count).update(from: elements, count: n)
        count += n
    }

    private func grow(_ newCapacity: Int) {
        let more = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        more.initialize(from: base, count: capacity)
        (more + capacity).initialize(repeating: fill, count: newCapacity - capacity)
        base.deallocate()
        base = more
        capacity = newCapacity
    }
}
