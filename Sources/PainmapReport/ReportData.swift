import PainmapJourney
import PainmapStore

/// Everything a journey report shows, read from the store in one read transaction (`ReportData.gather`).
/// The renderers (`HTMLReport`, `MarkdownReport`) only format these values, so each figure in a report can
/// be checked against the database.
public struct ReportData: Sendable {
    /// What produced the report ("painmap 0.1.0") and when (ISO 8601), for the methods footer.
    public var generator: String
    public var generatedAt: String
    /// The database file, when known.
    public var database: String?
    public var filters: QueryFilters
    /// The period the report covers; nil: all time (then there is no previous period).
    public var period: Period?
    /// The time buckets of the sparklines and the sentiment-over-time chart.
    public var interval: TrendInterval
    public var headline: Headline
    public var journey: JourneyMap
    /// Pain points by key phrase, most impact first.
    public var painPoints: [PainPointRow]
    /// All pain point mentions in the period (the denominator of `PainPointRow.share`).
    public var painPointTotal: Int
    /// Rising pain points and topics (empty without a period).
    public var emerging: [EmergingTable]
    public var timeline: [TimelineBucket]
    public var bySource: [BreakdownRow]
    public var byChannel: [BreakdownRow]
    public var methods: Methods

    public var previousPeriod: Period? { period?.previous }
}

/// Document counts over one period (with the filters).
public struct PeriodFigures: Sendable, Hashable {
    public var documents: Int
    public var negative: Int
    public var neutral: Int
    public var positive: Int
    public var sentimentSum: Double
    public var painPoints: Int
    /// Documents with a churn-risk pain point.
    public var churnRisk: Int
    /// First and last day with a document, nil when none is dated.
    public var firstDay: Int?
    public var lastDay: Int?
    /// Documents without a date (only counted for an all-time report).
    public var undated: Int

    public var shareNegative: Double? { documents > 0 ? Double(negative) / Double(documents) : nil }
    public var meanSentiment: Double? { documents > 0 ? sentimentSum / Double(documents) : nil }

    public static let empty = PeriodFigures(documents: 0, negative: 0, neutral: 0, positive: 0, sentimentSum: 0, painPoints: 0,
                                            churnRisk: 0, firstDay: nil, lastDay: nil, undated: 0)
}

public struct Headline: Sendable, Hashable {
    public var current: PeriodFigures
    /// The previous period of the same length; nil for an all-time report.
    public var previous: PeriodFigures?

    /// Relative change of the document count, nil without a previous period or when it had none.
    public var documentChange: Double? {
        guard let p = previous, p.documents > 0 else { return nil }
        return Double(current.documents - p.documents) / Double(p.documents)
    }

    /// Change of the share negative in percentage points (0.05 = 5 points).
    public var shareNegativeChange: Double? {
        guard let a = current.shareNegative, let b = previous?.shareNegative else { return nil }
        return a - b
    }

    public var meanSentimentChange: Double? {
        guard let a = current.meanSentiment, let b = previous?.meanSentiment else { return nil }
        return a - b
    }
}

/// A customer's words, with where they came from.
public struct Quote: Sendable, Hashable {
    public var text: String
    public var documentID: Int64
    public var source: String
    public var channel: String?
    /// `2026-03-14`, nil when undated.
    public var date: String?
}

public struct MapPhase: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Documents in this phase, including those that name no touchpoint.
    public var documents: Int
    public var meanSentiment: Double?
}

public struct MapTouchpoint: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Documents that name it, over all phases.
    public var documents: Int
}

/// A key phrase and how often it came up.
public struct PhraseCount: Sendable, Hashable {
    public var phrase: String
    public var label: String
    public var count: Int
}

public struct MapCell: Sendable, Hashable {
    public var phase: String
    public var touchpoint: String
    /// Documents in this phase that name this touchpoint.
    public var documents: Int
    public var meanSentiment: Double
    /// Pain points in this phase about this touchpoint.
    public var painPoints: Int
    /// The most frequent pain points, at most three.
    public var topPainPoints: [PhraseCount]
    /// The most severe pain point in the cell, else its latest document.
    public var quote: Quote?

    /// How much negative feeling piles up here: documents times negativity (0 for a non-negative cell).
    public var heat: Double { Double(documents) * max(0, -meanSentiment) }
}

/// The phase x touchpoint matrix: phases across in journey order, touchpoints down.
public struct JourneyMap: Sendable, Hashable {
    public var phases: [MapPhase]
    /// Touchpoints with at least one document, ordered by the phase where they usually show up, then volume.
    public var touchpoints: [MapTouchpoint]
    /// Only the non-empty cells.
    public var cells: [MapCell]
    /// Template touchpoints that no document named.
    public var unmentioned: [MapTouchpoint]
    /// Documents that name no touchpoint (they count in their phase but in no cell).
    public var documentsWithoutTouchpoint: Int
    /// The journey template that named the touchpoints ("generic"), nil when none was found.
    public var template: String?

    public func cell(_ phase: String, _ touchpoint: String) -> MapCell? {
        cells.first { $0.phase == phase && $0.touchpoint == touchpoint }
    }

    public func touchpointName(_ id: String) -> String {
        touchpoints.first { $0.id == id }?.name ?? unmentioned.first { $0.id == id }?.name ?? id
    }

    public func phaseName(_ id: String) -> String { phases.first { $0.id == id }?.name ?? id }

    /// The cells where the most negative feeling piles up, worst first.
    public func hotSpots(_ n: Int) -> [MapCell] {
        Array(cells.filter { $0.heat > 0 }.sorted { ($0.heat, $1.phase, $1.touchpoint) > ($1.heat, $0.phase, $0.touchpoint) }.prefix(n))
    }
}

public struct PainPointRow: Sendable, Hashable {
    /// The key phrase (stems).
    public var phrase: String
    /// A readable form: the example's phrase as written.
    public var label: String
    public var volume: Int
    /// Of all pain points in the period.
    public var share: Double
    public var meanSentiment: Double
    /// Sum of severity (0-1 per mention).
    public var impact: Double
    public var churn: Int
    /// Mentions in the previous period; nil for an all-time report.
    public var previous: Int?
    /// Mentions per time bucket (`ReportData.timeline`'s buckets).
    public var series: [Int]
    /// Where it comes up most: phase and touchpoint (nil when its pain points name none).
    public var mainPhase: String?
    public var mainTouchpoint: String?
    public var example: Quote?

    public var change: Double? {
        guard let p = previous, p > 0 else { return nil }
        return Double(volume - p) / Double(p)
    }
}


/// Themes whose volume rose in the period against the previous one, tested as `painmap emerging` does.
public struct EmergingTable: Sendable, Hashable {
    public var dimension: TopDimension
    public var window: Period
    public var currentTotal: Int
    public var previousTotal: Int
    /// Themes with at least `minCount` mentions now.
    public var tested: Int
    public var minCount: Int
    public var alpha: Double
    /// Tested themes that rose above their expected count, lowest p-value first.
    public var rows: [EmergingRow]
    /// How many of the tested themes are significant (q <= alpha and above expected).
    public var significantCount: Int
}

public struct TimelineBucket: Sendable, Hashable {
    /// First day of the bucket.
    public var start: Int
    public var label: String
    /// Days of the report's period inside this bucket (less than the bucket's length at the edges).
    public var days: Int
    public var bucketDays: Int
    public var documents: Int
    public var negative: Int
    public var neutral: Int
    public var positive: Int
    public var sentimentSum: Double

    public var meanSentiment: Double? { documents > 0 ? sentimentSum / Double(documents) : nil }
    public var shareNegative: Double? { documents > 0 ? Double(negative) / Double(documents) : nil }
    public var isPartial: Bool { days < bucketDays }
}

public struct BreakdownRow: Sendable, Hashable {
    public var key: String
    public var documents: Int
    public var share: Double
    public var meanSentiment: Double
    public var negative: Int
    public var shareNegative: Double { documents > 0 ? Double(negative) / Double(documents) : 0 }
}

/// What produced the figures.
public struct Methods: Sendable, Hashable {
    public struct Analysis: Sendable, Hashable {
        public var versions: AnalysisVersions
        public var documents: Int
    }
    /// The lexicon, model and journey-template versions of the documents in the report, most documents first.
    public var analyses: [Analysis]
    /// Compound score at or beyond which a document is positive (negative below its opposite).
    public var labelThreshold: Double
    /// Mentions a theme needs to be tested for a rise, and the false discovery rate.
    public var emergingMinCount: Int
    public var emergingAlpha: Double
    public var exampleWindow: Int
}
