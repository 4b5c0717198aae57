#!/usr/bin/env python3
"""Writes benchmark input, one document per line, deterministically (random.Random(7)).

usage: make_bench_text.py OUT --lines N | --megabytes M
Documents are drawn from the public evaluation sets in ../shared/data (read there, never copied into the
repo) and from our own corpora; the output goes to out/ (ignored by git) and is for benchmarks only."""
import csv, glob, os, random, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(os.path.dirname(root), "shared", "data")
out = sys.argv[1]
mode, amount = sys.argv[2], float(sys.argv[3])

docs = []
for p in glob.glob(os.path.join(shared, "vader-groundtruth", "*_GroundTruth.txt")):
    for line in open(p, encoding="utf-8", errors="replace"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3: docs.append(parts[2])
for p in glob.glob(os.path.join(shared, "banking77", "*.csv")):
    with open(p, newline="", encoding="utf-8") as f:
        docs += [r["text"] for r in csv.DictReader(f)]
for p in glob.glob(os.path.join(root, "corpora", "topics", "*.tsv")):
    for line in list(open(p, encoding="utf-8"))[1:]:
        docs.append(line.rstrip("\n").split("\t", 1)[-1])
docs = [d.replace("\r", " ").replace("\n", " ") for d in docs if d.strip()]
if not docs: sys.exit("make_bench_text: no source documents found")

rng = random.Random(7)
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
written = lines = 0
with open(out, "w", encoding="utf-8") as f:
    while (mode == "--lines" and lines < amount) or (mode == "--megabytes" and written < amount * 1e6):
        d = rng.choice(docs)
        f.write(d + "\n")
        written += len(d.encode("utf-8")) + 1
        lines += 1
print(f"{out}: {lines} lines, {written/1e6:.1f} MB from {len(docs)} source documents", file=sys.stderr)
