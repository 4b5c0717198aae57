/// The tokens of the document being tokenized, in a raw buffer that keeps its memory from one document to
/// the next (it grows by doubling and never shrinks). The tokenizer appends here and copies the whole
/// document's tokens into the caller's array at the end: `Array.append` per token paid a uniqueness call
/// and a capacity check each time (~20 instructions a token, ~1% of `painmap sentiment`, callgrind).
/// Not thread-safe: one per tokenizer.
final class TokenBuffer {
    private(set) var base: UnsafeMutablePointer<Token>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { base.deallocate() }   // Token is a plain value: nothing to deinitialize

    @inline(__always)
    func append(_ t: Token) {
        if count == capacity { grow() }
        (base + count).initialize(to: t)
        count += 1
    }

    /// Empties the buffer, keeping its memory.
    func removeAll() { count = 0 }

    var tokens: UnsafeBufferPointer<Token> { UnsafeBufferPointer(start: base, count: count) }

    @inline(never)
    private func grow() {
        let c = capacity * 2
        let new = UnsafeMutablePointer<Token>.allocate(capacity: c)
        new.moveInitialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = c
    }
}
