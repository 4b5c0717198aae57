/// Writes JSON into a byte buffer. Hand-written because `JSONEncoder` costs more than the analysis itself
/// on line-per-document output; this appends bytes with no intermediate objects.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    /// One bit per nesting level: does the next value at that level need a comma? (No array per writer.)
    private var commaBits: UInt64 = 0
    private var depth = 0

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    private var needsComma: Bool {
        get { commaBits & (1 << UInt64(depth)) != 0 }
        set { if newValue { commaBits |= 1 << UInt64(depth) } else { commaBits &= ~(1 << UInt64(depth)) } }
    }

    private mutating func separator() {
        if needsComma { bytes.append(0x2C) } else { needsComma = true }
    }

    private mutating func push() { precondition(depth < 63, "JSON nested too deeply"); depth += 1; needsComma = false }
    private mutating func pop() { depth -= 1 }

    public mutating func beginObject() { valuePrefix(); bytes.append(0x7B); push() }
    public mutating func endObject() { bytes.append(0x7D); pop() }
    public mutating func beginArray() { valuePrefix(); bytes.append(0x5B); push() }
    public mutating func endArray() { bytes.append(0x5D); pop() }

    /// A key known at compile time that needs no escaping, copied as it is: the per-line keys of
    /// `painmap sentiment` went through the escaping loop once per line each.
    public mutating func literalKey(_ k: StaticString) {
        separator()
        bytes.append(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        bytes.append(0x22)
        bytes.append(0x3A)
        pendingKey = true
    }

    /// An object key; the value written next belongs to it.
    public mutating func key(_ k: String) {
        separator()
        appendString(k)
        bytes.append(0x3A)
        pendingKey = true
    }
    private var pendingKey = false

    private mutating func valuePrefix() {
        if pendingKey { pendingKey = false } else { separator() }
    }

    public mutating func string(_ s: String) { valuePrefix(); appendString(s) }
    public mutating func string<C: Collection>(utf8 s: C) where C.Element == UInt8 { valuePrefix(); appendStringBytes(s) }
    public mutating func int(_ v: Int) {
        valuePrefix()
        if v < 0 { bytes.append(0x2D) }
        appendDigits(v.magnitude.toUInt64)
    }
    public mutating func bool(_ v: Bool) { valuePrefix(); bytes.append(contentsOf: (v ? "true" : "false").utf8) }
    public mutating func null() { valuePrefix(); bytes.append(contentsOf: "null".utf8) }
    /// A number rounded to `digits` decimals, written as fixed-point digits: scores need no more, and
    /// `String(Double)` (shortest round-trip) cost more than the rest of a sentiment line.
    public mutating func double(_ v: Double, digits: Int = 4) {
        valuePrefix()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONWriter.maxFixedCount) { buf in
            let n = JSONWriter.writeFixed(v, digits: digits, to: buf.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[..<n]))
        }
    }

    /// Bytes `writeFixed` may write: a sign, 19 integer digits, a point and up to 18 decimals.
    public static let maxFixedCount = 48

    /// Writes `v` rounded to `digits` decimals (no trailing zeros; "null" when it is not finite or too
    /// large) at `p`, and returns how many bytes it wrote. Shared by `double` and `JSONLineBuffer`.
    /// Hand-written for `painmap sentiment`, which writes four numbers per line: `rounded()` was a call
    /// into libm's `round`, and the decimals went through a loop of divisions to count their trailing
    /// zeros before a second one wrote them. Now the rounding is a truncation and one compare, and the
    /// decimals are written once, zero-padded, and their trailing zeros cut. Measured with callgrind on
    /// the 200k-line bench file: ~1,300 -> ~700 instructions per line of JSON (see the commit).
    /// `writeFixedReference` is the definition it replaced; FastPathTests compares the two.
    /// The scores' two precisions (3 and 4 decimals) call the body with their scale as a constant: then
    /// the divisions by the scale and by 10 are multiplications, and the scale is not read from a global
    /// array behind a `swift_once` check (callgrind: ~130 -> ~110 instructions a number, and no `div`
    /// instruction left on their path).
    static func writeFixed(_ v: Double, digits: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        switch digits {
        case 3: return writeFixed(v, digits: 3, scale: 1_000, to: p)
        case 4: return writeFixed(v, digits: 4, scale: 10_000, to: p)
        default:
            var scale: Int64 = 1
            if digits >= 0 && digits < JSONWriter.powersOfTen.count {
                scale = JSONWriter.powersOfTen[digits]
            } else if v.isFinite, abs(v) < 1e15 {
                for _ in 0..<digits { scale *= 10 }   // traps past Int64, as the reference does
            }
            return writeFixed(v, digits: digits, scale: scale, to: p)
        }
    }

    /// `writeFixed` with `scale` = 10^`digits`.
    @inline(__always)
    private static func writeFixed(_ v: Double, digits: Int, scale: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard v.isFinite, abs(v) < 1e15 else {
            for (k, c) in "null".utf8.enumerated() { p[k] = c }
            return 4
        }
        let x = v * Double(scale)
        var n: Int64
        if abs(x) < 0x1p52 {
            // Round half away from zero, as `rounded()`: below 2^52, `x - trunc(x)` is exact.
            n = Int64(x)
            let rest = x - Double(n)
            if rest >= 0.5 { n += 1 } else if rest <= -0.5 { n -= 1 }
        } else {
            n = Int64(x.rounded())
        }
        // Numbers of a sentiment line (three shares in 0...1 with three decimals, the compound in -1...1 with
        // four): their text from `thousandths`, one 8-byte store. The digits and the trailing zeros' loop
        // cost ~40 instructions a number more (callgrind).
        if digits == 3, n >= 0, n <= 1000 {
            let w = JSONWriter.thousandths[Int(n)]
            UnsafeMutableRawPointer(p).storeBytes(of: (w & 0x00FF_FFFF_FFFF_FFFF).littleEndian, as: UInt64.self)
            return Int(w >> 56)
        }
        if digits == 4, n >= -10_000, n <= 10_000 {
            var count = 0
            if n < 0 { p[0] = 0x2D; count = 1; n = -n }
            // n / 10000 is the thousandths of n / 10 and one more decimal, n % 10 ("W.ddd" and "d" then).
            let w = JSONWriter.thousandths[Int(n / 10)], last = UInt64(n % 10)
            if last == 0 {
                UnsafeMutableRawPointer(p + count).storeBytes(of: (w & 0x00FF_FFFF_FFFF_FFFF).littleEndian, as: UInt64.self)
                return count + Int(w >> 56)
            }
            UnsafeMutableRawPointer(p + count).storeBytes(of: (w & 0xFF_FFFF_FFFF | (0x30 + last) << 40).littleEndian, as: UInt64.self)
            return count + 6
        }
        var count = 0
        if n < 0 { p[0] = 0x2D; count = 1; n = -n }
        // Unsigned from here: division by a constant is shorter without the sign fix-ups.
        let magnitude = UInt64(n), unit = UInt64(scale)
        let whole = magnitude / unit
        if whole < 10 { p[count] = 0x30 + UInt8(truncatingIfNeeded: whole); count += 1 }   // a score's integer part
        else { count += writeDigits(whole, width: 1, to: p + count) }
        var frac = magnitude - whole * unit
        guard frac != 0 else { return count }
        p[count] = 0x2E
        count += 1
        // All `digits` decimals, zero-padded, then the trailing zeros cut (frac != 0: one digit stays).
        var k = count + digits
        repeat { k -= 1; p[k] = 0x30 + UInt8(truncatingIfNeeded: frac % 10); frac /= 10 } while k > count
        count += digits
        while p[count - 1] == 0x30 { count -= 1 }
        return count
    }

    /// For n = 0...1000, n / 1000 with three decimals, "W.ddd", from the lowest byte up (five bytes), and in
    /// the top byte the length of the text `writeFixed` writes for it with three decimals: trailing zeros
    /// cut, and the point with them ("0", "0.001", "0.5", "1"). `writeFixed` stores the low seven bytes
    /// whole and counts only the text's (its callers give it `maxFixedCount` bytes of room).
    static let thousandths: [UInt64] = (0...1000).map { n in
        let whole = UInt64(n / 1000), frac = UInt64(n % 1000)
        let length: UInt64 = frac == 0 ? 1 : frac % 10 != 0 ? 5 : frac % 100 != 0 ? 4 : 3
        return length << 56 | (0x30 + whole) | 0x2E << 8 | (0x30 + frac / 100) << 16 | (0x30 + frac / 10 % 10) << 24
            | (0x30 + frac % 10) << 32
    }

    /// 10^0 ... 10^18, the scales of 0 to 18 decimals.
    static let powersOfTen: [Int64] = (0...18).map { k in (0..<k).reduce(Int64(1)) { r, _ in r * 10 } }

    /// `writeFixed` as it was written first: the reference its fast path is tested against.
    static func writeFixedReference(_ v: Double, digits: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard v.isFinite, abs(v) < 1e15 else {
            for (k, c) in "null".utf8.enumerated() { p[k] = c }
            return 4
        }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        var n = Int64((v * Double(scale)).rounded())
        var count = 0
        if n < 0 { p[0] = 0x2D; count = 1; n = -n }
        count += writeDigits(UInt64(n / scale), width: 1, to: p + count)
        var frac = n % scale
        guard frac != 0 else { return count }
        p[count] = 0x2E
        count += 1
        var width = digits
        while frac % 10 == 0 { frac /= 10; width -= 1 }   // no trailing zeros
        return count + writeDigits(UInt64(frac), width: width, to: p + count)
    }

    /// Writes the decimal digits of `v`, left-padded with zeros to `width`, at `p`; returns their count.
    static func writeDigits(_ v: UInt64, width: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 10 && width <= 1 { p[0] = 0x30 + UInt8(v); return 1 }   // a score's integer part
        var n = 1
        var x = v / 10
        while x > 0 { n += 1; x /= 10 }
        n = max(n, width)
        x = v
        var k = n
        repeat { k -= 1; p[k] = 0x30 + UInt8(x % 10); x /= 10 } while k > 0
        return n
    }

    /// Decimal digits of `v`, left-padded with zeros to `width`. Built in a fixed buffer on the stack: the
    /// arrays this used to build cost an allocation per number (four per sentiment line).
    private mutating func appendDigits(_ v: UInt64, width: Int = 1) {
        if v < 10 && width <= 1 { bytes.append(0x30 + UInt8(v)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(24, width)) { buf in
            let n = JSONWriter.writeDigits(v, width: width, to: buf.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[..<n]))
        }
    }

    /// Appends one whole line of JSON Lines (newline included) that `build` writes into a buffer of
    /// `capacity` bytes on the stack. For lines of a fixed shape (`painmap sentiment`'s): written value by
    /// value, each append paid a capacity and uniqueness check, about 30 per line, which cost more than
    /// formatting the numbers (measured ~8% of the command). The caller writes valid JSON; the writer's
    /// nesting state is left as it is, so call this between lines only.
    public mutating func line(capacity: Int, _ build: (inout JSONLineBuffer) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buf in
            var b = JSONLineBuffer(base: buf.baseAddress!, capacity: capacity)
            build(&b)
            bytes.append(contentsOf: UnsafeBufferPointer(start: buf.baseAddress, count: b.count))
        }
    }

    /// Ends a line of JSON Lines: appends "\n", and the next top-level value starts a new line rather than
    /// continuing a list (one writer can then fill a whole buffer of lines).
    public mutating func newline() {
        bytes.append(0x0A)
        needsComma = false
        pendingKey = false
    }

    public mutating func key(_ k: String, _ v: String) { key(k); string(v) }
    public mutating func key(_ k: String, _ v: Int) { key(k); int(v) }
    public mutating func key(_ k: String, _ v: Double, digits: Int = 4) { key(k); double(v, digits: digits) }
    public mutating func key(_ k: String, _ v: Bool) { key(k); bool(v) }

    private mutating func appendString(_ s: String) {
        var s = s
        s.withUTF8 { appendStringBytes($0) }
    }

    private mutating func appendStringBytes(_ s: UnsafeBufferPointer<UInt8>) {
        // Text that needs no escaping (nearly all) is copied whole rather than byte by byte.
        if !s.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            bytes.append(0x22)
            bytes.append(contentsOf: s)
            bytes.append(0x22)
            return
        }
        appendEscapedStringBytes(s)
    }

    private mutating func appendStringBytes<C: Collection>(_ s: C) where C.Element == UInt8 {
        if s.withContiguousStorageIfAvailable({ appendStringBytes($0) }) != nil { return }
        appendEscapedStringBytes(s)
    }

    private mutating func appendEscapedStringBytes<C: Collection>(_ s: C) where C.Element == UInt8 {
        bytes.append(0x22)
        for b in s {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}

extension UInt { var toUInt64: UInt64 { UInt64(self) } }

/// The buffer of `JSONWriter.line`: literal JSON, numbers formatted as `JSONWriter` formats them, and
/// strings that need no escaping. Writing past `capacity` stops the program rather than the memory.
public struct JSONLineBuffer {
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    /// Bytes written so far.
    public var count: Int { written }
    @usableFromInline var written = 0

    init(base: UnsafeMutablePointer<UInt8>, capacity: Int) { self.base = base; self.capacity = capacity }

    /// JSON text known at compile time, copied as it is (keys with their quotes, braces, commas).
    /// A literal of 8 to 32 bytes (every key of a sentiment line with its comma and colon, the label with
    /// the line's end) is copied as 8-byte words, the last one overlapping: the call into `memcpy` for ~12
    /// bytes cost more than the copy (callgrind: ~35 -> ~15 instructions per literal, seven per line).
    /// Inlinable: in the caller's module the literal's length is a constant, the word loop unrolls and the
    /// call goes (callgrind, sentiment --jobs 1 on 20k bench lines: see the commit).
    @inlinable @inline(__always)
    public mutating func literal(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        precondition(written + n <= capacity, "JSON line longer than its buffer")
        if n >= 8 && n <= 32 {
            // Words from the front while 8 or more bytes are left, then the last 8 (overlapping).
            let from = UnsafeRawPointer(s.utf8Start), to = UnsafeMutableRawPointer(base + written)
            var k = 0
            while n - k > 8 {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
                k += 8
            }
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        } else {
            (base + written).update(from: s.utf8Start, count: n)
        }
        written += n
    }

    /// An integer, as `JSONWriter.int` writes it.
    public mutating func int(_ v: Int) {
        precondition(written + 21 <= capacity, "JSON line longer than its buffer")
        if v < 0 { base[written] = 0x2D; written += 1 }
        written += JSONWriter.writeDigits(v.magnitude.toUInt64, width: 1, to: base + written)
    }

    /// A number, as `JSONWriter.double` writes it.
    public mutating func double(_ v: Double, digits: Int = 4) {
        precondition(written + JSONWriter.maxFixedCount <= capacity, "JSON line longer than its buffer")
        written += JSONWriter.writeFixed(v, digits: digits, to: base + written)
    }

    /// JSON text made beforehand (a string value already quoted and escaped), copied as it is.
    public mutating func raw(_ b: UnsafeBufferPointer<UInt8>) {
        precondition(written + b.count <= capacity, "JSON line longer than its buffer")
        if let p = b.baseAddress { (base + written).update(from: p, count: b.count) }
        written += b.count
    }

    /// A string value whose bytes need no escaping (labels, codes), with its quotes.
    public mutating func plainString(_ s: String) {
        var s = s
        s.withUTF8 { u in
            precondition(written + u.count + 2 <= capacity, "JSON line longer than its buffer")
            precondition(!u.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }, "string needs escaping")
            base[written] = 0x22
            (base + written + 1).update(from: u.baseAddress!, count: u.count)
            written += u.count + 2
            base[written - 1] = 0x22
        }
    }
}
