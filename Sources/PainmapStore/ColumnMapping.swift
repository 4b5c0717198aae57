/// What the user asked for on the command line; each nil or empty field is detected from the header.
public struct ColumnRequest: Sendable, Hashable, Codable {
    public var textColumns: [String] = []
    public var idColumn: String?
    public var dateColumn: String?
    public var channelColumn: String?
    public var ratingColumn: String?
    public var source: String?
    public init(textColumns: [String] = [], idColumn: String? = nil, dateColumn: String? = nil, channelColumn: String? = nil,
                ratingColumn: String? = nil, source: String? = nil) {
        self.textColumns = textColumns; self.idColumn = idColumn; self.dateColumn = dateColumn
        self.channelColumn = channelColumn; self.ratingColumn = ratingColumn; self.source = source
    }
}

/// Which input fields give a document its text, id, date, channel and rating, and why.
public struct ColumnMapping: Sendable, Hashable, Codable {
    /// The export format recognised from the header (`zendesk`, `google_play`, ...), `generic` or `text`.
    public var profile: String
    public var source: String
    public var text: [String]
    public var id: String?
    public var date: String?
    public var channel: String?
    public var rating: String?
    /// The channel of every document when the export is of one channel (an app store's reviews) and has
    /// no channel column.
    public var fixedChannel: String?
    /// How each role was chosen: "given", "detected" or "none".
    public var how: [String: String] = [:]

    public init(profile: String, source: String, text: [String], id: String? = nil, date: String? = nil,
                channel: String? = nil, rating: String? = nil, fixedChannel: String? = nil) {
        self.profile = profile; self.source = source; self.text = text; self.id = id; self.date = date
        self.channel = channel; self.rating = rating; self.fixedChannel = fixedChannel
    }

    /// The mapping for plain text input: the whole line (or file) is the text.
    public static func plainText(source: String) -> ColumnMapping {
        var m = ColumnMapping(profile: "text", source: source, text: ["text"])
        m.how = ["text": "whole line"]
        return m
    }
}

/// Known export formats, recognised by their header. Names are compared normalised: lower case, runs of
/// other characters as one underscore ("Created at" -> created_at, "Review Created (UTC)" -> review_created_utc).
struct ExportProfile: Sendable {
    var name: String
    /// Every group must have one of its names in the header.
    var signature: [[String]]
    var text: [[String]]          // each group gives at most one text column, in order (subject, then body)
    var id: [String]
    var date: [String]
    var channel: [String]
    var rating: [String]
    var fixedChannel: String? = nil

    static let all: [ExportProfile] = [
        ExportProfile(name: "freshdesk", signature: [["ticket_id"], ["subject"], ["created_time"]],
                      text: [["subject"], ["description", "description_text"]], id: ["ticket_id"], date: ["created_time"],
                      channel: ["source", "channel"], rating: ["satisfaction_rating", "customer_satisfaction"]),
        ExportProfile(name: "zendesk", signature: [["subject"], ["description", "comment"], ["created_at", "created"], ["ticket_id", "id"]],
                      text: [["subject"], ["description", "comment"]], id: ["ticket_id", "id"], date: ["created_at", "created"],
                      channel: ["channel", "via", "source"], rating: ["satisfaction_score_numeric", "csat"]),
        ExportProfile(name: "help_scout", signature: [["conversation_id", "conversation_number", "number"], ["subject"],
                                                      ["preview", "first_message", "thread", "body", "customer_message"]],
                      text: [["subject"], ["first_message", "customer_message", "thread", "body", "preview"]],
                      id: ["conversation_id", "conversation_number", "number"], date: ["created_at", "created", "date"],
                      channel: ["type", "source", "channel"], rating: ["happiness_rating", "rating"]),
        ExportProfile(name: "intercom", signature: [["conversation_id"], ["conversation_body", "first_message", "initial_message",
                                                                          "body", "message"]],
                      text: [["conversation_title", "title"], ["conversation_body", "first_message", "initial_message", "body", "message"]],
                      id: ["conversation_id"], date: ["created_at", "conversation_started_at", "started_at"],
                      channel: ["channel", "source_type", "initiated_via", "source"], rating: ["conversation_rating", "rating"]),
        ExportProfile(name: "google_play", signature: [["review_text"], ["star_rating"]],
                      text: [["review_title"], ["review_text"]], id: ["review_link", "review_id"],
                      date: ["review_submit_date_and_time", "review_submit_millis_since_epoch", "review_last_update_date_and_time"],
                      channel: [], rating: ["star_rating"], fixedChannel: "google play"),
        ExportProfile(name: "trustpilot", signature: [["review_content"], ["review_stars"]],
                      text: [["review_title"], ["review_content"]], id: ["review_id"],
                      date: ["review_created_utc", "review_created", "review_date"], channel: [], rating: ["review_stars"],
                      fixedChannel: "trustpilot"),
        ExportProfile(name: "app_store", signature: [["review"], ["rating"], ["title"], ["nickname", "territory", "version", "app_version"]],
                      text: [["title"], ["review"]], id: ["review_id", "id"], date: ["date", "last_modified", "created", "created_at"],
                      channel: ["store", "platform"], rating: ["rating"], fixedChannel: "app store"),
    ]

    static let generic = ExportProfile(
        name: "generic", signature: [],
        text: [["subject", "title", "summary", "headline", "review_title"],
               ["text", "body", "description", "comment", "comments", "review", "review_text", "review_body", "message",
                "content", "feedback", "post", "tweet", "note", "notes", "details", "customer_message", "response", "verbatim"]],
        id: ["id", "ticket_id", "review_id", "external_id", "uuid", "message_id", "post_id", "conversation_id", "case_id",
             "response_id", "permalink", "post_url", "url", "link"],
        date: ["created_at", "created", "date", "timestamp", "time", "created_time", "submitted_at", "date_created",
               "posted_at", "published_at", "review_date", "sent_at", "datetime", "updated_at"],
        channel: ["channel", "via", "network", "platform", "store", "medium", "source"],
        rating: ["rating", "stars", "star_rating", "score", "review_stars", "csat", "satisfaction_score", "nps"])

    /// "Review Created (UTC)" -> "review_created_utc".
    static func normalize(_ name: String) -> String {
        var out = ""
        var pendingUnderscore = false
        for ch in name.lowercased() {
            if ch.isLetter || ch.isNumber {
                if pendingUnderscore, !out.isEmpty { out.append("_") }
                pendingUnderscore = false
                out.append(ch)
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }
}

public enum ColumnDetection {
    /// Chooses the mapping for a record file with these field names. Given columns must exist (for CSV,
    /// whose header is complete; JSON fields may appear later, so `strict` is false there).
    public static func detect(fields: [String], request: ColumnRequest, defaultSource: String,
                              strict: Bool = true) throws -> ColumnMapping {
        var byNorm: [String: String] = [:]
        for f in fields where byNorm[ExportProfile.normalize(f)] == nil { byNorm[ExportProfile.normalize(f)] = f }
        func find(_ candidates: [String]) -> String? {
            for c in candidates { if let f = byNorm[c] { return f } }
            return nil
        }
        func given(_ name: String, _ role: String) throws -> String {
            if fields.contains(name) { return name }
            if let f = byNorm[ExportProfile.normalize(name)] { return f }   // "created at" for "Created at"
            if strict || fields.isEmpty {
                throw StoreError("no \(role) column '\(name)'; the columns are: \(fields.joined(separator: ", "))")
            }
            return name
        }
        let profile = ExportProfile.all.first { p in p.signature.allSatisfy { group in find(group) != nil } } ?? ExportProfile.generic
        var texts: [String] = []
        for group in profile.text { if let f = find(group), !texts.contains(f) { texts.append(f) } }
        // A generic title alone is no text: it needs its body.
        if profile.name == "generic", texts.count == 1, find(profile.text[0]) == texts[0], find(profile.text[1]) == nil {
            texts = [texts[0]]
        }
        let source = request.source ?? (profile.name == "generic" ? defaultSource : profile.name)
        var m = ColumnMapping(profile: profile.name, source: source, text: texts, id: find(profile.id), date: find(profile.date),
                              channel: find(profile.channel), rating: find(profile.rating), fixedChannel: profile.fixedChannel)
        var how: [String: String] = [:]
        for role in ["text", "id", "date", "channel", "rating"] { how[role] = "detected" }
        if !request.textColumns.isEmpty { m.text = try request.textColumns.map { try given($0, "text") }; how["text"] = "given" }
        if let c = request.idColumn { m.id = try given(c, "id"); how["id"] = "given" }
        if let c = request.dateColumn { m.date = try given(c, "date"); how["date"] = "given" }
        if let c = request.channelColumn { m.channel = try given(c, "channel"); how["channel"] = "given" }
        if let c = request.ratingColumn { m.rating = try given(c, "rating"); how["rating"] = "given" }
        if m.text.isEmpty {
            throw StoreError("cannot tell which column holds the text; give it with --text-column (the columns are: \(fields.joined(separator: ", ")))")
        }
        for (role, value) in [("id", m.id), ("date", m.date), ("channel", m.channel), ("rating", m.rating)] where value == nil {
            how[role] = "none"
        }
        how["source"] = request.source != nil ? "given" : (profile.name == "generic" ? "file name" : "profile")
        m.how = how
        return m
    }

    /// A source name from a path: "exports/Tickets 2026.csv" -> "tickets_2026"; "-" -> "stdin".
    public static func sourceName(path: String) -> String {
        if path == "-" { return "stdin" }
        var name = path
        while name.hasSuffix("/") { name.removeLast() }
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        let n = ExportProfile.normalize(name)
        return n.isEmpty ? "input" : n
    }
}
