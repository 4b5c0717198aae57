import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Just enough parsing of the report's output to check it: an element tree of the SVG map (it is XML), tag
/// balance of the whole page, and attribute look-ups.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLElementNode] = []
    var text = ""
    weak var parent: XMLElementNode?

    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

    /// Every descendant (depth first) that passes `test`.
    func all(_ test: (XMLElementNode) -> Bool) -> [XMLElementNode] {
        var out: [XMLElementNode] = []
        for c in children {
            if test(c) { out.append(c) }
            out += c.all(test)
        }
        return out
    }

    func withClass(_ c: String) -> [XMLElementNode] { all { $0.classes.contains(c) } }

    /// The text of this element and its descendants.
    var allText: String { text + children.map(\.allText).joined() }
}

final class TreeBuilder: NSObject, XMLParserDelegate {
    let root = XMLElementNode(name: "#document", attributes: [:])
    private var current: XMLElementNode
    var error: Error?

    override init() { current = root }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let node = XMLElementNode(name: name, attributes: attributes)
        node.parent = current
        current.children.append(node)
        current = node
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = current.parent ?? root
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current.text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    /// Parses XML text; nil with the error when it is not well-formed.
    static func parse(_ xml: String) -> (XMLElementNode?, Error?) {
        let p = XMLParser(data: Data(xml.utf8))
        let b = TreeBuilder()
        p.delegate = b
        let ok = p.parse()
        return ok && b.error == nil ? (b.root, nil) : (nil, b.error ?? p.parserError)
    }
}

enum HTMLCheck {
    static let voidElements: Set<String> = ["meta", "br", "link", "img", "input", "hr", "col", "source", "wbr", "area", "base", "embed",
                                            "param", "track"]

    /// The elements of `html` that are left open or closed without being open (contents of <style> skipped),
    /// in order; empty when the tags balance.
    static func unbalancedTags(_ html: String) -> [String] {
        var text = html
        while let s = text.range(of: "<style>"), let e = text.range(of: "</style>", range: s.upperBound..<text.endIndex) {
            text.replaceSubrange(s.lowerBound..<e.upperBound, with: "")
        }
        let tag = try! NSRegularExpression(pattern: "<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
        var stack: [String] = []
        var problems: [String] = []
        let ns = text as NSString
        for m in tag.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let closing = ns.substring(with: m.range(at: 1)) == "/"
            let name = ns.substring(with: m.range(at: 2)).lowercased()
            let rest = ns.substring(with: m.range(at: 3))
            if closing {
                if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> while \(stack.last ?? "nothing") is open") }
            } else if !voidElements.contains(name), !rest.hasSuffix("/") {
                stack.append(name)
            }
        }
        return problems + stack.map { "<\($0)> never closed" }
    }

    /// The value of every `name="..."` attribute on tags that start with `prefix` (e.g. `<tr data-phrase`), unescaped.
    static func attributes(_ html: String, tag prefix: String) -> [[String: String]] {
        let tagRE = try! NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: prefix) + "[^>]*>")
        let attrRE = try! NSRegularExpression(pattern: "([a-zA-Z-]+)=\"([^\"]*)\"")
        let ns = html as NSString
        return tagRE.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { m in
            let t = ns.substring(with: m.range) as NSString
            var out: [String: String] = [:]
            for a in attrRE.matches(in: t as String, range: NSRange(location: 0, length: t.length)) {
                out[t.substring(with: a.range(at: 1))] = unescape(t.substring(with: a.range(at: 2)))
            }
            return out
        }
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The markup from `<svg class="journey-map"` to its `</svg>`.
    static func mapSVG(_ html: String) -> String? {
        guard let s = html.range(of: "<svg class=\"journey-map\""), let e = html.range(of: "</svg>", range: s.upperBound..<html.endIndex) else { return nil }
        return String(html[s.lowerBound..<e.upperBound])
    }

    static func count(_ needle: String, in hay: String) -> Int { hay.components(separatedBy: needle).count - 1 }
}
