import ArgumentParser
import Foundation
import PainmapClassifier
import PainmapText

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Look inside a trained topic model.",
        subcommands: [Inspect.self]
    )

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Show a model's classes, sizes, parameters and the most indicative features per class.",
            discussion: """
            Indicative features are those whose one occurrence moves a document most
            towards the class, compared with the other classes on average (in calibrated
            log-odds).

            Examples:
              painmap model inspect topics.nbm
              painmap model inspect topics.nbm --top 20 --format json
            """
        )

        @Argument(help: ArgumentHelp("Model file.", valueName: "model"))
        var model: String

        @Option(help: ArgumentHelp("Features to list per class.", valueName: "n"))
        var top: Int = 10

        @Option(help: "text (for people) or json (for scripts).")
        var format: Evaluate.ReportFormat = .text

        func validate() throws { if top < 0 { throw ValidationError("--top must be 0 or more") } }

        func run() throws {
            let clock = ClassifierStopwatch()
            let nb = try ModelFile.load(model)
            let loadSeconds = clock.seconds
            let size = (try? FileManager.default.attributesOfItem(atPath: model)[.size] as? Int) ?? 0
            let indicative = nb.indicativeFeatures(top: top)
            let counts = nb.classDocumentCounts
            let order = nb.classes.indices.sorted { (counts[$0], nb.classes[$1]) > (counts[$1], nb.classes[$0]) }
            let out = Output()
            if format == .json {
                var j = JSONWriter(capacity: 8192)
                j.beginObject()
                j.key("file", model); j.key("bytes", size); j.key("format_version", Int(ModelFile.version))
                j.key("load_seconds", loadSeconds, digits: 4)
                j.key("parameters", nb.parameters.summary)
                j.key("documents", nb.documentCount)
                j.key("features", nb.features.count); j.key("active_features", nb.activeFeatureCount); j.key("cells", nb.cellCount)
                j.key("temperature", nb.temperature, digits: 6)
                if nb.complementTemperature > 0 {
                    j.key("complement_temperature", nb.complementTemperature, digits: 6)
                    j.key("mixture_temperature", nb.mixtureTemperature, digits: 6)
                }
                j.key("metadata"); j.beginObject(); for (k, v) in nb.metadata.sorted(by: { $0.key < $1.key }) { j.key(k, v) }; j.endObject()
                j.key("classes"); j.beginArray()
                for c in order {
                    j.beginObject()
                    j.key("label", nb.classes[c]); j.key("documents", counts[c])
                    j.key("features"); j.beginArray()
                    for f in indicative[c] { j.beginObject(); j.key("feature", nb.features.name(f.feature)); j.key("weight", f.weight, digits: 3); j.endObject() }
                    j.endArray()
                    j.endObject()
                }
                j.endArray()
                j.endObject()
                out.write(j.bytes); out.line("")
            } else {
                out.line("model        \(model) (\(String(format: "%.1f", Double(size) / 1e6)) MB, format \(ModelFile.version), loaded in \(String(format: "%.1f", loadSeconds * 1000)) ms)")
                out.line("parameters   \(nb.parameters.summary)")
                out.line("trained on   \(nb.documentCount) documents, \(nb.classes.count) classes")
                out.line("features     \(nb.features.count) (\(nb.activeFeatureCount) in use), \(nb.cellCount) non-zero class counts")
                out.line("temperature  \(String(format: "%.4g", nb.temperature))"
                         + (nb.complementTemperature > 0 ? String(format: " (complement part %.4g, mixture %.4g)", nb.complementTemperature, nb.mixtureTemperature) : ""))
                for (k, v) in nb.metadata.sorted(by: { $0.key < $1.key }) { out.line("\(k)  \(v.replacingOccurrences(of: "\t", with: ", "))") }
                out.line("")
                for c in order {
                    let feats = indicative[c].map { "\(nb.features.name($0.feature)) (\(String(format: "%.2f", $0.weight)))" }
                    out.line("\(nb.classes[c])  [\(counts[c]) documents]")
                    if !feats.isEmpty { out.line("    " + feats.joined(separator: ", ")) }
                }
            }
            out.flush()
        }
    }
}
