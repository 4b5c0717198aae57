import PainmapText
let r = try TextResources.load()
let a = try Analyzer(resources: r)
let d = a.analyze(CommandLine.arguments.dropFirst().joined(separator: " "))
for t in d.tokens { print(d.text(of: t), t.kind.name, t.flags.names, a.vocabulary.string(t.form), a.vocabulary.string(t.stem), t.span) }
print(d.sentences.map { d.originalText($0.span) }, d.language)
