#!/usr/bin/env python3
"""Harm check for a sentiment change: label counts of two painmap binaries on our own corpora, and the
lines whose label changed, to read one by one.

usage: scripts/sentiment_guard.py OLD_BINARY NEW_BINARY [--show N] [--lexicons-old DIR]

Only our own texts (corpora/topics, corpora/journey, corpora/samples): never the evaluation files in
../shared, which measure and must not be read line by line. Both binaries run from the repository root,
so they read the same lexicons/ unless --lexicons-old points the old one elsewhere (e.g. a `git archive`
of main's lexicons when the change is in the lexicon files). Prints counts per label for each binary,
the number of changed labels per direction, and up to N changed lines (default 40)."""
import collections, csv, glob, json, os, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def corpora_texts():
    texts = []
    for p in sorted(glob.glob(os.path.join(root, "corpora", "topics", "*.tsv")) +
                    glob.glob(os.path.join(root, "corpora", "journey", "*.tsv")) +
                    [os.path.join(root, "corpora", "samples", "texts.tsv")]):
        if not os.path.exists(p):
            continue
        with open(p, newline="", encoding="utf-8") as f:
            rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts += [r["text"] for r in rows if r.get("text")]
    quick = os.path.join(root, "corpora", "samples", "quickstart.txt")
    if os.path.exists(quick):
        texts += [l.rstrip("\n") for l in open(quick, encoding="utf-8") if l.strip()]
    # One document per line: the joins of subject and body ("||", "/") stay as written.
    return [t.replace("\r", " ").replace("\n", " ") for t in texts]


def labels(binary, path, lexicons=None):
    cmd = [binary, "sentiment", path] + (["--lexicons", lexicons] if lexicons else [])
    out = subprocess.run(cmd, cwd=root, check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines()]


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    old, new = args[0], args[1]
    show = int(args[args.index("--show") + 1]) if "--show" in args else 40
    lex_old = args[args.index("--lexicons-old") + 1] if "--lexicons-old" in args else None
    texts = corpora_texts()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(texts) + "\n")
        path = f.name
    try:
        a, b = labels(old, path, lex_old), labels(new, path)
    finally:
        os.unlink(path)
    print(f"{len(texts)} texts from corpora/")
    for name, rs in (("old", a), ("new", b)):
        c = collections.Counter(r["label"] for r in rs)
        print(f"{name}\tnegative {c['negative']}\tneutral {c['neutral']}\tpositive {c['positive']}")
    changed = [(t, x, y) for t, x, y in zip(texts, a, b) if x["label"] != y["label"]]
    moves = collections.Counter(f"{x['label']} -> {y['label']}" for _, x, y in changed)
    print(f"labels changed: {len(changed)}" + "".join(f"\n  {k}: {n}" for k, n in moves.most_common()))
    moved = sum(1 for x, y in zip(a, b) if abs(x["compound"] - y["compound"]) > 1e-9)
    print(f"compounds changed: {moved}")
    for t, x, y in changed[:show]:
        print(f"{x['label']:>8} {x['compound']:+.3f} -> {y['label']:<8} {y['compound']:+.3f}  {t[:160]}")


if __name__ == "__main__":
    main()
