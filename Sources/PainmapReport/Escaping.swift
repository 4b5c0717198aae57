/// Escaping of customers' and users' text for the report's output formats.
public enum Escape {
    /// For HTML and SVG text and attribute values: `&`, `<`, `>`, `"` and `'` become entities, and control
    /// characters other than tab and newline (never valid in HTML) are dropped.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(ch)
            case "\r": break
            default:
                if ch.value < 0x20 || (0x7F...0x9F).contains(ch.value) { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// For a Markdown table cell or list item: one line, with the characters that would start markup or
    /// raw HTML made literal. `&` stays readable ("Returns & refunds") unless it could start an entity.
    public static func markdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        var lastWasSpace = false
        let scalars = Array(s.unicodeScalars)
        for (i, ch) in scalars.enumerated() {
            switch ch {
            case "\n", "\r", "\t":
                if !lastWasSpace { out += " " }
                lastWasSpace = true
                continue
            case "&":
                let next = i + 1 < scalars.count ? scalars[i + 1] : " "
                out += next == "#" || next.properties.isAlphabetic ? "&amp;" : "&"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|", "\\", "`", "*", "_", "[", "]", "~": out += "\\"; out.unicodeScalars.append(ch)
            default:
                if ch.value < 0x20 || (0x7F...0x9F).contains(ch.value) { continue }
                out.unicodeScalars.append(ch)
            }
            lastWasSpace = ch == " "
        }
        return out
    }

    /// Shortens `s` to at most `max` characters, on a word boundary when one is near, ending with "…".
    public static func truncate(_ s: String, _ max: Int) -> String {
        let oneLine = s.split(whereSeparator: { $0.isNewline }).joined(separator: " / ")
        guard oneLine.count > max else { return oneLine }
        var cut = String(oneLine.prefix(max - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > max * 2 / 3 {
            cut = String(cut[..<space])
        }
        return cut.trimmingTrailingSpaces() + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
