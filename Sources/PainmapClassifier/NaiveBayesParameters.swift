import PainmapText

/// Which naive Bayes.
public enum NaiveBayesVariant: String, Sendable, Hashable, CaseIterable, Codable {
    /// Multinomial naive Bayes: P(feature | class) from the class's own counts.
    case multinomial
    /// Complement naive Bayes (Rennie et al. 2003): weights from the counts of every *other* class, which
    /// is steadier when classes have very different amounts of training text.
    case complement
}

/// How the class prior P(class) enters a multinomial model's score.
public enum ClassPriors: String, Sendable, Hashable, CaseIterable, Codable {
    /// From the class frequencies of the training data.
    case learned
    /// Every class equally likely.
    case uniform
}

/// Everything that decides what a model learns. The defaults were chosen by stratified 5-fold
/// cross-validation on training data only; docs/classifier.md has the figures that chose them.
public struct NaiveBayesParameters: Sendable, Hashable, Codable {
    public var variant: NaiveBayesVariant = .multinomial
    /// Lidstone smoothing: this pseudo-count is added to every (feature, class) count, so a feature a class
    /// never saw costs that class a finite amount instead of ruling it out.
    public var alpha: Double = 0.03
    /// Choose `alpha` from `alphaGrid` by stratified cross-validation inside the training data each time
    /// a model is trained: the best smoothing depends on the data (short intents like little, varied
    /// tickets like more), so no single default suits all. `alpha` then holds the choice.
    public var tuneAlpha = true
    public var alphaGrid: [Double] = [0.01, 0.03, 0.1, 0.3, 1]
    /// n-gram sizes over stems: 1...2 is unigrams and bigrams.
    public var ngramMin = 1
    public var ngramMax = 2
    /// Character n-grams of each word, padded with a space at both ends (" card" "card "), sizes
    /// `charNgramMin...charNgramMax`; 0...0 turns them off. They catch typos, inflections the stemmer
    /// misses and compounds, which matters for short tickets. Named "~" + the n-gram in the model.
    public var charNgramMin = 2
    public var charNgramMax = 4
    /// Weight of the character n-gram block relative to the word n-gram block (each block is
    /// length-normalized on its own, then scaled by this).
    public var characterWeight = 1.0
    /// Pseudo-count of character n-grams relative to word features: they get `alpha` times this. Their
    /// length-normalized values are smaller than a word's (a word has ~15 of them in one block), so the
    /// same alpha smooths them more.
    public var characterAlphaScale = 1.0
    /// Weight of word n-grams of two or more words (and skip-bigrams) relative to single words, inside
    /// the word block: their term frequency is multiplied by it before the block is length-normalized.
    public var phraseWeight = 1.0
    /// Also pair stems one word apart ("card _ arriv").
    public var skipBigrams = false
    /// Drop the language's stopwords before building n-grams.
    public var removeStopwords = false
    /// Features seen in fewer training documents than this are ignored.
    public var minDocumentFrequency = 2
    /// Count a feature seen tf times as 1 + ln(tf): repeats say less than the first occurrence.
    public var sublinearTF = true
    /// Weight features by smoothed inverse document frequency, ln((1 + N) / (1 + df)) + 1.
    public var idf = false
    /// Scale each document's feature vector to unit Euclidean length, so long documents do not dominate.
    public var lengthNormalization = true
    /// Complement NB (and the complement part of the mixture, `complementWeight`): divide each class's weights by their total (Rennie's "weight normalization"),
    /// which removes the bias towards classes whose weights happen to be larger.
    public var normalizeWeights = true
    /// Multinomial NB only: passes of discriminative frequency estimation (Su et al. 2008) after
    /// counting; 0 keeps the plain generative counts. See DiscriminativeFrequency.swift.
    public var discriminativePasses = 2
    /// Multinomial NB only: mix in complement NB, from the same counts, with this weight: the model's
    /// log-probabilities are (1 - w) times the multinomial's plus w times the complement's, each calibrated
    /// on held-out documents first so that w means the same on every data set (a log-linear pool of the two
    /// classifiers). 0 is multinomial alone. The complement part's smoothing is chosen apart from the
    /// multinomial's, from the same grid and folds (`complementAlpha` holds the choice).
    public var complementWeight = 0.2
    public var complementAlpha = 0.3
    /// Multinomial NB only (complement NB, as in Rennie et al., scores without priors).
    public var priors: ClassPriors = .uniform
    /// Fit a softmax temperature by internal cross-validation so that probabilities are calibrated and
    /// `--min-confidence` means the same for every variant. Changes no label, only probabilities. (The
    /// mixture's parts are calibrated whatever this says: their temperatures set the mix.)
    public var calibrate = true

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case variant, alpha, tuneAlpha, alphaGrid, ngramMin, ngramMax, charNgramMin, charNgramMax, characterWeight,
             phraseWeight, characterAlphaScale, skipBigrams, removeStopwords, minDocumentFrequency, sublinearTF, idf, lengthNormalization,
             normalizeWeights, discriminativePasses, priors, calibrate, complementWeight, complementAlpha
    }

    /// Reads what a model file holds; a field it lacks (written before the field existed) keeps its
    /// default, so adding a parameter does not make old model files unreadable.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try read(.variant, &variant); try read(.alpha, &alpha); try read(.tuneAlpha, &tuneAlpha)
        try read(.alphaGrid, &alphaGrid); try read(.ngramMin, &ngramMin); try read(.ngramMax, &ngramMax)
        try read(.charNgramMin, &charNgramMin); try read(.charNgramMax, &charNgramMax)
        try read(.characterWeight, &characterWeight); try read(.skipBigrams, &skipBigrams)
        try read(.phraseWeight, &phraseWeight); try read(.characterAlphaScale, &characterAlphaScale)
        try read(.removeStopwords, &removeStopwords); try read(.minDocumentFrequency, &minDocumentFrequency)
        try read(.sublinearTF, &sublinearTF); try read(.idf, &idf); try read(.lengthNormalization, &lengthNormalization)
        try read(.normalizeWeights, &normalizeWeights); try read(.discriminativePasses, &discriminativePasses)
        try read(.priors, &priors); try read(.calibrate, &calibrate)
        try read(.complementWeight, &complementWeight); try read(.complementAlpha, &complementAlpha)
    }

    public var ngramRange: ClosedRange<Int> {
        get { ngramMin...ngramMax }
        set { ngramMin = newValue.lowerBound; ngramMax = newValue.upperBound }
    }

    public var ngramOptions: NGramOptions { NGramOptions(range: ngramRange, removeStopwords: removeStopwords) }

    /// Character n-gram sizes, nil when off.
    public var charNgramRange: ClosedRange<Int>? {
        get { charNgramMax >= 1 ? max(1, charNgramMin)...charNgramMax : nil }
        set { charNgramMin = newValue?.lowerBound ?? 0; charNgramMax = newValue?.upperBound ?? 0 }
    }

    /// What feature extraction needs to know.
    public var featureOptions: FeatureOptions { FeatureOptions(words: ngramOptions, characters: charNgramRange, skipBigrams: skipBigrams) }

    /// Throws a readable error for values that cannot work.
    public func validate() throws {
        guard alpha > 0, alpha.isFinite else { throw ClassifierError.invalidParameter("alpha must be a positive number, got \(alpha)") }
        guard ngramMin >= 1, ngramMax >= ngramMin, ngramMax <= 6 else {
            throw ClassifierError.invalidParameter("n-gram range must be within 1...6 with min <= max, got \(ngramMin)...\(ngramMax)")
        }
        if charNgramMax != 0 {
            guard charNgramMin >= 1, charNgramMax >= charNgramMin, charNgramMax <= 8 else {
                throw ClassifierError.invalidParameter("character n-gram range must be within 1...8 with min <= max (or 0 for none), got \(charNgramMin)...\(charNgramMax)")
            }
        }
        guard alphaGrid.allSatisfy({ $0 > 0 && $0.isFinite }), !tuneAlpha || !alphaGrid.isEmpty else {
            throw ClassifierError.invalidParameter("the alpha grid must hold positive numbers")
        }
        guard characterWeight > 0, characterWeight.isFinite else {
            throw ClassifierError.invalidParameter("character weight must be a positive number, got \(characterWeight)")
        }
        guard (0...1).contains(complementWeight) else {
            throw ClassifierError.invalidParameter("complement weight must be within 0...1, got \(complementWeight)")
        }
        guard complementAlpha > 0, complementAlpha.isFinite else {
            throw ClassifierError.invalidParameter("complement alpha must be a positive number, got \(complementAlpha)")
        }
        guard characterAlphaScale > 0, characterAlphaScale.isFinite else {
            throw ClassifierError.invalidParameter("character alpha scale must be a positive number, got \(characterAlphaScale)")
        }
        guard phraseWeight > 0, phraseWeight.isFinite else {
            throw ClassifierError.invalidParameter("phrase weight must be a positive number, got \(phraseWeight)")
        }
        guard (0...20).contains(discriminativePasses) else {
            throw ClassifierError.invalidParameter("discriminative passes must be within 0...20, got \(discriminativePasses)")
        }
        guard minDocumentFrequency >= 1 else {
            throw ClassifierError.invalidParameter("minimum document frequency must be at least 1, got \(minDocumentFrequency)")
        }
    }

    /// One line for logs and `model inspect`.
    public var summary: String {
        var s = "\(variant.rawValue) alpha=\(alpha)\(tuneAlpha ? " (tuned)" : "") ngrams=\(ngramMin)-\(ngramMax)"
        s += " char-ngrams=" + (charNgramRange.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "off")
        if charNgramRange != nil, characterWeight != 1 { s += " char-weight=\(characterWeight)" }
        if charNgramRange != nil, characterAlphaScale != 1 { s += " char-alpha-scale=\(characterAlphaScale)" }
        if phraseWeight != 1 { s += " phrase-weight=\(phraseWeight)" }
        if skipBigrams { s += " skip-bigrams" }
        s += " stopwords=\(removeStopwords ? "removed" : "kept") min-df=\(minDocumentFrequency)"
        s += " tf=\(sublinearTF ? "sublinear" : "raw") idf=\(idf ? "on" : "off") length-norm=\(lengthNormalization ? "on" : "off")"
        if variant == .complement { s += " weight-norm=\(normalizeWeights ? "on" : "off")" }
        else {
            s += " priors=\(priors.rawValue) dfe-passes=\(discriminativePasses)"
            if complementWeight > 0 { s += " complement-weight=\(complementWeight) (alpha=\(complementAlpha), weight-norm=\(normalizeWeights ? "on" : "off"))" }
        }
        return s
    }
}

/// Errors of the classifier library, with messages meant for the person at the terminal.
public enum ClassifierError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(String)
    case noTrainingData(String)
    case mismatch(String)

    public var description: String {
        switch self {
        case .invalidParameter(let m), .noTrainingData(let m), .mismatch(let m): m
        }
    }
}
