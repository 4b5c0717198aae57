import ArgumentParser
import Foundation
import PainmapJourney
import PainmapStore
import PainmapText

struct ReanalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reanalyze",
        abstract: "Re-run the analysis of stored documents that older lexicons or models analysed.",
        discussion: """
        Every document records which lexicon, topic model, phase model and journey template analysed it
        (see `painmap stats`). After any of them changes, this command re-analyses the documents whose
        versions differ and replaces their sentiment, topic, phase, touchpoints and pain points. The text and
        everything ingested stay as they are. Each batch is one transaction; an interrupted run resumes where
        it stopped.

        Examples:
          painmap reanalyze
          painmap reanalyze --db demo.sqlite --all       # every document, whatever its versions
          painmap reanalyze --dry-run                    # only count the documents to update
        """
    )

    @Option(help: ArgumentHelp("The database file.", valueName: "path"))
    var db: String = PainmapStore.defaultPath

    @Flag(help: "Re-analyse every document, not only those with old versions.")
    var all = false

    @Flag(help: "Only report how many documents are out of date.")
    var dryRun = false

    @Option(help: ArgumentHelp("Documents per transaction.", valueName: "n"))
    var batchSize: Int = 2048

    @OptionGroup var pipeline: PipelineOptions

    func run() throws {
        let store: PainmapStore
        store = try PainmapStore(path: db, mustExist: true)
        let resources = try JourneyResources.load(lexicons: pipeline.lexicons)
        let analyzers = try PerWorker(workers: pipeline.jobs) { try FeedbackAnalyzer(resources: resources, options: pipeline.analyzerOptions) }
        let r = Reanalyzer(store: store, versions: resources.versions, workers: pipeline.jobs) { w, text in
            analyzers.current(w) { $0.analyzer.vocabulary.isLarge }.analyze(text)
        }
        let outdated = try r.outdatedCount()
        let v = resources.versions
        print("current versions: lexicon \(v.lexicon), topics \(v.topicModel), phases \(v.phaseModel), journey \(v.journey)")
        if dryRun {
            print("\(outdated) documents analysed by other versions")
            return
        }
        let tty = isatty(STDERR_FILENO) == 1
        r.onProgress = { done, total, t in
            if tty { FileHandle.standardError.write(Data(String(format: "\r\u{1B}[2Kreanalyzed %d of %d, %.0f docs/s", done, total, Double(done) / max(t, 1e-9)).utf8)) }
        }
        let s = try r.run(all: all, batchSize: batchSize)
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        print(String(format: "reanalyzed %d documents (%d were out of date) in %.2f s", s.updated, outdated, s.seconds))
    }
}
