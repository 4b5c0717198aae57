import Foundation
import PainmapText
import XCTest

@testable import PainmapJourney

/// The journey stage's data, loaded once: `JourneyResources.load(useModelCache: false)` trains the default
/// topic and phase models from corpora/ (several seconds in a debug build), so every test class asks for it in
/// its class-level `setUp` and the first one to run pays for the training.
enum JourneyFixture {
    private static let generic: Result<JourneyResources, any Error> = Result {
        try JourneyResources.load(useModelCache: false)
    }

    /// The resources of `journey` (a template name or a taxonomy file): the generic resources with that
    /// taxonomy swapped in, as `JourneyResources.load(journey:)` would build them, without training again.
    static func resources(journey: String = "generic") throws -> JourneyResources {
        let base = try generic.get()
        if journey == "generic" { return base }
        return base.with(taxonomy: try JourneyTaxonomy.load(journey))
    }

    static func analyzer(journey: String = "generic") throws -> FeedbackAnalyzer {
        try FeedbackAnalyzer(resources: resources(journey: journey))
    }

    /// The repository's lexicons folder.
    static func lexicons() throws -> String { try ResourceLocator.lexiconsDirectory() }
}

extension JourneyResources {
    func with(taxonomy: JourneyTaxonomy) -> JourneyResources {
        var v = versions
        v.journey = "\(taxonomy.id)@\(taxonomy.contentHash)"
        return JourneyResources(text: text, lexicon: lexicon, taxonomy: taxonomy, models: models, painCues: painCues,
                                problems: problems, topicPhases: topicPhases, stemDocumentFrequency: stemDocumentFrequency,
                                corpusSize: corpusSize, versions: v)
    }
}

/// The original text of a span, in Unicode scalars, sliced independently of the code under test.
func slice(_ text: String, _ span: Span) -> String? {
    let s = Array(text.unicodeScalars)
    guard 0 <= span.start, span.start <= span.end, span.end <= s.count else { return nil }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: s[span.start..<span.end])
    return String(out)
}

/// A one-line summary of an analysis, for failure messages.
func summary(_ a: FeedbackAnalysis) -> String {
    let tps = a.touchpoints.map { "\($0.id) \"\($0.evidence)\" \($0.score)" }.joined(separator: ", ")
    let pains = a.painPoints.map { "[\($0.phrase) sev \($0.severity) churn \($0.churnRisk) \"\($0.text)\"]" }.joined(separator: " ")
    return "sentiment \(a.sentiment.compound), topic \(a.topic.label) (\(a.topic.confidence)), phase \(a.phase.label) (\(a.phase.confidence)), touchpoints: \(tps); pains: \(pains)"
}

/// A scratch folder removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("painmap-journey-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}
