import PainmapText

/// A wish for more of what is now is praise of now (session 11): "wish every Monday went this smoothly", "if only every
/// day could be this chill", "I wish all my flights were this easy". A positive word right after "this" inside a wish
/// (an irrealis cue's clause) names what the writer has, with "this" pointing at it: it is not flipped as a missing
/// thing ("I wish it had a dark mode" still complains). The wish cue itself counts as before
/// (`SentimentRules.irrealisCueValence`). Also "I wish this great app had a dark mode": "great" is asserted.
struct WishForMoreWords {
    let this: UInt32
    init(vocabulary v: Vocabulary) { this = v.intern("this") }
}

extension SentimentScorer {
    /// Whether the positive span at `i`, inside the wish whose cue is at `cue`, comes right after "this" (after the cue);
    /// with `explain`, says so in `rules`. Asked only for positive spans inside a wish (out of line: it keeps
    /// `scoreSentence` small).
    @inline(never)
    func isWishedAsItIs(at i: Int, cue: Int, _ tokens: [Token], explain: Bool, rules: inout [String]?) -> Bool {
        guard i - 1 > cue && tokens[i - 1].form == wishForMore.this else { return false }
        if explain { rules?.append("wished as it is now ('this'): not flipped") }
        return true
    }
}
