import Foundation
import PainmapText

/// A touchpoint of a journey template: where the customer meets the company.
public struct Touchpoint: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Usual phases, most usual first.
    public var phases: [JourneyPhase]
    /// Cue words and phrases (matched on stems).
    public var cues: [String]
}

/// A journey template: touchpoints with their phases and cues, and the phase cues shared by all templates.
/// Loaded from `lexicons/journeys/<template>.tsv` and `lexicons/journeys/phases.tsv`, or from a user's file.
public struct JourneyTaxonomy: Sendable {
    /// Template name ("generic") or the file's path.
    public let id: String
    public let touchpoints: [Touchpoint]
    public let phaseNames: [JourneyPhase: String]
    public let phaseCues: [JourneyPhase: [String]]
    /// Short content hash of the files, for the store's version columns.
    public let contentHash: String

    public static let templates = ["generic", "ecommerce", "banking", "healthcare", "saas"]

    public func touchpoint(_ id: String) -> Touchpoint? { touchpoints.first { $0.id == id } }

    /// `template` is a template name or the path of a taxonomy file (a copy of a template, edited).
    public static func load(_ template: String = "generic", lexicons: String? = nil) throws -> JourneyTaxonomy {
        let dir = try ResourceLocator.lexiconsDirectory(override: lexicons) + "/journeys"
        let path = templates.contains(template) ? "\(dir)/\(template).tsv" : template
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataFileError(file: path, line: 0, "no such journey template or file (templates: \(templates.joined(separator: ", ")))")
        }
        let (touchpoints, tpHash) = try parseTouchpoints(path)
        let (names, cues, phHash) = try parsePhases("\(dir)/phases.tsv")
        return JourneyTaxonomy(id: templates.contains(template) ? template : path, touchpoints: touchpoints,
                               phaseNames: names, phaseCues: cues, contentHash: String(tpHash ^ phHash, radix: 16))
    }

    static func parseTouchpoints(_ path: String) throws -> ([Touchpoint], UInt64) {
        let rows = try DataFile.rows(path)
        guard let header = rows.first else { throw DataFileError(file: path, line: 1, "empty taxonomy file") }
        let expected = ["touchpoint", "name", "phases", "cues"]
        guard header.fields.map({ $0.lowercased() }) == expected else {
            throw DataFileError(file: path, line: header.line, "header must be \(expected.joined(separator: "<TAB>")), found \(header.fields.joined(separator: "<TAB>"))")
        }
        var out: [Touchpoint] = []
        var seen = Set<String>()
        for row in rows.dropFirst() {
            guard row.fields.count == 4 else {
                throw DataFileError(file: path, line: row.line, column: row.column(of: min(row.fields.count, 3)),
                                    "expected 4 tab-separated fields (touchpoint, name, phases, cues), found \(row.fields.count)")
            }
            let id = row.fields[0].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty, id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else {
                throw DataFileError(file: path, line: row.line, column: 1, "touchpoint id '\(id)' must be lowercase letters, digits and _")
            }
            guard seen.insert(id).inserted else { throw DataFileError(file: path, line: row.line, column: 1, "touchpoint '\(id)' appears twice") }
            var phases: [JourneyPhase] = []
            for p in row.fields[2].split(separator: ",") {
                let name = p.trimmingCharacters(in: .whitespaces)
                guard let phase = JourneyPhase(rawValue: name) else {
                    throw DataFileError(file: path, line: row.line, column: row.column(of: 2),
                                        "unknown phase '\(name)' (phases: \(JourneyPhase.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                phases.append(phase)
            }
            guard !phases.isEmpty else { throw DataFileError(file: path, line: row.line, column: row.column(of: 2), "touchpoint '\(id)' has no phase") }
            let cues = splitCues(row.fields[3])
            guard !cues.isEmpty else { throw DataFileError(file: path, line: row.line, column: row.column(of: 3), "touchpoint '\(id)' has no cues") }
            out.append(Touchpoint(id: id, name: row.fields[1].trimmingCharacters(in: .whitespaces), phases: phases, cues: cues))
        }
        guard !out.isEmpty else { throw DataFileError(file: path, line: header.line, "no touchpoints") }
        return (out, fileHash(path))
    }

    static func parsePhases(_ path: String) throws -> ([JourneyPhase: String], [JourneyPhase: [String]], UInt64) {
        let rows = try DataFile.rows(path)
        var names: [JourneyPhase: String] = [:], cues: [JourneyPhase: [String]] = [:]
        for row in rows.dropFirst() {
            guard row.fields.count == 3 else {
                throw DataFileError(file: path, line: row.line, "expected 3 tab-separated fields (phase, name, cues), found \(row.fields.count)")
            }
            guard let phase = JourneyPhase(rawValue: row.fields[0].trimmingCharacters(in: .whitespaces)) else {
                throw DataFileError(file: path, line: row.line, column: 1, "unknown phase '\(row.fields[0])'")
            }
            names[phase] = row.fields[1]
            cues[phase] = splitCues(row.fields[2])
        }
        for p in JourneyPhase.allCases where names[p] == nil {
            throw DataFileError(file: path, line: rows.last?.line ?? 0, "phase '\(p.rawValue)' is missing")
        }
        return (names, cues, fileHash(path))
    }

    static func splitCues(_ field: String) -> [String] {
        field.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    static func fileHash(_ path: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in FileManager.default.contents(atPath: path) ?? Data() { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
