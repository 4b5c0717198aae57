import Foundation
import XCTest
@testable import PainmapText

/// `DataFile`'s byte-level helpers against the plain answers they replaced: `isValidUTF8` against Foundation's
/// (`String(data:encoding: .utf8)`), `newlines` against a count byte by byte, `wordList` against trimming and
/// lower-casing each row's first field.
final class DataFileBytesTests: XCTestCase {
    private func check(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let expected = String(data: Data(bytes), encoding: .utf8) != nil
        let got = bytes.withUnsafeBufferPointer { DataFile.isValidUTF8($0) }
        XCTAssertEqual(got, expected, "\(bytes.map { String($0, radix: 16) })", file: file, line: line)
    }

    func testEdgesOfEachSequenceLength() {
        let cases: [[UInt8]] = [
            [], Array("plain ascii, longer than eight bytes\n".utf8), Array("héllo wörld 👍 ✓".utf8),
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xC2], [0xC2, 0x41],
            [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xE1, 0x80], [0xE1, 0x80, 0x41], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
            [0xF1, 0x80, 0x80], [0xF1, 0x80, 0x80, 0xC0], [0xEF, 0xBB, 0xBF, 0x41],
        ]
        for c in cases {
            check(c)
            check(Array("12345678".utf8) + c + Array("abcdefghij".utf8))   // after and before whole words
        }
    }

    func testRandomBytes() {
        var g = SplitMix(state: 0x5EED)   // seeded: a failure can be run again
        // Mostly ASCII with some lead and continuation bytes, as a damaged lexicon file would be.
        let alphabet: [UInt8] = [0x41, 0x61, 0x20, 0x0A, 0x09, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5]
        for _ in 0..<20_000 {
            check((0..<Int.random(in: 0...24, using: &g)).map { _ in alphabet.randomElement(using: &g)! })
        }
    }
}

extension DataFileBytesTests {
    func testNewlineCount() {
        var g = SplitMix(state: 0xC0FFEE)
        // Bytes next to 0x0A in value (0x0B, 0x09, 0x8A) and with the high bit set, which a carry could confuse.
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x0B, 0x09, 0x8A, 0x00, 0xFF, 0x7F, 0x80, 0x61]
        for k in 0..<5_000 {
            // Some long enough for the per-lane sums to be added up several times (31 words at a time).
            let length = k % 10 == 0 ? Int.random(in: 200...2_000, using: &g) : Int.random(in: 0...40, using: &g)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &g)! }
            let got = bytes.withUnsafeBufferPointer { DataFile.newlines(in: $0) }
            XCTAssertEqual(got, bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }, "\(bytes)")
        }
        // Every byte a newline: the lanes' sums at their largest.
        for length in [248, 249, 255, 256, 257, 10_000] {
            let bytes = [UInt8](repeating: 0x0A, count: length)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { DataFile.newlines(in: $0) }, length)
        }
    }
}

extension DataFileBytesTests {
    /// `wordList` reads each entry in place, and takes most as they are: the same entries as trimming and
    /// lower-casing the first field of each row.
    func testWordListMatchesTrimmedLowerCasedFirstFields() throws {
        let text = "# comment\nplain\nCapital\n  spaced \n\ttabbed\t2\ncafé\nÉCOLE\nit's\nwell-known\n:D\n\n \t \n"
            + "two\tfields\nlast line without end"
        let path = NSTemporaryDirectory() + "painmap-wordlist-\(getpid()).txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = try DataFile.rows(path).map { $0.fields[0].trimmedSpaces.lowercased() }.filter { !$0.isEmpty }
        XCTAssertEqual(try DataFile.wordList(path), expected)
        XCTAssertEqual(expected, ["plain", "capital", "spaced", "café", "école", "it's", "well-known", ":d", "two", "last line without end"])
    }
}

/// A small seeded generator (SplitMix64).
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
