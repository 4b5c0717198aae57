// swift-tools-version:6.0
// painmap: customer feedback -> pain points on the customer journey, stored in SQLite.
// Targets are the pipeline's stages; dependencies point one way:
//   CLibStemmer -> PainmapText -> (PainmapSentiment, PainmapClassifier) -> PainmapJourney -> PainmapStore -> PainmapReport -> painmap
import PackageDescription

/// Release builds skip Swift's run-time exclusivity checks: they showed up as several percent of the hot
/// path in profiles, and the analysis code keeps per-thread state that never overlaps accesses.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "painmap",
    products: [
        .executable(name: "painmap", targets: ["painmap"]),
        .library(name: "PainmapText", targets: ["PainmapText"]),
        .library(name: "PainmapSentiment", targets: ["PainmapSentiment"]),
        .library(name: "PainmapClassifier", targets: ["PainmapClassifier"]),
        .library(name: "PainmapJourney", targets: ["PainmapJourney"]),
        .library(name: "PainmapStore", targets: ["PainmapStore"]),
        .library(name: "PainmapReport", targets: ["PainmapReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Snowball stemmers from the system's libstemmer (Debian: libstemmer-dev, no pkg-config file).
        .systemLibrary(
            name: "CLibStemmer",
            providers: [.apt(["libstemmer-dev"]), .brew(["snowball"])]
        ),
        // Hand-vectorized hot loops that Swift cannot compile for a CPU feature chosen at run time (AVX2).
        .target(name: "CPainmapKernels"),
        // Stage 1: normalize, tokenize, split sentences, stem, stopwords, language, n-grams.
        .target(
            name: "PainmapText",
            dependencies: ["CLibStemmer"],
            swiftSettings: fast
        ),
        // Stage 2a: lexicon-and-rules sentiment (lexicons/en/*.tsv).
        .target(name: "PainmapSentiment", dependencies: ["PainmapText"], swiftSettings: fast),
        // Stage 2b: multinomial and complement naive Bayes over stemmed n-grams.
        .target(name: "PainmapClassifier", dependencies: ["PainmapText", "CPainmapKernels"], swiftSettings: fast),
        // Stage 3: journey phase, touchpoints, pain points (lexicons/journeys, corpora/ models).
        .target(name: "PainmapJourney", dependencies: ["PainmapText", "PainmapSentiment", "PainmapClassifier"], swiftSettings: fast),
        // Stage 4: the SQLite store (GRDB over the system SQLite), ingest and trend queries.
        .target(name: "PainmapStore", dependencies: ["PainmapJourney", .product(name: "GRDB", package: "GRDB.swift"),
                                                   .product(name: "GRDBSQLite", package: "GRDB.swift")], swiftSettings: fast),
        // Stage 5: the journey report (one self-contained HTML or Markdown file) from the store's queries.
        .target(name: "PainmapReport", dependencies: ["PainmapStore"], swiftSettings: fast),
        .executableTarget(
            name: "painmap",
            dependencies: [
                "PainmapText",
                "PainmapSentiment",
                "PainmapClassifier",
                "PainmapJourney",
                "PainmapStore",
                "PainmapReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PainmapTextTests", dependencies: ["PainmapText"]),
        .testTarget(name: "PainmapSentimentTests", dependencies: ["PainmapSentiment"]),
        .testTarget(name: "PainmapClassifierTests", dependencies: ["PainmapClassifier"]),
        .testTarget(name: "PainmapJourneyTests", dependencies: ["PainmapJourney"]),
        .testTarget(name: "PainmapStoreTests", dependencies: ["PainmapStore"]),
        .testTarget(name: "PainmapReportTests", dependencies: ["PainmapReport"]),
    ]
)
