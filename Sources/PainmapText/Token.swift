/// A half-open range of Unicode scalar offsets (code points) in a document's *original* text.
/// Code points, not bytes or grapheme clusters, so that Python's `text[start:end]` gives the token back.
public struct Span: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
}

public enum TokenKind: UInt8, Sendable, CaseIterable {
    case word, number, url, email, mention, hashtag, emoticon, emoji, punctuation, symbol

    public var name: String {
        switch self {
        case .word: "word"
        case .number: "number"
        case .url: "url"
        case .email: "email"
        case .mention: "mention"
        case .hashtag: "hashtag"
        case .emoticon: "emoticon"
        case .emoji: "emoji"
        case .punctuation: "punct"
        case .symbol: "symbol"
        }
    }
}

/// The flags are inlinable constants rather than `static let`s: read per token in other modules (the
/// scorer), each `static let` went through its addressor and a `swift_once` check (~1% of `painmap
/// sentiment` in perf).
public struct TokenFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Two or more letters, all upper case ("NEVER").
    @inlinable public static var allCaps: TokenFlags { TokenFlags(rawValue: 1 << 0) }
    /// A letter repeated three or more times ("soooo"); `form` has the run shortened.
    @inlinable public static var elongated: TokenFlags { TokenFlags(rawValue: 1 << 1) }
    /// A contraction ("don't", "it's", curly apostrophes too).
    @inlinable public static var contraction: TokenFlags { TokenFlags(rawValue: 1 << 2) }
    /// A negating contraction ("don't", "can't", "won't", "isn't", "cannot").
    @inlinable public static var negation: TokenFlags { TokenFlags(rawValue: 1 << 3) }
    /// Starts with an upper-case letter.
    @inlinable public static var capitalized: TokenFlags { TokenFlags(rawValue: 1 << 4) }
    /// An abbreviation that swallowed its period ("e.g.", "Mr.", "No." before a number).
    @inlinable public static var abbreviation: TokenFlags { TokenFlags(rawValue: 1 << 5) }

    public var names: [String] {
        var out: [String] = []
        if contains(.allCaps) { out.append("all_caps") }
        if contains(.elongated) { out.append("elongated") }
        if contains(.contraction) { out.append("contraction") }
        if contains(.negation) { out.append("negation") }
        if contains(.capitalized) { out.append("capitalized") }
        if contains(.abbreviation) { out.append("abbreviation") }
        return out
    }
}

/// One token. Kept small and free of `String`s: the text lives in the document, the look-up form and the
/// stem are ids in the analyzer's `Vocabulary`.
public struct Token: Sendable, Hashable {
    /// Byte range in the normalized text.
    public var start: Int32
    public var end: Int32
    public var kind: TokenKind
    public var flags: TokenFlags
    /// Look-up form: lower-cased, curly apostrophes straightened, letter runs of 3+ cut to 2 ("soooo" -> "soo").
    public var form: UInt32
    /// Snowball stem of `form` for words; `form` itself for other kinds.
    public var stem: UInt32
    /// Span in the original text, in Unicode scalars.
    public var span: Span
}

/// A sentence: a range of token indices and its span in the original text.
public struct Sentence: Sendable, Hashable {
    public var tokens: Range<Int>
    public var span: Span
}
