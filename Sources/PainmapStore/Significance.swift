import Foundation

/// The statistics behind `painmap emerging`.
///
/// A theme's counts in two windows are taken as Poisson with rates proportional to each window's total
/// volume. Given the theme's combined count n = current + previous, the current count is then
/// Binomial(n, p0) with p0 = currentTotal / (currentTotal + previousTotal) when nothing changed (the
/// conditional test for comparing two Poisson rates). The one-sided p-value is P(X >= current). Over all
/// themes tested, Benjamini-Hochberg q-values bound the share of false discoveries.
public enum Significance {
    /// The rise test shared by `painmap emerging` and the report: each theme's current count against
    /// Binomial(current + previous, share of the current window in the total volume), one-sided,
    /// Benjamini-Hochberg over every theme with at least `minCount` mentions now. Rows come back ranked
    /// (p-value, then larger rate ratio, then key), all tested themes, with q and `significant` set.
    public static func rises(_ counts: [(key: String, current: Int, previous: Int)], currentTotal n1: Int,
                             previousTotal n0: Int, minCount: Int, alpha: Double) -> [EmergingRow] {
        let p0 = n1 + n0 > 0 ? Double(n1) / Double(n1 + n0) : 0.5
        var rows: [EmergingRow] = []
        for c in counts where c.current >= max(1, minCount) {
            let n = c.current + c.previous
            let p = n0 == 0 ? 1 : binomialUpperTail(k: c.current, n: n, p: p0)
            let ratio = c.previous == 0 ? Double.infinity
                : (Double(c.current) / Double(max(n1, 1))) / (Double(c.previous) / Double(max(n0, 1)))
            rows.append(EmergingRow(key: c.key, label: c.key, current: c.current, previous: c.previous, expected: Double(n) * p0,
                                    rateRatio: ratio, pValue: p, qValue: 1, significant: false))
        }
        let q = benjaminiHochberg(rows.map(\.pValue))
        for i in rows.indices {
            rows[i].qValue = q[i]
            rows[i].significant = q[i] <= alpha && Double(rows[i].current) > rows[i].expected
        }
        return rows.sorted { ($0.pValue, -$0.rateRatio, $0.key) < ($1.pValue, -$1.rateRatio, $1.key) }
    }

    /// P(X >= k) for X ~ Binomial(n, p).
    public static func binomialUpperTail(k: Int, n: Int, p: Double) -> Double {
        if k <= 0 { return 1 }
        if k > n { return 0 }
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        return regularizedIncompleteBeta(a: Double(k), b: Double(n - k + 1), x: p)
    }

    /// I_x(a, b), by the continued fraction evaluated with the modified Lentz method.
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(lnFront) * continuedFraction(a: a, b: b, x: x) / a
        }
        let lnFrontSwapped = lgamma(a + b) - lgamma(b) - lgamma(a) + b * log1p(-x) + a * log(x)
        return 1 - exp(lnFrontSwapped) * continuedFraction(a: b, b: a, x: 1 - x) / b
    }

    static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300, eps = 1e-14
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 100_000 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
            m += 1
        }
        return h
    }

    /// Benjamini-Hochberg adjusted p-values (q-values), in the order given.
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let n = p.count
        guard n > 0 else { return [] }
        let order = p.indices.sorted { p[$0] > p[$1] }   // largest first
        var q = [Double](repeating: 1, count: n)
        var running = 1.0
        for (k, i) in order.enumerated() {
            let rank = n - k
            running = min(running, p[i] * Double(n) / Double(rank))
            q[i] = min(1, running)
        }
        return q
    }
}
