import PainmapJourney
import PainmapStore

/// What a report covers and how much it lists.
public struct ReportOptions: Sendable {
    /// The same filters as `painmap top`, `trends`, `emerging` and `journey`.
    public var filters: QueryFilters
    /// The period's length when the filters give no --since: the last `defaultDays` days up to --until or the
    /// newest document. Nil: all time (no previous period, no emerging issues).
    public var defaultDays: Int?
    /// Rows of the top pain points table.
    public var painPointLimit: Int
    /// Rows of each emerging table.
    public var emergingLimit: Int
    /// Mentions a theme needs in the period to be tested for a rise (as `painmap emerging --min-count`).
    public var emergingMinCount: Int
    /// False discovery rate for the rises (as `painmap emerging --alpha`).
    public var alpha: Double
    /// "painmap 0.1.0", for the methods footer.
    public var generator: String
    /// When the report was made (ISO 8601); given so that a report can be reproduced byte for byte.
    public var generatedAt: String
    /// Loads the journey template the documents were analysed with ("generic", or a file's path), for the
    /// touchpoints' names and journey order. Nil, or a nil result: touchpoint ids, ordered by volume.
    public var template: (@Sendable (String) -> JourneyTaxonomy?)?

    public init(filters: QueryFilters = QueryFilters(), defaultDays: Int? = 90, painPointLimit: Int = 10, emergingLimit: Int = 8,
                emergingMinCount: Int = 5, alpha: Double = 0.05, generator: String = "painmap", generatedAt: String = "",
                template: (@Sendable (String) -> JourneyTaxonomy?)? = nil) {
        self.filters = filters; self.defaultDays = defaultDays; self.painPointLimit = painPointLimit
        self.emergingLimit = emergingLimit; self.emergingMinCount = emergingMinCount; self.alpha = alpha
        self.generator = generator; self.generatedAt = generatedAt; self.template = template
    }
}
