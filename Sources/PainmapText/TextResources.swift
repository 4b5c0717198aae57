/// The read-only data the text stage needs, loaded once and shared by every worker thread.
public struct TextResources: Sendable {
    /// Stopwords per language code ("en", "de", ...), lower case.
    public let stopwords: [String: Set<String>]
    /// The folder the data came from.
    public let directory: String

    /// Languages the identifier can tell apart: those with a stopword list.
    public var languages: [String] { stopwords.keys.sorted() }

    public init(directory: String) throws {
        self.directory = directory
        var sw: [String: Set<String>] = [:]
        for code in LanguageCode.known.keys {
            let path = "\(directory)/\(code)/stopwords.txt"
            if FileManagerShim.exists(path) { sw[code] = Set(try DataFile.wordList(path)) }
        }
        stopwords = sw
    }

    /// Loads from the located `lexicons/` folder (see `ResourceLocator`).
    public static func load(lexicons: String? = nil) throws -> TextResources {
        try TextResources(directory: ResourceLocator.lexiconsDirectory(override: lexicons))
    }
}

/// ISO 639-1 codes painmap knows, with libstemmer's algorithm names.
public enum LanguageCode {
    public static let known: [String: String] = [
        "en": "english", "de": "german", "fr": "french", "es": "spanish", "nl": "dutch", "it": "italian",
        "pt": "portuguese", "sv": "swedish", "da": "danish", "no": "norwegian", "fi": "finnish",
        "ru": "russian", "hu": "hungarian", "ro": "romanian", "tr": "turkish",
    ]

    /// libstemmer's name for a code or a name ("de" -> "german", "german" -> "german").
    public static func stemmerName(_ language: String) -> String {
        known[language.lowercased()] ?? language.lowercased()
    }
}

import Foundation
enum FileManagerShim {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
