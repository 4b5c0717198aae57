extension StringProtocol {
    /// Without leading and trailing white space: the Unicode White_Space scalars (spaces, tabs, line breaks,
    /// no-break and ideographic spaces), the same set as Foundation's `.whitespacesAndNewlines`.
    ///
    /// Written by hand because Foundation's trimming goes through NSString and UTF-16 on Linux: it was 9% of
    /// ingest's reading thread. This looks only at the ends and copies nothing but the kept range.
    var trimmingWhitespace: String {
        let s = unicodeScalars
        guard let first = s.firstIndex(where: { !Self.isWhitespace($0) }) else { return "" }
        let last = s.lastIndex(where: { !Self.isWhitespace($0) })!
        return String(self[first...last])
    }

    @inline(__always) static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (c.value == 0x20 || (0x09...0x0D).contains(c.value)) : c.properties.isWhitespace
    }
}
