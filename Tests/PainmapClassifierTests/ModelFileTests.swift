import XCTest
@testable import PainmapClassifier
import PainmapText

final class ModelFileTests: XCTestCase {
    static let trained: NaiveBayesModel = {
        var p = NaiveBayesParameters()
        p.minDocumentFrequency = 1
        let m = try! NaiveBayesModel.train(texts: Fixture.tickets.map(\.0), labels: Fixture.tickets.map(\.1),
                                           parameters: p, resources: Fixture.resources, workers: 2)
        m.metadata["text_columns"] = "subject\tbody"
        return m
    }()

    let probes = ["my parcel is late", "refund please", "password reset email", "", "zzz qqq"]

    func saved() throws -> (String, [UInt8]) {
        let path = Fixture.temporaryPath("model-\(UUID().uuidString).nbm")
        try ModelFile.save(ModelFileTests.trained, to: path)
        return (path, Array(FileManager.default.contents(atPath: path)!))
    }

    func testRoundTripKeepsEverything() throws {
        let m = ModelFileTests.trained
        let (path, _) = try saved()
        let back = try ModelFile.load(path)
        XCTAssertEqual(back.classes, m.classes)
        XCTAssertEqual(back.parameters, m.parameters)
        XCTAssertEqual(back.features.count, m.features.count)
        XCTAssertEqual(back.documentCount, m.documentCount)
        XCTAssertEqual(back.classDocumentCounts, m.classDocumentCounts)
        XCTAssertEqual(back.temperature, m.temperature)
        XCTAssertEqual(back.metadata, m.metadata)
        XCTAssertEqual(back.table, m.table)
        XCTAssertEqual(back.analyzerOptions, m.analyzerOptions)
        let v1 = try m.vectorizer(resources: Fixture.resources), v2 = try back.vectorizer(resources: Fixture.resources)
        for text in probes {
            let a = m.predict(text, using: v1, top: 3), b = back.predict(text, using: v2, top: 3)
            XCTAssertEqual(a.ranking, b.ranking, text)
        }
        // The format is deterministic: saving the loaded model gives the same bytes.
        let again = Fixture.temporaryPath("again.nbm")
        try ModelFile.save(back, to: again)
        XCTAssertEqual(FileManager.default.contents(atPath: again), FileManager.default.contents(atPath: path))
    }

    func testUnicodeLabelsAndFeatures() throws {
        let texts = ["Die Lieferung ist verspätet, Paket fehlt", "Paket nicht angekommen, Lieferung dauert",
                     "Ich möchte eine Rückerstattung", "Rückerstattung noch nicht erhalten, Geld zurück",
                     "配送が遅れています", "荷物がまだ届きません 配送"]
        let labels = ["Lieferung 🚚", "Lieferung 🚚", "Rückerstattung", "Rückerstattung", "配送", "配送"]
        var p = NaiveBayesParameters()
        p.minDocumentFrequency = 1
        let m = try NaiveBayesModel.train(texts: texts, labels: labels, parameters: p, resources: Fixture.resources,
                                          analyzerOptions: AnalyzerOptions(language: "de"), workers: 1)
        let path = Fixture.temporaryPath("unicode.nbm")
        try ModelFile.save(m, to: path)
        let back = try ModelFile.load(path)
        XCTAssertEqual(back.classes, ["Lieferung 🚚", "Rückerstattung", "配送"])
        XCTAssertEqual(back.analyzerOptions.language, "de")
        let v = try back.vectorizer(resources: Fixture.resources)
        XCTAssertEqual(back.classes[back.predict("wo ist meine Rückerstattung", using: v).label], "Rückerstattung")
        XCTAssertEqual(back.classes[back.predict("Paket Lieferung", using: v).label], "Lieferung 🚚")
    }

    func assertRejected(_ bytes: [UInt8], _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let path = Fixture.temporaryPath("bad-\(UUID().uuidString).nbm")
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        XCTAssertThrowsError(try ModelFile.load(path), file: file, line: line) { error in
            guard let e = error as? ModelFileError else { return XCTFail("not a ModelFileError: \(error)", file: file, line: line) }
            XCTAssertTrue(e.description.contains(expected), "\(e.description) does not mention '\(expected)'", file: file, line: line)
            XCTAssertTrue(e.description.hasPrefix(path), file: file, line: line)
        }
    }

    func testRejectsEmptyAndForeignFiles() {
        assertRejected([], "empty")
        assertRejected(Array("text,label\nhello,world\n".utf8), "not a painmap model")
        XCTAssertThrowsError(try ModelFile.load(Fixture.temporaryPath("does-not-exist.nbm"))) { e in
            XCTAssertTrue("\(e)".contains("cannot open"))
        }
    }

    func testRejectsEveryTruncation() throws {
        let (_, bytes) = try saved()
        // Every cut, from inside the signature to one byte short of the end, is an error, never a crash.
        var cuts = Array(stride(from: 1, to: bytes.count, by: max(1, bytes.count / 300)))
        cuts += [8, 12, 16, bytes.count - 1, bytes.count - 4]
        for n in cuts where n < bytes.count {
            let path = Fixture.temporaryPath("cut.nbm")
            FileManager.default.createFile(atPath: path, contents: Data(bytes[0..<n]))
            XCTAssertThrowsError(try ModelFile.load(path), "cut at \(n)") { e in
                let s = "\(e)"
                XCTAssertTrue(s.contains("truncated") || s.contains("not a painmap model"), "cut at \(n): \(s)")
            }
        }
    }

    func testRejectsFlippedBytes() throws {
        let (_, bytes) = try saved()
        // A flipped bit inside any section payload is caught by its CRC-32.
        for offset in stride(from: 40, to: bytes.count - 16, by: max(1, bytes.count / 50)) {
            var bad = bytes
            bad[offset] ^= 0x10
            let path = Fixture.temporaryPath("flip.nbm")
            FileManager.default.createFile(atPath: path, contents: Data(bad))
            XCTAssertThrowsError(try ModelFile.load(path), "flip at \(offset)")
        }
        var bad = bytes
        bad[bytes.count / 2] ^= 0xFF
        assertRejected(bad, "corrupt")
    }

    func testRejectsOtherVersions() throws {
        let (_, bytes) = try saved()
        var newer = bytes
        newer[8] = 2   // the version field follows the 8-byte signature
        assertRejected(newer, "newer than this painmap reads")
        var older = bytes
        older[8] = 0
        assertRejected(older, "not supported")
    }

    func testRejectsTrailingGarbage() throws {
        let (_, bytes) = try saved()
        assertRejected(bytes + [0, 1, 2], "unexpected bytes after the end marker")
    }

    func testCRC32MatchesTheStandard() {
        // The check value of CRC-32/ISO-HDLC: crc32("123456789") = 0xCBF43926 (zlib, PNG).
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
        let long = (0..<1000).map { UInt8($0 % 251) }
        // Slicing-by-8 and the byte-at-a-time tail agree whatever the length.
        XCTAssertEqual(CRC32.checksum(Array(long[0..<999])), CRC32.checksum(Array(long[0..<999])))
        XCTAssertNotEqual(CRC32.checksum(Array(long[0..<999])), CRC32.checksum(Array(long[0..<998])))
    }

    func testSaveDoesNotLeaveTemporaryFiles() throws {
        let (path, _) = try saved()
        let dir = (path as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])
    }
}

final class ParameterCodingTests: XCTestCase {
    func testMissingFieldsKeepTheirDefaults() throws {
        // A META section written before some parameters existed still loads.
        let old = #"{"variant": "complement", "alpha": 0.5}"#
        let p = try JSONDecoder().decode(NaiveBayesParameters.self, from: Data(old.utf8))
        var expected = NaiveBayesParameters()
        expected.variant = .complement
        expected.alpha = 0.5
        XCTAssertEqual(p, expected)
        let back = try JSONDecoder().decode(NaiveBayesParameters.self, from: JSONEncoder().encode(p))
        XCTAssertEqual(back, p)
        XCTAssertThrowsError(try JSONDecoder().decode(NaiveBayesParameters.self, from: Data(#"{"variant": "bernoulli"}"#.utf8)))
    }
}
