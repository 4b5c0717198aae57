/// The constants of the journey decision and of pain-point severity, each with its reason.
public enum JourneyRules {
    // MARK: touchpoints

    /// A matched cue counts 1, plus this much per extra word: "tracking number" is more specific than "track".
    public static let multiwordCueBonus = 0.5
    /// The same cue again adds only this much: repetition is emphasis, not new evidence.
    public static let repeatedCueWeight = 0.25
    /// At most this many touchpoints are reported per document, best first.
    public static let maxTouchpoints = 3

    // MARK: phase decision (scores are added in log space, then normalized into a confidence)

    /// The phase model's log posterior counts fully: it read the whole text.
    public static let modelWeight = 1.0
    /// Each phase cue ("switching to", "thinking about buying") adds this times log(1 + hits).
    public static let phaseCueWeight = 1.2
    /// Touchpoints vote for their usual phases (first phase fully, the others half) with this weight times
    /// log(1 + votes): "refund" suggests usage, "renewal" retention.
    public static let touchpointWeight = 0.5
    /// The topic's usual phase (lexicons/journeys/topic_phases.tsv), scaled by the topic's confidence. Kept
    /// weak: the mapping is coarse (a price complaint can come after purchase), and at 0.8 a confident but
    /// wrong topic outvoted the document's own evidence; `painmap models evaluate` measured the phase
    /// decision at 0.771 with 0.8 and 0.786 with 0.4 on our held-out journey examples.
    public static let topicWeight = 0.4

    // MARK: topics

    /// Below this confidence the topic is "unknown": with 20-odd topics a guess at 0.1 says little, and
    /// a support lead's top-topics table should not fill with guesses.
    public static let minTopicConfidence = 0.2

    // MARK: pain points

    /// A clause is a pain point when its compound is at most this (the negative label's threshold)...
    public static let negativeClause = -0.05
    /// ...or when it carries a pain cue and is not clearly positive ("always" in "always great" is no pain).
    public static let cueClauseCeiling = 0.3

    /// Repetition cues lighter than this ("always", "keep") count only in a clause that leans negative.
    public static let weakCueWeight = 0.1

    /// Severity = base + negativity share + emphasis + cue weights, capped at 1.
    /// Base: being a pain point at all.
    public static let severityBase = 0.15
    /// How much the clause's negativity (-compound, 0...1) contributes.
    public static let severityNegativity = 0.55
    /// Shouting (ALL CAPS or "!") in the clause.
    public static let severityEmphasis = 0.1
    /// A waited time span ("took 3 weeks") counts as a waiting cue of this weight.
    public static let waitingSpanWeight = 0.15
    /// Cue weights (repetition, escalation, churn, waiting) add up to at most this.
    public static let severityCueCap = 0.45
}
