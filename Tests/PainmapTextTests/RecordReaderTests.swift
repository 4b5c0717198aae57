import Foundation
import PainmapText
import XCTest

final class RecordReaderTests: XCTestCase {
    func file(_ name: String, _ bytes: [UInt8]) -> String {
        let dir = NSTemporaryDirectory() + "painmap-records-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
    func file(_ name: String, _ text: String) -> String { file(name, Array(text.utf8)) }

    func all(_ r: RecordReader) throws -> [Record] {
        var out: [Record] = []
        while let rec = try r.next() { out.append(rec) }
        return out
    }

    /// The DataFileError thrown by reading `path` to the end.
    func error(_ path: String, format: RecordFormat? = nil) -> DataFileError? {
        do { _ = try all(try Records.open(path, format: format)); return nil } catch { return error as? DataFileError }
    }

    // MARK: CSV

    func testQuotedFieldsDoubledQuotesAndEmbeddedNewlines() throws {
        let csv = "id,text,label\n1,plain,a\n2,\"with, comma\",b\n3,\"she said \"\"hi\"\"\",c\n4,\"two\nlines\",d\n5,after,e\n"
        let r = try all(CSVReader(path: file("q.csv", csv)))
        XCTAssertEqual(r.map { $0["text"]! }, ["plain", "with, comma", "she said \"hi\"", "two\nlines", "after"])
        XCTAssertEqual(r.map(\.line), [2, 3, 4, 5, 7])   // record 5 starts after the two-line record
        XCTAssertEqual(r[0].fields, ["id": "1", "text": "plain", "label": "a"])
        XCTAssertNil(r[0]["missing"])
    }

    func testByteOrderMarkCRLFAndBlankLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("text,label\r\nhello,a\r\n\r\n\"multi\r\nline\",b\r\n".utf8)
        let reader = try CSVReader(path: file("bom.csv", bytes))
        let r = try all(reader)
        XCTAssertEqual(reader.fieldNames, ["text", "label"])   // no BOM in the first name
        XCTAssertEqual(r.map { $0["text"]! }, ["hello", "multi\nline"])
        XCTAssertEqual(r.map(\.line), [2, 4])
    }

    func testDelimiterDetection() throws {
        let semi = try CSVReader(path: file("s.csv", "text;label\n\"a;b\";x\nc, d;y\n"))
        XCTAssertEqual(try all(semi).map { $0["text"]! }, ["a;b", "c, d"])
        XCTAssertEqual(semi.delimiter, UInt8(ascii: ";"))
        let tab = try CSVReader(path: file("t.tsv", "text\tlabel\na, b; c\tx\n"))
        XCTAssertEqual(try all(tab).map { $0["label"]! }, ["x"])
        XCTAssertEqual(tab.delimiter, 0x09)
        // A comma inside a quoted header name does not count.
        let quotedHeader = try CSVReader(path: file("h.csv", "\"a,b\";c\n1;2\n"))
        XCTAssertEqual(try all(quotedHeader).first?.fields, ["a,b": "1", "c": "2"])
    }

    func testEmptyFieldsAndSingleColumn() throws {
        let r = try all(CSVReader(path: file("e.csv", "text,label\n,a\n\"\",b\nx,\n")))
        XCTAssertEqual(r.map { $0["text"]! }, ["", "", "x"])
        XCTAssertEqual(r.map { $0["label"]! }, ["a", "b", ""])
        let one = try all(CSVReader(path: file("one.csv", "text\nhello world\n  spaced  \n")))
        XCTAssertEqual(one.map { $0["text"]! }, ["hello world", "  spaced  "])
    }

    func testQuoteInsideAnUnquotedFieldIsKept() throws {
        let r = try all(CSVReader(path: file("inch.csv", "text,label\nmy 5\" screen,a\n")))
        XCTAssertEqual(r.first?["text"], "my 5\" screen")
    }

    func testRaggedRowsAreErrorsWithLineAndColumnAndReadingGoesOn() throws {
        let reader = try CSVReader(path: file("ragged.csv", "text,label\nok,a\ntoo,many,fields\nshort\nok again,b\n"))
        XCTAssertEqual(try reader.next()?["text"], "ok")
        XCTAssertThrowsError(try reader.next()) { e in
            let e = e as! DataFileError
            XCTAssertEqual(e.line, 3)
            XCTAssertEqual(e.column, 10)   // where the third field starts
            XCTAssertTrue(e.message.contains("too many fields: 3 where the header has 2"), e.message)
            XCTAssertTrue(e.description.hasSuffix("ragged.csv:3:10: \(e.message)"))
        }
        XCTAssertThrowsError(try reader.next()) { e in
            let e = e as! DataFileError
            XCTAssertEqual(e.line, 4)
            XCTAssertEqual(e.column, 6)    // the end of the line
            XCTAssertTrue(e.message.contains("too few fields: 1"), e.message)
        }
        XCTAssertEqual(try reader.next()?["text"], "ok again")
        XCTAssertNil(try reader.next())
    }

    func testUnbalancedQuoteNamesWhereItOpened() throws {
        let e = error(file("open.csv", "text,label\nfine,a\nx,\"never closed\nmore text\nand more\n"))
        XCTAssertEqual(e?.line, 3)
        XCTAssertEqual(e?.column, 3)
        XCTAssertTrue(e?.message.contains("unbalanced quote") ?? false)
    }

    func testTextAfterAClosingQuote() throws {
        let e = error(file("after.csv", "text,label\n\"quoted\"oops,a\n"))
        XCTAssertEqual(e?.line, 2)
        XCTAssertEqual(e?.column, 9)
        XCTAssertTrue(e?.message.contains("after the closing quote") ?? false)
    }

    func testDuplicateColumnNames() throws {
        let e = error(file("dup.csv", "text,label,text\na,b,c\n"))
        XCTAssertEqual(e?.line, 1)
        XCTAssertEqual(e?.column, 12)
        XCTAssertTrue(e?.message.contains("duplicate column name 'text'") ?? false)
    }

    func testInvalidUTF8IsRepairedAndReported() throws {
        let bytes = Array("text,label\nab".utf8) + [0xFF] + Array("c,x\n".utf8)
        let reader = try CSVReader(path: file("bad.csv", bytes))
        let r = try all(reader)
        XCTAssertEqual(r.first?["text"], "ab\u{FFFD}c")
        XCTAssertEqual(reader.warnings.count, 1)
        XCTAssertEqual(reader.warnings.first?.line, 2)
        XCTAssertEqual(reader.warnings.first?.column, 3)
    }

    func testEmptyFileAndHeaderOnly() throws {
        XCTAssertEqual(try all(CSVReader(path: file("empty.csv", ""))).count, 0)
        let h = try CSVReader(path: file("header.csv", "text,label\n"))
        XCTAssertEqual(try all(h).count, 0)
        XCTAssertEqual(h.fieldNames, ["text", "label"])
    }

    func testLongRecordsStreamInBoundedMemory() throws {
        // A 3 MB quoted field over 30,000 lines, between two ordinary records.
        let body = Array(repeating: "lorem ipsum dolor sit amet, \"quoted\" consectetur adipiscing elit sed do eiusmod tempor incididunt", count: 30_000)
            .joined(separator: "\n")
        let csv = "text,label\nfirst,a\n\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\",b\nlast,c\n"
        let r = try all(CSVReader(path: file("long.csv", csv)))
        XCTAssertEqual(r.count, 3)
        XCTAssertEqual(r[1]["text"], body)
        XCTAssertEqual(r[2].line, 30_003)
    }

    // MARK: JSONL

    func testJSONLines() throws {
        let jsonl = """
        {"text": "hello", "label": "a", "n": 3, "ok": true, "none": null, "tags": ["x", 1]}

        {"text": "line two \\n with escapes \\u00e9", "label": "b", "score": 0.5}
        """
        let reader = try JSONLReader(path: file("d.jsonl", jsonl))
        let r = try all(reader)
        XCTAssertEqual(r.count, 2)
        XCTAssertEqual(r[0]["text"], "hello")
        XCTAssertEqual(r[0]["n"], "3")
        XCTAssertEqual(r[0]["ok"], "true")
        XCTAssertEqual(r[0]["none"], "")
        XCTAssertEqual(r[0]["tags"], "[\"x\",1]")
        XCTAssertEqual(r[1]["text"], "line two \n with escapes é")
        XCTAssertEqual(r[1]["score"], "0.5")
        XCTAssertEqual(r.map(\.line), [1, 3])
        XCTAssertEqual(Set(reader.fieldNames), ["label", "n", "none", "ok", "tags", "text", "score"])
    }

    func testJSONLErrorsNameTheLine() throws {
        let bad = error(file("bad.jsonl", "{\"text\": \"ok\"}\n{\"text\": oops}\n"))
        XCTAssertEqual(bad?.line, 2)
        XCTAssertTrue(bad?.message.hasPrefix("invalid JSON") ?? false)
        let notObject = error(file("arr.jsonl", "{\"a\": \"1\"}\n\n[1, 2]\n"))
        XCTAssertEqual(notObject?.line, 3)
        XCTAssertTrue(notObject?.message.contains("expected a JSON object, found an array") ?? false)
    }

    // MARK: opening

    func testFormatFromExtensionOrContent() throws {
        XCTAssertEqual(RecordFormat.guess(path: "a.CSV"), .csv)
        XCTAssertEqual(RecordFormat.guess(path: "a.ndjson"), .jsonl)
        XCTAssertNil(RecordFormat.guess(path: "a.txt"))
        // No telling extension: a first line starting with '{' is JSON lines, anything else CSV.
        let j = try Records.open(file("data.txt", "\n{\"text\": \"x\"}\n"))
        XCTAssertTrue(j is JSONLReader)
        XCTAssertEqual(try all(j).map(\.line), [2])
        let c = try Records.open(file("data2.txt", "text,label\nx,y\n"))
        XCTAssertTrue(c is CSVReader)
        XCTAssertEqual(try all(c).first?["label"], "y")
        XCTAssertTrue(try Records.open(file("forced.txt", "{\"a\":1}\n"), format: .csv) is CSVReader)
    }

    func testMissingFile() {
        XCTAssertThrowsError(try Records.open("/nonexistent/dir/x.csv")) { e in
            XCTAssertTrue("\(e)".contains("cannot open"))
        }
    }
}
