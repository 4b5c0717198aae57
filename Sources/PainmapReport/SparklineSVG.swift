import Foundation

/// A small inline SVG line of counts per time bucket, scaled from zero to the series' maximum, with the
/// latest value marked. The numbers are in its `<title>` and `aria-label`.
struct SparklineSVG {
    var values: [Int]
    var labels: [String]
    var width = 120.0
    var height = 26.0

    func render() -> String {
        var m = Markup()
        let top = max(1, values.max() ?? 1)
        let summary = "mentions per bucket, max \(values.max() ?? 0): " + values.map(String.init).joined(separator: " ")
        m.open("svg", [("class", "sparkline"), ("viewBox", "0 0 \(Markup.n(width)) \(Markup.n(height))"), ("width", Markup.n(width)),
                       ("height", Markup.n(height)), ("role", "img"), ("aria-label", summary)])
        m.element("title", [], zip(labels, values).map { "\($0): \($1)" }.joined(separator: "\n"))
        guard values.count > 1 else {
            m.close("svg")
            return m.text
        }
        let pad = 2.0
        func point(_ i: Int) -> (Double, Double) {
            (pad + (width - 2 * pad) * Double(i) / Double(values.count - 1),
             height - pad - (height - 2 * pad) * Double(values[i]) / Double(top))
        }
        let pts = values.indices.map(point)
        let line = pts.map { "\(Markup.n($0.0)),\(Markup.n($0.1))" }.joined(separator: " ")
        m.empty("polygon", [("points", "\(Markup.n(pad)),\(Markup.n(height - pad)) \(line) \(Markup.n(width - pad)),\(Markup.n(height - pad))"),
                            ("fill", Palette.grid)])
        m.empty("polyline", [("points", line), ("fill", "none"), ("stroke", Palette.ink), ("stroke-width", "1.4"),
                             ("stroke-linejoin", "round")])
        let last = pts[pts.count - 1]
        m.empty("circle", [("cx", Markup.n(last.0)), ("cy", Markup.n(last.1)), ("r", "2.2"), ("fill", Palette.ink)])
        m.close("svg")
        return m.text
    }
}
