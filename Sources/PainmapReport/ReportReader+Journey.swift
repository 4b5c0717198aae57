import GRDB
import PainmapJourney
import PainmapStore

/// The phase x touchpoint matrix with each cell's top pain points and a quote.
extension ReportReader {
    func journeyMap(period: Period?, taxonomy: JourneyTaxonomy?) throws -> JourneyMap {
        // Cells: documents that name the touchpoint, per phase.
        let tf = SQLFilter(filters, table: .touchpoints, days: period)
        // With a source or channel filter, through the index by phase, which carries the rows' origin: the
        // scan reads no table row, whatever share of the documents passes.
        let originIndex = filters.sources.isEmpty && filters.channels.isEmpty ? "" : " INDEXED BY document_touchpoints_by_phase"
        var cells: [String: MapCell] = [:]
        var volume: [String: Int] = [:]
        var mainPhase: [String: (String, Int)] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT t.phase, t.touchpoint, count(*), total(t.sentiment) FROM document_touchpoints t\(originIndex)\(tf.sql) GROUP BY 1, 2
            """, arguments: tf.arguments) {
            let phase: String = r[0], tp: String = r[1], n: Int = r[2]
            cells[key(phase, tp)] = MapCell(phase: phase, touchpoint: tp, documents: n, meanSentiment: (r[3] as Double) / Double(n),
                                            painPoints: 0, topPainPoints: [], quote: nil)
            volume[tp, default: 0] += n
            if let m = mainPhase[tp], (m.1, phase) >= (n, m.0) {} else { mainPhase[tp] = (phase, n) }
        }

        // Pain points per cell, by key phrase.
        let pf = SQLFilter(filters, table: .painPoints, days: period).and("p.touchpoint IS NOT NULL")
        var phrases: [String: [PhraseCount]] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT p.phase, p.touchpoint, p.phrase, count(*), min(p.phrase_surface) FROM \(ReportReader.cellScan)\(pf.sql) GROUP BY 1, 2, 3
            """, arguments: pf.arguments) {
            phrases[key(r[0], r[1]), default: []].append(PhraseCount(phrase: r[2], label: r[4], count: r[3]))
        }
        for (k, list) in phrases {
            guard cells[k] != nil else { continue }
            cells[k]!.painPoints = list.reduce(0) { $0 + $1.count }
            cells[k]!.topPainPoints = Array(list.sorted { ($0.count, $1.phrase) > ($1.count, $0.phrase) }.prefix(3))
        }
        for (k, q) in try cellQuotes(period: period) where cells[k] != nil { cells[k]!.quote = q }
        for k in cells.keys where cells[k]!.quote == nil { cells[k]!.quote = try latestDocument(cells[k]!, period: period) }

        // Documents per phase, including those without a touchpoint.
        let (from, df) = documentScan(period)
        var phaseDocs: [String: (Int, Double)] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT d.phase, count(*), total(d.sentiment) FROM \(from)\(df.sql) GROUP BY 1",
                                  arguments: df.arguments) {
            phaseDocs[r[0]] = (r[1], r[2])
        }
        let withoutTouchpoint = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM \(from)\(df.and("NOT EXISTS (SELECT 1 FROM document_touchpoints x WHERE x.document_id = d.id)").sql)
            """, arguments: df.arguments) ?? 0

        // Phases: all six in journey order, then any other phase found.
        let known = JourneyPhase.allCases.map(\.rawValue)
        let extra = Set(phaseDocs.keys).union(cells.values.map(\.phase)).subtracting(known).sorted()
        let phases = (known + extra).map { id -> MapPhase in
            let pd = phaseDocs[id]
            let name = JourneyPhase(rawValue: id).flatMap { taxonomy?.phaseNames[$0] } ?? ReportReader.displayName(id)
            return MapPhase(id: id, name: name, documents: pd?.0 ?? 0, meanSentiment: pd.flatMap { $0.0 > 0 ? $0.1 / Double($0.0) : nil })
        }
        let phaseIndex = Dictionary(uniqueKeysWithValues: phases.enumerated().map { ($1.id, $0) })

        // Touchpoints down: by the phase where the template says they usually show up (else where most of
        // their documents are), then by volume.
        func rank(_ tp: String) -> Int {
            if let first = taxonomy?.touchpoint(tp)?.phases.first { return phaseIndex[first.rawValue] ?? phases.count }
            return mainPhase[tp].flatMap { phaseIndex[$0.0] } ?? phases.count
        }
        let touchpoints = volume.keys
            .sorted { (rank($0), -volume[$0]!, $0) < (rank($1), -volume[$1]!, $1) }
            .map { MapTouchpoint(id: $0, name: taxonomy?.touchpoint($0)?.name ?? ReportReader.displayName($0), documents: volume[$0]!) }
        let unmentioned = (taxonomy?.touchpoints ?? []).filter { volume[$0.id] == nil }
            .map { MapTouchpoint(id: $0.id, name: $0.name, documents: 0) }
        let template = taxonomy.map { ReportReader.templateID($0.id) }
        return JourneyMap(phases: phases, touchpoints: touchpoints,
                          cells: cells.values.sorted { (phaseIndex[$0.phase]!, $0.touchpoint) < (phaseIndex[$1.phase]!, $1.touchpoint) },
                          unmentioned: unmentioned, documentsWithoutTouchpoint: withoutTouchpoint, template: template)
    }

    private func key(_ phase: String, _ tp: String) -> String { phase + "\u{1F}" + tp }

    /// The journey map's pain point scans read `pain_points_by_cell`, which carries every column they use
    /// (phase, touchpoint, phrase, day, severity, phrase surface, document, origin). Named, because the
    /// planner may prefer another index and read each row for the columns it lacks. The index scan's cost is
    /// bounded by the index, whatever the filter.
    static let cellScan = "pain_points p INDEXED BY pain_points_by_cell"

    /// Each cell's most severe pain point (the latest on ties, then the first stored), in one statement of
    /// two steps that read only `pain_points_by_cell` (which carries severity): each cell's highest severity,
    /// then per cell the latest row with it. Only the winners' rows are read, for their text: a window over
    /// every pain point's row took 1.4 s for 90 days and 12 s for all time on 1M documents, mostly waiting
    /// for table pages. One statement, so that a filter's lists (of passing origins, of phrases) are built
    /// once.
    func cellQuotes(period: Period?) throws -> [String: Quote] {
        let pf = SQLFilter(filters, table: .painPoints, days: period).and("p.touchpoint IS NOT NULL")
        let cell = pf.and("p.phase = b.phase").and("p.touchpoint = b.touchpoint").and("p.severity = b.severity")
        var out: [String: Quote] = [:]
        for r in try Row.fetchAll(db, sql: """
            WITH best AS (SELECT p.phase, p.touchpoint, max(p.severity) AS severity FROM \(ReportReader.cellScan)\(pf.sql) GROUP BY 1, 2)
            SELECT b.phase, b.touchpoint, w.text, w.document_id FROM best b
              JOIN pain_points w ON w.id = (SELECT p.id FROM \(ReportReader.cellScan)\(cell.sql) ORDER BY p.day DESC, p.id LIMIT 1)
            """, arguments: pf.arguments(after: pf.values)) {
            out[key(r[0], r[1])] = try quote(text: r[2], document: r[3])
        }
        return out
    }

    /// A cell without pain points is quoted by its latest document.
    func latestDocument(_ c: MapCell, period: Period?) throws -> Quote? {
        let tf = SQLFilter(filters, table: .touchpoints, days: period).and("t.phase = ?", [c.phase]).and("t.touchpoint = ?", [c.touchpoint])
        guard let doc = try Int64.fetchOne(db, sql: """
            SELECT t.document_id FROM document_touchpoints t\(tf.sql) ORDER BY t.day DESC, t.document_id DESC LIMIT 1
            """, arguments: tf.arguments),
            let text = try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [doc]) else { return nil }
        return try quote(text: text, document: doc)
    }

    /// "order_tracking" -> "Order tracking".
    static func displayName(_ id: String) -> String {
        let s = id.replacingOccurrences(of: "_", with: " ")
        return s.prefix(1).uppercased() + s.dropFirst()
    }
}
