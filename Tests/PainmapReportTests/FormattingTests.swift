import Foundation
import PainmapReport
import XCTest

final class FormattingTests: XCTestCase {
    func testHTMLEscaping() {
        XCTAssertEqual(Escape.html("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;")
        XCTAssertEqual(Escape.html("\"&'"), "&quot;&amp;&#39;")
        XCTAssertEqual(Escape.html("a\u{0}b\u{7}c\r\nd\u{85}é😡"), "abc\nd" + "é😡", "control characters dropped, text kept")
        XCTAssertEqual(Escape.html("&amp;"), "&amp;amp;", "already-escaped text is escaped again: it is the customer's text")
    }

    func testTruncation() {
        XCTAssertEqual(Escape.truncate("short", 10), "short")
        XCTAssertEqual(Escape.truncate("one two three four five six", 16), "one two three…")
        XCTAssertEqual(Escape.truncate("line one\nline two", 40), "line one / line two")
        XCTAssertLessThanOrEqual(Escape.truncate(String(repeating: "x", count: 50), 10).count, 10)
    }

    func testPaletteIsDivergingAndClamped() {
        XCTAssertEqual(Palette.color(0), "#f5f3f0")
        XCTAssertEqual(Palette.color(-1), Palette.color(-Palette.limit), "saturates")
        XCTAssertEqual(Palette.color(1), Palette.color(Palette.limit))
        XCTAssertEqual(Palette.color(.nan), Palette.color(0))
        // Negative is orange (red > blue), positive is blue (blue > red); no red-green pair.
        func rgb(_ hex: String) -> (Int, Int, Int) {
            let v = Int(hex.dropFirst(), radix: 16)!
            return (v >> 16, (v >> 8) & 255, v & 255)
        }
        let neg = rgb(Palette.color(-0.5)), pos = rgb(Palette.color(0.5))
        XCTAssertGreaterThan(neg.0, neg.2 + 100)
        XCTAssertGreaterThan(pos.2, pos.0 + 60)
        XCTAssertEqual(Palette.textColor(-0.6), "#ffffff", "white on the darkest orange")
        XCTAssertEqual(Palette.textColor(0), "#1b1b1b")
        XCTAssertEqual(Palette.textColor(0.6), "#ffffff")
        // Monotonic lightness change from the middle out, so the scale also reads in grey.
        func lightness(_ s: Double) -> Int { let c = rgb(Palette.color(s)); return c.0 + c.1 + c.2 }
        XCTAssertGreaterThan(lightness(0), lightness(-0.3))
        XCTAssertGreaterThan(lightness(-0.3), lightness(-0.6))
        XCTAssertGreaterThan(lightness(0.3), lightness(0.6))
    }

    func testNumbers() {
        XCTAssertEqual(Format.count(1_234_567), "1,234,567")
        XCTAssertEqual(Format.sentiment(-0.4249), "-0.42")
        XCTAssertEqual(Format.sentiment(0.001), "0.00")
        XCTAssertEqual(Format.sentiment(0.5), "+0.50")
        XCTAssertEqual(Format.percent(0.6612), "66.1%")
        XCTAssertEqual(Format.change(0.875, previous: 8), "+88%")
        XCTAssertEqual(Format.change(nil, previous: 0), "new")
        XCTAssertEqual(Format.change(nil, previous: nil), "")
        XCTAssertEqual(Format.points(0.027), "+2.7 pts")
        XCTAssertEqual(Format.pValue(0.000368), "3.7e-04")
        XCTAssertEqual(Format.pValue(0.0107), "0.0107")
        XCTAssertEqual(Format.ratio(.infinity), "new")
    }
}
