import PainmapText

/// Matches cue words and phrases on stems: "deliver" matches "delivered", "tracking number" matches
/// "Tracking numbers". Built per thread from plain cue strings, against that thread's analyzer, so that
/// cues and documents share stem ids; a look-up is one array read per token.
struct CueMatcher {
    struct Cue {
        let stems: [UInt32]
        /// What the cue points to (a touchpoint, phase, pain kind or problem concept), by index.
        let target: Int
        let weight: Double
        /// The cue as written in its file.
        let text: String
    }

    struct Match {
        let cue: Cue
        /// Token range in the document.
        let tokens: Range<Int>
    }

    /// First stem id -> the cues starting with it, longest first: `groups[first[stem]]`, -1 for none. An
    /// array indexed by stem id rather than a dictionary: every token of every document looks itself up
    /// here (several matchers, and again per pain clause), and hashing was most of the matching cost. Cue
    /// stems are interned when the matcher is built, so a later id is never a cue's first stem.
    private var first: [Int32] = []
    private var groups: [[Cue]] = []

    init(cues: [(text: String, target: Int, weight: Double)], analyzer: Analyzer, language: String = "en") {
        var byFirst: [UInt32: [Cue]] = [:]
        for c in cues {
            let words = c.text.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            let stems = words.compactMap { w -> UInt32? in
                // Cue words go through the same look-up form as tokens: curly apostrophes straightened.
                let form = w.replacingOccurrences(of: "’", with: "'")
                // A word starting with a digit ("404", "2fa", "3d") is a number token in documents, whose
                // stem is its look-up form, unstemmed.
                if form.first?.isASCII == true, form.first?.isNumber == true { return analyzer.vocabulary.intern(form.lowercased()) }
                return try? analyzer.stemID(of: form, language: language)
            }
            guard stems.count == words.count else { continue }
            byFirst[stems[0], default: []].append(Cue(stems: stems, target: c.target, weight: c.weight, text: c.text))
            // The tokenizer joins a number and its unit into one token ("1 star", "30 day"): a cue written
            // that way also matches as that one token.
            if let k = words.indices.dropLast().first(where: { words[$0].first?.isASCII == true && words[$0].first?.isNumber == true }),
               words[k + 1].allSatisfy(\.isLetter) {
                var joined = stems
                joined.replaceSubrange(k...(k + 1), with: [analyzer.vocabulary.intern("\(words[k]) \(words[k + 1])".lowercased())])
                byFirst[joined[0], default: []].append(Cue(stems: joined, target: c.target, weight: c.weight, text: c.text))
            }
        }
        for k in byFirst.keys { byFirst[k]!.sort { $0.stems.count > $1.stems.count } }
        first = [Int32](repeating: -1, count: Int(byFirst.keys.max() ?? 0) + 1)
        for (stem, cues) in byFirst {
            first[Int(stem)] = Int32(groups.count)
            groups.append(cues)
        }
    }

    /// The cues starting with stem id `stem`, longest first (nil for none).
    @inline(__always)
    private func cues(startingWith stem: UInt32) -> [Cue]? {
        let i = Int(stem)
        guard i < first.count else { return nil }
        let g = first[i]
        return g < 0 ? nil : groups[Int(g)]
    }

    /// Non-overlapping matches in `range`, longest cue first at each position. Cues match consecutive
    /// word (and number) tokens; punctuation between words breaks a multiword cue.
    func matches(_ tokens: [Token], in range: Range<Int>) -> [Match] {
        var out: [Match] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let t = tokens[i]
            // Number tokens take part too: cues such as "404", "2fa" and "1 star" are written in our files.
            guard t.kind == .word || t.kind == .hashtag || t.kind == .number, let cues = cues(startingWith: t.stem) else { i += 1; continue }
            var matched: Match?
            for c in cues where i + c.stems.count <= range.upperBound {
                var ok = true
                for k in 1..<max(c.stems.count, 1) {
                    let u = tokens[i + k]
                    if (u.kind != .word && u.kind != .number) || u.stem != c.stems[k] { ok = false; break }
                }
                if ok { matched = Match(cue: c, tokens: i..<(i + c.stems.count)); break }
            }
            if let m = matched { out.append(m); i = m.tokens.upperBound } else { i += 1 }
        }
        return out
    }
}
