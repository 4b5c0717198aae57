/// A fixed set of short ASCII words packed into integers (as `Abbreviations.absorbsPeriod` packs them: at
/// most 8 bytes, little-endian, never 0), in a small open-addressed table with a multiplicative hash.
/// `Set<UInt64>.contains` hashed every key with SipHash, ~145 instructions a look-up, and the tokenizer
/// asks two sets for every word before a period (~0.5% of `painmap sentiment`'s instructions, callgrind).
struct PackedWordSet: Sendable {
    private let slots: [UInt64]
    private let shift: UInt64

    init(_ keys: Set<UInt64>) {
        // At most a quarter full: probes stay short.
        var bits = 4
        while (1 << bits) < 4 * keys.count { bits += 1 }
        var table = [UInt64](repeating: 0, count: 1 << bits)
        let shift = UInt64(64 - bits)
        for key in keys where key != 0 {
            var i = PackedWordSet.slot(key, shift)
            while table[i] != 0 { i = (i + 1) & (table.count - 1) }
            table[i] = key
        }
        slots = table
        self.shift = shift
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    func contains(_ key: UInt64) -> Bool {
        guard key != 0 else { return false }
        return slots.withUnsafeBufferPointer { s in
            var i = PackedWordSet.slot(key, shift)
            while true {
                let k = s[i]
                if k == key { return true }
                if k == 0 { return false }
                i = (i + 1) & (s.count - 1)
            }
        }
    }
}
