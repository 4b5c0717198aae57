import Foundation
import PainmapText

/// A multinomial or complement naive Bayes text classifier over interned n-gram features.
///
/// It keeps the sufficient statistics (documents per class, document frequency per feature, per-class
/// feature counts), so `update` can add labelled documents without the old ones, and derives prediction
/// weights from them. Scikit-learn style: make one with parameters, `fit` it, `predict`.
///
/// Vector-level API here (`DocumentVectors` with model feature ids); see `NaiveBayesModel+Text.swift` for
/// texts in, labels out.
public final class NaiveBayesModel: @unchecked Sendable {
    /// With `tuneAlpha`, `alpha` is replaced by the value cross-validation chose.
    public internal(set) var parameters: NaiveBayesParameters
    /// The feature names; may be shared with a `Vectorizer` and, in cross-validation, with other models.
    public let features: FeatureSpace
    public internal(set) var labels: LabelSet
    /// The text pipeline settings the model was trained with; predictions must use the same.
    public var analyzerOptions: AnalyzerOptions
    /// Free-form facts saved with the model (text columns, training files, ...).
    public var metadata: [String: String] = [:]

    // Sufficient statistics: what `update` adds to.
    public internal(set) var documentCount = 0
    var classDocuments: [Double] = []
    var documentFrequency: [UInt32] = []
    var table = CountTable()

    // Derived by `computeWeights()`; see NaiveBayesWeights.swift.
    var weights = NaiveBayesWeights()
    /// Softmax temperature from calibration (1 = the model's own scores).
    public internal(set) var temperature = 1.0
    /// The complement part's temperature when `complementWeight` > 0 (0 = not fitted yet: weights are the
    /// multinomial's alone). Saved in the model file.
    public internal(set) var complementTemperature = 0.0
    /// The mixture's temperature: the pool of the calibrated parts, sharpened by this (fitted on the alpha
    /// search's held-out documents), is calibrated. Saved in the model file.
    public internal(set) var mixtureTemperature = 1.0
    /// True when the weights are the calibrated mixture, whose scores are log-probabilities already.
    var isMixture: Bool { parameters.variant == .multinomial && parameters.complementWeight > 0 && complementTemperature > 0 }
    /// The temperature applied when predicting (the mixture's parts' temperatures are in its weights).
    var scoringTemperature: Double { isMixture ? mixtureTemperature : temperature }
    /// Per document of the last `update`: how many times over the discriminative passes added it again
    /// (the sum of its losses), for leave-one-out calibration. Empty without passes; not saved.
    var discriminativeWeight: [Double] = []
    /// Held-out accuracy of each candidate alpha in the last tuning (not saved).
    public internal(set) var tuningReport: [(alpha: Double, accuracy: Double)] = []

    public init(parameters: NaiveBayesParameters = NaiveBayesParameters(), features: FeatureSpace = FeatureSpace(),
                labels: LabelSet = LabelSet(), analyzerOptions: AnalyzerOptions = AnalyzerOptions()) {
        self.parameters = parameters
        self.features = features
        self.labels = labels
        self.analyzerOptions = analyzerOptions
    }

    public var classes: [String] { labels.names }
    /// Documents per class, in `classes` order.
    public var classDocumentCounts: [Int] { classDocuments.map { Int($0) } }
    /// Features with a document frequency of at least `minDocumentFrequency`: the ones that score.
    public var activeFeatureCount: Int { weights.activeCount }
    /// Non-zero (feature, class) cells of the count table.
    public var cellCount: Int { table.cellCount }

    /// Trains from scratch on `docs` (or the rows `rows` of it), whose label indices refer to `labels`.
    public func fit(_ docs: DocumentVectors, labels docLabels: LabelSet, rows: [Int]? = nil) throws {
        try parameters.validate()
        let docs = docs.expanded()
        documentCount = 0
        classDocuments = []
        documentFrequency = []
        table = CountTable()
        labels = LabelSet()
        temperature = 1
        complementTemperature = 0
        mixtureTemperature = 1
        let rows = rows ?? Array(0..<docs.count)
        guard !rows.isEmpty else { throw ClassifierError.noTrainingData("no labelled documents to train on") }
        // Choose alpha first, on models of the folds: the counts of the final fit depend on alpha when
        // discriminative passes run. The folds also give the held-out scores for calibration, unless
        // the passes make the final model's leave-one-out scores the ones to use.
        var heldOut: [(scores: [Double], truth: Int)]? = nil
        // The mixture's parts are calibrated whatever `calibrate` says: their temperatures set the mix.
        let calibrate = parameters.calibrate || mixesComplement
        var mixtureScores: MixtureScores? = nil
        // The final count does not depend on alpha: it runs as one more task of the alpha search's queue
        // (on one core it was a serial stretch of about a tenth of training, callgrind on banking77).
        let counted = ParallelResults<[Int]>(1)
        if parameters.tuneAlpha || (calibrate && !needsPassCalibration) || mixesComplement {
            (heldOut, mixtureScores) = chooseAlpha(docs, labels: docLabels, rows: rows, alongside: {
                counted[0] = self.addCounts(docs, labels: docLabels, rows: rows)
            })
        }
        // The mixture's temperatures need only the alpha search's scores: they are fitted on another
        // thread while this one derives the final weights and runs the passes (three temperature fits,
        // up to 60 rounds of an exp per class and document each, were a serial stretch of a tenth of
        // training between the search and the passes; the passes leave a core idle part of the time).
        let mixtureFit = BackgroundResult<(complement: Double, pool: Double, multinomial: Double?)?>()
        if let mixtureScores { mixtureFit.start { NaiveBayesModel.mixtureTemperatures(mixtureScores, workers: 1) } }
        let classOf = counted.value(0) ?? addCounts(docs, labels: docLabels, rows: rows)
        computeWeights()
        discriminativePasses(docs, classOf: classOf, rows: rows, passes: parameters.discriminativePasses)
        // The complement part of the mixture does not depend on the temperatures: built on another thread
        // while this one computes the leave-one-out scores and the temperature (it was a serial stretch
        // at the end of training).
        let complementPart = BackgroundResult<(NaiveBayesWeights, WeightLayout)>()
        let complementAlpha = parameters.complementAlpha
        if mixesComplement && mixtureScores != nil {
            complementPart.start {
                let layout = self.weightLayout(featureTotals: true)
                return (self.makeWeights(alpha: complementAlpha, variant: .complement, denseRows: false, layout: layout), layout)
            }
        }
        if calibrate, needsPassCalibration {
            // Discriminative passes change the scale of the scores: calibrate on the final model's own
            // leave-one-out scores (see Tuning.swift).
            heldOut = leaveOneOutScores(docs, labels: docLabels, sample: NaiveBayesModel.sample(rows, NaiveBayesModel.tuningSample / 3 + 1))
        }
        // Without passes, the held-out scores are the alpha search's, which are the mixture's multinomial part's
        // too: the mixture's fit (on the other thread) fits their temperature, so it is not fitted twice.
        let fittedWithMixture = !needsPassCalibration && mixtureScores != nil
        if calibrate, !fittedWithMixture, let heldOut, let t = NaiveBayesModel.fitTemperature(heldOut) { temperature = t }
        let mixture = mixtureScores == nil ? nil : mixtureFit.wait()
        if calibrate, fittedWithMixture, let t = mixture?.multinomial ?? heldOut.flatMap({ NaiveBayesModel.fitTemperature($0) }) {
            temperature = t
        }
        if mixesComplement, let mixture {
            complementTemperature = mixture.complement
            mixtureTemperature = mixture.pool
            // `weights` are still the multinomial part's (the mixture was off until now), as
            // `computeWeights` would make them; so is the complement part.
            let (complement, layout) = complementPart.wait()
            weights = mixtureWeights(weights, complement, layout: layout)
        } else if mixesComplement {
            // Too little data to hold any out: the parts cannot be calibrated, so the model is the
            // multinomial alone, and its parameters say so.
            parameters.complementWeight = 0
        }
    }

    /// True when the parameters ask for complement NB mixed into the multinomial.
    var mixesComplement: Bool { parameters.variant == .multinomial && parameters.complementWeight > 0 }

    /// Adds labelled documents to a trained model (or trains an empty one). New classes and features are
    /// welcome. Exact, except that with length normalization the documents already in the model keep the
    /// normalization computed with the IDF of their day. The calibration temperature is kept.
    public func update(_ docs: DocumentVectors, labels docLabels: LabelSet, rows: [Int]? = nil) throws {
        try parameters.validate()
        let rows = rows ?? Array(0..<docs.count)
        guard !rows.isEmpty else { throw ClassifierError.noTrainingData("no labelled documents to train on") }
        let classOf = addCounts(docs, labels: docLabels, rows: rows)
        computeWeights()
        discriminativePasses(docs, classOf: classOf, rows: rows, passes: parameters.discriminativePasses)
    }

    /// Adds the documents `rows` to the statistics (class and document counts, document frequencies, the
    /// count table) without deriving weights; returns the model class of each of `docLabels`. Reads neither
    /// alpha nor the weights, so `fit` runs it beside the alpha search.
    func addCounts(_ docs: DocumentVectors, labels docLabels: LabelSet, rows: [Int]) -> [Int] {
        let classOf = docLabels.names.map { labels.add($0) }
        if classDocuments.count < labels.count { classDocuments += Array(repeating: 0, count: labels.count - classDocuments.count) }
        let featureCount = features.count
        if documentFrequency.count < featureCount {
            documentFrequency += Array(repeating: 0, count: featureCount - documentFrequency.count)
        }

        // Pass 1: document counts and frequencies, so that pass 2 sees this batch's IDF.
        // Raw buffers on a local copy: a frequency added through the model's array property was an
        // exclusivity and uniqueness check per feature of every document (this function was a tenth of
        // training, callgrind on banking77, for the three fold models and the final one).
        var expander = Expander()
        var frequency: [UInt32] = []
        swap(&frequency, &documentFrequency)
        frequency.withUnsafeMutableBufferPointer { frequency in
            for r in rows {
                classDocuments[classOf[docs.label(r)]] += 1
                docs.withDocument(r, &expander) { ids, _ in
                    ids.withUnsafeBufferPointer { ids in for id in ids { frequency[Int(id)] += 1 } }
                }
            }
        }
        swap(&frequency, &documentFrequency)
        documentCount += rows.count
        let transform = FeatureTransform(parameters: parameters, documentFrequency: documentFrequency,
                                         documentCount: documentCount, features: features)

        // Pass 2: per class, sum the documents' transformed vectors (IDF left out, see CountTable).
        var byClass = [[Int]](repeating: [], count: labels.count)
        for r in rows { byClass[classOf[docs.label(r)]].append(r) }
        var sum = [Double](repeating: 0, count: featureCount)
        // The features of the current class with a sum, each once (at most every feature).
        let touched = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(featureCount, 1))
        defer { touched.deallocate() }
        var touchedCount = 0
        var added: [(feature: UInt32, cls: Int32, value: Double)] = []
        var tf: [Double] = []
        sum.withUnsafeMutableBufferPointer { sum in
            for (c, members) in byClass.enumerated() where !members.isEmpty {
                for r in members {
                    docs.withDocument(r, &expander) { ids, counts in
                        transform.weighAndAdd(ids: ids, counts: counts, scratch: &tf) { f, v in
                            if sum[f] == 0 { touched[touchedCount] = Int32(f); touchedCount += 1 }
                            sum[f] += v
                        }
                    }
                }
                // (No sort: `merged` places each cell by its feature; only the class order matters.)
                for t in 0..<touchedCount { let f = Int(touched[t]); added.append((UInt32(f), Int32(c), sum[f])); sum[f] = 0 }
                touchedCount = 0
            }
        }
        table = table.merged(featureCount: featureCount, added: added)
        return classOf
    }
}

/// Turns a document's raw counts into the weighted vector the model scores: sublinear TF, IDF, length
/// normalization, and zero for features below the minimum document frequency.
///
/// Word n-grams and character n-grams are normalized as two separate blocks, each to unit length: a word
/// gives a handful of word features but dozens of character n-grams, which would otherwise drown it.
struct FeatureTransform: Sendable {
    let sublinear: Bool
    let lengthNormalization: Bool
    /// Per feature: IDF (or 1) when the feature is active, 0 when it is not.
    let featureScale: [Float]
    /// Per feature: true for character n-grams (the second normalization block).
    let characterBlock: [Bool]
    let characterWeight: Double
    /// Per feature: the factor its term frequency is multiplied by before normalization: `phraseWeight`
    /// for word n-grams of two or more words (and skip-bigrams), 1 for everything else. Empty when all
    /// factors are 1 (the default), so the common case reads no extra array.
    let termWeight: [Float]
    /// Smoothing of character n-grams relative to word features (see `NaiveBayesParameters`).
    let characterAlphaScale: Double

    init(parameters p: NaiveBayesParameters, documentFrequency df: [UInt32], documentCount n: Int, features: FeatureSpace) {
        sublinear = p.sublinearTF
        lengthNormalization = p.lengthNormalization
        let minDF = UInt32(p.minDocumentFrequency)
        let logN = log(Double(n + 1))
        featureScale = df.map { d in
            guard d >= minDF, d > 0 else { return 0 }
            return p.idf ? Float(logN - log(Double(d) + 1) + 1) : 1
        }
        characterBlock = (0..<df.count).map { features.isCharacterNgram(UInt32($0)) }
        characterWeight = p.characterWeight
        characterAlphaScale = p.characterAlphaScale
        let phrase = Float(p.phraseWeight)
        termWeight = phrase == 1 ? [] : (0..<df.count).map { f in
            features.isPhrase(UInt32(f)) ? phrase : 1
        }
    }

    init() {
        sublinear = false; lengthNormalization = false; featureScale = []; characterBlock = []; characterWeight = 1
        termWeight = []
        characterAlphaScale = 1
    }

    /// The pseudo-count of feature `f` when words get `alpha`.
    @inline(__always)
    func alpha(_ f: Int, _ alpha: Double) -> Double { characterBlock[f] ? alpha * characterAlphaScale : alpha }

    /// Writes each feature's weight *without IDF* into `x`: its (sublinear) term frequency divided by the
    /// Euclidean length of its block's TF-IDF vector; 0 for inactive or unknown features.
    func weigh(ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, into x: inout [Double]) {
        featureScale.withUnsafeBufferPointer { scale in
        characterBlock.withUnsafeBufferPointer { block in
            weigh(ids: ids, counts: counts, into: &x, featureCount: scale.count, scale: { scale[$0] }, isCharacter: { block[$0] })
        } }
    }

    /// The one weighing routine, for training (scale and block from this transform's arrays) and prediction
    /// (both from `NaiveBayesWeights.records`, one record per feature that scoring reads next): the same
    /// arithmetic in the same order either way. Inlined so each caller's look-ups compile into the loop.
    @inline(__always)
    func weigh(ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, into x: inout [Double], featureCount F: Int,
               scale: (Int) -> Float, isCharacter: (Int) -> Bool) {
        let n = ids.count
        if x.count < n { x = [Double](repeating: 0, count: max(n, 2 * x.count)) }
        x.withUnsafeMutableBufferPointer { x in
        ids.withUnsafeBufferPointer { ids in
        counts.withUnsafeBufferPointer { counts in
            let (w, c) = termFrequencies(ids: ids, counts: counts, into: x, featureCount: F, scale: scale, isCharacter: isCharacter)
            if w == 1 && c == 1 { return }
            for i in 0..<n where x[i] != 0 { x[i] *= isCharacter(Int(ids[i])) ? c : w }
        } } }
    }

    /// `weigh`'s first pass, shared with `weighAndAdd`: each feature's (sublinear, phrase-weighted) term
    /// frequency into `x`, and the word and character blocks' length-normalization factors.
    @inline(__always)
    private func termFrequencies(ids: UnsafeBufferPointer<UInt32>, counts: UnsafeBufferPointer<Float>,
                                 into x: UnsafeMutableBufferPointer<Double>, featureCount F: Int,
                                 scale: (Int) -> Float, isCharacter: (Int) -> Bool) -> (word: Double, character: Double) {
        var words = 0.0, chars = 0.0
        FeatureTransform.sublinearTable.withUnsafeBufferPointer { table in
        termWeight.withUnsafeBufferPointer { termWeight in
            for i in 0..<ids.count {
                let f = Int(ids[i])
                let s = f < F ? Double(scale(f)) : 0
                if s == 0 { x[i] = 0; continue }
                let c = Double(counts[i])
                // Counts are small whole numbers, mostly 1: 1 + log(c) from a table (the same values) instead
                // of a call.
                var tf = !sublinear || c == 1 ? c : c > 1 && c < Double(table.count) && c.rounded(.towardZero) == c ? table[Int(c)] : 1 + log(c)
                if !termWeight.isEmpty { tf *= Double(termWeight[f]) }   // --phrase-weight
                x[i] = tf
                if isCharacter(f) { chars += (tf * s) * (tf * s) } else { words += (tf * s) * (tf * s) }
            }
        } }
        let w = !lengthNormalization ? 1 : words > 0 ? 1 / words.squareRoot() : 0
        let c = characterWeight * (!lengthNormalization ? 1 : chars > 0 ? 1 / chars.squareRoot() : 0)
        return (w, c)
    }

    /// `weigh` followed by `add(f, x_f)` for each feature with x_f != 0, in order: the same values, with the
    /// scaling pass and the adding pass as one. Counting the training documents (three fold models and the
    /// final one) went over each document's weights three times and appended each new feature of a class
    /// to an array: this function was ~10% of training's instructions (callgrind on banking77 defaults).
    @inline(__always)
    func weighAndAdd(ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, scratch x: inout [Double], _ add: (Int, Double) -> Void) {
        let n = ids.count
        if x.count < n { x = [Double](repeating: 0, count: max(n, 2 * x.count)) }
        x.withUnsafeMutableBufferPointer { x in
        featureScale.withUnsafeBufferPointer { scale in
        characterBlock.withUnsafeBufferPointer { isCharacter in
        ids.withUnsafeBufferPointer { ids in
        counts.withUnsafeBufferPointer { counts in
            let (w, c) = termFrequencies(ids: ids, counts: counts, into: x, featureCount: scale.count,
                                         scale: { scale[$0] }, isCharacter: { isCharacter[$0] })
            if w == 1 && c == 1 {
                for i in 0..<n where x[i] != 0 { add(Int(ids[i]), x[i]) }
                return
            }
            for i in 0..<n where x[i] != 0 {
                let f = Int(ids[i])
                let v = x[i] * (isCharacter[f] ? c : w)
                if v != 0 { add(f, v) }
            }
        } } } } }
    }

    /// 1 + log(k) for small counts k (entry 1 is 1, as `weigh` writes it; entry 0 is never read).
    static let sublinearTable: [Double] = (0..<64).map { $0 == 1 ? 1 : 1 + log(Double($0)) }
}
