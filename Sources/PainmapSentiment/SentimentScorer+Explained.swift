import PainmapText

extension SentimentScorer {
    /// How a rule that scaled part of a sum says so in `painmap explain`: each explained contribution from
    /// `first` on with the sign of `positive`, whose span is exactly one token of `range` whose form `matches`,
    /// is multiplied by `factor` and notes "`rule` x`factor`". Only called when explaining.
    func scaleExplained(_ contributions: inout [SentimentContribution], from first: Int, positive: Bool, by factor: Double,
                        rule: String, in range: Range<Int>, _ tokens: [Token], where matches: (UInt32) -> Bool) {
        for c in first..<contributions.count where positive ? contributions[c].adjusted > 0 : contributions[c].adjusted < 0 {
            let span = contributions[c].span
            guard let k = range.first(where: { tokens[$0].span.start == span.start }), tokens[k].span.end == span.end,
                  matches(tokens[k].form) else { continue }
            contributions[c].adjusted *= factor
            contributions[c].rules.append("\(rule) x\(factor)")
        }
    }
}
