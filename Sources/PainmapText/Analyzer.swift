import Foundation

/// Everything the text stage knows about one document.
public struct AnalyzedDocument: Sendable {
    public let normalized: NormalizedText
    public let tokens: [Token]
    public let sentences: [Sentence]
    public let language: LanguageGuess

    public var original: String { normalized.original }

    /// The token's text as it appears in the normalized document.
    public func text(of t: Token) -> String {
        String(decoding: normalized.bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
    }

    /// The original text of a span.
    public func originalText(_ span: Span) -> String {
        let original = normalized.original
        let s = original.unicodeScalars
        let a = s.index(s.startIndex, offsetBy: span.start, limitedBy: s.endIndex) ?? s.endIndex
        let b = s.index(a, offsetBy: span.end - span.start, limitedBy: s.endIndex) ?? s.endIndex
        return String(s[a..<b])
    }
}

public struct AnalyzerOptions: Sendable, Hashable {
    public var normalization = NormalizationOptions()
    /// Force a language ("en", "de", ...) instead of identifying it.
    public var language: String? = nil
    /// Used when identification finds no evidence.
    public var defaultLanguage = "en"
    /// Stem words (classification, key phrases); sentiment alone does not need stems.
    public var stemming = true
    public init(normalization: NormalizationOptions = NormalizationOptions(), language: String? = nil,
                defaultLanguage: String = "en", stemming: Bool = true) {
        self.normalization = normalization
        self.language = language
        self.defaultLanguage = defaultLanguage
        self.stemming = stemming
    }
}

/// The text pipeline for one thread: normalize, tokenize, split sentences, identify the language, stem.
///
/// Holds per-thread state that makes the hot path cheap: the vocabulary that interns forms and stems, one
/// Snowball stemmer per language (not thread-safe, so never shared) and a form -> stem cache, so each
/// distinct word is stemmed once per thread. Create one per worker from shared `TextResources`.
public final class Analyzer {
    public let resources: TextResources
    public let options: AnalyzerOptions
    public let vocabulary: Vocabulary
    private var tokenizer = Tokenizer()
    private let normalizer: Normalizer
    private let identifier: LanguageIdentifier
    private let languages: [String]
    /// `languages.firstIndex(of: options.defaultLanguage)`, found once (`LanguageIdentifier.identify` says why).
    private let defaultLanguageIndex: Int?
    private var stemmers: [String: SnowballStemmer] = [:]
    /// Per stemmer language: form id -> stem id + 1 (0 = not stemmed yet).
    private var stemCaches: [String: FormTable] = [:]
    /// Form id -> bit 0: known; bit l+1: a stopword of language `l`. One look-up answers every language.
    /// Kept in the same table as the stem cache of the analyzer's main language (column 1 beside column 0):
    /// the language identifier reads a word's stopword bits just before it is stemmed, so the stem look-up
    /// finds the entry in cache (measured: the two look-ups missed separately for every rare word).
    private let stopwordBits = FormTable()
    /// Without stemming (`painmap sentiment`) nothing fills the stem column beside the stopword bits, so
    /// the bits are kept alone, one byte per form: 8x less memory to keep in cache. The identifier's read
    /// of them missed the cache for half its cycles (perf) in the 8-byte layout. Nil with stemming on,
    /// or with more languages than a byte holds.
    private let stopwordBytes: ByteTable?
    /// The stemmer language whose cache shares `stopwordBits`' table.
    private let mainStemmerLanguage: String
    private var scratch: [UInt8] = []
    /// The ASCII stopwords of every language by their bytes, and their stopword bits (`stopwordMask`):
    /// a new ASCII form is answered without building a String and hashing it once per language (that
    /// was ~1.5% of `painmap sentiment`, whose forms are all new to each worker).
    private let asciiStopwords = Vocabulary(capacity: 1 << 11)
    private var asciiStopwordBits: [UInt32] = []
    /// Bytes of the n-gram being interned (NGrams.swift).
    var ngramScratch: [UInt8] = []
    /// Interned placeholder ids for numbers, URLs, e-mail and mentions (NGrams.swift).
    var placeholderIDs: (number: UInt32, url: UInt32, email: UInt32, mention: UInt32)?

    public init(resources: TextResources, options: AnalyzerOptions = AnalyzerOptions(), vocabulary: Vocabulary = Vocabulary()) throws {
        self.resources = resources
        self.options = options
        self.vocabulary = vocabulary
        normalizer = Normalizer(options: options.normalization)
        identifier = LanguageIdentifier(defaultLanguage: options.defaultLanguage)
        languages = resources.languages
        defaultLanguageIndex = resources.languages.firstIndex(of: options.defaultLanguage)
        mainStemmerLanguage = LanguageCode.stemmerName(options.language ?? options.defaultLanguage)
        stopwordBytes = !options.stemming && resources.languages.count <= 7 ? ByteTable() : nil
        if let l = options.language { _ = try stemmer(for: l) }
        // Keys in NFC: an ASCII form equals (as a String, canonically) exactly the stopwords whose NFC it is.
        for (l, code) in languages.enumerated() {
            for word in resources.stopwords[code] ?? [] {
                let key = CanonicalForm.nfc(word)
                guard key.utf8.allSatisfy({ $0 < 0x80 }), !key.isEmpty else { continue }
                let id = Int(asciiStopwords.intern(key))
                if id >= asciiStopwordBits.count { asciiStopwordBits.append(0) }
                asciiStopwordBits[id] |= 2 << l
            }
        }
        _ = try stemmer(for: options.defaultLanguage)
    }

    /// The token and sentence arrays of the last document, kept so that the next document reuses their
    /// storage: once the caller has dropped that document they are uniquely referenced again, and emptying
    /// them keeps their capacity. If the caller still holds it, emptying copies (copy on write) and nothing
    /// changes for that document. Allocating and freeing both per document measured ~4% of
    /// `painmap sentiment`'s per-line instructions (callgrind).
    private var tokenStorage: [Token] = []
    private var sentenceStorage: [Sentence] = []

    /// The normalized bytes of the last document, reused as the token array is (`Normalizer.normalize`).
    private var byteStorage: [UInt8] = []

    /// `splittingSentences: false` leaves the document's `sentences` empty, for feature extraction
    /// (`painmap predict`), which reads the tokens, their stems and the language only: the sentence split
    /// was ~1% of prediction's time (perf, banking77 test texts).
    public func analyze(_ text: String, splittingSentences: Bool = true) -> AnalyzedDocument {
        analyze(normalized: normalizer.normalize(text, reusing: &byteStorage), splittingSentences: splittingSentences)
    }

    /// `analyze` for a text given as valid UTF-8 bytes, when they need no normalization (printable ASCII on
    /// one line with single spaces, `Normalizer.isNormalASCII`, as nearly every line of feedback); nil
    /// otherwise: then decode them and call `analyze`. The result is the one `analyze` gives for the
    /// String of these bytes. For the line commands: making a String of each line, only to copy its bytes
    /// again here and free it, was ~3% of `painmap sentiment`'s instructions (callgrind).
    /// ASCII lines whose only change is folding spaces are taken here too (`Normalizer.foldSpaces` says why);
    /// they get the String of their bytes as their original.
    public func analyze(normalASCII p: UnsafeBufferPointer<UInt8>, splittingSentences: Bool = true) -> AnalyzedDocument? {
        guard let norm = normalizer.normalize(normalASCII: p, reusing: &byteStorage) else { return nil }
        return analyze(normalized: norm, splittingSentences: splittingSentences, ascii: true)
    }

    /// `ascii`: the normalized bytes are known to be ASCII (`analyze(normalASCII:)`), so the language
    /// identifier is not asked to scan them for letters that only some languages use (it looks at non-ASCII
    /// bytes only; the scan was ~10% of its cycles, perf).
    /// `norm` is consumed: the document takes it over (its four references) instead of retaining them
    /// here and the caller releasing them after the call (callgrind, `painmap sentiment --jobs 1` on 20,000
    /// bench lines: ~3.7M fewer instructions in swift_retain/release, ~190 a line).
    private func analyze(normalized norm: consuming NormalizedText, splittingSentences: Bool, ascii: Bool = false) -> AnalyzedDocument {
        var tokens = tokenStorage
        tokenStorage = []
        norm.bytes.withUnsafeBufferPointer { tokenizer.tokenize($0, vocabulary: vocabulary, replacingContentsOf: &tokens) }
        // The tokenizer gives each token its byte range as its span, right for a text whose bytes are its
        // scalars (no origin map): only other texts need a second pass (over every token of every line,
        // it was ~0.7% of `painmap sentiment`'s instructions, callgrind).
        if !norm.origin.isEmpty {
            tokens.withUnsafeMutableBufferPointer { t in
                for i in t.indices { t[i].span = norm.span(Int(t[i].start), Int(t[i].end)) }
            }
        }

        let language: LanguageGuess
        if let forced = options.language {
            language = LanguageGuess(code: forced, confidence: 1)
        } else if let b = stopwordBytes {
            // `stopwordMask` with the byte table taken out of the optional once a document, not once a
            // token: the identifier's loop re-read `stopwordBytes` and tested it for every token (callgrind:
            // identify -0.5M on 20,000 lines). Captured `unowned(unsafe)`: both outlive this call (self owns
            // the table), and captured strongly they cost a retain and release each a document, more than
            // the loop saved (+2.9M in swift_retain/release).
            language = identifier.identify(tokens: tokens, bytes: ascii ? [] : norm.bytes, languages: languages,
                                           defaultIndex: defaultLanguageIndex) { [unowned(unsafe) b, unowned(unsafe) self] form in
                let f = Int(form)
                if f < b.count, b.bytes[f] != 0 { return UInt32(b.bytes[f]) }
                return self.computeStopwordMask(form)
            }
        } else {
            language = identifier.identify(tokens: tokens, bytes: ascii ? [] : norm.bytes, languages: languages,
                                           defaultIndex: defaultLanguageIndex) { self.stopwordMask($0) }
        }
        if options.stemming {
            let stemmer = (try? self.stemmer(for: language.code)) ?? (try? self.stemmer(for: options.defaultLanguage))
            if let stemmer { stem(&tokens, with: stemmer) }
        }

        guard splittingSentences else {
            tokenStorage = tokens
            byteStorage = norm.bytes
            return AnalyzedDocument(normalized: norm, tokens: tokens, sentences: [], language: language)
        }
        var sentences = sentenceStorage
        sentenceStorage = []
        SentenceSplitter.sentences(tokens: tokens, bytes: norm.bytes, into: &sentences)
        tokenStorage = tokens
        sentenceStorage = sentences
        byteStorage = norm.bytes
        return AnalyzedDocument(normalized: norm, tokens: tokens, sentences: sentences, language: language)
    }

    // MARK: stemming

    public func stemmer(for language: String) throws -> SnowballStemmer {
        if let last = lastStemmer, last.language == language || last.requested == language { return last.stemmer }
        if let s = stemmers[language] { lastStemmer = (language, s.language, s, cache(for: s)); return s }
        let s = try SnowballStemmer(language: LanguageCode.stemmerName(language))
        stemmers[language] = s
        lastStemmer = (language, s.language, s, cache(for: s))
        return s
    }
    /// The stemmer of the previous document and its cache: consecutive documents are nearly always in
    /// one language, so most documents find both here without a dictionary look-up.
    private var lastStemmer: (requested: String, language: String, stemmer: SnowballStemmer, cache: FormTable)?

    private func cache(for s: SnowballStemmer) -> FormTable {
        if let c = stemCaches[s.language] { return c }
        let c = s.language == mainStemmerLanguage ? stopwordBits : FormTable()
        stemCaches[s.language] = c
        return c
    }

    private func stem(_ tokens: inout [Token], with stemmer: SnowballStemmer) {
        let cache: FormTable
        if let last = lastStemmer, last.stemmer === stemmer { cache = last.cache } else { cache = self.cache(for: stemmer) }
        tokens.withUnsafeMutableBufferPointer { t in
            for i in t.indices {
                let kind = t[i].kind
                guard kind == .word || kind == .hashtag else { continue }
                let form = Int(t[i].form)
                if form >= cache.count { cache.grow(to: form + 1) }
                var s = cache.ids[2 * form]
                if s == 0 {
                    s = stemForm(UInt32(form), stemmer: stemmer, dropFirst: kind == .hashtag) + 1
                    cache.ids[2 * form] = s
                }
                t[i].stem = s - 1
            }
        }
    }

    private func stemForm(_ form: UInt32, stemmer: SnowballStemmer, dropFirst: Bool) -> UInt32 {
        scratch.removeAll(keepingCapacity: true)
        vocabulary.withBytes(form) { scratch.append(contentsOf: dropFirst ? UnsafeBufferPointer(rebasing: $0.dropFirst()) : $0) }
        let stemmed = scratch.withUnsafeBufferPointer { stemmer.stem($0) }
        return vocabulary.intern(stemmed)
    }

    /// The stem of a single word in `language`, interned: for look-ups of lexicon entries and cues.
    public func stemID(of word: String, language: String = "en") throws -> UInt32 {
        let s = try stemmer(for: language)
        var w = word.lowercased()
        let stemmed = w.withUTF8 { s.stem($0) }
        return vocabulary.intern(stemmed)
    }

    // MARK: stopwords

    public func isStopword(_ form: UInt32, language: String) -> Bool {
        guard let l = languages.firstIndex(of: language) else { return false }
        return isStopword(form, languageIndex: l)
    }

    func isStopword(_ form: UInt32, languageIndex l: Int) -> Bool {
        stopwordMask(form) & (2 << l) != 0
    }

    @inline(__always)
    func stopwordMask(_ form: UInt32) -> UInt32 {
        let f = Int(form)
        if let b = stopwordBytes {
            if f < b.count, b.bytes[f] != 0 { return UInt32(b.bytes[f]) }
        } else if f < stopwordBits.count, stopwordBits.ids[2 * f + 1] != 0 {
            return stopwordBits.ids[2 * f + 1]
        }
        return computeStopwordMask(form)
    }

    private func computeStopwordMask(_ form: UInt32) -> UInt32 {
        let f = Int(form)
        let ascii = vocabulary.withBytes(form) { b -> UInt32? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            return 1 | (asciiStopwords.lookup(b).map { asciiStopwordBits[Int($0)] } ?? 0)
        }
        var bits: UInt32 = 1
        if let ascii { bits = ascii } else {
            let s = vocabulary.string(form)
            for (l, code) in languages.enumerated() where resources.stopwords[code]?.contains(s) == true { bits |= 2 << l }
        }
        if let b = stopwordBytes {
            if f >= b.count { b.grow(to: f + 1) }
            b.bytes[f] = UInt8(bits)
        } else {
            if f >= stopwordBits.count { stopwordBits.grow(to: f + 1) }
            stopwordBits.ids[2 * f + 1] = bits
        }
        return bits
    }
}

/// One byte per form id in a raw buffer (0 = not computed yet), grown by doubling.
final class ByteTable {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    /// Form ids covered.
    private(set) var count = 1024

    init() {
        bytes = .allocate(capacity: count)
        bytes.initialize(repeating: 0, count: count)
    }

    deinit { bytes.deallocate() }

    func grow(to n: Int) {
        var c = count
        while c < n { c *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        new.moveInitialize(from: bytes, count: count)
        (new + count).initialize(repeating: 0, count: c - count)
        bytes.deallocate()
        bytes = new
        count = c
    }
}

/// Two numbers per form id, side by side in a raw buffer: at `2 * id` the stem id + 1 for one language
/// (0 = not stemmed yet), at `2 * id + 1` the stopword bits (used in the main language's table only). Read
/// for every word of every document; a Swift array there paid uniqueness checks on each store.
final class FormTable {
    private(set) var ids: UnsafeMutablePointer<UInt32>
    /// Form ids covered.
    private(set) var count = 0

    init() {
        ids = .allocate(capacity: 2 * 1024)
        ids.initialize(repeating: 0, count: 2 * 1024)
        count = 1024
    }

    deinit { ids.deallocate() }

    func grow(to n: Int) {
        var c = count
        while c < n { c *= 2 }
        let new = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * c)
        new.moveInitialize(from: ids, count: 2 * count)
        (new + 2 * count).initialize(repeating: 0, count: 2 * (c - count))
        ids.deallocate()
        ids = new
        count = c
    }
}
