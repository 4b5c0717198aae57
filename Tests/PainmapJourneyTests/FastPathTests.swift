import XCTest

@testable import PainmapJourney

/// Hand-written shortcuts in journey mapping and pain points give what their general definitions give.
final class FastPathTests: XCTestCase {
    func testPhaseSlotsFollowAllCases() {
        for (i, p) in JourneyPhase.allCases.enumerated() { XCTAssertEqual(JourneyMapper.slot(p), i) }
    }

    func testASCIIKeyPhraseSurfaceMatchesTheGeneralPath() {
        let subjects = ["payment", "account & login", "delivery", "", " ", "my  app ", "card"]
        let problems = ["payment failure", "login failure", "delay", "", "  ", "app  crash  now ", "not helpful", "card",
                        " card declined", "cards"]
        for s in subjects {
            for p in problems {
                XCTAssertEqual(KeyPhraseSurface.asciiProblem(p, after: s), KeyPhraseSurface.generalProblem(p, after: s), "\(s) | \(p)")
            }
        }
        XCTAssertNil(KeyPhraseSurface.asciiProblem("café crash", after: "café"))
        XCTAssertEqual(KeyPhraseSurface.problem("café crash", after: "the café"), "crash")
    }
}

extension FastPathTests {
    func testJoinedMatchesCompactMapJoined() {
        let values: [String?] = [nil, "", "payment", "login failure"]
        for a in values {
            for b in values {
                XCTAssertEqual(PainPointExtractor.joined(a, b), [a, b].compactMap { $0 }.joined(separator: " "))
            }
        }
    }
}
