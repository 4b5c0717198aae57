import ArgumentParser
import PainmapText

@main
struct Painmap: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "painmap",
        abstract: "Turn customer feedback into pain points on the customer journey.",
        discussion: """
        painmap reads support tickets, reviews and social posts, scores their sentiment, classifies their
        topic, places them on the customer journey and extracts the complaints inside them.

        Start with:
          painmap tokenize feedback.txt            see what the text pipeline makes of each line
          echo "The app crashed AGAIN :(" | painmap tokenize - --format table
        """,
        version: version,
        subcommands: [Tokenize.self, SentimentCommand.self, Explain.self, Classify.self, Models.self, Train.self, Evaluate.self, Predict.self, ModelCommand.self, Ingest.self, TopCommand.self, TrendsCommand.self, EmergingCommand.self, JourneyCommand.self, SearchCommand.self, StatsCommand.self, ReanalyzeCommand.self, ReportCommand.self]
    )
}
