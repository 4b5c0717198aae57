import PainmapText

public enum SentimentLabel: String, Sendable, Codable {
    case positive, neutral, negative

    public init(compound: Double) {
        self = compound >= SentimentRules.labelThreshold ? .positive
            : compound <= -SentimentRules.labelThreshold ? .negative : .neutral
    }
}

/// Scores of a document or a sentence: compound in [-1, 1], and the shares of positive, neutral and
/// negative weight (they add up to 1).
public struct SentimentScore: Sendable, Hashable {
    public var compound: Double
    public var positive: Double
    public var neutral: Double
    public var negative: Double
    public var label: SentimentLabel { SentimentLabel(compound: compound) }

    public static let neutralScore = SentimentScore(compound: 0, positive: 0, neutral: 1, negative: 0)
}

/// One span that moved the score: its lexicon valence and what the rules made of it.
public struct SentimentContribution: Sendable, Hashable {
    public var span: Span
    public var text: String
    /// The lexicon's valence (word, phrase or cue).
    public var base: Double
    /// After negation, modifiers, emphasis, contrast and irrealis.
    public var adjusted: Double
    /// The rules that applied, in order ("negated by 'not'", "boosted by 'very'", "after 'but' x1.5", ...).
    public var rules: [String]
    public var sentence: Int
}

public struct SentimentResult: Sendable {
    public var document: SentimentScore
    public var sentences: [SentimentScore]
    /// Filled when scoring with `explain: true`.
    public var contributions: [SentimentContribution]
    /// False when the document's language has no lexicon: the scores are then neutral placeholders.
    public var scored: Bool
}
