import XCTest
@testable import PainmapText

/// Shared fixtures and helpers for the text-stage tests.
enum TextFixture {
    /// Loaded once: `TextResources.load()` finds /work/main/lexicons from the sources' #filePath.
    static let loaded: Result<TextResources, any Error> = Result { try TextResources.load() }
    static func resources() throws -> TextResources { try loaded.get() }

    static func analyzer(_ options: AnalyzerOptions = AnalyzerOptions()) throws -> Analyzer {
        try Analyzer(resources: resources(), options: options)
    }
}

/// A token seen through the analyzer, with its strings resolved.
struct TokenView: CustomStringConvertible {
    var text: String
    var kind: TokenKind
    var flags: TokenFlags
    var form: String
    var stem: String
    var span: Span
    var description: String { "\(text)|\(kind.name)|\(form)|\(span.start)-\(span.end)|\(flags.names)" }
}

extension Analyzer {
    func views(_ doc: AnalyzedDocument) -> [TokenView] {
        doc.tokens.map {
            TokenView(text: doc.text(of: $0), kind: $0.kind, flags: $0.flags, form: vocabulary.string($0.form),
                      stem: vocabulary.string($0.stem), span: $0.span)
        }
    }

    func views(_ text: String) -> [TokenView] { views(analyze(text)) }

    /// The sentences of `text` as slices of the original text.
    func sentences(_ text: String) -> [String] {
        let doc = analyze(text)
        return doc.sentences.map { scalarSlice(text, $0.span) }
    }
}

/// `text[span.start..<span.end]` counted in Unicode scalars, as Python's `text[start:end]` would slice it.
/// Computed here independently of `AnalyzedDocument.originalText`.
func scalarSlice(_ text: String, _ span: Span) -> String {
    let scalars = Array(text.unicodeScalars)
    precondition(span.start >= 0 && span.start <= span.end && span.end <= scalars.count, "span \(span) outside 0...\(scalars.count)")
    var v = String.UnicodeScalarView()
    v.append(contentsOf: scalars[span.start..<span.end])
    return String(v)
}

/// The scalars of a string, for comparisons that must not use `String`'s canonical equivalence
/// ("e\u{301}" == "é" is true for `String`).
func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

/// Every token's span lies inside the original and spans never go backwards.
func assertSpansWellFormed(_ doc: AnalyzedDocument, file: StaticString = #filePath, line: UInt = #line) {
    let n = doc.normalized.originalScalarCount
    XCTAssertEqual(n, doc.original.unicodeScalars.count, "originalScalarCount", file: file, line: line)
    var last = 0
    for t in doc.tokens {
        XCTAssertTrue(t.span.start >= last && t.span.start < t.span.end && t.span.end <= n,
                      "bad span \(t.span) (previous end \(last), \(n) scalars)", file: file, line: line)
        if t.span.start < last || t.span.end > n { return }
        last = t.span.start
    }
}

/// Slicing the original by each token's span gives the token's text back (compared as `String`s, so a
/// decomposed original matches its NFC token).
func assertSpansRoundTrip(_ doc: AnalyzedDocument, file: StaticString = #filePath, line: UInt = #line) {
    for t in doc.tokens {
        XCTAssertEqual(scalarSlice(doc.original, t.span), doc.text(of: t), "span \(t.span)", file: file, line: line)
    }
}
