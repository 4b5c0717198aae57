import Foundation
import PainmapText

/// Saves and loads models. The format (version 1, documented in docs/classifier.md):
///
///     magic     8 bytes  89 50 4D 4E 42 0D 0A 1A   ("\x89PMNB\r\n\x1A": catches text-mode and 7-bit damage)
///     version   u32      1
///     sections  u32      number of sections that follow
///     section   tag (4 ASCII bytes), payload length (u64), payload, CRC-32 of the payload (u32)
///
/// All integers little-endian. Sections, in this order:
///     META  UTF-8 JSON: parameters, classes, documents per class, document count, temperature, analyzer
///           settings, metadata, feature and cell counts
///     FEAT  u32 F; u32 end offset of each name; the names' UTF-8 bytes back to back ("card", "card arriv")
///     DFRQ  u32 document frequency of each feature
///     CNTS  u32 row start of each feature (F + 1); u32 class of each cell; f64 value of each cell
///     END.  empty: the file was written to the end
/// Prediction weights are not stored: they are recomputed from the counts at load, which takes a few
/// milliseconds and means there is a single source of truth.
public enum ModelFile {
    public static let magic: [UInt8] = [0x89, 0x50, 0x4D, 0x4E, 0x42, 0x0D, 0x0A, 0x1A]
    public static let version: UInt32 = 1

    public static func save(_ model: NaiveBayesModel, to path: String) throws {
        let bytes = try encode(model)
        // Write beside the target and rename, so a crash never leaves half a model under the real name.
        // One open, write, fsync and rename here: `FileManager.createFile` copied the bytes into a `Data`,
        // wrote them to a temporary file of its own, synced and renamed it to this temporary name, which
        // was then renamed again (strace; the same file contents and mode, 0666 less the umask).
        let tmp = path + ".tmp-\(getpid())"
        func failure(_ reason: String) -> ModelFileError { ModelFileError(path: path, "cannot write (\(reason))") }
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        var reason: String? = nil
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; reason = String(cString: strerror(errno)); return }
                done += n
            }
        }
        if reason == nil, fsync(fd) != 0 { reason = String(cString: strerror(errno)) }
        if close(fd) != 0, reason == nil { reason = String(cString: strerror(errno)) }
        if reason == nil, rename(tmp, path) != 0 { reason = String(cString: strerror(errno)) }
        if let reason {
            unlink(tmp)
            throw failure(reason)
        }
    }

    public static func load(_ path: String) throws -> NaiveBayesModel {
        guard let f = fopen(path, "rb") else {
            throw ModelFileError(path: path, "cannot open model file: \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        // One read into a buffer of the file's size (a model of 100,000 features is about 5-10 MB).
        var bytes: [UInt8] = []
        if fseek(f, 0, SEEK_END) == 0 {
            let size = ftell(f)
            rewind(f)
            if size > 0 {
                bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, n in n = fread(buf.baseAddress!, 1, size, f) }
            }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {   // whatever the size said (a pipe, a file still growing): read to the end
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, f) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return try decode(bytes, path: path)
    }

    // MARK: encoding

    /// The file's bytes, written in place into one buffer of the file's size, each section's CRC-32 taken
    /// where it lies: sections built apart, copied into the file's growing buffer and then into a `Data`
    /// were three copies of every byte and their fresh memory. Saving the banking77 model (2.4 MB):
    /// callgrind 30.2M -> 14.6M instructions (8.3M of them the CRC), and 8-17 ms -> 6 ms from the last
    /// message before saving to the rename (strace, three runs each; the write and fsync are ~4.5 ms of it).
    static func encode(_ m: NaiveBayesModel) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let meta = Array(try encoder.encode(ModelHeader(model: m)))
        let F = m.features.count
        var table = m.table
        if table.featureCount < F { table = table.merged(featureCount: F, added: []) }
        var nameBytes = 0
        for i in 0..<F { nameBytes += m.features.withBytes(UInt32(i)) { $0.count } }
        let cells = table.cellCount
        let dfs = m.documentFrequency   // as many as the features (padded with zeros), or more if it ever has more
        let sizes = [meta.count, 4 + 4 * F + nameBytes, 4 * max(F, dfs.count), 4 * (F + 1) + 12 * cells, 0]
        let total = magic.count + 8 + sizes.reduce(0) { $0 + 16 + $1 }
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, written in
            var out = RawWriter(buffer.baseAddress!)
            out.bytes(magic)
            out.u32(version)
            out.u32(UInt32(sizes.count))
            out.section("META", sizes[0]) { $0.bytes(meta) }
            out.section("FEAT", sizes[1]) { o in
                o.u32(UInt32(F))
                var end: UInt32 = 0
                for i in 0..<F { end += UInt32(m.features.withBytes(UInt32(i)) { $0.count }); o.u32(end) }
                for i in 0..<F { m.features.withBytes(UInt32(i)) { o.bytes($0) } }
            }
            out.section("DFRQ", sizes[2]) { o in
                o.u32s(dfs[...])
                for _ in dfs.count..<max(F, dfs.count) { o.u32(0) }
            }
            out.section("CNTS", sizes[3]) { o in
                for v in table.start { o.u32(UInt32(v)) }
                table.classes.withUnsafeBufferPointer { o.u32s(UnsafeRawBufferPointer($0)) }
                table.values.withUnsafeBufferPointer { o.u64s(UnsafeRawBufferPointer($0)) }
            }
            out.section("END.", 0) { _ in }
            precondition(out.offset == total, "model file size")
            written = total
        }
    }

    // MARK: decoding

    static func decode(_ bytes: [UInt8], path: String) throws -> NaiveBayesModel {
        func fail(_ m: String) -> ModelFileError { ModelFileError(path: path, m) }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            if bytes.isEmpty { throw fail("the file is empty: not a painmap model") }
            throw fail("not a painmap model file (it does not start with the model signature)")
        }
        var r = ByteReader(bytes: bytes, offset: magic.count, path: path)
        let v = try r.u32("format version")
        guard v == version else {
            throw fail(v > version
                ? "model format version \(v) is newer than this painmap reads (\(version)): upgrade painmap or retrain"
                : "model format version \(v) is not supported (this painmap reads version \(version)): retrain the model")
        }
        let count = try r.u32("section count")
        var sections: [String: Range<Int>] = [:]
        var order: [String] = []
        for _ in 0..<count {
            let tagBytes = try r.take(4, "section tag")
            let tag = String(decoding: tagBytes, as: UTF8.self)
            let length = try r.u64("length of section \(tag)")
            guard length <= UInt64(r.remaining) else {
                throw fail("truncated: section \(tag) says \(length) bytes but only \(r.remaining) remain")
            }
            let payload = r.offset..<(r.offset + Int(length))
            r.offset = payload.upperBound
            let crc = try r.u32("checksum of section \(tag)")
            let actual = bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[payload])) }
            guard actual == crc else { throw fail("corrupt: checksum mismatch in section \(tag)") }
            sections[tag] = payload
            order.append(tag)
        }
        guard order.last == "END." else { throw fail("truncated: the end marker is missing") }
        guard r.remaining == 0 else { throw fail("corrupt: \(r.remaining) unexpected bytes after the end marker") }
        for tag in ["META", "FEAT", "DFRQ", "CNTS"] where sections[tag] == nil {
            throw fail("incompatible: section \(tag) is missing")
        }
        func reader(_ tag: String) -> ByteReader { ByteReader(bytes: bytes, offset: sections[tag]!.lowerBound, end: sections[tag]!.upperBound, path: path) }

        let header: ModelHeader
        do { header = try JSONDecoder().decode(ModelHeader.self, from: Data(bytes[sections["META"]!])) } catch {
            throw fail("incompatible: the META section cannot be read (\(error))")
        }
        try header.parameters.validate()

        // Features.
        var fr = reader("FEAT")
        let F = Int(try fr.u32("feature count"))
        guard F == header.features else { throw fail("corrupt: \(F) features where META says \(header.features)") }
        let ends = try fr.u32s(F, "feature name offsets")
        let namesStart = fr.offset, namesCount = fr.remaining
        let features = FeatureSpace(capacity: F)
        var prev = 0
        try bytes.withUnsafeBufferPointer { all in
            let p = UnsafeBufferPointer(rebasing: all[namesStart..<namesStart + namesCount])
            for (i, e) in ends.enumerated() {
                let end = Int(e)
                guard end >= prev, end <= p.count else { throw fail("corrupt: feature name \(i) is out of bounds") }
                let id = features.add(UnsafeBufferPointer(rebasing: p[prev..<end]))
                guard id == UInt32(i) else { throw fail("corrupt: feature name \(i) is a duplicate") }
                prev = end
            }
        }
        guard prev == namesCount else { throw fail("corrupt: feature names have trailing bytes") }

        var dr = reader("DFRQ")
        let df = try dr.u32s(F, "document frequencies")

        var cr = reader("CNTS")
        let start = try cr.u32s(F + 1, "count table rows").map { Int($0) }
        let cells = start.last ?? 0
        guard cells == header.cells, start.first == 0, zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw fail("corrupt: the count table's rows are inconsistent")
        }
        let classes = try cr.u32s(cells, "count table classes")
        let values = try cr.f64s(cells, "count table values")
        let C = header.classes.count
        guard classes.allSatisfy({ Int($0) < C }), values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw fail("corrupt: the count table refers to a class that does not exist or holds an invalid count")
        }
        guard header.classDocuments.count == C, Set(header.classes).count == C else {
            throw fail("corrupt: the class list is inconsistent")
        }

        let model = NaiveBayesModel(parameters: header.parameters, features: features, labels: LabelSet(header.classes),
                                    analyzerOptions: header.analyzer.options)
        model.metadata = header.metadata
        model.documentCount = header.documents
        model.classDocuments = header.classDocuments
        model.documentFrequency = df
        model.table = CountTable(start: start, classes: classes.map { Int32($0) }, values: values)
        model.temperature = header.temperature
        model.complementTemperature = header.complementTemperature ?? 0
        model.mixtureTemperature = header.mixtureTemperature ?? 1
        // A file without the mixture's temperature holds a multinomial model alone: a file written before
        // the mixture existed has no `complementWeight` either, which would otherwise read as the default.
        if header.complementTemperature == nil { model.parameters.complementWeight = 0 }
        model.computeWeights()
        return model
    }
}

/// A model file that cannot be used, with the reason.
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String
    public init(path: String, _ message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// The META section.
struct ModelHeader: Codable {
    struct Analyzer: Codable {
        var language: String?
        var defaultLanguage: String
        var stripHTML: Bool
        var stripQuotedReplies: Bool
        var stripSignatures: Bool
        var options: AnalyzerOptions {
            AnalyzerOptions(normalization: NormalizationOptions(stripHTML: stripHTML, stripQuotedReplies: stripQuotedReplies,
                                                                stripSignatures: stripSignatures),
                            language: language, defaultLanguage: defaultLanguage)
        }
    }
    var format: UInt32
    var parameters: NaiveBayesParameters
    var classes: [String]
    var classDocuments: [Double]
    var documents: Int
    var temperature: Double
    /// Absent in files of models without the complement mixture (and in files older than it).
    var complementTemperature: Double?
    var mixtureTemperature: Double?
    var analyzer: Analyzer
    var metadata: [String: String]
    var features: Int
    var cells: Int

    init(model m: NaiveBayesModel) {
        format = ModelFile.version
        parameters = m.parameters
        classes = m.labels.names
        classDocuments = m.classDocuments
        documents = m.documentCount
        temperature = m.temperature
        complementTemperature = m.complementTemperature > 0 ? m.complementTemperature : nil
        mixtureTemperature = m.complementTemperature > 0 ? m.mixtureTemperature : nil
        let o = m.analyzerOptions
        analyzer = Analyzer(language: o.language, defaultLanguage: o.defaultLanguage, stripHTML: o.normalization.stripHTML,
                            stripQuotedReplies: o.normalization.stripQuotedReplies, stripSignatures: o.normalization.stripSignatures)
        metadata = m.metadata
        features = m.features.count
        cells = m.table.cellCount
    }
}

/// Writes little-endian values into memory the caller has sized (see `ModelFile.encode`).
struct RawWriter {
    let base: UnsafeMutableRawPointer
    private(set) var offset = 0
    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = UnsafeMutableRawPointer(base) }

    mutating func u32(_ v: UInt32) { base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self); offset += 4 }
    mutating func u64(_ v: UInt64) { base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt64.self); offset += 8 }
    mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) { bytes(UnsafeRawBufferPointer(b)) }
    mutating func bytes(_ b: [UInt8]) { b.withUnsafeBytes { bytes($0) } }
    mutating func bytes(_ b: UnsafeRawBufferPointer) {
        if let from = b.baseAddress { (base + offset).copyMemory(from: from, byteCount: b.count) }
        offset += b.count
    }
    mutating func u32s(_ v: ArraySlice<UInt32>) { v.withUnsafeBytes { u32s($0) } }
    /// Native 32-bit values, stored little-endian.
    mutating func u32s(_ raw: UnsafeRawBufferPointer) {
        #if _endian(big)
        for v in raw.bindMemory(to: UInt32.self) { u32(v) }
        #else
        bytes(raw)
        #endif
    }
    /// Native 64-bit values (the bits of doubles), stored little-endian.
    mutating func u64s(_ raw: UnsafeRawBufferPointer) {
        #if _endian(big)
        for v in raw.bindMemory(to: UInt64.self) { u64(v) }
        #else
        bytes(raw)
        #endif
    }

    /// A section: tag, payload length, the payload `body` writes (exactly `length` bytes), its CRC-32.
    mutating func section(_ tag: String, _ length: Int, _ body: (inout RawWriter) -> Void) {
        bytes(Array(tag.utf8))
        u64(UInt64(length))
        let start = offset
        body(&self)
        precondition(offset - start == length, "section \(tag) length")
        u32(CRC32.checksum(UnsafeRawBufferPointer(start: base + start, count: length)))
    }
}

struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    /// Where this reader's part of `bytes` ends.
    var end: Int
    let path: String
    var remaining: Int { end - offset }

    init(bytes: [UInt8], offset: Int, end: Int? = nil, path: String) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
        self.path = path
    }

    mutating func take(_ n: Int, _ what: String) throws -> [UInt8] {
        guard n >= 0, n <= remaining else {
            throw ModelFileError(path: path, "truncated: the file ends inside the \(what)")
        }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    private mutating func raw<T: FixedWidthInteger>(_ count: Int, _ what: String, as: T.Type) throws -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, count <= remaining / size else {
            throw ModelFileError(path: path, "truncated: the file ends inside the \(what)")
        }
        let out = [T](unsafeUninitializedCapacity: count) { dst, n in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(dst).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + count * size]))
            }
            n = count
        }
        offset += count * size
        #if _endian(big)
        return out.map { T(littleEndian: $0) }
        #else
        return out
        #endif
    }

    mutating func u32(_ what: String) throws -> UInt32 { try raw(1, what, as: UInt32.self)[0] }
    mutating func u64(_ what: String) throws -> UInt64 { try raw(1, what, as: UInt64.self)[0] }
    mutating func u32s(_ n: Int, _ what: String) throws -> [UInt32] { try raw(n, what, as: UInt32.self) }
    mutating func f64s(_ n: Int, _ what: String) throws -> [Double] {
        try raw(n, what, as: UInt64.self).map { Double(bitPattern: $0) }
    }
}
