import XCTest
import Foundation
import PainmapText
@testable import PainmapSentiment

/// The lexicon files load, meet the sizes and coverage, and a malformed file fails with an error
/// naming the file, line and column.
final class SentimentLexiconTests: XCTestCase {
    private func lexicon() throws -> SentimentLexicon { try SentimentFixture.loaded.get().1 }

    func testLexiconFilesLoadAndMeetTheRequiredSizes() throws {
        let lex = try lexicon()
        XCTAssertEqual(lex.language, "en")
        XCTAssertGreaterThanOrEqual(lex.valences.count, 7500, "sentiment.tsv needs at least 7,500 entries")
        XCTAssertFalse(lex.phrases.isEmpty)
        XCTAssertTrue(lex.phrases.keys.allSatisfy { $0.count >= 2 })
        XCTAssertTrue(lex.valences.values.allSatisfy { (-4...4).contains($0) })
        XCTAssertTrue(lex.phrases.values.allSatisfy { (-4...4).contains($0) })
        XCTAssertGreaterThanOrEqual(lex.longestPhrase, 3)
        // The rule words the scorer relies on.
        for n in ["not", "never", "without", "hardly", "barely", "no", "don't", "can't", "isn't"] {
            XCTAssertTrue(lex.negations.contains(n), "negations.txt lacks '\(n)'")
        }
        XCTAssertGreaterThan(lex.modifiers[["extremely"]] ?? 0, 0)
        XCTAssertGreaterThan(lex.modifiers[["very"]] ?? 0, 0)
        XCTAssertLessThan(lex.modifiers[["kind", "of"]] ?? 0, 0)
        for c in ["but", "however", "although"] { XCTAssertNotNil(lex.contrastives[[c]], "contrastive.tsv lacks '\(c)'") }
        let cues = try DataFile.wordList(lex.directory + "/irrealis.txt")
        for c in ["wish", "should have", "would be great if"] { XCTAssertTrue(cues.contains(c), "irrealis.txt lacks '\(c)'") }
        // Emoticons keep their case, emoji are stored without skin tones.
        XCTAssertNotNil(lex.valences[":)"]); XCTAssertNotNil(lex.valences[":("])
        XCTAssertNotNil(lex.valences["😡"]); XCTAssertNotNil(lex.valences["👍"])
    }

    func testRequiredCustomerFeedbackWordsAreCovered() throws {
        let lex = try lexicon()
        let negative = ["refund", "overcharged", "hidden fees", "unusable", "crashes", "laggy", "scam", "on hold", "escalate"]
        let positive = ["lifesaver", "works flawlessly"]
        for term in negative + positive {
            let words = SentimentLexicon.words(term)
            let value = words.count == 1 ? lex.valences[words[0]] : lex.phrases[words] ?? lex.valences[SentimentLexicon.key(term)]
            guard let v = value else { XCTFail("'\(term)' is neither a word of sentiment.tsv nor a phrase of phrases.tsv"); continue }
            if negative.contains(term) { XCTAssertLessThan(v, 0, term) } else { XCTAssertGreaterThan(v, 0, term) }
        }
    }

    func testRequiredPhrasesAreInPhrasesFile() throws {
        let lex = try lexicon()
        let negative = ["waste of money", "not worth it", "stopped working", "no longer works", "never arrived",
                        "still waiting", "charged twice", "no response"]
        let positive = ["does the job", "second to none", "can't complain"]
        for phrase in negative + positive {
            guard let v = lex.phrases[SentimentLexicon.words(phrase)] else { XCTFail("phrases.tsv lacks '\(phrase)'"); continue }
            if negative.contains(phrase) { XCTAssertLessThan(v, 0, phrase) } else { XCTAssertGreaterThan(v, 0, phrase) }
        }
    }

    /// `words` cuts ASCII phrases on bytes; it must cut every phrase of the lexicon and a few odd ones as
    /// the split by Characters does.
    func testWordsOnBytesMatchesTheSplitByCharacters() throws {
        let lex = try lexicon()
        var phrases = ["", " ", "  a  b ", "a", "Kind Of", "it's  not", "\tx y", "a\r\nb c", "don’t care", "e\u{301} b", "a \u{301}b"]
        for file in ["phrases.tsv", "modifiers.tsv", "contrastive.tsv"] {
            phrases += try DataFile.rows(lex.directory + "/" + file).map { $0.fields[0] }
        }
        phrases += try DataFile.wordList(lex.directory + "/irrealis.txt")
        for p in phrases { XCTAssertEqual(SentimentLexicon.words(p), SentimentLexicon.wordsByRules(p), p) }
    }

    // MARK: malformed files

    /// A copy of the English lexicon folder with `file` replaced by `contents`.
    private func lexiconFolder(with file: String, _ contents: String) throws -> String {
        let lex = try lexicon()
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("painmap-lexicon-\(UUID().uuidString)/en")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? fm.removeItem(at: dir.deletingLastPathComponent()) }
        for name in ["sentiment.tsv", "phrases.tsv", "modifiers.tsv", "negations.txt", "contrastive.tsv", "irrealis.txt"] {
            try fm.copyItem(atPath: lex.directory + "/" + name, toPath: dir.appendingPathComponent(name).path)
        }
        let path = dir.appendingPathComponent(file).path
        try fm.removeItem(atPath: path)
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return dir.path
    }

    private func assertLoadFails(_ file: String, _ contents: String, line: Int, column: Int, mentioning words: String,
                                 sourceLine: UInt = #line) throws {
        let dir = try lexiconFolder(with: file, contents)
        do {
            _ = try SentimentLexicon.load(directory: dir)
            XCTFail("\(file) with a malformed line loaded", line: sourceLine)
        } catch let e as DataFileError {
            XCTAssertEqual(e.file, dir + "/" + file, line: sourceLine)
            XCTAssertEqual(e.line, line, "\(e)", line: sourceLine)
            XCTAssertEqual(e.column, column, "\(e)", line: sourceLine)
            XCTAssertTrue(e.description.hasPrefix("\(dir)/\(file):\(line):\(column): "), e.description, line: sourceLine)
            XCTAssertTrue(e.message.contains(words), e.description, line: sourceLine)
        }
    }

    func testMalformedSentimentFileFailsWithFileLineAndColumn() throws {
        let header = "# a comment\ngood\t1.9\n\n"   // comments and blank lines still count as lines
        try assertLoadFails("sentiment.tsv", header + "bad\tminus two\n", line: 4, column: 5, mentioning: "not a number")
        try assertLoadFails("sentiment.tsv", header + "great\t9\n", line: 4, column: 7, mentioning: "outside")
        try assertLoadFails("sentiment.tsv", header + "awful\n", line: 4, column: 7, mentioning: "missing field 2")
    }

    func testMalformedPhraseModifierAndContrastiveFilesFailWithFileLineAndColumn() throws {
        try assertLoadFails("phrases.tsv", "waste of money\t-2.7\nlonely\t-1\n", line: 2, column: 1, mentioning: "two words")
        try assertLoadFails("phrases.tsv", "waste of money\t-2,7\n", line: 1, column: 16, mentioning: "not a number")
        try assertLoadFails("phrases.tsv", "waste of money\t-2.7\nno refund\t-2\nWaste  of money\t-2\n", line: 3, column: 1,
                            mentioning: "'waste of money' is already on line 1")
        // A repeated phrase is reported as such even when its value is bad too.
        try assertLoadFails("phrases.tsv", "waste of money\t-2.7\nno refund\t-2\nwaste of money\tlots\n", line: 3, column: 1,
                            mentioning: "'waste of money' is already on line 1")
        try assertLoadFails("modifiers.tsv", "very\t0.3\nextremely\t3\n", line: 2, column: 11, mentioning: "outside")
        try assertLoadFails("contrastive.tsv", "but\t0.5\t1.5\nhowever\t0.5\tlots\n", line: 2, column: 13, mentioning: "after_weight")
    }

    /// Every one-token term of sentiment.tsv is stored under the look-up form the tokenizer gives it, so that the
    /// term scores when it is written as listed: "xD" was lower-cased to "xd", while the tokenizer keeps the
    /// emoticon's case, and never scored.
    func testEveryOneTokenTermIsStoredUnderItsTokenForm() throws {
        let lex = try lexicon()
        let vocabulary = Vocabulary()
        var tokenizer = Tokenizer()
        var missed: [String] = []
        for row in try DataFile.rows(lex.directory + "/sentiment.tsv") {
            var term = row.fields[0].trimmingCharacters(in: .whitespaces)
            var tokens: [Token] = []
            term.withUTF8 { tokenizer.tokenize($0, vocabulary: vocabulary, into: &tokens) }
            guard tokens.count == 1, tokens[0].kind != .word else { continue }   // words: Snowball and case rules, tested elsewhere
            if lex.valences[vocabulary.string(tokens[0].form)] == nil { missed.append("\(row.line): \(term)") }
        }
        XCTAssertEqual(missed, [], "terms stored under a form no token has")
        for e in ["xD", "XD", "XDD"] { XCTAssertGreaterThan(lex.valences[e] ?? 0, 0, e) }
    }

    /// `key` returns terms that are already keys as they are; every other term goes by its rules. Both give
    /// the same key for every term of the lexicon files and for terms that need trimming or lower-casing.
    func testKeyFastPathMatchesTheRules() throws {
        let dir = try ResourceLocator.lexiconsDirectory() + "/en"
        var terms = ["good", " good", "good ", "\tgood", "Good", "GOOD", "don't", "well-made", "user–friendly", ":)", ":D",
                     "déjà", "Ünïcödé", "can’t", "😍", "👍🏽", "a b", "", " ", "x-", "'", "-"]
        for file in ["sentiment.tsv", "phrases.tsv", "modifiers.tsv", "contrastive.tsv"] {
            for row in try DataFile.rows(dir + "/" + file) { terms += row.fields[0].split(separator: " ").map(String.init) + [row.fields[0]] }
        }
        for t in terms { XCTAssertEqual(SentimentLexicon.key(t), SentimentLexicon.keyByRules(t), t.debugDescription) }
    }
}
