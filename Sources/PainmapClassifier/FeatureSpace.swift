import PainmapText

/// The model's feature names ("card", "card arriv") and their dense ids.
///
/// Every worker thread interns n-grams into its own analyzer `Vocabulary`, so the same n-gram has a
/// different id on each worker. This table gives it one model-wide id: the hot path works on `UInt32` ids
/// and count tables, and names are only needed for saving, inspecting and explaining.
/// Not thread-safe for writing; reading (`id(of:)`, `name(_:)`) from several threads is fine once no one
/// adds features any more.
public final class FeatureSpace: @unchecked Sendable {
    let names: Vocabulary

    public init(capacity: Int = 1 << 14) { names = Vocabulary(capacity: capacity) }

    public var count: Int { names.count }

    /// The id of `name`, adding it if new.
    @discardableResult
    public func add(_ name: String) -> UInt32 { names.intern(name) }

    func add(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 { names.intern(bytes) }

    public func id(of name: String) -> UInt32? { names.lookup(name) }

    func id(of bytes: UnsafeBufferPointer<UInt8>) -> UInt32? { names.lookup(bytes) }

    public func name(_ id: UInt32) -> String { names.string(id) }

    /// Character n-grams are named "~" + the n-gram; word n-grams never start with "~" (the tokenizer
    /// makes punctuation of it).
    public func isCharacterNgram(_ id: UInt32) -> Bool {
        names.withBytes(id) { $0.first == FeatureSpace.characterPrefix }
    }
    static let characterPrefix: UInt8 = 0x7E

    /// Word n-grams of two or more words ("card arriv", skip-bigrams "card _ arriv"): stems are joined
    /// by a space, and a single stem never holds one (the tokenizer splits on it).
    public func isPhrase(_ id: UInt32) -> Bool {
        names.withBytes(id) { $0.first != FeatureSpace.characterPrefix && $0.contains(0x20) }
    }

    func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { names.withBytes(id, body) }

    /// The UTF-8 bytes of feature `id`'s name, without making a `String` (prediction writes three names
    /// per document).
    public func withName<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { names.withBytes(id, body) }
}

/// One document as (feature id, count) pairs, ids distinct (in no particular order).
public struct SparseVector: Sendable, Hashable {
    public var ids: [UInt32]
    public var values: [Float]
    public init(ids: [UInt32] = [], values: [Float] = []) { self.ids = ids; self.values = values }
    public var count: Int { ids.count }
    public var isEmpty: Bool { ids.isEmpty }

    /// Counts a list of ids (any order, repeats allowed) into a sorted sparse vector.
    public init(counting raw: [UInt32]) {
        if raw.isEmpty { self.init(); return }
        let sorted = raw.sorted()
        var ids: [UInt32] = [], values: [Float] = []
        ids.reserveCapacity(sorted.count); values.reserveCapacity(sorted.count)
        var prev = sorted[0], n: Float = 0
        for id in sorted {
            if id != prev { ids.append(prev); values.append(n); prev = id; n = 0 }
            n += 1
        }
        ids.append(prev); values.append(n)
        self.init(ids: ids, values: values)
    }
}

/// Class names and their indices, in order of first appearance.
public struct LabelSet: Sendable, Hashable {
    public private(set) var names: [String] = []
    private var index: [String: Int] = [:]
    public init(_ names: [String] = []) { for n in names { add(n) } }
    public var count: Int { names.count }
    @discardableResult
    public mutating func add(_ name: String) -> Int {
        if let i = index[name] { return i }
        index[name] = names.count
        names.append(name)
        return names.count - 1
    }
    public func index(of name: String) -> Int? { index[name] }
}
