/// Dates as exports write them, parsed into UTC seconds without Foundation's formatters (too slow for a
/// million rows, and too lenient).
///
/// Recognised without help: ISO 8601 (`2026-03-14`, `2026-03-14T09:41:07Z`, `2026-03-14 09:41:07`,
/// offsets and fractions), RFC 2822 (`Sat, 14 Mar 2026 09:41:07 +0100`), `Mar 14, 2026 9:41 AM`,
/// `MM/DD/YYYY HH:mm` and `DD/MM/YYYY HH:mm` (which of the two is decided from the values seen, see
/// `SlashOrder`), `DD.MM.YYYY [HH:mm[:ss]]`, `YYYYMMDD`, epoch seconds (9-10 digits) and milliseconds
/// (12-13 digits). A date without a zone is taken as UTC.
public struct DateParser: Sendable {
    /// A forced format (`--date-format`); nil recognises any of the above.
    public var format: DateFormat?
    /// Day or month first in `a/b/yyyy`; nil until decided (month first, as in the US, when nothing tells).
    public var slashOrder: SlashOrder?

    public init(format: DateFormat? = nil, slashOrder: SlashOrder? = nil) {
        self.format = format
        self.slashOrder = slashOrder
    }

    /// Seconds since 1970-01-01T00:00:00Z, or nil when `text` is not a date this parser accepts.
    public func parse(_ text: String) -> Int64? {
        var s = text
        return s.withUTF8 { p -> Int64? in
            var lo = 0, hi = p.count
            while lo < hi, isSpace(p[lo]) { lo += 1 }
            while hi > lo, isSpace(p[hi - 1]) { hi -= 1 }
            if lo == hi { return nil }
            let b = UnsafeBufferPointer(rebasing: p[lo..<hi])
            switch format {
            case nil: return DateParser.parseAny(b, order: slashOrder ?? .monthFirst)
            case .iso8601?: return DateParser.parseISO(b)
            case .rfc2822?: return DateParser.parseRFC2822(b)
            case .epochSeconds?: return DateParser.parseEpoch(b, milliseconds: false)
            case .epochMilliseconds?: return DateParser.parseEpoch(b, milliseconds: true)
            case .pattern(let pattern)?: return pattern.parse(b)
            }
        }
    }

    static func parseAny(_ b: UnsafeBufferPointer<UInt8>, order: SlashOrder) -> Int64? {
        var digits = 0
        while digits < b.count, isDigit(b[digits]) { digits += 1 }
        if digits == b.count || (digits >= 9 && b[digits] == 0x2E && b[(digits + 1)...].allSatisfy(isDigit)) {
            if digits == 8 { return parseBasicDate(b) }
            if digits == 9 || digits == 10 { return parseEpoch(b, milliseconds: false) }
            if digits == 12 || digits == 13 { return parseEpoch(b, milliseconds: true) }
            return nil
        }
        if digits == 4, b[4] == 0x2D { return parseISO(b) }
        if digits == 4, b[4] == 0x2F { return DatePattern.yearFirstSlash.parse(b) }
        if digits >= 1 && digits <= 2 {
            switch b[digits] {
            case 0x2F: return (order == .dayFirst ? DatePattern.dayFirst : DatePattern.monthFirst).parse(b)
            case 0x2E: return DatePattern.dotted.parse(b)
            case 0x20: return parseRFC2822(b)   // "14 Mar 2026 ..."
            default: return nil
            }
        }
        if digits == 0, isAlpha(b[0]) { return parseRFC2822(b) ?? parseMonthName(b) }
        return nil
    }

    // MARK: ISO 8601

    static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var c = Cursor(b)
        guard let y = c.number(4, 4), c.take(0x2D), let mo = c.number(2, 2), c.take(0x2D), let d = c.number(2, 2) else {
            return parseBasicDate(b)
        }
        var secs = 0
        if !c.atEnd {
            guard c.take(0x54) || c.take(0x74) || c.take(0x20) else { return nil }   // T, t or space
            guard let time = c.time() else { return nil }
            secs = time
            c.skipSpaces()
            guard let offset = c.zone() else { return nil }
            secs -= offset
        }
        guard c.atEnd else { return nil }
        return DateParser.epoch(y, mo, d, seconds: secs)
    }

    static func parseBasicDate(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b.count == 8 else { return nil }
        var c = Cursor(b)
        guard let y = c.number(4, 4), let mo = c.number(2, 2), let d = c.number(2, 2), y >= 1900 else { return nil }
        return DateParser.epoch(y, mo, d, seconds: 0)
    }

    // MARK: epoch

    static func parseEpoch(_ b: UnsafeBufferPointer<UInt8>, milliseconds: Bool) -> Int64? {
        var whole: Int64 = 0
        var i = 0
        var negative = false
        if i < b.count, b[i] == 0x2D { negative = true; i += 1 }
        let start = i
        while i < b.count, isDigit(b[i]) {
            guard whole < Int64.max / 100 else { return nil }
            whole = whole * 10 + Int64(b[i] - 0x30); i += 1
        }
        guard i > start else { return nil }
        if i < b.count {
            guard b[i] == 0x2E, i + 1 < b.count else { return nil }
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1 }
            guard i == b.count else { return nil }
        }
        if negative { whole = -whole }
        return milliseconds ? whole / 1000 : whole
    }

    // MARK: RFC 2822 and month names

    /// `[Sat, ]14 Mar 2026 09:41[:07] [+0100|GMT|UT|EST|...]`.
    static func parseRFC2822(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var c = Cursor(b)
        if c.word() != nil {              // optional day name
            guard c.take(0x2C) else { return nil }
            c.skipSpaces()
        }
        guard let d = c.number(1, 2) else { return nil }
        c.skipSpaces()
        guard let name = c.word(), let mo = month(name) else { return nil }
        c.skipSpaces()
        guard var y = c.number(2, 4) else { return nil }
        if y < 100 { y += y < 50 ? 2000 : 1900 }
        var secs = 0
        c.skipSpaces()
        if !c.atEnd {
            guard let t = c.time() else { return nil }
            secs = t
            c.skipSpaces()
            guard let offset = c.zone() else { return nil }
            secs -= offset
        }
        c.skipSpaces()
        guard c.atEnd else { return nil }
        return epoch(y, mo, d, seconds: secs)
    }

    /// `Mar 14, 2026[ 9:41 AM]` and `March 14 2026`.
    static func parseMonthName(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var c = Cursor(b)
        guard let name = c.word(), let mo = month(name) else { return nil }
        _ = c.take(0x2E)
        c.skipSpaces()
        guard let d = c.number(1, 2) else { return nil }
        _ = c.take(0x2C)
        c.skipSpaces()
        guard let y = c.number(4, 4) else { return nil }
        var secs = 0
        c.skipSpaces()
        if !c.atEnd {
            _ = c.take(0x2C); _ = c.take(0x40); c.skipSpaces()   // "," or "at"/"@" before the time
            if c.peekAlpha { _ = c.word(); c.skipSpaces() }
            guard let t = c.time() else { return nil }
            secs = t
            c.skipSpaces()
            guard let offset = c.zone() else { return nil }
            secs -= offset
        }
        guard c.atEnd else { return nil }
        return epoch(y, mo, d, seconds: secs)
    }

    static func month(_ name: [UInt8]) -> Int? {
        guard name.count >= 3 else { return nil }
        let k = String(decoding: name.prefix(3).map { $0 | 0x20 }, as: UTF8.self)
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let i = months.firstIndex(of: k) else { return nil }
        if name.count > 3 {
            let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december"][i]
            let n = String(decoding: name.map { $0 | 0x20 }, as: UTF8.self)
            guard n == full || n == "sept" else { return nil }
        }
        return i + 1
    }

    // MARK: civil calendar

    /// Seconds since the epoch for a proleptic Gregorian date plus seconds into the day; nil when the date
    /// does not exist (31 April, 29 February 2026, month 13).
    public static func epoch(_ y: Int, _ m: Int, _ d: Int, seconds: Int) -> Int64? {
        guard (1...12).contains(m), d >= 1, d <= daysInMonth(y, m), (1000...9999).contains(y) else { return nil }
        return Int64(daysFromCivil(y, m, d)) * 86400 + Int64(seconds)
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's algorithm, from his public description of the civil calendar).
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// `2026-03-14T09:41:07Z`.
    public static func iso(_ seconds: Int64) -> String {
        let day = Int((seconds >= 0 ? seconds : seconds - 86399) / 86400)
        let (y, m, d) = civilFromDays(day)
        let rest = Int(seconds - Int64(day) * 86400)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))Z"
    }

    /// `2026-03-14` for a day number.
    public static func isoDay(_ day: Int) -> String {
        let (y, m, d) = civilFromDays(day)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The day number of `seconds`.
    public static func day(_ seconds: Int64) -> Int { Int((seconds >= 0 ? seconds : seconds - 86399) / 86400) }

    /// Parses a filter date (`2026-09-01`, or any format above) into a day number.
    public static func filterDay(_ text: String) -> Int? {
        DateParser().parse(text).map(day)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// Which field comes first in a date written `a/b/yyyy`.
public enum SlashOrder: String, Sendable {
    case monthFirst, dayFirst

    /// Decides from sample values: a first field above 12 means day first, a second field above 12 means
    /// month first. Nil when the samples do not tell (every field 12 or less) or contradict each other evenly.
    public static func decide<S: Sequence>(_ samples: S) -> SlashOrder? where S.Element == String {
        var dayFirst = 0, monthFirst = 0
        for s in samples {
            let parts = s.split(whereSeparator: { $0 == " " || $0 == "T" }).first?.split(separator: "/") ?? []
            guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), parts[2].count >= 2 else { continue }
            if a > 12, b <= 12 { dayFirst += 1 }
            if b > 12, a <= 12 { monthFirst += 1 }
        }
        if dayFirst > monthFirst { return .dayFirst }
        if monthFirst > dayFirst { return .monthFirst }
        return nil
    }
}

/// A date format forced with `--date-format`.
public enum DateFormat: Sendable, Hashable, CustomStringConvertible {
    case iso8601, rfc2822, epochSeconds, epochMilliseconds
    case pattern(DatePattern)

    /// `iso8601`, `rfc2822`, `epoch`, `epoch-ms`, or a pattern such as `DD/MM/YYYY HH:mm` (tokens YYYY, YY,
    /// MM, DD, HH, mm, ss, and `A` for AM/PM; other characters must match; a time part in the pattern may be
    /// missing in the value).
    public init?(_ text: String) {
        switch text.lowercased() {
        case "iso8601", "iso-8601", "iso": self = .iso8601
        case "rfc2822", "rfc-2822", "rfc822": self = .rfc2822
        case "epoch", "epoch-s", "unix", "epoch-seconds": self = .epochSeconds
        case "epoch-ms", "unix-ms", "epoch-milliseconds": self = .epochMilliseconds
        default:
            guard let p = DatePattern(text) else { return nil }
            self = .pattern(p)
        }
    }

    public var description: String {
        switch self {
        case .iso8601: "iso8601"
        case .rfc2822: "rfc2822"
        case .epochSeconds: "epoch"
        case .epochMilliseconds: "epoch-ms"
        case .pattern(let p): p.text
        }
    }
}

/// A date pattern of numeric fields and literal characters.
public struct DatePattern: Sendable, Hashable {
    enum Part: Sendable, Hashable { case year4, year2, month, day, hour, minute, second, meridiem, literal(UInt8), space }
    let parts: [Part]
    public let text: String

    static let monthFirst = DatePattern("MM/DD/YYYY HH:mm:ss A")!
    static let dayFirst = DatePattern("DD/MM/YYYY HH:mm:ss A")!
    static let dotted = DatePattern("DD.MM.YYYY HH:mm:ss")!
    static let yearFirstSlash = DatePattern("YYYY/MM/DD HH:mm:ss")!

    public init?(_ text: String) {
        self.text = text
        var parts: [Part] = []
        let b = Array(text.utf8)
        var i = 0
        func run(_ ch: UInt8) -> Int { var n = 0; while i + n < b.count, b[i + n] == ch { n += 1 }; return n }
        var haveYear = false, haveMonth = false, haveDay = false
        while i < b.count {
            let ch = b[i]
            let n = run(ch)
            switch ch {
            case 0x59: guard n == 4 || n == 2 else { return nil }; parts.append(n == 4 ? .year4 : .year2); haveYear = true   // Y
            case 0x4D: guard n <= 2 else { return nil }; parts.append(.month); haveMonth = true   // M
            case 0x44: guard n <= 2 else { return nil }; parts.append(.day); haveDay = true       // D
            case 0x48, 0x68: guard n <= 2 else { return nil }; parts.append(.hour)               // H, h
            case 0x6D: guard n <= 2 else { return nil }; parts.append(.minute)                   // m
            case 0x73: guard n <= 2 else { return nil }; parts.append(.second)                   // s
            case 0x41, 0x61: guard n == 1 else { return nil }; parts.append(.meridiem)           // A, a
            case 0x20: parts.append(.space)
            default:
                if isAlpha(ch) { return nil }
                for _ in 0..<n { parts.append(.literal(ch)) }
            }
            i += n
        }
        guard haveYear, haveMonth, haveDay else { return nil }
        self.parts = parts
    }

    /// Parses `b`; the value may stop at any space before the time fields (a date without its time).
    func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var c = Cursor(b)
        var y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0
        var pm: Bool? = nil
        var k = 0
        while k < parts.count {
            if c.atEnd {
                // Only time fields (and their separators) may be left.
                if parts[k...].contains(where: { [.year4, .year2, .month, .day].contains($0) }) { return nil }
                break
            }
            switch parts[k] {
            case .year4: guard let v = c.number(4, 4) else { return nil }; y = v
            case .year2: guard let v = c.number(2, 2) else { return nil }; y = v + (v < 50 ? 2000 : 1900)
            case .month: guard let v = c.number(1, 2) else { return nil }; mo = v
            case .day: guard let v = c.number(1, 2) else { return nil }; d = v
            case .hour: guard let v = c.number(1, 2), v < 24 else { return nil }; h = v
            case .minute: guard let v = c.number(2, 2), v < 60 else { return nil }; mi = v
            case .second:
                guard let v = c.number(2, 2), v <= 60 else { return nil }
                s = min(v, 59)
                if c.take(0x2E) || c.take(0x2C) { while let ch = c.peek, isDigit(ch) { c.advance() } }
            case .meridiem:
                // Optional: "9:41" as well as "9:41 PM".
                if let w = c.peekWord(), w == "am" || w == "pm" { _ = c.word(); pm = w == "pm" }
            case .literal(let ch):
                if !c.take(ch) {
                    // Seconds are optional: "HH:mm" fits "HH:mm:ss".
                    guard k + 1 < parts.count, parts[k + 1] == .second else { return nil }
                    k += 1
                }
            case .space:
                // Optional when what follows is optional (seconds or AM/PM missing).
                c.skipSpaces()
            }
            k += 1
        }
        // Optional trailing zone.
        c.skipSpaces()
        if !c.atEnd {
            guard let off = c.zone(), c.atEnd else { return nil }
            s -= off
        }
        if let pm {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (pm ? 12 : 0)
        }
        return DateParser.epoch(y, mo, d, seconds: h * 3600 + mi * 60 + s)
    }
}

/// A byte cursor for the parsers above.
struct Cursor {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }
    var atEnd: Bool { i >= b.count }
    var peek: UInt8? { i < b.count ? b[i] : nil }
    var peekAlpha: Bool { i < b.count && isAlpha(b[i]) }
    mutating func advance() { i += 1 }
    mutating func take(_ ch: UInt8) -> Bool {
        if i < b.count, b[i] == ch { i += 1; return true }
        return false
    }
    mutating func skipSpaces() { while i < b.count, isSpace(b[i]) { i += 1 } }
    /// `min`...`max` digits.
    mutating func number(_ min: Int, _ max: Int) -> Int? {
        var v = 0, n = 0
        while n < max, i < b.count, isDigit(b[i]) { v = v * 10 + Int(b[i] - 0x30); i += 1; n += 1 }
        return n >= min ? v : nil
    }
    mutating func word() -> [UInt8]? {
        let s = i
        while i < b.count, isAlpha(b[i]) { i += 1 }
        return i > s ? Array(b[s..<i]) : nil
    }
    /// `HH:mm[:ss[.fff]][ AM|PM]` as seconds into the day.
    mutating func time() -> Int? {
        guard var h = number(1, 2), take(0x3A), let m = number(2, 2) else { return nil }
        var s = 0
        if take(0x3A) {
            guard let v = number(2, 2) else { return nil }
            s = min(v, 59)
            if take(0x2E) || take(0x2C) { while let ch = peek, isDigit(ch) { advance() } }
        }
        let save = i
        skipSpaces()
        if let w = peekWord(), w == "am" || w == "pm" {
            _ = word()
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (w == "pm" ? 12 : 0)
        } else {
            i = save
        }
        guard h < 24 || (h == 24 && m == 0 && s == 0), m < 60 else { return nil }
        return h * 3600 + m * 60 + s
    }
    func peekWord() -> String? {
        var j = i
        while j < b.count, isAlpha(b[j]) { j += 1 }
        return j > i ? String(decoding: b[i..<j].map { $0 | 0x20 }, as: UTF8.self) : nil
    }
    /// A zone at the cursor (or nothing): seconds east of UTC. Nil when there is text that is not a zone.
    mutating func zone() -> Int? {
        if atEnd { return 0 }
        if take(0x5A) || take(0x7A) { return 0 }   // Z
        if let sign = peek, sign == 0x2B || sign == 0x2D {
            advance()
            guard let hh = number(2, 2) else { return nil }
            _ = take(0x3A)
            let mm = number(2, 2) ?? 0
            let v = hh * 3600 + mm * 60
            return sign == 0x2D ? -v : v
        }
        guard let w = word() else { return nil }
        let name = String(decoding: w.map { $0 | 0x20 }, as: UTF8.self)
        let zones: [String: Int] = ["utc": 0, "gmt": 0, "ut": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
                                    "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "bst": 1]
        guard let hours = zones[name] else { return nil }
        if let sign = peek, sign == 0x2B || sign == 0x2D {   // "GMT+2"
            return zone().map { $0 + hours * 3600 }
        }
        return hours * 3600
    }
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
@inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
