import Foundation

/// Builds SVG (and HTML) markup: every attribute value and text is escaped here, so no caller can forget.
struct Markup {
    private(set) var text = ""

    /// `<name a="v" ...>`; nil values are left out.
    mutating func open(_ name: String, _ attributes: [(String, String?)] = []) {
        text += "<" + name + Markup.attributes(attributes) + ">"
    }

    mutating func close(_ name: String) { text += "</" + name + ">" }

    /// `<name a="v"/>` (SVG shapes).
    mutating func empty(_ name: String, _ attributes: [(String, String?)]) {
        text += "<" + name + Markup.attributes(attributes) + "/>"
    }

    /// `<name a="v">escaped text</name>`
    mutating func element(_ name: String, _ attributes: [(String, String?)] = [], _ content: String) {
        open(name, attributes)
        text += Escape.html(content)
        close(name)
    }

    /// Escaped text.
    mutating func add(_ content: String) { text += Escape.html(content) }

    /// Markup built elsewhere (already escaped).
    mutating func raw(_ markup: String) { text += markup }

    mutating func newline() { text += "\n" }

    static func attributes(_ list: [(String, String?)]) -> String {
        var s = ""
        for (k, v) in list { if let v { s += " " + k + "=\"" + Escape.html(v) + "\"" } }
        return s
    }

    /// A coordinate or length with at most one decimal.
    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    static func n(_ v: Int) -> String { String(v) }
}
