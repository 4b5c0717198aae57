import ArgumentParser
import Foundation
import PainmapClassifier
import PainmapJourney
import PainmapText

struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "The default topic and phase models: build their cache, or measure them on held-out data.",
        discussion: """
        painmap trains its default topic model from corpora/topics and its phase model from corpora/journey
        on first use and caches them in ~/.cache/painmap.

        Examples:
          painmap models build        # train now and cache (what the first analysis would do)
          painmap models evaluate     # train on 80% of our corpora, report on the held-out 20%
        """,
        subcommands: [Build.self, EvaluateModels.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "build", abstract: "Train the default models now and cache them.")
        @OptionGroup var journey: JourneyOptions
        @OptionGroup var pipeline: PipelineOptions
        func run() throws {
            let start = Date()
            let r = try journey.load(pipeline)
            print("topic model: \(r.models.topic.classes.count) topics, version \(r.versions.topicModel)")
            print("phase model: \(r.models.phase.classes.count) phases, version \(r.versions.phaseModel)")
            print(String(format: "ready in %.2f s", Date().timeIntervalSince(start)))
        }
    }

    struct EvaluateModels: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate",
            abstract: "Accuracy of the default models on the held-out fifth of our corpora (not trained on).",
            discussion: """
            The split is fixed by a hash of each example's text, so the figures are reproducible. Reports the
            topic model, the phase model alone and the full phase decision (model + cues + touchpoints +
            topic), and how often the labelled touchpoint is the first, or among the reported, touchpoints.
            """
        )
        @Option(help: ArgumentHelp("Folder with our corpora (default: beside the lexicons).", valueName: "dir"))
        var corpora: String?
        @OptionGroup var pipeline: PipelineOptions

        func run() throws {
            let text = try TextResources.load(lexicons: pipeline.lexicons)
            let dir = try DefaultModels.corporaDirectory(override: corpora, lexicons: text.directory)
            let topics = try DefaultModels.topicExamples(corpora: dir)
            var touchpointLabels: [String] = []
            let phases = try DefaultModels.phaseExamples(corpora: dir, touchpoints: &touchpointLabels)
            let topicTrain = topics.filter { !DefaultModels.isHeldOut($0) }, topicTest = topics.filter(DefaultModels.isHeldOut)
            let phaseTrain = phases.filter { !DefaultModels.isHeldOut($0) }
            let topicModel = try DefaultModels.train(topicTrain, resources: text)
            let phaseModel = try DefaultModels.train(phaseTrain, resources: text)

            let vectorizer = try topicModel.vectorizer(resources: text)
            let predicted = topicTest.map { topicModel.classes[topicModel.predict($0.text, using: vectorizer).label] }
            var r = Report(mode: "topic model: \(topicTrain.count) training examples, \(topicTest.count) held out (corpora/topics)")
            print(r.text(Evaluation(truth: topicTest.map(\.label), predicted: predicted), confusions: 5))

            let models = DefaultModels(topic: topicModel, phase: phaseModel, topicVersion: "eval", phaseVersion: "eval")
            var truth: [String] = [], modelOnly: [String] = [], combined: [String] = []
            var tpFirst = 0, tpAny = 0, tpTotal = 0
            var perTemplate: [String: (Int, Int, Int)] = [:]
            for template in JourneyTaxonomy.templates {
                let resources = try JourneyResources.load(lexicons: pipeline.lexicons, journey: template, corpora: corpora, models: models)
                let analyzer = try FeedbackAnalyzer(resources: resources, options: pipeline.analyzerOptions)
                for (k, e) in phases.enumerated() where DefaultModels.isHeldOut(e) && e.source == "\(template).tsv" {
                    let x = analyzer.analyze(analyzer.analyzer.analyze(e.text), explain: true)
                    truth.append(e.label)
                    modelOnly.append(x.phaseModel.first?.phase ?? "unknown")
                    combined.append(x.analysis.phase.label)
                    let ids = x.analysis.touchpoints.map(\.id)
                    let first = ids.first == touchpointLabels[k], any = ids.contains(touchpointLabels[k])
                    tpTotal += 1; tpFirst += first ? 1 : 0; tpAny += any ? 1 : 0
                    let p = perTemplate[template] ?? (0, 0, 0)
                    perTemplate[template] = (p.0 + (first ? 1 : 0), p.1 + (any ? 1 : 0), p.2 + 1)
                }
            }
            r = Report(mode: "phase model alone: \(phaseTrain.count) training examples, \(truth.count) held out (corpora/journey)")
            let alone = Evaluation(truth: truth, predicted: modelOnly)
            print(String(format: "%@\ndocuments    %d\naccuracy     %.4f\nmacro-F1     %.4f\n", r.mode, alone.count, alone.accuracy, alone.macroF1))
            r = Report(mode: "phase decision (model + phase cues + touchpoints + topic), same held-out examples")
            print(r.text(Evaluation(truth: truth, predicted: combined), confusions: 5))
            print("touchpoints (cue matching), held-out journey examples: labelled touchpoint first / among reported")
            for t in JourneyTaxonomy.templates {
                if let p = perTemplate[t] { print("  " + TokenRendering.pad(t, 12) + String(format: "%5.1f%% / %5.1f%%  (%d)", 100 * Double(p.0) / Double(p.2), 100 * Double(p.1) / Double(p.2), p.2)) }
            }
            print("  " + TokenRendering.pad("all", 12) + String(format: "%5.1f%% / %5.1f%%  (%d)", 100 * Double(tpFirst) / Double(max(tpTotal, 1)), 100 * Double(tpAny) / Double(max(tpTotal, 1)), tpTotal))
        }
    }
}
