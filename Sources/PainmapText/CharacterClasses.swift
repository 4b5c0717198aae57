/// Byte- and scalar-level classification used by the tokenizer. ASCII is decided by table look-up;
/// only non-ASCII scalars ask the (slower) Unicode properties.
enum CharClass {
    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isASCIIAlnum(_ b: UInt8) -> Bool { isASCIILetter(b) || isDigit(b) }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// Index of the first byte >= 0x80 in `p`, or `p.count`. Eight bytes at a time: most feedback is ASCII,
    /// and per-document scans for non-ASCII bytes were a visible share of the profile byte by byte.
    @inline(__always)
    static func firstNonASCII(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = p.baseAddress else { return 0 }
        let n = p.count
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        while i < n, base[i] < 0x80 { i += 1 }
        return i
    }

    /// Decodes the scalar starting at `i` of valid UTF-8; returns it and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < p.count { return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < p.count {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        if i + 3 < p.count {
            return (((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
                    | (UInt32(p[i + 3]) & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// A letter or a combining mark (marks stay inside the word they follow).
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIILetter(UInt8(v)) }
        guard let s = Unicode.Scalar(v) else { return false }
        if s.properties.isAlphabetic { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return v != 0x20E3
        default: return false
        }
    }

    static func isUppercase(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return Unicode.Scalar(v)?.properties.isUppercase ?? false
    }

    static func isLowercase(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return Unicode.Scalar(v)?.properties.isLowercase ?? false
    }

    /// Scalars that start an emoji token. ASCII digits, `#` and `*` are "Emoji" in Unicode's tables but
    /// only when a keycap follows; the tokenizer handles those separately.
    static func isEmojiStart(_ v: UInt32) -> Bool {
        if v < 0xA9 { return false }
        if v >= 0x1F1E6 && v <= 0x1F1FF { return true }   // regional indicators (flags)
        guard let s = Unicode.Scalar(v) else { return false }
        let p = s.properties
        return p.isEmojiPresentation || (p.isEmoji && v >= 0x203C)
    }

    /// Scalars that extend the emoji before them: variation selectors, skin tones, keycap, tags.
    @inline(__always)
    static func isEmojiModifier(_ v: UInt32) -> Bool {
        v == 0xFE0F || v == 0xFE0E || (v >= 0x1F3FB && v <= 0x1F3FF) || v == 0x20E3 || (v >= 0xE0020 && v <= 0xE007F)
    }

    static func isCurrencySymbol(_ v: UInt32) -> Bool {
        v == 0x24 || v == 0x20AC || v == 0xA3 || v == 0xA5 || v == 0x20B9 || v == 0x20BD || v == 0xA2
    }
}
