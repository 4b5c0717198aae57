import Foundation

/// The journey map section: legend, map, hot spots and every cell's details.
extension HTMLReport {
    func journey(_ m: inout Markup) {
        let map = data.journey
        m.open("section", [("id", "journey")])
        m.element("h2", [], "The journey map")
        let largest = map.cells.map(\.documents).max() ?? 0
        m.element("p", [], "Phases run across in journey order, touchpoints down. A cell counts the documents in that phase that name "
                  + "that touchpoint, with their mean sentiment (colour and number), the top pain point and its mentions, and a bar "
                  + "for the volume (a full bar is the largest cell, \(Format.count(largest)) documents). Cells with fewer than \(JourneyMapSVG.fewDocuments) "
                  + "documents are pale: their mean says little. Hover over a cell for its "
                  + "top pain points and a quote; the same details are listed below the map.")
        legend(&m)
        if map.touchpoints.isEmpty {
            m.element("p", [("class", "note")], "No document in this period names a touchpoint.")
        }
        m.open("div", [("class", "map-scroll")])
        m.raw(JourneyMapSVG(map: map).render())
        m.close("div")
        m.newline()
        var notes: [String] = []
        if map.documentsWithoutTouchpoint > 0 {
            notes.append("\(Format.count(map.documentsWithoutTouchpoint, "document")) \(map.documentsWithoutTouchpoint == 1 ? "names" : "name") no touchpoint: they count in their phase's "
                         + "total, not in a cell.")
        }
        if !map.unmentioned.isEmpty {
            notes.append("Touchpoints of the \(map.template ?? "journey") template that no document names: "
                         + map.unmentioned.map(\.name).joined(separator: ", ") + ".")
        }
        for n in notes { m.element("p", [("class", "note")], n) }
        hotSpots(&m)
        cellDetails(&m)
        m.close("section")
        m.newline()
    }

    func legend(_ m: inout Markup) {
        m.open("div", [("class", "legend"), ("aria-label", "Colour scale")])
        m.element("span", [], "Mean sentiment:")
        m.open("span", [("class", "scale")])
        for v in [-0.6, -0.3, 0, 0.3, 0.6] {
            let label = v == -0.6 ? "≤ -0.60" : v == 0.6 ? "≥ +0.60" : Format.sentiment(v)
            m.element("span", [("style", "background:\(Palette.color(v));color:\(Palette.textColor(v))")], label)
        }
        m.close("span")
        m.element("span", [], "negative (orange) to positive (blue)")
        m.open("span", [("class", "item")])
        m.raw("<span class=\"empty-swatch\" aria-hidden=\"true\"></span>")
        m.add("no feedback")
        m.close("span")
        m.open("span", [("class", "item")])
        m.raw("<span class=\"few-swatch\" aria-hidden=\"true\"></span>")
        m.add("pale: fewer than \(JourneyMapSVG.fewDocuments) documents")
        m.close("span")
        m.open("span", [("class", "item")])
        m.raw("<span class=\"bar-swatch\" aria-hidden=\"true\"></span>")
        m.add("bar: documents")
        m.close("span")
        m.close("div")
        m.newline()
    }

    func hotSpots(_ m: inout Markup) {
        let map = data.journey
        let hot = map.hotSpots(8)
        guard !hot.isEmpty else { return }
        m.element("h3", [], "Hot spots: where negative feeling piles up (documents × negativity)")
        m.open("table", [("class", "hot-spots")])
        m.raw("<thead><tr><th>Phase · touchpoint</th><th class=\"num\">Documents</th><th class=\"num\">Mean sentiment</th>"
              + "<th class=\"num\">Pain points</th><th>Top pain points and a quote</th></tr></thead>\n<tbody>\n")
        for c in hot {
            m.open("tr", [("data-phase", c.phase), ("data-touchpoint", c.touchpoint)])
            m.element("td", [], "\(map.phaseName(c.phase)) · \(map.touchpointName(c.touchpoint))")
            m.element("td", [("class", "num")], Format.count(c.documents))
            m.open("td", [("class", "num")]); m.raw(HTMLReport.sentimentCell(c.meanSentiment)); m.close("td")
            m.element("td", [("class", "num")], Format.count(c.painPoints))
            m.open("td")
            m.add(c.topPainPoints.map { "\($0.label) (\($0.count))" }.joined(separator: "; "))
            if let q = c.quote { m.raw(HTMLReport.quote(q)) }
            m.close("td")
            m.close("tr")
            m.newline()
        }
        m.raw("</tbody></table>\n")
    }

    /// Every non-empty cell, one collapsible list per phase.
    func cellDetails(_ m: inout Markup) {
        let map = data.journey
        guard !map.cells.isEmpty else { return }
        m.element("h3", [], "Every cell")
        for phase in map.phases {
            let cells = map.touchpoints.compactMap { map.cell(phase.id, $0.id) }
            guard !cells.isEmpty else { continue }
            m.open("details", [("class", "phase-cells"), ("data-phase", phase.id)])
            m.element("summary", [], "\(phase.name): \(cells.count) touchpoint\(cells.count == 1 ? "" : "s"), "
                      + "\(Format.count(phase.documents, "document")), mean \(Format.sentiment(phase.meanSentiment))")
            m.open("ul")
            for c in cells {
                m.open("li", [("data-touchpoint", c.touchpoint)])
                m.element("strong", [], map.touchpointName(c.touchpoint))
                m.add(": \(Format.count(c.documents, "document")), mean ")
                m.raw(HTMLReport.sentimentCell(c.meanSentiment))
                m.add(", \(Format.count(c.painPoints, "pain point"))")
                if !c.topPainPoints.isEmpty { m.add(": " + c.topPainPoints.map { "\($0.label) (\($0.count))" }.joined(separator: "; ")) }
                if let q = c.quote { m.raw(HTMLReport.quote(q)) }
                m.close("li")
                m.newline()
            }
            m.close("ul")
            m.close("details")
            m.newline()
        }
    }
}
