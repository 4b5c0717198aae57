import Foundation

/// Interns byte strings (lower-cased word forms, stems, n-grams) as dense `UInt32` ids.
///
/// Hand-written over raw buffers because it is the hottest structure in painmap: every token of every
/// document is looked up here. A `Dictionary<String, UInt32>` would allocate a `String` per token, and Swift
/// arrays pay bounds and uniqueness checks on each access; profiles showed both. This table hashes the bytes
/// in place (FNV-1a), compares with `memcmp`, and copies a form only the first time it is seen.
/// Not thread-safe: one per worker thread (each `Analyzer` owns one).
public final class Vocabulary {
    /// All interned bytes back to back. `@usableFromInline` (as `starts`, `ends`) for `withBytes`.
    @usableFromInline private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var bytesCount = 0, bytesCapacity: Int
    /// Per id: where its bytes start and end in `bytes`, and its hash.
    @usableFromInline private(set) var starts: UnsafeMutablePointer<Int32>
    @usableFromInline private(set) var ends: UnsafeMutablePointer<Int32>
    private var hashes: UnsafeMutablePointer<UInt32>
    private var idCapacity: Int
    public private(set) var count = 0

    /// Every distinct form and n-gram a worker meets is interned, and the stages keep tables and caches by
    /// id: about 1.2 KB a distinct word over the whole analysis (measured: 200,000 unseen words -> 292 MB,
    /// 800,000 -> 642 MB for `painmap classify`). Order numbers, names and e-mail addresses keep coming in a
    /// real export, so the line commands make a worker's analyzer anew once its vocabulary has this many
    /// entries: memory stays bounded whatever the input, and results do not depend on ids. 150,000 since the
    /// topic and phase models look bigrams up in their own caches instead of interning them here: with
    /// 250,000 entries, now nearly all words, ingest of 400,000 lines of two unseen words each peaked at
    /// 282 MB (229 MB with 150,000).
    public static let renewalSize = 150_000

    /// True once the vocabulary has `renewalSize` entries.
    public var isLarge: Bool { count >= Vocabulary.renewalSize }
    /// Open-addressing slots holding `hash << 32 | (id + 1)` (0 = empty), so a probe reads one word and only
    /// touches an entry's bytes when the full hash matches; capacity is a power of two, at most half full.
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int

    /// Strings of at most 8 bytes (most words) packed into one integer: a second table keyed by that
    /// integer answers them with one compare, no byte loop and no `memcmp`. UTF-8 text has no zero bytes
    /// (NUL is removed at decoding), so zero padding cannot collide with a real string.
    /// Key and id sit side by side in one 16-byte slot: kept in two arrays, a look-up of a rare word
    /// missed the cache twice (profiles put a sixth of the tokenizer's time on the second load).
    private var short: UnsafeMutablePointer<ShortSlot>
    private var shortMask: Int
    private var shortCount = 0
    /// A small cache of recently seen short forms (128 KiB, so it stays in the core's own L2). Word
    /// frequencies are skewed: the few thousand most common forms make most tokens, but in a table of
    /// 100k+ forms each of them sits on its own cache line among rare ones. Entries never go stale (ids are
    /// never reassigned), so a hit needs no check beyond the key.
    /// Two ways per set, side by side in one 32-byte half of a cache line, the one used last first: direct
    /// mapped (4,096 slots), common words evicted each other and 18% of the short words of the 200k-line
    /// bench file missed it (each miss a probe of the large table that perf put at ~88% of `internShort`'s
    /// cycles, a cache miss); with 4,096 sets of two, 8% miss (simulated on that file's words per worker).
    private var hot: UnsafeMutablePointer<ShortSlot>
    /// The `calloc` block `hot` is aligned in, for `free`.
    private let hotAllocation: UnsafeMutablePointer<UInt8>
    private static let hotBits = 12
    /// Slots of the hot cache: two per set.
    private static var hotSlots: Int { 2 << hotBits }

    struct ShortSlot { var key: UInt64; var id: UInt64 }

    /// Strings of 9 to 15 bytes ("something", "experience") the same way, as two integers in one slot: in
    /// the general table a look-up read the slot, then the id's start and end, then its bytes, each a
    /// likely cache miss for a rare word (measured ~4% of tokenize).
    private var medium: UnsafeMutablePointer<MediumSlot>
    private var mediumMask: Int
    private var mediumCount = 0
    struct MediumSlot { var k0: UInt64; var k1: UInt64; var id: UInt32 }
    /// Recently seen medium forms, as `hot` keeps short ones: 1,024 sets of two 32-byte slots, a set to a
    /// cache line (64 KiB). Every medium word (about one in twelve) probed the medium table, a cache miss
    /// for most (perf: `internMedium` ~3.7% of `painmap sentiment`'s cycles at ~0.7% of its instructions);
    /// this keeps ~60% of them out of it (simulated on the 200k-line bench file's words per worker).
    private var mediumHot: UnsafeMutablePointer<MediumHotSlot>
    /// The `calloc` block `mediumHot` is aligned in, for `free`.
    private let mediumHotAllocation: UnsafeMutablePointer<UInt8>
    private static let mediumHotBits = 10
    private static var mediumHotSlots: Int { 2 << mediumHotBits }
    struct MediumHotSlot { var k0: UInt64; var k1: UInt64; var id: UInt64; var padding: UInt64 = 0 }

    public init(capacity: Int = 1 << 12) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = Vocabulary.zeroedForFilling(UInt64.self, c)
        mask = c - 1
        idCapacity = max(capacity, 16)
        starts = .allocate(capacity: idCapacity)
        ends = .allocate(capacity: idCapacity)
        hashes = .allocate(capacity: idCapacity)
        bytesCapacity = idCapacity * 8
        bytes = .allocate(capacity: bytesCapacity)
        shortMask = c - 1
        short = Vocabulary.zeroedForFilling(ShortSlot.self, c)
        mediumMask = c - 1
        medium = Vocabulary.zeroedForFilling(MediumSlot.self, c)
        // Aligned to a cache line, so that no set (32 bytes) straddles two: `calloc` aligns to 16 bytes, so
        // one line more is asked for and the table starts at the first line boundary in it.
        hotAllocation = Vocabulary.zeroed(UInt8.self, Vocabulary.hotSlots * MemoryLayout<ShortSlot>.stride + Vocabulary.cacheLine)
        hot = Vocabulary.alignedToCacheLine(hotAllocation).bindMemory(to: ShortSlot.self, capacity: Vocabulary.hotSlots)
        mediumHotAllocation = Vocabulary.zeroed(UInt8.self, Vocabulary.mediumHotSlots * MemoryLayout<MediumHotSlot>.stride + Vocabulary.cacheLine)
        mediumHot = Vocabulary.alignedToCacheLine(mediumHotAllocation).bindMemory(to: MediumHotSlot.self, capacity: Vocabulary.mediumHotSlots)
    }

    deinit {
        starts.deallocate(); ends.deallocate(); hashes.deallocate(); bytes.deallocate()
        free(slots); free(short); free(medium); free(hotAllocation); free(mediumHotAllocation)
    }

    /// `count` zero-filled `T`s from `calloc`, freed with `free` (never `deallocate`): the slot tables and
    /// hot caches (all zeros = all empty). Allocating and then zeroing them was ~2.5M instructions of
    /// `painmap sentiment`'s start-up and ~11% of its page faults (callgrind, perf): `calloc` takes large
    /// blocks zeroed from the system, whose pages are only touched once a slot is used.
    private static func zeroed<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        guard let p = calloc(count, MemoryLayout<T>.stride) else { fatalError("out of memory for a vocabulary table") }
        return p.bindMemory(to: T.self, capacity: count)
    }

    /// `zeroed` for a probe table (the slots, the short and the medium table, each time they are made),
    /// with each of its pages written before it is read. A probe reads a slot before it fills it: a page of
    /// fresh `calloc` memory read first is mapped to the kernel's shared zero page, and the first write then
    /// faults again to copy it and flushes the TLB of every core running this process, an interrupt to the
    /// other worker's core that the writer waits for. perf, `painmap sentiment --jobs 2` on the 200k-line
    /// bench file: with one worker ~0.1% of the samples, with two ~1.4% in sending and waiting for those
    /// flushes; they go 4,245 -> 619 and the page faults 9,582 -> 8,345 (empty input: 2,029 -> 541 and
    /// 3,201 -> 2,606: the lexicon's and the analyzers' tables fill at start-up). Written first, a page
    /// faults once. The hot caches are left as they were (not measured apart).
    private static func zeroedForFilling<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        let p = zeroed(T.self, count)
        writeEachPage(UnsafeMutableRawPointer(p), bytes: count * MemoryLayout<T>.stride)
        return p
    }

    /// Stores a zero into each page of `bytes` bytes at `p`, which are zero. Not inlined: where the compiler
    /// sees that `p` comes from `calloc`, it may drop stores of zeros into it as changing nothing.
    @inline(never)
    private static func writeEachPage(_ p: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes > 0 else { return }
        for offset in stride(from: 0, to: bytes, by: pageSize) { p.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self) }
        p.storeBytes(of: 0, toByteOffset: bytes - 1, as: UInt8.self)   // the last page, when `p` is not page-aligned
    }

    /// The smallest page size of the platforms we run on: a larger page is only written more than once.
    private static let pageSize = 4096

    /// Bytes of a cache line, the hot caches' alignment.
    private static let cacheLine = 64

    private static func alignedToCacheLine(_ p: UnsafeMutablePointer<UInt8>) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(p).alignedUp(toMultipleOf: cacheLine)
    }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in p { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// The id of `p`, interning it if new.
    @inline(__always)
    public func intern(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if p.count <= 8 && p.count > 0, let base = p.baseAddress, base[0] != 0 {
            return intern(packed: Vocabulary.shortKey(base, p.count), p)
        }
        if p.count <= 15 && p.count > 8, let base = p.baseAddress, base[0] != 0 {
            let (k0, k1) = Vocabulary.mediumKey(base, p.count)
            return internMedium(k0, k1)
        }
        return internLong(p)
    }

    /// The short table's key of 1 to 8 bytes: packed little-endian.
    @inline(__always)
    private static func shortKey(_ base: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var key: UInt64 = 0
        for k in 0..<n { key |= UInt64(base[k]) << (8 * UInt64(k)) }
        return key
    }

    /// The medium table's key of 9 to 15 bytes: the first 8 packed little-endian, then the rest with the length
    /// in the top byte (then even bytes 0 inside cannot collide).
    @inline(__always)
    private static func mediumKey(_ base: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        let k0 = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
        var k1 = UInt64(n) << 56
        for k in 8..<n { k1 |= UInt64(base[k]) << (8 * UInt64(k - 8)) }
        return (k0, k1)
    }

    /// `intern` for 1 to 8 bytes `p` (not starting with 0) already packed little-endian into `key`.
    @inline(__always)
    func intern(packed key: UInt64, _ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        internHot(key) { h in internShort(key, h, p) }
    }

    /// `intern` for a form of 1 to 8 bytes, none of them 0, packed little-endian into `key`, as the
    /// tokenizer has them after reading a word eight bytes at a time: its bytes are made from `key` only
    /// when it is not in the short table. Why: the tokenizer had to give the bytes too, through a closure
    /// (`withUnsafeBytes(of: key)`) for a capitalized word or a contraction, which the compiler kept out of
    /// line in `Tokenizer.fill` (callgrind, `painmap sentiment --jobs 1` on 20,000 bench lines: ~2.9M
    /// instructions in those closures; with `intern(medium:_:count:)` 453.8M -> 448.9M in all).
    @inline(__always)
    func intern(packed key: UInt64) -> UInt32 {
        internHot(key) { h in internShort(key, h) }
    }

    /// The hot cache's look-up of the short form `key`, `miss` (given the key's `shortHash`) when it is
    /// not there.
    @inline(__always)
    private func internHot(_ key: UInt64, miss: (UInt64) -> UInt32) -> UInt32 {
        let h = Vocabulary.shortHash(key)
        let set = hot + (Int(truncatingIfNeeded: h >> UInt64(64 - Vocabulary.hotBits)) &<< 1)
        if set[0].key == key { return UInt32(truncatingIfNeeded: set[0].id) }
        let second = set[1]
        if second.key == key {
            // The one used last goes first: the other is the one a new form replaces.
            set[1] = set[0]; set[0] = second
            return UInt32(truncatingIfNeeded: second.id)
        }
        let id = miss(h)
        set[1] = set[0]
        set[0] = ShortSlot(key: key, id: UInt64(id))
        return id
    }

    /// `intern` for 9 to 15 bytes (`count`) already packed little-endian: the first 8 in `w0`, the rest in
    /// `w1` (zero above them), as the tokenizer has them after reading a word 16 bytes at a time. Its bytes
    /// are made from the key when it is new (`internMediumTable`).
    @inline(__always)
    func intern(medium w0: UInt64, _ w1: UInt64, count: Int) -> UInt32 {
        internMedium(w0, w1 | UInt64(count) << 56)
    }

    /// The medium form keyed (`k0`, `k1`) as `mediumKey` keys it.
    private func internMedium(_ k0: UInt64, _ k1: UInt64) -> UInt32 {
        // k0 is never 0 (the first byte is not), so an empty slot never matches.
        let set = mediumHot + Int(truncatingIfNeeded: Vocabulary.mediumHash(k0, k1) >> UInt64(64 - Vocabulary.mediumHotBits)) &<< 1
        if set[0].k0 == k0 && set[0].k1 == k1 { return UInt32(truncatingIfNeeded: set[0].id) }
        let second = set[1]
        if second.k0 == k0 && second.k1 == k1 {
            set[1] = set[0]; set[0] = second
            return UInt32(truncatingIfNeeded: second.id)
        }
        let id = internMediumTable(k0, k1)
        set[1] = set[0]
        set[0] = MediumHotSlot(k0: k0, k1: k1, id: UInt64(id))
        return id
    }

    private func internMediumTable(_ k0: UInt64, _ k1: UInt64) -> UInt32 {
        if let id = findMedium(k0, k1) { return id }
        // The form's bytes from its key: the first 8 in k0, the rest in k1 below its length byte.
        let count = Int(k1 >> 56)
        let id = withUnsafeBytes(of: (k0.littleEndian, (k1 & 0x00FF_FFFF_FFFF_FFFF).littleEndian)) {
            internLong(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[0..<count]))
        }
        if (mediumCount + 1) * 2 > mediumMask + 1 {
            let old = medium, oldCount = mediumMask + 1
            let c = oldCount * 2
            medium = Vocabulary.zeroedForFilling(MediumSlot.self, c)
            mediumMask = c - 1
            for j in 0..<oldCount where old[j].k0 != 0 { placeMedium(old[j]) }
            free(old)
        }
        placeMedium(MediumSlot(k0: k0, k1: k1, id: id))
        mediumCount += 1
        return id
    }

    /// The id of the medium form (`k0`, `k1`) if it is in the medium table.
    @inline(__always)
    private func findMedium(_ k0: UInt64, _ k1: UInt64) -> UInt32? {
        var i = Vocabulary.mediumIndex(k0, k1, mediumMask)
        while medium[i].k0 != 0 {
            if medium[i].k0 == k0 && medium[i].k1 == k1 { return medium[i].id }
            i = (i + 1) & mediumMask
        }
        return nil
    }

    @inline(__always)
    private static func mediumIndex(_ k0: UInt64, _ k1: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: mediumHash(k0, k1) >> 40) & mask
    }

    @inline(__always)
    private static func mediumHash(_ k0: UInt64, _ k1: UInt64) -> UInt64 {
        (k0 &* 0x9E37_79B9_7F4A_7C15) ^ (k1 &* 0xC2B2_AE3D_27D4_EB4F)
    }

    private func placeMedium(_ s: MediumSlot) {
        var i = Vocabulary.mediumIndex(s.k0, s.k1, mediumMask)
        while medium[i].k0 != 0 { i = (i + 1) & mediumMask }
        medium[i] = s
    }

    /// `internShort` of a key whose bytes are none 0: they are made from the key.
    private func internShort(_ key: UInt64, _ h: UInt64) -> UInt32 {
        let count = (64 - key.leadingZeroBitCount + 7) >> 3
        return withUnsafeBytes(of: key.littleEndian) { internShort(key, h, UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[0..<count])) }
    }

    private func internShort(_ key: UInt64, _ h: UInt64, _ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if let id = findShort(key, h) { return id }
        let id = internLong(p)
        insertShort(key, id)
        return id
    }

    /// The hash of a short key: its top bits pick the hot cache's set, bits 40 and up the short table's slot.
    @inline(__always)
    private static func shortHash(_ key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }

    /// The id of the short form `key` (`h`: its `shortHash`) if it is in the short table.
    @inline(__always)
    private func findShort(_ key: UInt64, _ h: UInt64) -> UInt32? {
        var i = Int(truncatingIfNeeded: h >> 40) & shortMask
        while true {
            let k = short[i].key
            if k == key { return UInt32(truncatingIfNeeded: short[i].id) }
            if k == 0 { return nil }
            i = (i + 1) & shortMask
        }
    }

    private func insertShort(_ key: UInt64, _ id: UInt32) {
        if (shortCount + 1) * 2 > shortMask + 1 {
            let old = short, oldCount = shortMask + 1
            let c = oldCount * 2
            short = Vocabulary.zeroedForFilling(ShortSlot.self, c)
            shortMask = c - 1
            for j in 0..<oldCount where old[j].key != 0 { placeShort(old[j].key, UInt32(truncatingIfNeeded: old[j].id)) }
            free(old)
        }
        placeShort(key, id)
        shortCount += 1
    }

    private func placeShort(_ key: UInt64, _ id: UInt32) {
        var i = Int(truncatingIfNeeded: Vocabulary.shortHash(key) >> 40) & shortMask
        while short[i].key != 0 && short[i].key != key { i = (i + 1) & shortMask }
        short[i] = ShortSlot(key: key, id: UInt64(id))
    }

    @inline(__always)
    private func internLong(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let h = Vocabulary.hash(p)
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return insert(p, hash: h, slot: i) }
            if UInt32(truncatingIfNeeded: s >> 32) == h {
                let id = Int(UInt32(truncatingIfNeeded: s) - 1)
                if equals(id, p) { return UInt32(id) }
            }
            i = (i + 1) & mask
        }
    }

    /// The id of `p` if it was interned, else nil.
    /// Forms of 1 to 15 bytes are asked of the short or medium table, where `intern` puts every such form
    /// (first byte not 0): one slot read, where the general table read a slot, the id's start and end,
    /// then its bytes, each a likely cache miss for a form not seen lately. The scorer asks the lexicon's
    /// shared table this for each new form of each worker (perf: `lookup` ~2% of `painmap sentiment`).
    public func lookup(_ p: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard p.count > 0, p.count <= 15, let base = p.baseAddress, base[0] != 0 else { return lookupLong(p) }
        if p.count <= 8 {
            let key = Vocabulary.shortKey(base, p.count)
            return findShort(key, Vocabulary.shortHash(key))
        }
        let (k0, k1) = Vocabulary.mediumKey(base, p.count)
        return findMedium(k0, k1)
    }

    /// `lookup` in the general table (any form; `lookup` asks it of those the short and medium tables do
    /// not hold).
    func lookupLong(_ p: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let h = Vocabulary.hash(p)
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if UInt32(truncatingIfNeeded: s >> 32) == h {
                let id = Int(UInt32(truncatingIfNeeded: s) - 1)
                if equals(id, p) { return UInt32(id) }
            }
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
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of `id` without copying them.
    /// `@inlinable`: the scorer and the classifier call it from other modules for every form new to them,
    /// where, generic and opaque, it was a call of ~85 instructions with its closure (callgrind).
    @inlinable @inline(__always)
    public func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        precondition(Int(id) < count, "vocabulary id out of range")
        let a = Int(starts[Int(id)]), b = Int(ends[Int(id)])
        return body(UnsafeBufferPointer(start: bytes + a, count: b - a))
    }

    /// Byte length of `id`.
    public func length(_ id: UInt32) -> Int { Int(ends[Int(id)] - starts[Int(id)]) }

    @inline(__always)
    private func equals(_ id: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = Int(starts[id]), b = Int(ends[id])
        guard b - a == p.count else { return false }
        return p.count == 0 || memcmp(bytes + a, p.baseAddress!, p.count) == 0
    }

    private func insert(_ p: UnsafeBufferPointer<UInt8>, hash h: UInt32, slot: Int) -> UInt32 {
        if count == idCapacity {
            idCapacity *= 2
            starts = Vocabulary.grow(starts, count, idCapacity)
            ends = Vocabulary.grow(ends, count, idCapacity)
            hashes = Vocabulary.grow(hashes, count, idCapacity)
        }
        if bytesCount + p.count > bytesCapacity {
            while bytesCount + p.count > bytesCapacity { bytesCapacity *= 2 }
            bytes = Vocabulary.grow(bytes, bytesCount, bytesCapacity)
        }
        if p.count > 0 { (bytes + bytesCount).update(from: p.baseAddress!, count: p.count) }
        let id = count
        starts[id] = Int32(bytesCount)
        bytesCount += p.count
        ends[id] = Int32(bytesCount)
        hashes[id] = h
        count += 1
        slots[slot] = UInt64(h) << 32 | UInt64(id + 1)
        if count * 2 > mask + 1 { rehash() }
        return UInt32(id)
    }

    private static func grow<T>(_ p: UnsafeMutablePointer<T>, _ used: Int, _ capacity: Int) -> UnsafeMutablePointer<T> {
        let q = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        q.moveInitialize(from: p, count: used)
        p.deallocate()
        return q
    }

    private func rehash() {
        let c = (mask + 1) * 2
        free(slots)
        slots = Vocabulary.zeroedForFilling(UInt64.self, c)
        mask = c - 1
        for id in 0..<count {
            var i = Int(hashes[id]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt64(hashes[id]) << 32 | UInt64(id + 1)
        }
    }
}
