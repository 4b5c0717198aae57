import CLibStemmer

public enum StemmerError: Error, CustomStringConvertible {
    case unknownLanguage(String, available: [String])
    public var description: String {
        switch self {
        case let .unknownLanguage(l, available):
            "no Snowball stemmer for language '\(l)'; libstemmer ships: \(available.joined(separator: ", "))"
        }
    }
}

/// A Snowball stemmer from the system's libstemmer. An `sb_stemmer` keeps its working buffer inside, so it
/// is not thread-safe: each worker thread owns its own `SnowballStemmer` (the analyzer does).
public final class SnowballStemmer {
    private let handle: OpaquePointer
    public let language: String

    /// `language` is an algorithm name or ISO code that libstemmer knows: "english"/"en", "german"/"de", ...
    public init(language: String) throws {
        guard let h = sb_stemmer_new(language, "UTF_8") else {
            throw StemmerError.unknownLanguage(language, available: SnowballStemmer.languages)
        }
        handle = h
        self.language = language
    }

    deinit { sb_stemmer_delete(handle) }

    /// Every algorithm libstemmer ships, by name ("arabic", "danish", "dutch", "english", ...).
    public static var languages: [String] {
        var out: [String] = []
        guard let list = sb_stemmer_list() else { return out }
        var i = 0
        while let p = list[i] { out.append(String(cString: p)); i += 1 }
        return out
    }

    /// Stems UTF-8 bytes. The result points into the stemmer's buffer and is valid until the next call.
    @inline(__always)
    public func stem(_ word: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = word.baseAddress, let out = sb_stemmer_stem(handle, base, Int32(word.count)) else {
            return word
        }
        return UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(handle)))
    }

    public func stem(_ word: String) -> String {
        var w = word
        return w.withUTF8 { String(decoding: stem($0), as: UTF8.self) }
    }
}
