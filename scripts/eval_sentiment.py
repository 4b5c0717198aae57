#!/usr/bin/env python3
"""Sentiment accuracy of painmap beside VADER and TextBlob, on the same files, in one run.

usage: scripts/eval_sentiment.py [--confusion] [PAINMAP_BINARY] [FILES...]
Files are VADER-format ground truth (id<TAB>mean rating -4..4<TAB>text), default ../shared/data/vader-groundtruth/*.
Prints Pearson r against rating/4 and 3-class macro-F1 (classes cut at +-0.05 on both), and documents per
second; the peers' figures come from ../shared/peers/peer_sentiment.py run in the same process group.
With --confusion, also each file's 3-class confusion matrix and per-class F1 for painmap and for VADER
(scripts/peer_vader.py): counts only, which say where the two differ without showing any rated text.
These files measure: never fit lexicon weights to them."""
import glob, json, math, os, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(os.path.dirname(root), "shared")
args = sys.argv[1:]
confusion = "--confusion" in args
args = [a for a in args if a != "--confusion"]
binary = args[0] if args else os.path.join(root, ".build/release/painmap")
files = args[1:] or sorted(glob.glob(os.path.join(shared, "data/vader-groundtruth/*_GroundTruth.txt")))
if not files:
    sys.exit("eval_sentiment: no ground-truth files (expected ../shared/data/vader-groundtruth/)")

def cls(x): return 1 if x >= 0.05 else (-1 if x <= -0.05 else 0)
def pearson(a, b):
    n = len(a); ma = sum(a) / n; mb = sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a); vb = sum((y - mb) ** 2 for y in b)
    return cov / math.sqrt(va * vb)
def class_f1(t, p):
    f = []
    for c in (-1, 0, 1):
        tp = sum(1 for x, y in zip(t, p) if x == c and y == c)
        fp = sum(1 for x, y in zip(t, p) if x != c and y == c)
        fn = sum(1 for x, y in zip(t, p) if x == c and y != c)
        pr = tp / (tp + fp) if tp + fp else 0; rc = tp / (tp + fn) if tp + fn else 0
        f.append(2 * pr * rc / (pr + rc) if pr + rc else 0)
    return f
def macro_f1(t, p): return sum(class_f1(t, p)) / 3
def print_confusion(name, scorer, t, p):
    """Rows: the raters' class; columns: the scorer's (negative, neutral, positive)."""
    m = [[sum(1 for x, y in zip(t, p) if x == a and y == b) for b in (-1, 0, 1)] for a in (-1, 0, 1)]
    f = class_f1(t, p)
    print(f"{name}\t{scorer}\tconfusion (rows rated -/0/+, columns scored -/0/+): {m}\tF1 -/0/+: "
          + " ".join(f"{x:.3f}" for x in f), flush=True)

print("file\tscorer\tn\tr\tmacroF1\tdocs/s")
for path in files:
    rows = []
    for line in open(path, encoding="utf-8", errors="replace"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3:
            rows.append((float(parts[1]) / 4.0, parts[2].replace("\r", " ")))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tmp:
        for _, text in rows: tmp.write(text + "\n")
    t0 = time.perf_counter()
    out = subprocess.run([binary, "sentiment", tmp.name], capture_output=True, text=True, check=True).stdout
    secs = time.perf_counter() - t0
    os.unlink(tmp.name)
    scores = [json.loads(l)["compound"] for l in out.splitlines()]
    assert len(scores) == len(rows), f"{len(scores)} scores for {len(rows)} rows"
    truth = [r[0] for r in rows]
    name = os.path.basename(path).split("_")[0]
    print(f"{name}\tpainmap\t{len(rows)}\t{pearson(truth, scores):.3f}\t{macro_f1([cls(x) for x in truth], [cls(x) for x in scores]):.3f}\t{len(rows)/secs:.0f}", flush=True)
    if confusion:
        classes = [cls(x) for x in truth]
        print_confusion(name, "painmap", classes, [cls(x) for x in scores])
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tmp:
            for _, text in rows: tmp.write(text + "\n")
        vader = subprocess.run([sys.executable, os.path.join(root, "scripts/peer_vader.py"), tmp.name],
                               capture_output=True, text=True, check=True).stdout
        os.unlink(tmp.name)
        print_confusion(name, "vader", classes, [cls(json.loads(l)["compound"]) for l in vader.splitlines()])
    peer = os.path.join(shared, "peers/peer_sentiment.py")
    if os.path.exists(peer) and os.environ.get("PAINMAP_SKIP_PEERS") != "1":
        res = subprocess.run([sys.executable, peer, path], capture_output=True, text=True)
        for l in res.stdout.splitlines():
            f = dict(kv.split("=", 1) for kv in l.split("\t")[2:] if "=" in kv)
            print(f"{name}\t{l.split(chr(9))[1]}\t{f.get('n')}\t{f.get('r')}\t{f.get('macroF1')}\t{f.get('docs/s')}", flush=True)
        if res.returncode != 0:
            print(f"{name}\tpeers failed: {res.stderr.strip().splitlines()[-1:] }")
