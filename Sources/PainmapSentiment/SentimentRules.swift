/// The constants of painmap's sentiment rules, each with the reason for its value. Valences are on the
/// lexicon's -4...4 scale; factors multiply a word's valence.
public enum SentimentRules {
    /// How far back (in tokens) negations and modifiers reach: "not at all very good" is too far-fetched,
    /// "not very good" is not.
    public static let lookBack = 3

    /// A negated word keeps part of its strength with the sign flipped: "not good" is mildly negative,
    /// not the opposite of "good"; "not terrible" is faintly positive.
    public static let negationFactor = -0.7
    /// Negated negatives swing less far: "not bad" is faint praise, and "not broken" is barely praise.
    public static let negatedNegativeFactor = -0.45

    /// ALL-CAPS words in text that is not all caps are shouted: "this is NOT OK".
    public static let capsEmphasis = 0.7

    /// Stretched words are felt more: "sooo goood".
    public static let elongationEmphasis = 0.3

    /// Each "!" adds emphasis in the direction the sentence already leans; more than four add nothing.
    public static let exclamationEmphasis = 0.25
    public static let exclamationCap = 4
    /// Two or more "?" in a sentiment-laden sentence read as exasperation or incredulity.
    public static let questionEmphasis = 0.15
    public static let questionCap = 3

    /// Wishes and unreal conditions ("it would be great if it worked", "I wish", "should have") describe what
    /// is missing: in feedback they read negative. Positive words inside them flip to this share of their
    /// strength, and the cue itself counts as a mild complaint.
    public static let irrealisFactor = -0.3
    public static let irrealisCueValence = -0.6

    /// "the least helpful": "least" before a sentiment word negates it ("at least" does not).
    public static let leastFactor = -0.7

    /// "never been so happy", "never this good": "never" before "so"/"this" + word emphasises.
    public static let neverSoEmphasis = 1.25

    /// Normalization of the summed valence into a compound score in (-1, 1): s / sqrt(s^2 + alpha).
    /// With 15, one clearly positive word (+2) scores about 0.46 and three such words about 0.84.
    public static let normalizationAlpha = 15.0

    /// A document identified as another language with at least this confidence is not scored with this
    /// lexicon (its result is neutral and marked unscored); below it, short or mixed texts are still scored.
    public static let otherLanguageConfidence = 0.5

    /// Labels: compound >= 0.05 is positive, <= -0.05 negative, in between neutral.
    public static let labelThreshold = 0.05
}
