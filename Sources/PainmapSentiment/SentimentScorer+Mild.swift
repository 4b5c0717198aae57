import Foundation
import PainmapText

/// Everyday mild words (lexicons/<lang>/mild.txt) and the contexts where they are not evaluations: a
/// question, a condition, an action asked for or planned, a control's name (`SentimentRules.mildUnassertedFactor`).
/// Their valence stays in sentiment.tsv / phrases.tsv; mild.txt only says which entries follow this rule.
struct MildWords {
    /// Single-word entries, as lexicon keys; an inflected form is mild when the entry it is read as is.
    let terms: Set<String>
    /// Multiword entries of phrases.tsv ("worth it"), as form ids of the scorer's vocabulary.
    let phrases: Set<[UInt32]>
    /// The first words of `phrases`: most phrase matches are not mild, and this says so without building the key.
    let phraseFirstWords: Set<UInt32>
    let questionWords: Set<UInt32>, auxiliaries: Set<UInt32>, subjects: Set<UInt32>
    let clauseCues: Set<UInt32>, actionMarkers: Set<UInt32>
    let be: UInt32, what: UInt32, a: UInt32, an: UInt32, how: UInt32

    /// Reads `path` (one entry a line; a missing file means no mild words). Every entry must have a valence
    /// of its own: a word of sentiment.tsv or a phrase of phrases.tsv, not 0.
    init(path: String, entries: [String]?, lexicon: SentimentLexicon, vocabulary v: Vocabulary) throws {
        var terms = Set<String>(), phrases = Set<[UInt32]>()
        let rows: [(line: Int, text: String)]
        if let entries {
            rows = entries.enumerated().map { ($0.offset + 1, $0.element) }
        } else if FileManager.default.fileExists(atPath: path) {
            rows = try DataFile.rows(path).map { ($0.line, $0.fields[0].trimmedSpaces) }.filter { !$0.1.isEmpty }
        } else {
            rows = []
        }
        for (line, text) in rows {
            let words = SentimentLexicon.words(text)
            if words.count == 1 {
                guard let value = lexicon.valences[words[0]], value != 0 else {
                    throw DataFileError(file: path, line: line, "'\(words[0])' has no valence in sentiment.tsv: give it one there first")
                }
                terms.insert(words[0])
            } else {
                guard let value = lexicon.phrases[words], value != 0 else {
                    throw DataFileError(file: path, line: line, "'\(words.joined(separator: " "))' has no valence in phrases.tsv: give it one there first")
                }
                phrases.insert(words.map { v.intern($0) })
            }
        }
        func ids(_ words: [String]) -> Set<UInt32> { Set(words.map { v.intern($0) }) }
        self.terms = terms
        self.phrases = phrases
        phraseFirstWords = Set(phrases.map { $0[0] })
        questionWords = ids(SentimentRules.questionWords)
        auxiliaries = ids(SentimentRules.questionAuxiliaries)
        subjects = ids(SentimentRules.questionSubjects)
        clauseCues = ids(SentimentRules.unassertedClauseCues)
        actionMarkers = ids(SentimentRules.mildActionMarkers)
        be = v.intern("be"); what = v.intern("what"); a = v.intern("a"); an = v.intern("an"); how = v.intern("how")
    }
}

extension SentimentScorer {
    /// Whether the form reads as a mild word of mild.txt: the word itself, or the entry the inflection
    /// fallback reads it as ("saving" -> "save"). Remembered per form id: asked for every sentiment word.
    func isMildForm(_ form: UInt32) -> Bool {
        let f = Int(form)
        if f < mildState.count, mildState[f] != 0 { return mildState[f] == 2 }
        if f >= mildState.count { mildState.append(contentsOf: repeatElement(0, count: max(f + 1 - mildState.count, 1024))) }
        let s = analyzer.vocabulary.string(form)
        var entry: String? = lexicon.valences[s] != nil ? s : nil
        if entry == nil, s.hasPrefix("#"), lexicon.valences[String(s.dropFirst())] != nil { entry = String(s.dropFirst()) }
        if entry == nil {
            var squeezed = ""
            for c in s where c != squeezed.last { squeezed.append(c) }
            let candidates = [squeezed, s.replacingOccurrences(of: "-", with: "")]
                + Inflection.baseForms(of: Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) }
            entry = candidates.first { lexicon.valences[$0] != nil }
        }
        let mild = entry.map { mildWords.terms.contains($0) } ?? false
        mildState[f] = mild ? 2 : 1
        return mild
    }

    /// Whether the phrase of `count` words at `i` is a mild entry of mild.txt.
    func isMildPhrase(at i: Int, count: Int, _ tokens: [Token]) -> Bool {
        !mildWords.phrases.isEmpty && mildWords.phrases.contains(tokens[i..<i + count].map(\.form))
    }

    /// Why a mild word at `i` is not asserted, or nil when it is: the sentence is a question (a "?" without a
    /// "!", or a question word or an auxiliary + subject first), the word is inside a clause of
    /// `SentimentRules.unassertedClauseCues` (a condition, a time, an embedded question, a want), or it
    /// follows an action marker directly or through "be".
    func mildUnasserted(at i: Int, in range: Range<Int>, _ tokens: [Token], questions: Int, exclamations: Int) -> String? {
        let w = mildWords
        if exclamations == 0 {
            if questions > 0 { return "question" }
            if let first = range.first(where: { tokens[$0].kind == .word }) {
                let next = first + 1 < range.upperBound ? tokens[first + 1].form : 0
                let f = tokens[first].form
                // "what a fun day", "how fun": exclamations, not questions.
                let exclamative = (f == w.what && (next == w.a || next == w.an))
                    || (f == w.how && first + 1 < range.upperBound && lexicon.valences[analyzer.vocabulary.string(tokens[first + 1].form)] != nil)
                if !exclamative && (w.questionWords.contains(f) || (w.auxiliaries.contains(f) && w.subjects.contains(next))) {
                    return "question"
                }
            }
        }
        var j = i - 1
        while j >= range.lowerBound {
            let t = tokens[j]
            if t.kind == .punctuation, analyzer.vocabulary.string(t.form).first.map({ ",;:-—.!?…".contains($0) }) == true { break }
            if w.clauseCues.contains(t.form), !(t.form == w.how && j == i - 1) { return "condition, time, question or want" }
            j -= 1
        }
        var k = i - 1
        if k >= range.lowerBound, tokens[k].form == w.be { k -= 1 }
        if k >= range.lowerBound, w.actionMarkers.contains(tokens[k].form) { return "action, not a verdict" }
        return nil
    }
}
