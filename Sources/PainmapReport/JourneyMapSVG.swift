import Foundation

/// The journey map as inline SVG: phases across in journey order, touchpoints down. Each cell is coloured by
/// mean sentiment with the number printed in it, labelled with its document count, carries a bar whose length
/// is its volume, and names its top pain point; hovering shows the details and a quote (SVG `<title>`, no
/// script). Empty cells are white with a dashed border and say so.
struct JourneyMapSVG {
    var map: JourneyMap

    static let labelWidth = 196.0
    static let columnWidth = 190.0
    static let headerHeight = 56.0
    static let rowHeight = 62.0
    static let gap = 3.0
    /// Cells with fewer documents are drawn pale: their mean says little.
    static let fewDocuments = 5
    /// A cell names its top pain point when it came up at least this often.
    static let minPainMentions = 2

    var width: Double { JourneyMapSVG.labelWidth + Double(map.phases.count) * JourneyMapSVG.columnWidth }
    var height: Double { JourneyMapSVG.headerHeight + Double(map.touchpoints.count) * JourneyMapSVG.rowHeight + 4 }

    func render() -> String {
        typealias L = JourneyMapSVG
        var m = Markup()
        let maxDocs = max(1, map.cells.map(\.documents).max() ?? 1)
        m.open("svg", [("class", "journey-map"), ("viewBox", "0 0 \(Markup.n(width)) \(Markup.n(height))"),
                       ("width", Markup.n(width)), ("height", Markup.n(height)), ("role", "img"),
                       ("aria-label", "Journey map: \(map.phases.count) phases across, \(map.touchpoints.count) touchpoints down; "
                           + "colour and number: mean sentiment; bar and count: documents")])
        m.newline()
        m.element("text", [("class", "corner"), ("x", "8"), ("y", "22")], "Touchpoint ↓")
        m.element("text", [("class", "corner"), ("x", "8"), ("y", "40")], "Phase →")
        // Row labels.
        m.open("g", [("class", "touchpoint-labels")])
        for (row, tp) in map.touchpoints.enumerated() {
            let y = L.headerHeight + Double(row) * L.rowHeight
            if row % 2 == 1 {
                m.empty("rect", [("class", "band"), ("x", "0"), ("y", Markup.n(y)), ("width", Markup.n(width)), ("height", Markup.n(L.rowHeight)),
                                 ("fill", "#f7f5f2")])
            }
            m.element("text", [("class", "touchpoint-name"), ("x", "8"), ("y", Markup.n(y + 30)), ("data-touchpoint", tp.id)],
                      Escape.truncate(tp.name, 26))
            m.element("text", [("class", "touchpoint-total"), ("x", "8"), ("y", Markup.n(y + 48))],
                      "\(Format.count(tp.documents)) document\(tp.documents == 1 ? "" : "s")")
            m.newline()
        }
        m.close("g")
        m.newline()
        // One column per phase: header, then a cell per touchpoint.
        for (col, phase) in map.phases.enumerated() {
            let x = L.labelWidth + Double(col) * L.columnWidth
            m.open("g", [("class", "phase-column"), ("data-phase", phase.id), ("data-documents", String(phase.documents))])
            m.element("text", [("class", "phase-name"), ("x", Markup.n(x + 6)), ("y", "22")], phase.name)
            let summary = phase.documents == 0 ? "no documents"
                : "\(Format.count(phase.documents)) doc\(phase.documents == 1 ? "" : "s") · mean \(Format.sentiment(phase.meanSentiment))"
            m.element("text", [("class", "phase-total"), ("x", Markup.n(x + 6)), ("y", "40")], summary)
            if let s = phase.meanSentiment {
                m.empty("rect", [("x", Markup.n(x + 3)), ("y", "47"), ("width", Markup.n(L.columnWidth - 6)), ("height", "4"),
                                 ("fill", Palette.color(s))])
            }
            for (row, tp) in map.touchpoints.enumerated() {
                let y = L.headerHeight + Double(row) * L.rowHeight
                cell(&m, phase: phase, touchpoint: tp, x: x + L.gap, y: y + L.gap, w: L.columnWidth - 2 * L.gap,
                     h: L.rowHeight - 2 * L.gap, maxDocs: maxDocs)
            }
            m.close("g")
            m.newline()
        }
        m.close("svg")
        return m.text
    }

    private func cell(_ m: inout Markup, phase: MapPhase, touchpoint tp: MapTouchpoint, x: Double, y: Double, w: Double, h: Double,
                      maxDocs: Int) {
        guard let c = map.cell(phase.id, tp.id) else {
            m.open("g", [("class", "cell empty"), ("data-phase", phase.id), ("data-touchpoint", tp.id), ("data-documents", "0")])
            m.element("title", [], "\(phase.name) · \(tp.name): no feedback")
            m.empty("rect", [("x", Markup.n(x)), ("y", Markup.n(y)), ("width", Markup.n(w)), ("height", Markup.n(h)), ("rx", "4"),
                             ("fill", Palette.empty), ("stroke", "#c9c4bc"), ("stroke-dasharray", "4 3")])
            m.element("text", [("class", "empty-label"), ("x", Markup.n(x + w / 2)), ("y", Markup.n(y + h / 2 + 4)),
                               ("text-anchor", "middle")], "–")
            m.close("g")
            return
        }
        let few = c.documents < JourneyMapSVG.fewDocuments
        let ink = few ? Palette.ink : Palette.textColor(c.meanSentiment)
        m.open("g", [("class", few ? "cell few" : "cell"), ("data-phase", c.phase), ("data-touchpoint", c.touchpoint), ("data-documents", String(c.documents)),
                     ("data-sentiment", Format.sentiment(c.meanSentiment)), ("data-pain-points", String(c.painPoints))])
        m.element("title", [], tooltip(c, phase: phase, touchpoint: tp))
        m.empty("rect", [("x", Markup.n(x)), ("y", Markup.n(y)), ("width", Markup.n(w)), ("height", Markup.n(h)), ("rx", "4"),
                         ("fill", Palette.color(c.meanSentiment)), ("fill-opacity", few ? "0.4" : nil), ("stroke", "#8a847c"),
                         ("stroke-width", "0.5")])
        m.element("text", [("class", "score"), ("x", Markup.n(x + 7)), ("y", Markup.n(y + 18)), ("fill", ink)],
                  Format.sentiment(c.meanSentiment))
        m.element("text", [("class", "volume"), ("x", Markup.n(x + w - 7)), ("y", Markup.n(y + 18)), ("fill", ink), ("text-anchor", "end")],
                  "\(Format.count(c.documents)) doc\(c.documents == 1 ? "" : "s")")
        if let top = c.topPainPoints.first, top.count >= JourneyMapSVG.minPainMentions {
            m.element("text", [("class", "pain"), ("x", Markup.n(x + 7)), ("y", Markup.n(y + 36)), ("fill", ink)],
                      Escape.truncate(JourneyMapSVG.shortLabel(top.label, touchpoint: tp.name), 25) + " (\(top.count))")
        }
        // Volume bar: the largest cell fills the width.
        let barWidth = max(2, (w - 14) * Double(c.documents) / Double(maxDocs))
        m.empty("rect", [("class", "volume-track"), ("x", Markup.n(x + 7)), ("y", Markup.n(y + h - 12)), ("width", Markup.n(w - 14)),
                         ("height", "5"), ("fill", ink), ("fill-opacity", "0.12")])
        m.empty("rect", [("class", "volume-bar"), ("x", Markup.n(x + 7)), ("y", Markup.n(y + h - 12)), ("width", Markup.n(barWidth)),
                         ("height", "5"), ("fill", ink), ("fill-opacity", "0.7")])
        m.close("g")
    }

    /// A pain point's phrase without the touchpoint's name it starts with ("mobile app crash" in the Mobile
    /// app row is "crash"); the whole phrase when nothing would be left.
    static func shortLabel(_ label: String, touchpoint: String) -> String {
        let name = touchpoint.lowercased()
        guard label.lowercased().hasPrefix(name + " ") else { return label }
        let rest = label.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? label : rest
    }

    private func tooltip(_ c: MapCell, phase: MapPhase, touchpoint tp: MapTouchpoint) -> String {
        var lines = ["\(phase.name) · \(tp.name)" + (c.documents < JourneyMapSVG.fewDocuments ? " (few documents)" : ""),
                     "\(Format.count(c.documents, "document")), mean sentiment \(Format.sentiment(c.meanSentiment)), "
                         + Format.count(c.painPoints, "pain point")]
        if !c.topPainPoints.isEmpty {
            lines.append("Top pain points: " + c.topPainPoints.map { "\($0.label) (\($0.count))" }.joined(separator: "; "))
        }
        if let q = c.quote { lines.append("“\(Escape.truncate(q.text, 240))” (\(Format.attribution(q)))") }
        return lines.joined(separator: "\n")
    }
}
