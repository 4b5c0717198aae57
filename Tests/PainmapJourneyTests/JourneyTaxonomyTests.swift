import Foundation
import PainmapText
import XCTest

@testable import PainmapJourney

/// The journey templates in lexicons/journeys and the loader's checks of a user's taxonomy file.
final class JourneyTaxonomyTests: XCTestCase {
    static let required: [String: [String]] = {
        let generic = ["website", "mobile_app", "search_and_ads", "social_media", "email", "review_sites", "events", "store",
                       "sales_team", "pricing", "checkout", "payment", "delivery", "returns_refunds", "billing", "account_login",
                       "product_quality", "product_features", "customer_service", "knowledge_base", "loyalty_program", "subscription"]
        return [
            "generic": generic,
            "ecommerce": generic + ["product_page", "cart", "order_tracking", "packaging", "stock_availability"],
            "banking": ["account_opening", "identity_verification", "cards", "card_delivery", "card_payments", "transfers", "top_up",
                        "cash_withdrawal", "currency_exchange", "fees_charges", "refunds", "mobile_app", "branch", "advisory",
                        "security_fraud", "account_closure", "customer_service"],
            "healthcare": ["symptom_research", "insurance_verification", "appointment_scheduling", "consultation", "treatment_plan",
                           "follow_up_care", "pharmacy", "billing", "patient_portal", "customer_service"],
            "saas": ["website", "demo", "trial", "quote_contract", "onboarding", "training", "integrations", "performance", "bugs",
                     "product_features", "billing", "renewal", "customer_service", "knowledge_base"],
        ]
    }()

    func testEveryTemplateLoadsWithPhasesAndCuesForEveryTouchpoint() throws {
        XCTAssertEqual(Set(JourneyTaxonomy.templates), Set(Self.required.keys))
        for template in JourneyTaxonomy.templates {
            let t = try JourneyTaxonomy.load(template)
            XCTAssertEqual(t.id, template)
            XCTAssertFalse(t.touchpoints.isEmpty, template)
            XCTAssertEqual(Set(t.touchpoints.map(\.id)).count, t.touchpoints.count, "\(template): duplicate ids")
            for tp in t.touchpoints {
                XCTAssertFalse(tp.name.isEmpty, "\(template)/\(tp.id): no name")
                XCTAssertFalse(tp.phases.isEmpty, "\(template)/\(tp.id): no phase")
                XCTAssertFalse(tp.cues.isEmpty, "\(template)/\(tp.id): no cues")
                for cue in tp.cues {
                    XCTAssertFalse(cue.isEmpty, "\(template)/\(tp.id)")
                    XCTAssertEqual(cue, cue.lowercased(), "\(template)/\(tp.id): cues are lower-cased")
                    XCTAssertEqual(cue, cue.trimmingCharacters(in: .whitespaces), "\(template)/\(tp.id): cues are trimmed")
                }
                XCTAssertTrue(tp.id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }, tp.id)
            }
            // The phase cues come from phases.tsv, shared by every template: every phase has a name and cues.
            for p in JourneyPhase.allCases {
                XCTAssertNotNil(t.phaseNames[p], "\(template): phase \(p)")
                XCTAssertFalse(t.phaseCues[p, default: []].isEmpty, "\(template): phase \(p) has no cues")
            }
            XCTAssertFalse(t.contentHash.isEmpty)
        }
    }

    func testTemplatesHaveTheRequiredTouchpoints() throws {
        for (template, ids) in Self.required {
            let t = try JourneyTaxonomy.load(template)
            let have = Set(t.touchpoints.map(\.id))
            for id in ids { XCTAssertTrue(have.contains(id), "\(template) lacks touchpoint \(id)") }
            for id in ids { XCTAssertFalse(t.touchpoint(id)?.cues.isEmpty ?? true, "\(template)/\(id) has no cues") }
        }
    }

    func testTemplatesHaveDistinctContentHashes() throws {
        let hashes = try JourneyTaxonomy.templates.map { try JourneyTaxonomy.load($0).contentHash }
        XCTAssertEqual(Set(hashes).count, hashes.count)
        // Loading twice gives the same hash: it versions the data, not the load.
        XCTAssertEqual(try JourneyTaxonomy.load("banking").contentHash, try JourneyTaxonomy.load("banking").contentHash)
    }

    // MARK: a user's file

    /// The header and one valid row, then `rows`.
    func writeTaxonomy(_ rows: [String], header: String = "touchpoint\tname\tphases\tcues", name: String = "mine.tsv") throws -> String {
        let dir = try temporaryDirectory(self)
        let path = dir.appendingPathComponent(name).path
        let text = (["# my own journey", header, "website\tWebsite\tconsideration,usage\twebsite | homepage"] + rows).joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Loading `path` fails with a `DataFileError` naming the file, `line` and `column`, with `words` in the message.
    func assertLoadFails(_ path: String, line: Int, column: Int, _ words: [String], file: StaticString = #filePath, at: UInt = #line) {
        XCTAssertThrowsError(try JourneyTaxonomy.load(path), file: file, line: at) { error in
            guard let e = error as? DataFileError else { return XCTFail("not a DataFileError: \(error)", file: file, line: at) }
            XCTAssertEqual(e.file, path, file: file, line: at)
            XCTAssertEqual(e.line, line, "line: \(e)", file: file, line: at)
            XCTAssertEqual(e.column, column, "column: \(e)", file: file, line: at)
            for w in words { XCTAssertTrue(e.message.contains(w), "'\(w)' not in: \(e.message)", file: file, line: at) }
            // What the CLI prints: file:line:column: message.
            XCTAssertTrue(e.description.hasPrefix("\(path):\(line):\(column): "), e.description, file: file, line: at)
        }
    }

    func testWrongHeaderNamesTheFileAndLine() throws {
        let path = try writeTaxonomy([], header: "touchpoint\tname\tstage\tcues")
        assertLoadFails(path, line: 2, column: 1, ["header", "touchpoint<TAB>name<TAB>phases<TAB>cues", "stage"])
    }

    func testUnknownPhaseNamesTheLineAndTheColumnOfThePhases() throws {
        let path = try writeTaxonomy(["gift_cards\tGift cards\tpurchase,loyalty\tgift card | voucher"])
        // "gift_cards<TAB>Gift cards<TAB>" is 22 characters: the phases start in column 23.
        assertLoadFails(path, line: 4, column: 23, ["unknown phase 'loyalty'", "awareness"])
    }

    func testMissingCuesNameTheLineAndTheColumnOfTheCues() throws {
        let path = try writeTaxonomy(["gift_cards\tGift cards\tpurchase\t | "])
        // The cues field starts after "gift_cards<TAB>Gift cards<TAB>purchase<TAB>" (31 characters): column 32.
        assertLoadFails(path, line: 4, column: 32, ["gift_cards", "no cues"])
        let empty = try writeTaxonomy(["gift_cards\tGift cards\tpurchase\t"])
        assertLoadFails(empty, line: 4, column: 32, ["no cues"])
    }

    func testDuplicateIdNamesTheSecondLine() throws {
        let path = try writeTaxonomy(["pricing\tPricing\tconsideration\tprice", "website\tWeb site again\tusage\tweb page"])
        assertLoadFails(path, line: 5, column: 1, ["'website'", "twice"])
    }

    func testThreeFieldsNameTheLineAndWhereTheFourthShouldStart() throws {
        // A row whose cues were forgotten: only three fields. The fourth would start in column 32.
        let path = try writeTaxonomy(["gift_cards\tGift cards\tpurchase"])
        assertLoadFails(path, line: 4, column: 32, ["expected 4", "found 3"])
        // Spaces instead of tabs between the fields: one field of 46 characters; the second would start in column 48.
        let spaces = try writeTaxonomy(["gift_cards   Gift cards   purchase   gift card"])
        assertLoadFails(spaces, line: 4, column: 48, ["expected 4", "found 1"])
    }

    func testBadIdAndMissingPhaseAreRejected() throws {
        assertLoadFails(try writeTaxonomy(["Gift Cards\tGift cards\tpurchase\tgift card"]), line: 4, column: 1, ["'Gift Cards'", "lowercase"])
        assertLoadFails(try writeTaxonomy(["gift_cards\tGift cards\t\tgift card"]), line: 4, column: 23, ["no phase"])
    }

    func testEmptyFileAndMissingFileNameTheFile() throws {
        let dir = try temporaryDirectory(self)
        let empty = dir.appendingPathComponent("empty.tsv").path
        try "# nothing here\n\n".write(toFile: empty, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try JourneyTaxonomy.load(empty)) { error in
            XCTAssertEqual((error as? DataFileError)?.file, empty, "\(error)")
        }
        let headerOnly = try writeTaxonomy([], header: "touchpoint\tname\tphases\tcues")
        XCTAssertNoThrow(try JourneyTaxonomy.load(headerOnly))   // the helper always writes one valid row
        let missing = dir.appendingPathComponent("nope.tsv").path
        XCTAssertThrowsError(try JourneyTaxonomy.load(missing)) { error in
            let e = error as? DataFileError
            XCTAssertEqual(e?.file, missing, "\(error)")
            XCTAssertTrue(e?.message.contains("generic, ecommerce, banking, healthcare, saas") ?? false, "\(error)")
        }
    }

    /// `painmap classify --journey FILE` loads the resources with the file's path: a malformed file fails
    /// there with its location, before any model is trained.
    func testResourcesLoadReportsTheUsersFile() throws {
        let path = try writeTaxonomy(["gift_cards\tGift cards\tpurchase"])
        XCTAssertThrowsError(try JourneyResources.load(journey: path, useModelCache: false)) { error in
            let e = error as? DataFileError
            XCTAssertEqual(e?.file, path, "\(error)")
            XCTAssertEqual(e?.line, 4, "\(error)")
        }
    }

    /// A user copies a template, edits it (a new touchpoint, a removed one, a changed cue list, comments and
    /// blank lines of their own) and passes its path.
    func testUsersEditedCopyLoadsByPathAndIsUsedForAnalysis() throws {
        let source = try JourneyFixture.lexicons() + "/journeys/generic.tsv"
        var lines = try String(contentsOfFile: source, encoding: .utf8).components(separatedBy: "\n")
        lines.removeAll { $0.hasPrefix("events\t") }
        if let k = lines.firstIndex(where: { $0.hasPrefix("loyalty_program\t") }) {
            lines[k] = "loyalty_program\tClub card\tretention,advocacy\tclub card | points | stamp card"
        }
        lines += ["", "# added by us", "gift_cards\tGift cards\tpurchase,usage\tgift card | gift voucher | e-gift | balance on my gift card", ""]
        let dir = try temporaryDirectory(self)
        let path = dir.appendingPathComponent("our-journey.tsv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let t = try JourneyTaxonomy.load(path)
        XCTAssertEqual(t.id, path)
        XCTAssertNil(t.touchpoint("events"))
        XCTAssertEqual(t.touchpoint("gift_cards")?.phases, [.purchase, .usage])
        XCTAssertEqual(t.touchpoint("gift_cards")?.cues, ["gift card", "gift voucher", "e-gift", "balance on my gift card"])
        XCTAssertEqual(t.touchpoint("loyalty_program")?.name, "Club card")
        XCTAssertEqual(t.touchpoints.count, try JourneyTaxonomy.load("generic").touchpoints.count)
        XCTAssertNotEqual(t.contentHash, try JourneyTaxonomy.load("generic").contentHash)

        let analyzer = try JourneyFixture.analyzer(journey: path)
        XCTAssertTrue(analyzer.resources.versions.journey.hasPrefix(path + "@"))
        let a = analyzer.analyze("Annoyed: the balance on my gift card is wrong.")
        XCTAssertEqual(a.touchpoints.first?.id, "gift_cards", summary(a))
        XCTAssertEqual(a.touchpoints.first?.evidence, "balance on my gift card", summary(a))
        XCTAssertEqual(a.painPoints.first?.touchpoint, "gift_cards", summary(a))
    }
}
