import ArgumentParser
import PainmapText

@main
struct Painmap: ParsableCommand {
    static let version = "0.1.0"

    /// ArgumentParser's `main`, after starting to read what `painmap sentiment` needs while it parses the
    /// command line (`SentimentPreload` says why).
    static func main() {
        SentimentPreload.startIfSentiment(CommandLine.arguments)
        main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "painmap",
        abstract: "Turn customer feedback into pain points on the customer journey.",
        discussion: """
        painmap reads support tickets, reviews and social posts, scores their sentiment, classifies their topic, places them on the customer journey (phase and touchpoints) and extracts the complaints inside them as pain points. Everything lands in a SQLite file you can query.

        The main job:
          painmap ingest tickets.csv reviews.jsonl   exports into painmap.sqlite
          painmap top                    what hurts most, change vs before
          painmap emerging               what is rising significantly
          painmap journey                where on the journey it hurts
          painmap report --html r.html   the journey map, one shareable file
          painmap label add 812 --topic x   correct a document's analysis

        One document at a time, no database:
          painmap classify feedback.txt  full analysis, one JSON line each
          painmap explain "Third time I ask: where is my refund?"

        'painmap help <subcommand>' explains each command and its options.
        """,
        version: version,
        // Every command, nested ones too, names itself in its configuration (`commandName:`), the name
        // ArgumentParser would derive from its type. Unnamed, each start-up derived it with
        // `String(describing:)` on the type, whose first dynamic casts of each type scan every protocol
        // conformance of the process: ~18M instructions before any work (callgrind, `painmap sentiment`
        // on an empty input), on the thread everything else waits for.
        subcommands: [Tokenize.self, SentimentCommand.self, Explain.self, Classify.self, Models.self, Train.self, Evaluate.self, Predict.self, ModelCommand.self, Ingest.self, TopCommand.self, TrendsCommand.self, EmergingCommand.self, JourneyCommand.self, SearchCommand.self, StatsCommand.self, LabelCommand.self, ReanalyzeCommand.self, ReportCommand.self]
    )
}
