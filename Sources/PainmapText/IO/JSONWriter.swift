/// Writes JSON into a byte buffer. Hand-written because `JSONEncoder` costs more than the analysis itself
/// on line-per-document output; this appends bytes with no intermediate objects.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) } else { needsComma[needsComma.count - 1] = true }
    }

    public mutating func beginObject() { separator(); bytes.append(0x7B); needsComma.append(false) }
    public mutating func endObject() { bytes.append(0x7D); needsComma.removeLast() }
    public mutating func beginArray() { separator(); bytes.append(0x5B); needsComma.append(false) }
    public mutating func endArray() { bytes.append(0x5D); needsComma.removeLast() }

    /// An object key; the value written next belongs to it.
    public mutating func key(_ k: String) {
        separator()
        appendString(k)
        bytes.append(0x3A)
        needsComma[needsComma.count - 1] = false
        pendingKey = true
    }
    private var pendingKey = false

    private mutating func valuePrefix() {
        if pendingKey { pendingKey = false; needsComma[needsComma.count - 1] = true } else { separator() }
    }

    public mutating func string(_ s: String) { valuePrefix(); appendString(s) }
    public mutating func string<C: Collection>(utf8 s: C) where C.Element == UInt8 { valuePrefix(); appendStringBytes(s) }
    public mutating func int(_ v: Int) { valuePrefix(); bytes.append(contentsOf: String(v).utf8) }
    public mutating func bool(_ v: Bool) { valuePrefix(); bytes.append(contentsOf: (v ? "true" : "false").utf8) }
    public mutating func null() { valuePrefix(); bytes.append(contentsOf: "null".utf8) }
    /// A number rounded to `digits` decimals (scores need no more; shorter lines are faster to write).
    public mutating func double(_ v: Double, digits: Int = 4) {
        valuePrefix()
        guard v.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (v * scale).rounded() / scale
        if r == r.rounded(), abs(r) < 1e15 { bytes.append(contentsOf: String(Int(r)).utf8) }
        else { bytes.append(contentsOf: String(r).utf8) }
    }

    public mutating func key(_ k: String, _ v: String) { key(k); string(v) }
    public mutating func key(_ k: String, _ v: Int) { key(k); int(v) }
    public mutating func key(_ k: String, _ v: Double, digits: Int = 4) { key(k); double(v, digits: digits) }
    public mutating func key(_ k: String, _ v: Bool) { key(k); bool(v) }

    private mutating func appendString(_ s: String) {
        var s = s
        s.withUTF8 { appendStringBytes($0) }
    }

    private mutating func appendStringBytes<C: Collection>(_ s: C) where C.Element == UInt8 {
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
