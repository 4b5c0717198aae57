import XCTest
@testable import PainmapText

/// The hand-written fast paths (word-at-a-time scans, Vocabulary's caches) must agree with the plain
/// definitions they replace, on every input and at every alignment.
final class FastPathTests: XCTestCase {
    /// The byte-by-byte definition of `Normalizer.alreadyNormalASCII`.
    private func referenceNormalASCII(_ s: String) -> [UInt8]? {
        let p = Array(s.utf8)
        guard let first = p.first, let last = p.last, first != 0x20, first != 0x3E, last != 0x20 else { return p.isEmpty ? [] : nil }
        var prevSpace = false
        for b in p {
            if b < 0x20 || b >= 0x7F || b == 0x3C || b == 0x26 { return nil }
            let space = b == 0x20
            if space && prevSpace { return nil }
            prevSpace = space
        }
        return p
    }

    func testAlreadyNormalASCIIMatchesTheByteByByteDefinition() {
        // Every byte that matters, at every position of texts that span several 8-byte words.
        let specials: [UInt8] = [0x20, 0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0x3C, 0x26, 0x3E, 0x21, 0x7E]
        let base = Array("abcdefghij klmnopq rstuvwx yz".utf8)
        for pos in 0..<base.count {
            for b in specials {
                var bytes = base
                bytes[pos] = b
                let s = String(decoding: bytes, as: UTF8.self)
                XCTAssertEqual(Normalizer.alreadyNormalASCII(s), referenceNormalASCII(s), "byte \(b) at \(pos)")
                // Two spaces in a row, across every word boundary too.
                if pos + 1 < base.count {
                    var two = base
                    two[pos] = 0x20; two[pos + 1] = 0x20
                    let t = String(decoding: two, as: UTF8.self)
                    XCTAssertEqual(Normalizer.alreadyNormalASCII(t), referenceNormalASCII(t), "two spaces at \(pos)")
                }
            }
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab  <&>\u{7F}\t\n.".utf8) + [0xC3, 0xA9]
        for _ in 0..<5000 {
            let n = Int.random(in: 0..<40, using: &rng)
            let bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            let s = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(Normalizer.alreadyNormalASCII(s), referenceNormalASCII(s), "\(bytes)")
        }
    }

    func testFirstNonASCII() {
        for n in 0..<20 {
            for pos in 0...n {
                var bytes = [UInt8](repeating: 0x61, count: n)
                if pos < n { bytes[pos] = 0xE2 }
                let got = bytes.withUnsafeBufferPointer { CharClass.firstNonASCII($0) }
                XCTAssertEqual(got, pos, "n \(n) pos \(pos)")
            }
        }
    }

    /// Many forms, long and short, interned in an order that makes the hot cache evict and the tables grow:
    /// ids stay dense, stable and round-trip to their bytes.
    func testVocabularyIdsAreStableThroughItsCaches() {
        let v = Vocabulary(capacity: 16)
        var words: [String] = []
        for i in 0..<30_000 { words.append(i % 3 == 0 ? "w\(i)" : i % 3 == 1 ? "longer-form-\(i)" : "\(i)x") }
        var ids: [UInt32] = []
        for w in words { ids.append(v.intern(w)) }
        XCTAssertEqual(ids, (0..<UInt32(words.count)).map { $0 })
        for (k, w) in words.enumerated().reversed() {
            XCTAssertEqual(v.intern(w), UInt32(k))
            XCTAssertEqual(v.lookup(w), UInt32(k))
            XCTAssertEqual(v.string(UInt32(k)), w)
        }
        XCTAssertEqual(v.count, words.count)
    }

    /// `lookup` asks forms of 1 to 15 bytes of the short and medium tables only: for every length, forms
    /// that were interned (a NUL first byte too, which those tables never hold) and forms that were not, it
    /// answers as the general table does, and as `intern` did.
    func testVocabularyLookupMatchesTheGeneralTable() {
        let v = Vocabulary(capacity: 16)
        var present: [[UInt8]] = [], absent: [[UInt8]] = []
        for n in 1...20 {
            for i in 0..<300 {
                var w = Array(String(repeating: "k", count: n).utf8)
                for (k, c) in String(i).utf8.enumerated() where k < n { w[k] = c }
                if i % 50 == 7 { w[0] = 0 }
                if i % 2 == 0 { present.append(w) } else { absent.append(w) }
            }
        }
        var ids: [[UInt8]: UInt32] = [:]
        for w in present { ids[w] = w.withUnsafeBufferPointer { v.intern($0) } }
        for w in present + absent {
            w.withUnsafeBufferPointer { p in
                XCTAssertEqual(v.lookup(p), v.lookupLong(p), "\(w)")
                XCTAssertEqual(v.lookup(p), ids[w], "\(w)")
            }
        }
    }

    /// Words scanned eight bytes at a time end where the byte loop ends them, with the same flags and the
    /// same answer to "already in look-up form", from every letter of random texts full of the cases that
    /// matter: letter runs across 8-byte boundaries, capitals, digits, inner apostrophes, hyphens and
    /// periods, non-ASCII letters.
    func testWordScanMatchesTheByteLoop() {
        let pieces = ["a", "aa", "aaa", "b", "B", "AA", "Z", "z", "e", "ee", "E", "0", "7", "'", "’", "-", ".", " ", "é", "ÉÉ",
                      "ß", "x", "xyz", "abcdefgh", "ABCDEFGH", "@", "[", "`", "{", "n't", "dont", "U.S.", "e.g.", "Mr", "No.", "\n"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 1..<24, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { p in
                var i = 0
                while i < p.count {
                    let (v, len) = CharClass.decode(p, i)
                    if CharClass.isLetter(v) {
                        let fast = Tokenizer.wordEnd(p, i, lookupForm: ())
                        let slow = Tokenizer.wordEnd(p, i, lookupForm: (), wordAtATime: false)
                        XCTAssertEqual(fast.0, slow.0, "end of the word at \(i) in \(text.debugDescription)")
                        XCTAssertEqual(fast.1, slow.1, "flags of the word at \(i) in \(text.debugDescription)")
                        XCTAssertEqual(fast.2, slow.2, "plain word at \(i) in \(text.debugDescription)")
                    }
                    i += len
                }
            }
        }
    }

    /// Where the tokenizer finishes a short word itself, `wordEnd` ends it at the same byte, calls it plain
    /// unless capitalized, and sets no flag but `.capitalized` for a capital and perhaps the negation (which
    /// the tokenizer asks for the same way); the packed form is the word with its first letter lower-cased.
    func testShortLowerWordsAgreeWithWordEnd() {
        let pieces = ["a", "aa", "aaa", "b", "B", "t", "dont", "Dont", "The", "I", "Aaa", "AA", "cant", "n", "0", "'", "-", ".", " ", ",", "!", "é", "abcdefg",
                      "abcdefgh", "\n", "\t", "@", "xyzzy",
                      "etc", "mr", "Dr", "No", "p", "ca", "usw", "e", "g", ". ", " 5"]
        var checked = 0
        forEachWordStart(pieces, texts: 4000, maxPieces: 20) { text, p, i in
            guard let (e, key) = Tokenizer.shortLowerWord(p, i) else { return }
            checked += 1
            let (end, flags, plain) = Tokenizer.wordEnd(p, i, lookupForm: ())
            let capital = p[i] <= 0x5A
            XCTAssertEqual(e, end, "end at \(i) in \(text.debugDescription)")
            XCTAssertEqual(plain, !capital, "plain at \(i) in \(text.debugDescription)")
            XCTAssertEqual(flags.subtracting(.negation), capital ? .capitalized : [], "flags at \(i) in \(text.debugDescription)")
            var packed: UInt64 = 0
            for k in i..<e { packed |= UInt64(k == i ? p[k] | 0x20 : p[k]) << (8 * UInt64(k - i)) }
            XCTAssertEqual(key, packed)
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    /// Where the tokenizer finishes a word of 8 to 15 letters itself (`mediumLowerWord`), `wordEnd` ends it at
    /// the same byte, calls it plain unless capitalized, sets no flag but `.capitalized` and the negation the
    /// tokenizer sets, and the packed form is the word lower-cased.
    func testMediumLowerWordsAgreeWithWordEnd() {
        let pieces = ["a", "b", "B", "t", "abcdefgh", "Abcdefgh", "abcdefghijklmno", "abcdefghijklmnop", "excellent", "Excellent",
                      "shouldnt", "Shouldnt", "cannotxx", "aabbccddeeff", "aaabbbcc", "abcdefgg", "gghhiijjk", "Aaabcdefgh",
                      "approx", "etc", "e", "g", "No", "Mr", "mgmt", "'", "-", ".", ". ", " ", ",", "!", "é", "0", " 5", "\n", "@", "_"]
        var checked = 0
        forEachWordStart(pieces, texts: 6000, maxPieces: 14) { text, p, i in
            guard let (e, w0, w1) = Tokenizer.mediumLowerWord(p, i) else { return }
            checked += 1
            let (end, flags, plain) = Tokenizer.wordEnd(p, i, lookupForm: ())
            let capital = p[i] <= 0x5A
            XCTAssertEqual(e, end, "end at \(i) in \(text.debugDescription)")
            XCTAssertEqual(plain, !capital, "plain at \(i) in \(text.debugDescription)")
            XCTAssertEqual(flags.subtracting(.negation), capital ? .capitalized : [], "flags at \(i) in \(text.debugDescription)")
            let negation = e - i == 8 && p[e - 1] == 0x74 && Negations.isApostrophelessNegation(packed: w0)
            XCTAssertEqual(flags.contains(.negation), negation, "negation at \(i) in \(text.debugDescription)")
            var form = Array(p[i..<e]); form[0] |= 0x20
            var packed = [UInt8](repeating: 0, count: 16)
            withUnsafeBytes(of: (w0.littleEndian, w1.littleEndian)) { for k in 0..<16 { packed[k] = $0[k] } }
            XCTAssertEqual(Array(packed[0..<form.count]), form, "form at \(i) in \(text.debugDescription)")
            XCTAssertTrue(packed[form.count...].allSatisfy { $0 == 0 })
        }
        XCTAssertGreaterThan(checked, 1000)
        // Longer words cannot be apostrophe-less negations: the tokenizer asks only about 8-letter ones.
        XCTAssertTrue(Negations.apostropheless.allSatisfy { $0.utf8.count <= 8 })
    }

    /// Where the tokenizer finishes a short contraction itself (`shortContraction`), `wordEnd` ends it at the
    /// same byte with the same flags, and the packed form is the word lower-cased with no letter three times.
    func testShortContractionsAgreeWithWordEnd() {
        let pieces = ["don't", "Don't", "DON'T", "can't", "it's", "I'm", "I've", "n't", "didn't", "ain't", "x'y", "'", "aa", "a",
                      "t", "n", "N", "ooo", "e", "g", "etc", "Mr", "No", ".", ". ", " ", ",", "!", "-", "é", "0", " 5", "\n", "'s", "’"]
        var checked = 0
        forEachWordStart(pieces, texts: 6000, maxPieces: 12) { text, p, i in
            guard let (e, key, negation) = Tokenizer.shortContraction(p, i) else { return }
            checked += 1
            let (end, flags, plain) = Tokenizer.wordEnd(p, i, lookupForm: ())
            let capital = p[i] <= 0x5A
            XCTAssertEqual(e, end, "end at \(i) in \(text.debugDescription)")
            XCTAssertFalse(plain, "plain at \(i) in \(text.debugDescription)")
            var expected: TokenFlags = capital ? [.capitalized, .contraction] : .contraction
            if negation { expected.insert(.negation) }
            XCTAssertEqual(flags, expected, "flags at \(i) in \(text.debugDescription)")
            XCTAssertEqual(negation, Negations.isNegatingContraction(p, i, e))
            let form = p[i..<e].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            var packed: UInt64 = 0
            for (k, c) in form.enumerated() { packed |= UInt64(c) << (8 * UInt64(k)) }
            XCTAssertEqual(key, packed, "form at \(i) in \(text.debugDescription)")
            var tripled = false
            for k in 2..<max(form.count, 2) where form[k] == form[k - 1] && form[k] == form[k - 2] { tripled = true }
            XCTAssertFalse(tripled, "form at \(i) in \(text.debugDescription)")
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testEmoticonFirstBytesMatchTheList() {
        var low: UInt64 = 0, high: UInt64 = 0
        for e in Emoticons.all {
            let b = e.utf8.first!
            if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
        }
        XCTAssertEqual(Emoticons.firstBytesLow, low)
        XCTAssertEqual(Emoticons.firstBytesHigh, high)
        for b in 0..<256 { XCTAssertEqual(Emoticons.mayStart(UInt8(b)), Emoticons.byFirstByte[b] != nil, "byte \(b)") }
        // The tokenizer skips emoticonEnd and urlEnd for a letter followed by a lower-case letter that
        // `mayOpenURLOrEmoticon` rules out: no emoticon opening with a letter may continue with one.
        for e in Emoticons.all {
            let u = Array(e.utf8)
            guard u.count > 1, (u[0] | 0x20) >= 0x61, (u[0] | 0x20) <= 0x7A else { continue }
            XCTAssertTrue(u.withUnsafeBufferPointer { Tokenizer.mayOpenURLOrEmoticon($0, 0) }, e)
        }
        for url in ["http://x.org", "https://x.org", "www.x.org", "HTTP://X.ORG", "WWW.X.ORG"] {
            XCTAssertTrue(Array(url.utf8).withUnsafeBufferPointer { Tokenizer.mayOpenURLOrEmoticon($0, 0) }, url)
        }
    }

    /// `JSONWriter.line` (one buffer per line) writes what the value-by-value writer writes.
    func testJSONLineMatchesTheValueByValueWriter() {
        let numbers: [Double] = [0, -0.0, 1, -1, 0.5, 0.00004, 0.00005, -0.00005, 0.12345, -0.99999, 0.9999951, 1.0 / 3,
                                 -2.0 / 3, 123456.789, 1e14, -1e14, 1e15, .nan, .infinity, -.infinity, 0.1 + 0.2, 5e-324]
        let labels = ["positive", "neutral", "negative", "", "ünïcode"]
        for (k, v) in numbers.enumerated() {
            for line in [0, 7, -3, k * 1_000_003, Int.max] {
                let label = labels[k % labels.count]
                var general = JSONWriter()
                general.beginObject()
                general.literalKey("line"); general.int(line)
                general.literalKey("a"); general.double(v)
                general.literalKey("b"); general.double(v, digits: 3)
                general.literalKey("c"); general.double(-v, digits: 1)
                general.literalKey("label"); general.string(label)
                general.endObject()
                general.newline()
                var fast = JSONWriter()
                fast.line(capacity: 256) { b in
                    b.literal("{\"line\":"); b.int(line)
                    b.literal(",\"a\":"); b.double(v)
                    b.literal(",\"b\":"); b.double(v, digits: 3)
                    b.literal(",\"c\":"); b.double(-v, digits: 1)
                    b.literal(",\"label\":"); b.plainString(label)
                    b.literal("}\n")
                }
                XCTAssertEqual(String(decoding: fast.bytes, as: UTF8.self), String(decoding: general.bytes, as: UTF8.self), "\(v) \(line)")
            }
        }
    }

    /// `JSONWriter.writeFixed` (truncate-and-compare rounding, decimals cut after writing) writes what its
    /// first definition wrote: halves, values next to halves, signs, zeros, large and tiny values.
    func testWriteFixedMatchesItsReference() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, -0.5, 1.5, 2.5, 0.05, 0.00005, -0.00005, 0.49999999999999994,
                                0.12345, 0.99995, -0.99995, 0.9999951, 1.0 / 3, -2.0 / 3, 1e14, -1e14, 123456.78905,
                                4503599627370.4961, 0x1p52 / 1e4, -0x1p52 / 1e4, 5e-324, .nan, .infinity, 1e15]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            values.append(Double.random(in: -1...1, using: &g))
            values.append(Double(Int.random(in: -20_000...20_000, using: &g)) / 20_000)   // halves and near-halves
            values.append(Double.random(in: -1e9...1e9, using: &g))
        }
        let fast = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONWriter.maxFixedCount)
        let reference = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONWriter.maxFixedCount)
        defer { fast.deallocate(); reference.deallocate() }
        for v in values {
            for digits in 0...6 where !(v.magnitude * pow(10, Double(digits)) >= 9e18) {   // both trap past Int64
                let a = JSONWriter.writeFixed(v, digits: digits, to: fast)
                let b = JSONWriter.writeFixedReference(v, digits: digits, to: reference)
                XCTAssertEqual(String(decoding: UnsafeBufferPointer(start: fast, count: a), as: UTF8.self),
                               String(decoding: UnsafeBufferPointer(start: reference, count: b), as: UTF8.self), "\(v) \(digits)")
            }
        }
    }

    /// `TSVRow.shortDecimal` reads the same Double as `Double(String)`, or leaves the field to it.
    func testShortDecimalMatchesDoubleParsing() {
        var fields = ["0", "-0", "1", "-1", "0.5", "-1.5", "4", "-4", "2.25", "0.1", "0.3", "-0.7", "1.", ".5", "-.5", "+1",
                      "1e3", "1.2.3", "", "-", "abc", " 1", "1 ", "007", "0.000000000000001", "123456789012345",
                      "1234567890123456", "9.99999999999999", "0.30000000000000004", "3.14159265358979"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...15, using: &g)
            var s = String(UInt64.random(in: 0..<UInt64(pow(10, Double(digits))), using: &g))
            let point = Int.random(in: 0...s.count, using: &g)
            if point > 0 && point < s.count { s.insert(".", at: s.index(s.startIndex, offsetBy: point)) }
            fields.append(Bool.random(using: &g) ? "-" + s : s)
        }
        for f in fields {
            guard let fast = TSVRow.shortDecimal(f) else { continue }
            let reference = Double(f)
            XCTAssertEqual(fast.bitPattern, reference?.bitPattern, f)
        }
        XCTAssertNil(TSVRow.shortDecimal("1e3")); XCTAssertNil(TSVRow.shortDecimal(" 1")); XCTAssertNil(TSVRow.shortDecimal("1234567890123456"))
    }

    /// `Normalizer.asciiLine` (sixteen and eight bytes at a time) agrees with its byte-by-byte reference on
    /// random lines of every length up to 70, mostly letters and spaces with some bytes it rejects, and on
    /// runs of two spaces at every position (within and across its words).
    func testASCIILineMatchesItsReference() {
        var g = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab  .>".utf8) + [0x20, 0x20, 0x3C, 0x26, 0x7F, 0x0A, 0x1F, 0xC3, 0x7E, 0x21]
        for _ in 0..<40_000 {
            let count = Int.random(in: 0...70, using: &g)
            let rare = Int.random(in: 0...3, using: &g) == 0
            let line: [UInt8] = (0..<count).map { _ in
                rare ? alphabet.randomElement(using: &g)! : (Bool.random(using: &g) ? 0x61 : alphabet[Int.random(in: 0...5, using: &g)])
            }
            line.withUnsafeBufferPointer { XCTAssertEqual(Normalizer.asciiLine($0), Normalizer.asciiLineReference($0), "\(line)") }
        }
        for count in 2...40 {
            for k in 0..<(count - 1) {
                var line = [UInt8](repeating: 0x61, count: count)
                line[k] = 0x20; line[k + 1] = 0x20
                line.withUnsafeBufferPointer { XCTAssertEqual(Normalizer.asciiLine($0), Normalizer.asciiLineReference($0), "\(count) \(k)") }
            }
        }
    }

    /// `endsShortWord`'s bit table says what its reference's tests say, for every byte.
    func testEndsShortWordMatchesItsReference() {
        for t in 0...255 { XCTAssertEqual(Tokenizer.endsShortWord(UInt8(t)), Tokenizer.endsShortWordReference(UInt8(t)), "\(t)") }
    }

    /// For every word `shortLowerWord` takes, the packed negation test agrees with `isNegatingContraction`.
    func testPackedNegationMatchesTheContractionTest() {
        var words = Negations.apostropheless + ["dent", "cant", "can", "that", "want", "isn", "mustn", "shan", "aint", "ain", "it", "t",
                                                  "knot", "burnt", "about", "great", "cannt", "cnnot"]
        words += words.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        for w in words {
            for after in ["", " ", ".", "!", ", x"] {
                let bytes = Array((w + after).utf8) + [UInt8](repeating: 0x20, count: 8)
                bytes.withUnsafeBufferPointer { p in
                    let text = UnsafeBufferPointer(rebasing: p[0..<(w.utf8.count + after.utf8.count)])
                    guard let (e, key) = Tokenizer.shortLowerWord(text, 0), e >= 4, text[e - 1] == 0x74 else { return }
                    XCTAssertEqual(Negations.isApostrophelessNegation(packed: key), Negations.isNegatingContraction(text, 0, e), w + after)
                }
            }
        }
    }

    /// `JSONLineBuffer.literal` copies literals of every length class (byte loop, one to four words) exactly.
    func testLineLiteralsOfEveryLength() {
        var w = JSONWriter()
        w.line(capacity: 512) { b in
            b.literal(""); b.literal("a"); b.literal("abcdefg"); b.literal("abcdefgh"); b.literal("abcdefghi")
            b.literal("abcdefghijklmno"); b.literal("abcdefghijklmnop"); b.literal("abcdefghijklmnopq")
            b.literal(",\"label\":\"neutral\"}\n"); b.literal("abcdefghijklmnopqrstuvwx"); b.literal("abcdefghijklmnopqrstuvwxy")
            b.literal("abcdefghijklmnopqrstuvwxyz012345"); b.literal("abcdefghijklmnopqrstuvwxyz0123456")
        }
        let expected = "" + "a" + "abcdefg" + "abcdefgh" + "abcdefghi" + "abcdefghijklmno" + "abcdefghijklmnop"
            + "abcdefghijklmnopq" + ",\"label\":\"neutral\"}\n" + "abcdefghijklmnopqrstuvwx" + "abcdefghijklmnopqrstuvwxy"
            + "abcdefghijklmnopqrstuvwxyz012345" + "abcdefghijklmnopqrstuvwxyz0123456"
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), expected)
    }

    /// The packed look-up of abbreviations agrees with the String one, in every case and context.
    func testPackedAbbreviationsMatchTheStringLookUp() {
        var words = Array(Abbreviations.always) + Array(Abbreviations.beforeNumber)
        words += words.map { $0.uppercased() } + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        words += ["a", "I", "ok", "no1", "mrx", "etcc", "e", "approx", "apprOX", "x-y", "it's", "d'", "\u{212A}g", "mr\u{212A}"]
        for w in words {
            for after in ["", " ", " The end", " the end", "\nThe", " 5", "  12", "5", " x"] {
                let bytes = Array((w + "." + after).utf8)
                let dot = w.utf8.count
                bytes.withUnsafeBufferPointer { p in
                    guard dot <= 6, dot != 1 else { return }
                    XCTAssertEqual(Abbreviations.absorbsPeriod(p, 0, dot), Abbreviations.absorbsPeriodByString(p, 0, dot), "\(w).\(after)")
                }
            }
        }
    }

    /// The analyzer reuses its token and sentence arrays once the caller drops a document. Documents the
    /// caller keeps must not change when later ones are analyzed, and must equal analyzing the text again.
    func testKeptDocumentsSurviveArrayReuse() throws {
        let analyzer = try TextFixture.analyzer()
        let texts = ["The app crashes. Support never answers! Why?", "", "Great!!! 😍 Love it", "x", String(repeating: "word ", count: 300)]
        var kept: [AnalyzedDocument] = []
        for t in texts {
            kept.append(analyzer.analyze(t))
            for _ in 0..<3 { _ = analyzer.analyze("Something else entirely, with more tokens. And a second sentence!") }
        }
        for (k, t) in texts.enumerated() {
            let again = analyzer.analyze(t)
            XCTAssertEqual(kept[k].tokens, again.tokens, t)
            XCTAssertEqual(kept[k].sentences, again.sentences, t)
        }
    }

    /// Random texts of 1 to `maxPieces - 1` of `pieces`, `texts` of them, and in each every position that
    /// starts a run of ASCII letters: where the tokenizer asks its fast paths about a word.
    func forEachWordStart(_ pieces: [String], texts: Int, maxPieces: Int, _ body: (String, UnsafeBufferPointer<UInt8>, Int) -> Void) {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<texts {
            let text = (0..<Int.random(in: 1..<maxPieces, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            Array(text.utf8).withUnsafeBufferPointer { p in
                for i in 0..<p.count where CharClass.isASCIILetter(p[i]) && (i == 0 || !CharClass.isASCIILetter(p[i - 1])) { body(text, p, i) }
            }
        }
    }
}
