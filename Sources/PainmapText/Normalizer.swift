import Foundation

public struct NormalizationOptions: Sendable, Hashable {
    /// Strip HTML tags and decode entities (ticket exports often carry HTML bodies).
    public var stripHTML = true
    /// Remove quoted e-mail replies ("On ... wrote:" and everything after, lines starting with `>`).
    public var stripQuotedReplies = true
    /// Remove signatures ("--" blocks, "Sent from my iPhone", short "Best regards" blocks at the end).
    public var stripSignatures = true
    public init(stripHTML: Bool = true, stripQuotedReplies: Bool = true, stripSignatures: Bool = true) {
        self.stripHTML = stripHTML
        self.stripQuotedReplies = stripQuotedReplies
        self.stripSignatures = stripSignatures
    }
    /// Keep everything but HTML: for reviews and social posts, or when a user asks to keep quotes.
    public static let keepAll = NormalizationOptions(stripHTML: true, stripQuotedReplies: false, stripSignatures: false)
}

/// The normalized text of a document, with a map back to the original.
public struct NormalizedText: Sendable {
    /// The original text, as given (after invalid UTF-8 was replaced at decoding).
    public var original: String { originalText ?? String(decoding: bytes, as: UTF8.self) }
    /// Nil when the original is `bytes` itself, given as bytes that needed no change
    /// (`Analyzer.analyze(normalASCII:)`): then no String was made for it.
    let originalText: String?
    /// NFC, HTML-free, whitespace-folded UTF-8 bytes; lines are kept (they matter for sentence splitting).
    public let bytes: [UInt8]
    /// For every byte of `bytes`, the offset of the original Unicode scalar it came from; empty when the
    /// text needed no change and was ASCII (then byte offsets are scalar offsets).
    public let origin: [Int32]
    /// Number of Unicode scalars in `original`.
    public let originalScalarCount: Int
    /// What was removed as quoted reply or signature, as spans of the original.
    public let removed: [Span]

    init(original: String?, bytes: [UInt8], origin: [Int32], originalScalarCount: Int, removed: [Span]) {
        originalText = original
        self.bytes = bytes
        self.origin = origin
        self.originalScalarCount = originalScalarCount
        self.removed = removed
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The original span of the normalized byte range `a..<b`.
    @inline(__always)
    public func span(_ a: Int, _ b: Int) -> Span {
        if origin.isEmpty { return Span(a, b) }
        if a >= b { let p = a < origin.count ? Int(origin[a]) : originalScalarCount; return Span(p, p) }
        return Span(Int(origin[a]), Int(origin[b - 1]) + 1)
    }
}

/// Normalizes documents: NFC, HTML out, whitespace folded, quoted replies and signatures removed.
public struct Normalizer: Sendable {
    public var options: NormalizationOptions
    public init(options: NormalizationOptions = NormalizationOptions()) { self.options = options }

    public func normalize(_ original: String) -> NormalizedText {
        var none: [UInt8] = []
        return normalize(original, reusing: &none)
    }

    /// `normalize`, with the bytes of a text already normal copied into `storage`'s buffer: the analyzer
    /// hands back the previous document's bytes, whose buffer is free again once that document is gone
    /// (if it is not, emptying the array copies it and nothing changes for that document). A new array per
    /// line was one of the two allocations left per line of `painmap sentiment` (~1% of its instructions,
    /// callgrind). `storage` is left empty.
    func normalize(_ original: String, reusing storage: inout [UInt8]) -> NormalizedText {
        // Fast path: plain printable ASCII on one line with single spaces needs no change at all, and its
        // byte offsets are its code-point offsets, so no origin map is built.
        var text = original
        let copied = text.withUTF8 { p -> [UInt8]? in
            Normalizer.isNormalASCII(p) ? Normalizer.copy(p, into: &storage) : nil
        }
        if let bytes = copied {
            return NormalizedText(original: original, bytes: bytes, origin: [], originalScalarCount: bytes.count, removed: [])
        }
        var a = ByteBuilder()
        a.reserve(original.utf8.count)
        Normalizer.decodePass(original, stripHTML: options.stripHTML, into: &a)
        var b = ByteBuilder()
        b.reserve(a.bytes.count)
        let removed = linePass(a, into: &b)
        return NormalizedText(original: original, bytes: b.bytes, origin: b.origin,
                              originalScalarCount: a.scalarCount, removed: removed)
    }

    /// The bytes of `s` if it is printable ASCII, one line, no `<`, `&` or `>` at the start, no leading,
    /// trailing or doubled spaces: then normalization is the identity.
    /// `normalize` of a text given as UTF-8 bytes, when they are a text that needs no change
    /// (`isNormalASCII`; no String is made: the result's `original` is its bytes) or only its spaces folded
    /// (`foldSpaces`); nil otherwise.
    func normalize(normalASCII p: UnsafeBufferPointer<UInt8>, reusing storage: inout [UInt8]) -> NormalizedText? {
        switch Normalizer.asciiLine(p) {
        case .normal:
            let bytes = Normalizer.copy(p, into: &storage)
            return NormalizedText(original: nil, bytes: bytes, origin: [], originalScalarCount: bytes.count, removed: [])
        case .spaced:
            return foldSpaces(p, reusing: &storage)
        case .other:
            return nil
        }
    }

    /// `normalize` of printable ASCII on one line (no `<`, no `&`) whose only change is folding spaces:
    /// doubled, leading or trailing ones (`ASCIILine.spaced`). Nil for a line the line pass would drop (a
    /// quote, a reply header, "Sent from my ...") or that is all spaces: then decode and call `normalize`.
    /// The result is the one `normalize` gives for the String of these bytes: `decodePass` copies such
    /// ASCII as it is (origin = byte offset), then `linePass` trims the one line and keeps the first space
    /// of each run. Why: ~4% of the 200k-line bench file's lines have doubled spaces (review and ticket
    /// text); through the String, the two passes and their byte and origin arrays cost ~16k instructions a
    /// line, as much as analysing the line (callgrind: `normalize` 240M of 4.36G instructions for the 15k
    /// lines that went that way).
    private func foldSpaces(_ p: UnsafeBufferPointer<UInt8>, reusing storage: inout [UInt8]) -> NormalizedText? {
        let n = p.count
        var lo = 0, hi = n
        while lo < hi, p[lo] == 0x20 { lo += 1 }
        while hi > lo, p[hi - 1] == 0x20 { hi -= 1 }
        guard lo < hi else { return nil }
        var bytes = Normalizer.copy(UnsafeBufferPointer(rebasing: p[lo..<hi]), into: &storage)
        if dropsLine(bytes) { storage = bytes; return nil }
        var w = 0
        let origin = [Int32](unsafeUninitializedCapacity: bytes.count) { o, count in
            bytes.withUnsafeMutableBufferPointer { b in
                var lastSpace = false
                for k in 0..<b.count {
                    let c = b[k]
                    let space = c == 0x20
                    if space && lastSpace { continue }
                    lastSpace = space
                    b[w] = c
                    o[w] = Int32(truncatingIfNeeded: lo &+ k)
                    w &+= 1
                }
            }
            count = w
        }
        bytes.removeLast(bytes.count - w)
        return NormalizedText(original: String(decoding: p, as: UTF8.self), bytes: bytes, origin: origin,
                              originalScalarCount: n, removed: [])
    }

    /// Whether the line pass drops or cuts a document of the one trimmed line `line`: the tests it makes
    /// of a first line (those that need a line before it cannot apply), on the same bytes.
    private func dropsLine(_ line: [UInt8]) -> Bool {
        let view = LineView(bytes: line, range: 0..<line.count)
        if options.stripQuotedReplies, line.first == 0x3E || view.isReplyHeader(next: nil) || view.isOriginalMessageMarker { return true }   // >
        return options.stripSignatures && view.isSentFromDevice
    }

    /// `p` copied into `storage`'s buffer (see `normalize(_:reusing:)`), leaving `storage` empty.
    /// One `replaceSubrange` of all the bytes: emptying (`removeAll(keepingCapacity:)`) and then appending
    /// paid the generic calls' overhead twice (~85 instructions a line of `painmap sentiment`, callgrind).
    @inline(__always)
    static func copy(_ p: UnsafeBufferPointer<UInt8>, into storage: inout [UInt8]) -> [UInt8] {
        var bytes = storage
        storage = []
        bytes.replaceSubrange(0..<bytes.count, with: p)
        return bytes
    }

    static func alreadyNormalASCII(_ s: String) -> [UInt8]? {
        var s = s
        return s.withUTF8 { p in isNormalASCII(p) ? Array(p) : nil }
    }

    /// Whether the UTF-8 bytes `p` are a text that `alreadyNormalASCII` returns.
    static func isNormalASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool { asciiLine(p) == .normal }

    /// What normalization does to a line of bytes, as far as one scan can tell.
    enum ASCIILine {
        /// Printable ASCII on one line with single spaces, neither starting with a space or `>` nor ending
        /// in a space, no `<` or `&` (or no bytes at all): normalization leaves it as it is.
        case normal
        /// Printable ASCII with no `<` or `&`, but doubled, leading or trailing spaces or a leading `>`.
        case spaced
        /// Anything else (non-ASCII, controls and line breaks, `<`, `&`).
        case other
    }

    /// The bytes of the word `asciiLine` reads at a time.
    static let tailWord = 8

    static func asciiLine(_ p: UnsafeBufferPointer<UInt8>) -> ASCIILine {
        guard let first = p.first, let last = p.last else { return .normal }
        var spaced = first == 0x20 || first == 0x3E || last == 0x20
        // Sixteen bytes at a time (this runs on every document; measured ~2.5% of tokenize byte by byte).
        // For bytes below 0x80 these masks are exact, with no carries between bytes: `lt` has bit 7 of
        // each byte below 0x20 set, `eq(c)` bit 7 of each byte equal to `c`.
        // Two words a step, with one test for bytes to reject and the pairs of spaces gathered in `pairs`
        // without a branch: a step of one word with a branch per test was ~48 instructions per 8 bytes,
        // 12.8M instructions of `painmap sentiment --jobs 1` on 20,000 bench lines, now 8.2M (callgrind).
        let n = p.count, raw = UnsafeRawPointer(p.baseAddress!)
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func eq(_ x: UInt64, _ c: UInt8) -> UInt64 { ~((x ^ (ones &* UInt64(c))) &+ (ones &* 0x7F)) & high }
        @inline(__always) func rejected(_ x: UInt64) -> UInt64 {
            let lt = ~((x | high) &- (ones &* 0x20)) & high
            return lt | eq(x, 0x7F) | eq(x, 0x3C) | eq(x, 0x26)
        }
        var i = 0
        // Bit 7 of each byte that is a space and follows a space; `previous`: bit 7 set when the byte
        // before the current word is a space.
        var pairs: UInt64 = 0, previous: UInt64 = 0
        while i + 16 <= n {
            let x0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let x1 = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            if (x0 | x1) & high != 0 || rejected(x0) | rejected(x1) != 0 { return .other }
            let s0 = eq(x0, 0x20), s1 = eq(x1, 0x20)
            pairs |= s0 & ((s0 << 8) | previous) | s1 & ((s1 << 8) | (s0 >> 56))
            previous = s1 >> 56
            i += 16
        }
        if i + 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x & high != 0 || rejected(x) != 0 { return .other }
            let sp = eq(x, 0x20)
            pairs |= sp & ((sp << 8) | previous)
            previous = sp >> 56
            i += 8
        }
        // The last 1 to 7 bytes: the 8 that end the line, read as one word when the line has 8. Those
        // before `i` were tested already, and are again (the same answer); every pair of bytes from `i` on
        // lies within the word, so `pairs` misses none. Byte by byte, this tail was ~10 instructions a byte
        // (callgrind, `painmap sentiment --jobs 1` on 20,000 bench lines: asciiLine 8.18M -> 7.55M, all 388.3M -> 387.7M).
        if i < n, n >= Normalizer.tailWord {
            let x = raw.loadUnaligned(fromByteOffset: n - Normalizer.tailWord, as: UInt64.self)
            if x & high != 0 || rejected(x) != 0 { return .other }
            let sp = eq(x, 0x20)
            pairs |= sp & (sp << 8)
            i = n
        }
        if pairs != 0 { spaced = true }
        var prevSpace = previous != 0
        for b in UnsafeBufferPointer(rebasing: p[i...]) {
            if b < 0x20 || b >= 0x7F || b == 0x3C || b == 0x26 { return .other }
            let space = b == 0x20
            if space && prevSpace { spaced = true }
            prevSpace = space
        }
        return spaced ? .spaced : .normal
    }

    /// `asciiLine` byte by byte: the definition it is tested against (FastPathTests).
    static func asciiLineReference(_ p: UnsafeBufferPointer<UInt8>) -> ASCIILine {
        guard let first = p.first, let last = p.last else { return .normal }
        var spaced = first == 0x20 || first == 0x3E || last == 0x20
        var prevSpace = false
        for b in p {
            if b < 0x20 || b >= 0x7F || b == 0x3C || b == 0x26 { return .other }
            let space = b == 0x20
            if space && prevSpace { spaced = true }
            prevSpace = space
        }
        return spaced ? .spaced : .normal
    }

    // MARK: pass 1: UTF-8 -> bytes (NFC, controls, HTML)

    /// Walks the UTF-8 bytes once. ASCII, the bulk of feedback, is copied with a table test; only non-ASCII
    /// scalars are decoded and asked for Unicode properties, and only text with scalars at or above U+0300
    /// (where combining marks start) pays for NFC composition.
    static func decodePass(_ s: String, stripHTML: Bool, into out: inout ByteBuilder) {
        var s = s
        s.withUTF8 { p in
            let n = p.count
            let needsNFC = UnsafeBufferPointer(rebasing: p[CharClass.firstNonASCII(p)...]).contains { $0 >= 0xCC }
            var i = 0
            var scalar = 0   // index of the scalar starting at byte i
            while i < n {
                let b = p[i]
                if b < 0x80 {
                    // A run of printable ASCII that needs nothing (not <, & or DEL) is copied in one append,
                    // with its run of origins: appended byte by byte, each byte paid two arrays' capacity
                    // and uniqueness checks, ~140M instructions of `painmap sentiment` on the 200k-line bench
                    // file, whose non-ASCII lines come here. Same bytes and origins as the loop below.
                    var e = i
                    while e < n, p[e] >= 0x20 && p[e] < 0x7F && p[e] != 0x3C && p[e] != 0x26 { e += 1 }
                    if needsNFC && e > i && e < n && p[e] >= 0xCC { e -= 1 }   // its last byte may compose
                    if e - i > 1 {
                        out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<e]))
                        out.appendOrigins(from: scalar, count: e - i)
                        scalar += e - i; i = e
                        continue
                    }
                    // An ASCII base followed by a possible combining mark ("e" + U+0301) goes to the
                    // composition below; copied here it stayed decomposed.
                    let composes = needsNFC && i + 1 < n && p[i + 1] >= 0xCC
                    if !composes, b >= 0x20 && b != 0x3C && b != 0x26 && b != 0x7F {   // printable, not < or &
                        out.append(b, origin: Int32(scalar)); i += 1; scalar += 1; continue
                    }
                    if b == 0x3C, stripHTML, let end = HTML.tagEnd(p, i) {
                        let name = HTML.tagName(p, i, end)
                        var stop = end
                        if name == "script" || name == "style" { stop = HTML.skipElement(p, from: end, name: name) }
                        if HTML.blockTags.contains(name) { out.newline(origin: scalar) } else { out.space(origin: scalar) }
                        scalar += HTML.scalarCount(p, i, stop); i = stop
                        continue
                    }
                    if b == 0x26, stripHTML, let (decoded, end) = HTML.entity(p, i) {
                        let before = out.bytes.count
                        for d in decoded.unicodeScalars { out.appendScalar(d, origin: scalar) }
                        // The last byte maps to the entity's ';' so that a token's span covers the whole
                        // entity ("caf&eacute;"), not just its '&'. A one-byte result ("&amp;" -> "&") keeps
                        // the '&': one origin per byte cannot hold both ends.
                        if out.bytes.count - before > 1 { out.setLastOrigin(scalar + (end - i) - 1) }
                        scalar += end - i; i = end   // entities are ASCII: one scalar per byte
                        continue
                    }
                    if !(composes && b >= 0x20 && b != 0x7F) {   // else a printable base: composed below
                        switch b {
                        case 0x00: break                                             // NUL: dropped
                        case 0x0D:                                                   // CR, CRLF -> LF
                            out.newline(origin: scalar)
                            if i + 1 < n, p[i + 1] == 0x0A { i += 1; scalar += 1 }
                        case 0x0A, 0x0B, 0x0C: out.newline(origin: scalar)
                        case 0x3C, 0x26: out.append(b, origin: Int32(scalar))         // a plain < or &
                        default: out.space(origin: scalar)                           // tabs, other controls
                        }
                        i += 1; scalar += 1
                        continue
                    }
                }
                let (v, len) = CharClass.decode(p, i)
                let c = Unicode.Scalar(v) ?? "\u{FFFD}"
                if v == 0x2028 || v == 0x2029 { out.newline(origin: scalar); i += len; scalar += 1; continue }
                // Invisible format characters: a byte order mark (U+FEFF, at the start of files saved "with
                // BOM") and soft hyphens are dropped instead of becoming symbol tokens or splitting words;
                // a zero-width space marks a word break, so it becomes a space.
                if v == 0xFEFF || v == 0xAD { i += len; scalar += 1; continue }
                if v == 0x200B { out.space(origin: scalar); i += len; scalar += 1; continue }
                if (v >= 0x80 && v < 0xA0) || v == 0xA0 || c.properties.isWhitespace {
                    out.space(origin: scalar); i += len; scalar += 1; continue
                }
                if needsNFC {
                    // Gather the scalar and the combining marks after it, and compose them.
                    var cluster = String.UnicodeScalarView()
                    cluster.append(c)
                    var j = i + len, count = 1
                    while j < n {
                        let (w, wl) = CharClass.decode(p, j)
                        guard let ws = Unicode.Scalar(w), ws.properties.canonicalCombiningClass != .notReordered || (0x1160...0x11FF).contains(w) else { break }
                        cluster.append(ws); j += wl; count += 1
                    }
                    if count > 1 || v >= 0x300 {
                        for d in String(cluster).precomposedStringWithCanonicalMapping.unicodeScalars { out.appendScalar(d, origin: scalar) }
                        // The last byte maps to the cluster's last scalar, so that a span ends after all of
                        // its marks: sliced by the span of "café", "cafe\u{301}" gave "cafe".
                        out.setLastOrigin(scalar + count - 1)
                        i = j; scalar += count
                        continue
                    }
                }
                for k in 0..<len { out.append(p[i + k], origin: Int32(scalar)) }
                i += len; scalar += 1
            }
            out.scalarCount = scalar
        }
    }

    // MARK: pass 2: lines (quotes, signatures, whitespace)

    private func linePass(_ a: ByteBuilder, into out: inout ByteBuilder) -> [Span] {
        let bytes = a.bytes
        // Fast path for the common one-line document with single spaces: nothing to remove or fold.
        if Normalizer.isSimpleLine(bytes) {
            out.bytes = a.bytes; out.origin = a.origin; out.scalarCount = a.scalarCount
            return []
        }
        var lines: [Range<Int>] = []
        var s = 0
        for (i, b) in bytes.enumerated() where b == 0x0A { lines.append(s..<i); s = i + 1 }
        lines.append(s..<bytes.count)
        let trimmed = lines.map { Normalizer.trim(bytes, $0) }

        var keep = Array(repeating: true, count: lines.count)
        var cut = lines.count   // lines from `cut` on are dropped
        for (k, r) in trimmed.enumerated() {
            let line = LineView(bytes: bytes, range: r)
            if options.stripQuotedReplies {
                if line.startsWith(">") { keep[k] = false; continue }
                if line.isReplyHeader(next: k + 1 < trimmed.count ? LineView(bytes: bytes, range: trimmed[k + 1]) : nil) ||
                   line.isOriginalMessageMarker { cut = k; break }
            }
            if options.stripSignatures {
                if line.isSignatureDelimiter, k > 0 { cut = k; break }
                if line.isSentFromDevice { keep[k] = false; continue }
                if k > 0, line.isSignOff {
                    // At most four short lines may follow. Stop at the fifth: filtering all the rest for
                    // every sign-off line made a document of many "Thanks!" lines quadratic.
                    var rest = 0, short = true
                    for r in trimmed[(k + 1)...] where !r.isEmpty {
                        rest += 1
                        if rest > 4 || r.count > 60 { short = false; break }
                    }
                    if short { cut = k; break }
                }
            }
        }
        var removed: [Span] = []
        let removedOrigin = { (r: Range<Int>) -> Span? in
            r.isEmpty ? nil : Span(Int(a.origin[r.lowerBound]), Int(a.origin[r.upperBound - 1]) + 1)
        }
        if cut < lines.count, let sp = removedOrigin(lines[cut].lowerBound..<bytes.count) { removed.append(sp) }
        for k in 0..<min(cut, lines.count) where !keep[k] { if let sp = removedOrigin(lines[k]) { removed.append(sp) } }

        // Fold whitespace: one space inside lines, trimmed lines, at most one blank line between paragraphs.
        var pendingNewlines = 0
        var wroteAny = false
        for k in 0..<min(cut, lines.count) where keep[k] {
            let r = trimmed[k]
            if r.isEmpty { if wroteAny { pendingNewlines += 1 }; continue }
            if wroteAny {
                let nl = min(max(pendingNewlines, 1), 2)
                for _ in 0..<nl { out.append(0x0A, origin: a.origin[lines[k].lowerBound > 0 ? lines[k].lowerBound - 1 : 0]) }
            }
            pendingNewlines = 1
            var lastSpace = false
            for i in r {
                let b = bytes[i]
                if b == 0x20 {
                    if !lastSpace { out.append(0x20, origin: a.origin[i]) }
                    lastSpace = true
                } else {
                    out.append(b, origin: a.origin[i])
                    lastSpace = false
                }
            }
            wroteAny = true
        }
        out.scalarCount = a.scalarCount
        return removed
    }

    /// One line, no leading, trailing or doubled spaces, not a quote: already normalized.
    static func isSimpleLine(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, first != 0x3E, last != 0x20 else { return bytes.isEmpty }
        return bytes.withUnsafeBufferPointer { p in
            if memchr(p.baseAddress!, 0x0A, p.count) != nil { return false }
            var prevSpace = false
            for b in p {
                let space = b == 0x20
                if space && prevSpace { return false }
                prevSpace = space
            }
            return true
        }
    }

    static func trim(_ bytes: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, bytes[lo] == 0x20 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 { hi -= 1 }
        return lo..<hi
    }
}

/// Appends UTF-8 bytes with the original scalar offset of each.
struct ByteBuilder {
    var bytes: [UInt8] = []
    var origin: [Int32] = []
    var scalarCount = 0

    mutating func reserve(_ n: Int) { bytes.reserveCapacity(n); origin.reserveCapacity(n) }

    /// Origins `o, o + 1, ..., o + n - 1`, for a run of ASCII. Appended as a `Range`, they went through the
    /// generic sequence copy at ~40 instructions each (callgrind: ~11M instructions of `painmap sentiment`
    /// on the 200k-line bench file, whose non-ASCII lines come here); written into a stack buffer first,
    /// they are appended as one block per 64.
    mutating func appendOrigins(from o: Int, count n: Int) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { buf in
            var next = Int32(o), left = n
            while left > 0 {
                let k = min(left, 64)
                for j in 0..<k { buf[j] = next &+ Int32(truncatingIfNeeded: j) }
                origin.append(contentsOf: UnsafeBufferPointer(rebasing: buf[..<k]))
                next &+= Int32(truncatingIfNeeded: k)
                left -= k
            }
        }
    }

    @inline(__always) mutating func append(_ b: UInt8, origin o: Int32) { bytes.append(b); origin.append(o) }

    @inline(__always) mutating func appendScalar(_ c: Unicode.Scalar, origin o: Int) {
        let o = Int32(o)
        if c.value < 0x80 { append(UInt8(c.value), origin: o); return }
        for b in UTF8.encode(c)! { append(b, origin: o) }
    }
    /// Maps the last byte written to original scalar `o` (the end of a multi-scalar source such as an entity).
    mutating func setLastOrigin(_ o: Int) { if !origin.isEmpty { origin[origin.count - 1] = Int32(o) } }
    mutating func space(origin o: Int) { append(0x20, origin: Int32(o)) }
    mutating func newline(origin o: Int) { append(0x0A, origin: Int32(o)) }
}

/// A trimmed line of the intermediate text, with the tests the line pass needs.
struct LineView {
    let bytes: [UInt8]
    let range: Range<Int>

    var lowercased: String { String(decoding: bytes[range], as: UTF8.self).lowercased() }
    /// The first byte, lower-cased if ASCII: a cheap filter before any string is built.
    var first: UInt8 { range.isEmpty ? 0 : bytes[range.lowerBound] | (CharClass.isASCIILetter(bytes[range.lowerBound]) ? 0x20 : 0) }
    func startsWith(_ p: String) -> Bool {
        let u = Array(p.utf8)
        return range.count >= u.count && Array(bytes[range.lowerBound..<range.lowerBound + u.count]) == u
    }

    /// "On Mon, 3 Mar 2025 at 10:02, Support <help@x.com> wrote:" (possibly wrapped onto the next line),
    /// and the German "Am ... schrieb ...:".
    func isReplyHeader(next: LineView?) -> Bool {
        guard range.count < 400, first == 0x6F || first == 0x61 else { return false }   // o, a
        let l = lowercased
        if l.hasPrefix("on ") {
            if l.hasSuffix("wrote:") { return true }
            if let n = next, n.range.count < 200, n.lowercased.hasSuffix("wrote:") { return true }
        }
        if l.hasPrefix("am "), l.contains(" schrieb "), l.hasSuffix(":") { return true }
        return false
    }

    var isOriginalMessageMarker: Bool {
        guard first == 0x2D || first == 0x5F else { return false }   // - _
        let l = lowercased
        return (l.hasPrefix("-----") && (l.contains("original message") || l.contains("ursprüngliche nachricht")))
            || l.hasPrefix("________________________________")
    }

    var isSignatureDelimiter: Bool {
        guard range.count <= 3 else { return false }
        let l = lowercased
        return l == "--" || l == "—" || l == "-- "
    }

    var isSentFromDevice: Bool {
        guard range.count < 80, first == 0x73 || first == 0x67 || first == 0x76 else { return false }   // s g v
        let l = lowercased
        return l.hasPrefix("sent from my ") || l.hasPrefix("get outlook for ") || l.hasPrefix("von meinem ")
            || l.hasPrefix("sent from mail for ") || l.hasPrefix("sent from yahoo mail")
    }

    /// A closing formula alone on its line ("Best regards,", "Thanks!", "Mit freundlichen Grüßen").
    var isSignOff: Bool {
        guard range.count <= 40 else { return false }
        var l = lowercased
        while let last = l.last, ",.!-".contains(last) { l.removeLast() }
        l = l.trimmingCharacters(in: .whitespaces)
        return LineView.signOffs.contains(l)
    }

    static let signOffs: Set<String> = [
        "best regards", "kind regards", "warm regards", "warmest regards", "regards", "best wishes", "best",
        "thanks", "thank you", "thanks in advance", "many thanks", "cheers", "sincerely", "yours sincerely",
        "yours truly", "all the best", "thx", "ty",
        "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "viele grüße", "liebe grüße",
        "beste grüße", "lg", "vg", "mfg", "gruß", "grüße", "danke", "vielen dank",
        "cordialement", "saludos", "met vriendelijke groet",
    ]
}

/// The little HTML a ticket body needs: tags out, block tags as line breaks, entities decoded.
/// Works on UTF-8 bytes: tags and entities are ASCII.
enum HTML {
    static let blockTags: Set<String> = [
        "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "dt", "dd",
    ]

    /// If `i` opens a tag (`<` followed by a letter, `/` or `!`), the index just past its `>`.
    static func tagEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i + 1 < p.count else { return nil }
        let c = p[i + 1]
        guard CharClass.isASCIILetter(c) || c == 0x2F || c == 0x21 else { return nil }
        var j = i + 2
        let limit = min(p.count, i + 4000)
        if c != 0x21 {
            // A tag name ends in whitespace, ">" or "/>": "<jane@example.com>" and "<https://x.com>"
            // (addresses in angle brackets, common in plain-text mail) are text, not tags to delete.
            while j < limit, CharClass.isASCIIAlnum(p[j]) || p[j] == 0x3A || p[j] == 0x2D { j += 1 }
            guard j < limit else { return nil }
            let after = p[j]
            guard after == 0x3E || CharClass.isSpace(after) || (after == 0x2F && j + 1 < p.count && p[j + 1] == 0x3E) else { return nil }
        }
        while j < limit {
            if p[j] == 0x3E { return j + 1 }
            if p[j] == 0x3C { return nil }
            j += 1
        }
        return nil
    }

    static func tagName(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> String {
        var j = i + 1
        if j < end, p[j] == 0x2F { j += 1 }
        var name = ""
        while j < end, CharClass.isASCIIAlnum(p[j]), name.utf8.count < 12 {
            name.unicodeScalars.append(Unicode.Scalar(p[j] | (CharClass.isASCIILetter(p[j]) ? 0x20 : 0)))
            j += 1
        }
        return name
    }

    /// Skips to just past `</name>` (or the end).
    static func skipElement(_ p: UnsafeBufferPointer<UInt8>, from: Int, name: String) -> Int {
        var j = from
        while j < p.count {
            if p[j] == 0x3C, j + 1 < p.count, p[j + 1] == 0x2F, let e = tagEnd(p, j), tagName(p, j, e) == name { return e }
            j += 1
        }
        return p.count
    }

    /// Scalars in bytes `a..<b` (tags may hold non-ASCII attribute values).
    static func scalarCount(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int {
        var n = 0
        for i in a..<b where p[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "hellip": "…",
        "mdash": "—", "ndash": "–", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "euro": "€",
        "pound": "£", "yen": "¥", "copy": "©", "reg": "®", "trade": "™", "laquo": "«", "raquo": "»",
        "bull": "•", "middot": "·", "eacute": "é", "egrave": "è", "auml": "ä", "ouml": "ö", "uuml": "ü",
        "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "ccedil": "ç", "ntilde": "ñ", "deg": "°",
    ]

    /// Decodes `&name;`, `&#123;` or `&#x1F600;` at `i`.
    static func entity(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (String, Int)? {
        var j = i + 1
        var body = ""
        while j < p.count, j - i <= 10, p[j] != 0x3B {
            guard CharClass.isASCIIAlnum(p[j]) || p[j] == 0x23 else { return nil }
            body.unicodeScalars.append(Unicode.Scalar(p[j]))
            j += 1
        }
        guard j < p.count, p[j] == 0x3B, !body.isEmpty else { return nil }
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let v: UInt32? = digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let v, v != 0, let u = Unicode.Scalar(v) else { return nil }
            return (String(Character(u)), j + 1)
        }
        guard let d = named[body] ?? named[body.lowercased()] else { return nil }
        return (d, j + 1)
    }
}
