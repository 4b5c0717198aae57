import Foundation
import PainmapSentiment
import PainmapText

/// A value that is never freed (`Unmanaged.passRetained`), for tables the process needs until it ends.
final class KeptUntilExit<T> {
    let value: T
    init(_ value: T) { self.value = value }
}

/// `painmap sentiment`'s lists, read from the default lexicons folder while ArgumentParser parses the
/// command line: the stopwords, the sentiment lexicon and its multiword layout, whose words are interned
/// in a fresh vocabulary, and the first worker's analyzer with that vocabulary and the default options.
/// Parsing is ~18M instructions (callgrind, mostly the Swift runtime's first look-ups of each option's
/// types), all on the main thread before the command could start reading, while the other core idled.
/// Invisible: `run` uses the result only if it came from the folder the options name (`--lexicons`,
/// `$PAINMAP_LEXICONS` or the search), and reads everything itself otherwise, or if anything failed here,
/// so errors are reported as before. Nothing is started for other commands.
final class SentimentPreload: @unchecked Sendable {
    // @unchecked: `started` is set before the work is queued; `loaded` is written by that work only, and
    // read after `group.wait()` by the one thread that calls `take`.
    struct Loaded {
        let directory: String
        let resources: TextResources
        let lexicon: SentimentLexicon
        let layout: MultiwordLayout
        let vocabulary: Vocabulary
        /// Made with `options` and `vocabulary`.
        let analyzer: Analyzer
    }

    /// The analyzer options of `painmap sentiment` without options: the defaults, without stemming.
    private static let options: AnalyzerOptions = {
        var o = AnalyzerOptions()
        o.stemming = false
        return o
    }()

    static let shared = SentimentPreload()
    private let group = DispatchGroup()
    private var started = false
    private var loaded: Loaded?

    /// Starts reading, on another thread, when the command line names the `sentiment` command.
    static func startIfSentiment(_ arguments: [String]) {
        guard arguments.count > 1, arguments[1] == SentimentCommand.configuration.commandName else { return }
        let p = shared
        p.started = true
        p.group.enter()
        // A thread of its own, not a work item of the global queue: `SentimentLexicon.load` queues a work
        // item there and waits for it, which must not wait for a free thread of the same pool.
        Thread { p.loaded = try? p.load(); p.group.leave() }.start()
    }

    private func load() throws -> Loaded {
        let directory = try ResourceLocator.lexiconsDirectory()
        let resources = try TextResources(directory: directory)
        let vocabulary = Vocabulary()
        var layout: MultiwordLayout? = nil
        let lexicon = try SentimentLexicon.load(directory: directory + "/en") { lists in
            layout = MultiwordLayout(phrases: lists.phrases, modifiers: lists.modifiers, contrastives: lists.contrastives,
                                     cues: try MultiwordLayout.irrealisCues(directory: lists.directory), vocabulary: vocabulary)
        }
        guard let layout else { preconditionFailure("SentimentLexicon.load calls alongside once it has the lists") }
        let analyzer = try Analyzer(resources: resources, options: SentimentPreload.options, vocabulary: vocabulary)
        return Loaded(directory: directory, resources: resources, lexicon: lexicon, layout: layout, vocabulary: vocabulary,
                      analyzer: analyzer)
    }

    /// What was read (waiting for it), if it was read without error from the folder that `--lexicons`
    /// (`lexicons`) names; nil otherwise, and on a second call.
    func take(lexicons: String?) -> Loaded? {
        guard started else { return nil }
        group.wait()
        defer { loaded = nil }
        guard let loaded else { return nil }
        // Located here without an override, in this process: the folder `run` would locate when none is
        // given (the environment, executable and current folder are the same), so not located again
        // (~1.7M instructions). One that is given is checked.
        if let lexicons, (try? ResourceLocator.lexiconsDirectory(override: lexicons)) != loaded.directory { return nil }
        return loaded
    }
}
