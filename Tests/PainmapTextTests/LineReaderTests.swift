import XCTest
@testable import PainmapText

/// LineReader: one document per line, `\n` or `\r\n`, no trailing newline, lines longer than its 1 MiB
/// buffer, empty lines kept as empty documents.
final class LineReaderTests: XCTestCase {
    private var paths: [String] = []

    override func tearDown() {
        for p in paths { try? FileManager.default.removeItem(atPath: p) }
        paths.removeAll()
        super.tearDown()
    }

    private func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("painmap-linereader-\(UUID().uuidString).txt").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        paths.append(path)
        return path
    }

    private func file(_ text: String) throws -> String { try file(Array(text.utf8)) }

    /// All lines of `path`, with the reader's line number after each.
    private func lines(_ path: String) throws -> [(line: Int, text: [UInt8])] {
        let r = try LineReader(path: path)
        var out: [(Int, [UInt8])] = []
        while let l = r.nextLine() { out.append((r.lineNumber, Array(l))) }
        XCTAssertNil(r.nextLine(), "stays at the end")
        return out
    }

    private func texts(_ path: String) throws -> [String] {
        try lines(path).map { String(decoding: $0.text, as: UTF8.self) }
    }

    func testLFLines() throws {
        XCTAssertEqual(try texts(file("one\ntwo\nthree\n")), ["one", "two", "three"])
    }

    func testCRLFLines() throws {
        XCTAssertEqual(try texts(file("one\r\ntwo\r\n\r\nfour\r\n")), ["one", "two", "", "four"])
    }

    func testMixedLineEndingsAndALoneCRInsideALine() throws {
        XCTAssertEqual(try texts(file("a\r\nb\nc\rd\r\n")), ["a", "b", "c\rd"])
    }

    func testNoTrailingNewline() throws {
        let l = try lines(file("first\nlast"))
        XCTAssertEqual(l.map { String(decoding: $0.text, as: UTF8.self) }, ["first", "last"])
        XCTAssertEqual(l.map(\.line), [1, 2])
        XCTAssertEqual(try texts(file("only")), ["only"])
        XCTAssertEqual(try texts(file("last with CR\r")), ["last with CR"])
    }

    func testEmptyLinesAreKeptAsEmptyDocuments() throws {
        let l = try lines(file("a\n\n\nb\n\n"))
        XCTAssertEqual(l.map { String(decoding: $0.text, as: UTF8.self) }, ["a", "", "", "b", ""])
        XCTAssertEqual(l.map(\.line), [1, 2, 3, 4, 5], "line numbers count the empty lines")
        XCTAssertEqual(try texts(file("\n")), [""])
        XCTAssertEqual(try texts(file("\r\n")), [""])
    }

    func testAnEmptyFileHasNoLines() throws {
        XCTAssertEqual(try texts(file("")), [])
    }

    func testALineLongerThanTheBuffer() throws {
        let long = [UInt8](repeating: 0x61, count: 3 * (1 << 20) + 12345)
        let l = try lines(file(Array("short\n".utf8) + long + Array("\r\nafter\n".utf8)))
        XCTAssertEqual(l.count, 3)
        XCTAssertEqual(l[0].text, Array("short".utf8))
        XCTAssertEqual(l[1].text.count, long.count)
        XCTAssertTrue(l[1].text.allSatisfy { $0 == 0x61 }, "the CR is stripped, nothing else")
        XCTAssertEqual(l[2].text, Array("after".utf8))
        XCTAssertEqual(l.map(\.line), [1, 2, 3])
    }

    func testALongLastLineWithoutNewline() throws {
        let count = 2 * (1 << 20) + 7
        var long: [UInt8] = []
        long.reserveCapacity(count)
        for i in 0..<count { long.append(UInt8(0x61 + i % 26)) }
        let l = try lines(file(Array("x\n".utf8) + long))
        XCTAssertEqual(l.count, 2)
        XCTAssertEqual(l[1].text, long)
    }

    func testCRLFSplitAcrossTheBufferBoundary() throws {
        // The first read ends between the CR and the LF.
        let first = [UInt8](repeating: 0x62, count: (1 << 20) - 1)
        let l = try lines(file(first + [0x0D, 0x0A] + Array("next\r\n".utf8)))
        XCTAssertEqual(l.map(\.text.count), [first.count, 4])
        XCTAssertEqual(l[1].text, Array("next".utf8))
    }

    func testManyLinesAcrossSeveralBuffers() throws {
        var text = ""
        for i in 0..<200_000 { text += i % 7 == 0 ? "\n" : "line \(i) ü😀\r\n" }
        let l = try lines(file(text))
        XCTAssertEqual(l.count, 200_000)
        XCTAssertEqual(String(decoding: l[1].text, as: UTF8.self), "line 1 ü😀")
        XCTAssertEqual(l[7].text, [])
        XCTAssertEqual(String(decoding: l[199_999].text, as: UTF8.self), "line 199999 ü😀")
        XCTAssertEqual(l.last?.line, 200_000)
    }

    func testLinesKeepInvalidBytesForTheDecoderToReport() throws {
        let r = try LineReader(path: file([0x6F, 0x6B, 0x0A, 0x61, 0xFF, 0x00, 0x62, 0x0A]))
        XCTAssertEqual(r.nextLine().map(Array.init), Array("ok".utf8))
        guard let bad = r.nextLine() else { return XCTFail("second line missing") }
        XCTAssertEqual(Array(bad), [0x61, 0xFF, 0x00, 0x62])
        var warnings: [InputWarning] = []
        let s = TextDecoding.decode(bad, file: r.name, line: r.lineNumber, warnings: &warnings)
        XCTAssertEqual(scalars(s), scalars("a\u{FFFD}b"))
        XCTAssertEqual(warnings.map(\.line), [2, 2])
        XCTAssertEqual(Set(warnings.map(\.column)), [2, 3])
        XCTAssertTrue(warnings.allSatisfy { $0.file == r.name })
    }

    func testTheNameIsThePath() throws {
        let path = try file("x")
        XCTAssertEqual(try LineReader(path: path).name, path)
    }

    func testMissingFilesAndFoldersAreErrors() {
        XCTAssertThrowsError(try LineReader(path: "/nonexistent/painmap/input.txt")) { error in
            XCTAssertTrue("\(error)".contains("cannot open"), "\(error)")
        }
        XCTAssertThrowsError(try LineReader(path: FileManager.default.temporaryDirectory.path)) { error in
            XCTAssertTrue("\(error)".contains("folder"), "\(error)")
        }
    }
}
