import Foundation

/// Sentiment over time as inline SVG: above, documents per bucket stacked by sentiment label (negative at the
/// bottom, so its rise or fall is easy to follow); below, mean sentiment per bucket on a scale centred on zero.
/// Buckets cut short by the period's ends are drawn lighter and marked "partial". Axes carry numbers, and
/// each bucket's figures are in its `<title>`.
struct TimelineSVG {
    var buckets: [TimelineBucket]
    var width = 1340.0

    static let left = 56.0
    static let right = 16.0
    static let barsTop = 14.0
    static let barsHeight = 170.0
    static let lineTop = 232.0
    static let lineHeight = 110.0
    static let height = 374.0

    func render() -> String {
        typealias L = TimelineSVG
        var m = Markup()
        m.open("svg", [("class", "timeline"), ("viewBox", "0 0 \(Markup.n(width)) \(Markup.n(L.height))"), ("width", Markup.n(width)),
                       ("height", Markup.n(L.height)), ("role", "img"),
                       ("aria-label", "Documents per \(buckets.count > 0 ? "bucket" : "period") by sentiment label, and mean sentiment over time")])
        guard !buckets.isEmpty else {
            m.element("text", [("x", "20"), ("y", "40"), ("class", "axis")], "No dated documents.")
            m.close("svg")
            return m.text
        }
        let plotWidth = width - L.left - L.right
        let step = plotWidth / Double(buckets.count)
        let barWidth = max(1, step * 0.78)
        let maxDocs = max(1, buckets.map(\.documents).max() ?? 1)
        let yMax = TimelineSVG.niceCeiling(maxDocs)

        // Count axis and grid.
        for k in 0...4 {
            let v = yMax * k / 4
            let y = L.barsTop + L.barsHeight - L.barsHeight * Double(v) / Double(yMax)
            m.empty("line", [("x1", Markup.n(L.left)), ("x2", Markup.n(width - L.right)), ("y1", Markup.n(y)), ("y2", Markup.n(y)),
                             ("stroke", Palette.grid)])
            m.element("text", [("class", "axis"), ("x", Markup.n(L.left - 6)), ("y", Markup.n(y + 4)), ("text-anchor", "end")], Format.count(v))
        }
        m.element("text", [("class", "axis-title"), ("x", Markup.n(L.left)), ("y", "10")], "documents")

        // Stacked bars.
        let labelEvery = max(1, Int((70 / step).rounded(.up)))
        for (i, b) in buckets.enumerated() {
            let x = L.left + step * Double(i) + (step - barWidth) / 2
            var y = L.barsTop + L.barsHeight
            m.open("g", [("class", "bucket"), ("data-start", b.label), ("data-documents", String(b.documents)),
                         ("opacity", b.isPartial ? "0.55" : nil)])
            m.element("title", [], bucketTitle(b))
            for (n, color, name) in [(b.negative, Palette.negative, "negative"), (b.neutral, Palette.neutral, "neutral"),
                                     (b.positive, Palette.positive, "positive")] where n > 0 {
                let h = L.barsHeight * Double(n) / Double(yMax)
                y -= h
                m.empty("rect", [("class", name), ("x", Markup.n(x)), ("y", Markup.n(y)), ("width", Markup.n(barWidth)), ("height", Markup.n(h)),
                                 ("fill", color)])
            }
            m.close("g")
            if i % labelEvery == 0 || i == buckets.count - 1 && labelEvery == 1 {
                m.element("text", [("class", "axis"), ("x", Markup.n(x + barWidth / 2)), ("y", Markup.n(L.barsTop + L.barsHeight + 16)),
                                   ("text-anchor", "middle")], shortLabel(b.label))
            }
            if b.isPartial {
                m.element("text", [("class", "partial"), ("x", Markup.n(x + barWidth / 2)), ("y", Markup.n(y - 4)),
                                   ("text-anchor", "middle")], "partial")
            }
        }

        // Mean sentiment: a scale centred on zero, wide enough for every bucket.
        let means = buckets.compactMap(\.meanSentiment)
        let extent = max(0.2, ((means.map(abs).max() ?? 0) * 10).rounded(.up) / 10)
        func yOf(_ s: Double) -> Double { L.lineTop + L.lineHeight / 2 - L.lineHeight / 2 * s / extent }
        m.element("text", [("class", "axis-title"), ("x", Markup.n(L.left)), ("y", Markup.n(L.lineTop - 12))],
                  "mean sentiment (-1 to +1); the colour band is the same scale as the map")
        for s in [-extent, -extent / 2, 0, extent / 2, extent] {
            let y = yOf(s)
            m.empty("line", [("x1", Markup.n(L.left)), ("x2", Markup.n(width - L.right)), ("y1", Markup.n(y)), ("y2", Markup.n(y)),
                             ("stroke", s == 0 ? Palette.muted : Palette.grid), ("stroke-dasharray", s == 0 ? "4 3" : nil)])
            m.element("text", [("class", "axis"), ("x", Markup.n(L.left - 6)), ("y", Markup.n(y + 4)), ("text-anchor", "end")],
                      Format.sentiment(s))
        }
        // Colour band along the axis: the map's scale.
        for k in 0..<20 {
            let s0 = -extent + 2 * extent * Double(k) / 20, s1 = -extent + 2 * extent * Double(k + 1) / 20
            m.empty("rect", [("x", Markup.n(L.left - 4)), ("y", Markup.n(yOf(s1))), ("width", "4"), ("height", Markup.n(yOf(s0) - yOf(s1))),
                             ("fill", Palette.color((s0 + s1) / 2))])
        }
        var segment: [String] = []
        var segments: [[String]] = []
        var dots = Markup()
        for (i, b) in buckets.enumerated() {
            guard let s = b.meanSentiment else {
                if !segment.isEmpty { segments.append(segment); segment = [] }
                continue
            }
            let x = L.left + step * (Double(i) + 0.5)
            segment.append("\(Markup.n(x)),\(Markup.n(yOf(s)))")
            dots.open("circle", [("cx", Markup.n(x)), ("cy", Markup.n(yOf(s))), ("r", buckets.count > 60 ? "2" : "3.2"), ("fill", Palette.color(s)),
                                 ("stroke", Palette.ink), ("stroke-width", "0.8")])
            dots.element("title", [], "\(b.label): mean \(Format.sentiment(s)) over \(Format.count(b.documents)) documents")
            dots.close("circle")
            if buckets.count <= 16 {
                dots.element("text", [("class", "point-label"), ("x", Markup.n(x)), ("y", Markup.n(yOf(s) - 8)), ("text-anchor", "middle")],
                             Format.sentiment(s))
            }
        }
        if !segment.isEmpty { segments.append(segment) }
        for seg in segments where seg.count > 1 {
            m.empty("polyline", [("points", seg.joined(separator: " ")), ("fill", "none"), ("stroke", Palette.ink), ("stroke-width", "1.6")])
        }
        m.raw(dots.text)
        m.close("svg")
        return m.text
    }

    func bucketTitle(_ b: TimelineBucket) -> String {
        var s = "\(b.label): \(Format.count(b.documents)) documents (\(b.negative) negative, \(b.neutral) neutral, \(b.positive) positive)"
        if let mean = b.meanSentiment { s += ", mean sentiment \(Format.sentiment(mean))" }
        if b.isPartial { s += "; partial: \(b.days) of \(b.bucketDays) days in the period" }
        return s
    }

    /// "2026-08-17" -> "Aug 17"; "2026-08" -> "Aug 2026".
    func shortLabel(_ label: String) -> String {
        let parts = label.split(separator: "-")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count >= 2, let m = Int(parts[1]), (1...12).contains(m) else { return label }
        if parts.count == 2 { return "\(months[m - 1]) \(parts[0])" }
        return "\(months[m - 1]) \(Int(parts[2]) ?? 0)"
    }

    /// A round axis maximum at least `v`: 4, 6, 8, 10, 12, 16 or 20 times a power of ten.
    static func niceCeiling(_ v: Int) -> Int {
        var base = 1
        while true {
            for f in [4, 6, 8, 10, 12, 16, 20] where f * base >= v { return f * base }
            base *= 10
        }
    }
}
