/// n-grams over stems, for classifier features and key phrases.
public struct NGramOptions: Sendable, Hashable {
    public var range: ClosedRange<Int> = 1...2
    public var removeStopwords = false
    public init(range: ClosedRange<Int> = 1...2, removeStopwords: Bool = false) {
        self.range = range
        self.removeStopwords = removeStopwords
    }
}

extension Analyzer {
    /// The stems that take part in n-grams: words, hashtags, emoji and emoticons; numbers as `<num>`;
    /// URLs, e-mail addresses and mentions as placeholders; punctuation skipped.
    public func featureStems(_ doc: AnalyzedDocument, removeStopwords: Bool) -> [UInt32] {
        var out: [UInt32] = []
        featureStems(doc, removeStopwords: removeStopwords, into: &out)
        return out
    }

    /// `featureStems` into `out`, emptied first with its capacity kept: prediction asks once per document,
    /// and a new array each time was an allocation and a release (~300 instructions, callgrind).
    public func featureStems(_ doc: AnalyzedDocument, removeStopwords: Bool, into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(doc.tokens.count)
        for t in doc.tokens {
            switch t.kind {
            case .word, .hashtag:
                if removeStopwords, isStopword(t.form, language: doc.language.code) { continue }
                out.append(t.stem)
            case .emoji, .emoticon: out.append(t.form)
            case .number: out.append(placeholders.number)
            case .url: out.append(placeholders.url)
            case .email: out.append(placeholders.email)
            case .mention: out.append(placeholders.mention)
            case .punctuation, .symbol: continue
            }
        }
    }

    var placeholders: (number: UInt32, url: UInt32, email: UInt32, mention: UInt32) {
        if let p = placeholderIDs { return p }
        let p = (vocabulary.intern("<num>"), vocabulary.intern("<url>"), vocabulary.intern("<email>"), vocabulary.intern("<mention>"))
        placeholderIDs = p
        return p
    }

    /// Interned ids of the n-grams of `stems` (n in `range`), n-grams joined by single spaces.
    public func ngrams(_ stems: [UInt32], range: ClosedRange<Int>, into out: inout [UInt32]) {
        for n in range where n >= 1 {
            if n == 1 { out.append(contentsOf: stems); continue }
            guard stems.count >= n else { continue }
            // One scratch buffer for every n-gram: an allocation per bigram was a visible cost when
            // vectorizing for training and prediction.
            for i in 0...(stems.count - n) {
                ngramScratch.removeAll(keepingCapacity: true)
                for k in 0..<n {
                    if k > 0 { ngramScratch.append(0x20) }
                    vocabulary.withBytes(stems[i + k]) { ngramScratch.append(contentsOf: $0) }
                }
                out.append(ngramScratch.withUnsafeBufferPointer { vocabulary.intern($0) })
            }
        }
    }

    /// Convenience: n-gram ids of a document.
    public func ngrams(_ doc: AnalyzedDocument, options: NGramOptions = NGramOptions()) -> [UInt32] {
        var out: [UInt32] = []
        ngrams(featureStems(doc, removeStopwords: options.removeStopwords), range: options.range, into: &out)
        return out
    }
}
