import Foundation

/// The report's diverging colour scale for sentiment: orange for negative, a warm grey for neutral, blue for
/// positive. Blue against orange stays apart for the common colour-vision deficiencies (red-green), and
/// the two ends also differ in lightness. Every use prints the number beside the colour.
public enum Palette {
    /// Sentiment at or beyond which the scale saturates: cells rarely average beyond it.
    public static let limit = 0.6

    /// (sentiment, red, green, blue)
    static let stops: [(Double, Double, Double, Double)] = [
        (-0.6, 166, 72, 10),
        (-0.3, 240, 156, 84),
        (0.0, 245, 243, 240),
        (0.3, 125, 176, 221),
        (0.6, 33, 95, 160),
    ]

    /// The colour for a mean sentiment, as #rrggbb.
    public static func color(_ sentiment: Double) -> String {
        let (r, g, b) = rgb(sentiment)
        return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }

    static func rgb(_ sentiment: Double) -> (Double, Double, Double) {
        let v = min(limit, max(-limit, sentiment.isFinite ? sentiment : 0))
        for k in 1..<stops.count where v <= stops[k].0 {
            let (a, b) = (stops[k - 1], stops[k])
            let t = (v - a.0) / (b.0 - a.0)
            return (a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t, a.3 + (b.3 - a.3) * t)
        }
        let last = stops[stops.count - 1]
        return (last.1, last.2, last.3)
    }

    /// Dark or white text, whichever reads better on the sentiment's colour.
    public static func textColor(_ sentiment: Double) -> String {
        let (r, g, b) = rgb(sentiment)
        func lin(_ c: Double) -> Double { let s = c / 255; return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        let luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
        return luminance < 0.3 ? "#ffffff" : "#1b1b1b"
    }

    /// The colours of the sentiment labels in the timeline.
    public static let negative = color(-0.42)
    public static let neutral = "#c9c4bc"
    public static let positive = color(0.42)
    /// Lines and axes.
    public static let ink = "#1b1b1b"
    public static let muted = "#6b6660"
    public static let grid = "#e4e0da"
    public static let empty = "#ffffff"
}
