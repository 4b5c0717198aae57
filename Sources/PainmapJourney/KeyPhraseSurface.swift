/// How a key phrase's problem reads after its subject: without its first word when that word repeats the
/// subject's last ("payment" + "payment failure" reads "payment failure").
enum KeyPhraseSurface {
    static func problem(_ problem: String, after subject: String) -> String {
        asciiProblem(problem, after: subject) ?? generalProblem(problem, after: subject)
    }

    /// The definition: words as `split(separator: " ")` cuts them, by Characters.
    static func generalProblem(_ problem: String, after subject: String) -> String {
        guard let first = problem.split(separator: " ").first, subject.split(separator: " ").last == first else { return problem }
        return problem.split(separator: " ").dropFirst().joined(separator: " ")
    }

    /// The same for ASCII texts (nearly all), on bytes: an ASCII space is a Character of its own and equal
    /// ASCII words are equal bytes. String splitting cost ~4,500 instructions a call, a tenth of pain-point
    /// extraction. Nil when either text is not ASCII.
    static func asciiProblem(_ problem: String, after subject: String) -> String? {
        var problem = problem, subject = subject
        return problem.withUTF8 { p in subject.withUTF8 { s -> String? in
            guard p.allSatisfy({ $0 < 0x80 }), s.allSatisfy({ $0 < 0x80 }) else { return nil }
            let space: UInt8 = 0x20
            var a = 0
            while a < p.count, p[a] == space { a += 1 }
            var b = a
            while b < p.count, p[b] != space { b += 1 }
            var e = s.count
            while e > 0, s[e - 1] == space { e -= 1 }
            var d = e
            while d > 0, s[d - 1] != space { d -= 1 }
            // No first word, no last word, or different words: unchanged.
            guard a < b, d < e, b - a == e - d, (0..<(b - a)).allSatisfy({ p[a + $0] == s[d + $0] }) else {
                return String(decoding: p, as: UTF8.self)
            }
            var out: [UInt8] = []
            var i = b
            while i < p.count {
                while i < p.count, p[i] == space { i += 1 }
                var j = i
                while j < p.count, p[j] != space { j += 1 }
                if j > i {
                    if !out.isEmpty { out.append(space) }
                    out.append(contentsOf: p[i..<j])
                }
                i = j
            }
            return String(decoding: out, as: UTF8.self)
        } }
    }
}
