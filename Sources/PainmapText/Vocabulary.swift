/// Interns byte strings (lowercased word forms, stems, features) as dense `UInt32` ids.
///
/// Hand-written because it sits on the hottest path: every token of every document is looked up here.
/// A `Dictionary<String, UInt32>` would allocate a `String` per token; this table hashes the bytes in place
/// (FNV-1a) and only copies a form the first time it is seen. Not thread-safe: one per worker thread.
public final class Vocabulary {
    /// All interned bytes, back to back; `ends[id]` is where entry `id` stops.
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []
    private var hashes: [UInt32] = []
    /// Open-addressing slots holding `id + 1` (0 = empty); capacity is a power of two.
    private var slots: [UInt32]
    private var mask: Int

    public init(capacity: Int = 1 << 12) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = Array(repeating: 0, count: c)
        mask = c - 1
        bytes.reserveCapacity(capacity * 6)
    }

    public var count: Int { ends.count }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in p { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// The id of `p`, interning it if new.
    @inline(__always)
    public func intern(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let h = Vocabulary.hash(p)
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return insert(p, hash: h, slot: i) }
            let id = Int(s - 1)
            if hashes[id] == h && equals(id, p) { return UInt32(id) }
            i = (i + 1) & mask
        }
    }

    /// The id of `p` if it was interned, else nil.
    public func lookup(_ p: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let h = Vocabulary.hash(p)
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            let id = Int(s - 1)
            if hashes[id] == h && equals(id, p) { return UInt32(id) }
            i = (i + 1) & mask
        }
    }

    public func intern(_ s: String) -> UInt32 {
        var s = s
        return s.withUTF8 { intern($0) }
    }

    public func lookup(_ s: String) -> UInt32? {
        var s = s
        return s.withUTF8 { lookup($0) }
    }

    /// The interned text of `id`.
    public func string(_ id: UInt32) -> String {
        let (a, b) = range(Int(id))
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }

    /// Calls `body` with the bytes of `id` without copying them.
    public func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (a, b) = range(Int(id))
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[a..<b])) }
    }

    @inline(__always)
    private func range(_ id: Int) -> (Int, Int) {
        (id == 0 ? 0 : Int(ends[id - 1]), Int(ends[id]))
    }

    @inline(__always)
    private func equals(_ id: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let (a, b) = range(id)
        if b - a != p.count { return false }
        return bytes.withUnsafeBufferPointer { buf in
            var j = 0
            while j < p.count {
                if buf[a + j] != p[j] { return false }
                j += 1
            }
            return true
        }
    }

    private func insert(_ p: UnsafeBufferPointer<UInt8>, hash h: UInt32, slot: Int) -> UInt32 {
        let id = UInt32(ends.count)
        bytes.append(contentsOf: p)
        ends.append(Int32(bytes.count))
        hashes.append(h)
        slots[slot] = id + 1
        if ends.count * 2 > slots.count { grow() }
        return id
    }

    private func grow() {
        let c = slots.count * 2
        slots = Array(repeating: 0, count: c)
        mask = c - 1
        for id in 0..<hashes.count {
            var i = Int(hashes[id]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt32(id + 1)
        }
    }
}
