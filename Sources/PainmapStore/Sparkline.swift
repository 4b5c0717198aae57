/// Unicode sparklines: one block character per value, scaled from zero to the series' maximum.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `[0, 2, 5, 9]` -> "▁▂▅█". A zero is the lowest block; nil (no data) is a space.
    public static func render(_ values: [Double?]) -> String {
        let top = values.compactMap { $0 }.max() ?? 0
        return String(values.map { v -> Character in
            guard let v else { return " " }
            guard top > 0, v > 0 else { return blocks[0] }
            return blocks[min(blocks.count - 1, Int((v / top * Double(blocks.count - 1)).rounded()))]
        })
    }

    public static func render(_ values: [Int]) -> String { render(values.map { Double($0) }) }

    /// For values in [-1, 1] (sentiment): scaled from the minimum to the maximum seen.
    public static func renderSigned(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return String(repeating: " ", count: values.count) }
        let span = hi - lo
        return String(values.map { v -> Character in
            guard let v else { return " " }
            guard span > 1e-9 else { return blocks[3] }
            return blocks[Int(((v - lo) / span * Double(blocks.count - 1)).rounded())]
        })
    }

    /// Shrinks a long series to at most `width` values by summing neighbours.
    public static func fold(_ values: [Int], width: Int) -> [Int] {
        guard values.count > width, width > 0 else { return values }
        var out = Array(repeating: 0, count: width)
        for (i, v) in values.enumerated() { out[i * width / values.count] += v }
        return out
    }
}
