#!/usr/bin/env python3
"""Writes a Zendesk-style ticket export of N feedback documents for the store benchmark, deterministically
(random.Random(2027)), recombining sentences of our own corpora (corpora/topics/*.tsv, corpora/samples/texts.tsv).

usage: make_bench_feedback.py OUT.csv --documents N

Each document takes one to three sentences of one topic (a subject from another sentence of that topic), a
date over 2025-01-01 .. 2026-12-31 whose month weights depend on the topic (delivery_delay rises in the last
quarter, billing_error declines, app_crash spikes in August 2026, the rest are flat), a channel and a
satisfaction value. Rows come in date order with rising ids, as help-desk exports do. Columns: Ticket ID, Subject, Description, Created at, Channel, Satisfaction.
The output goes to out/bench (ignored by git) and is for benchmarks only."""
import csv, glob, os, random, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) != 4 or sys.argv[2] != "--documents":
    sys.exit(__doc__)
out, n = sys.argv[1], int(sys.argv[3])

split = re.compile(r"(?<=[.!?])\s+")
by_topic = {}
def add(topic, text):
    text = text.replace("||", ".").replace(" / ", " ").strip()
    for s in split.split(text):
        s = s.strip()
        if len(s) >= 12:
            by_topic.setdefault(topic, []).append(s)

for p in sorted(glob.glob(os.path.join(root, "corpora", "topics", "*.tsv"))):
    topic = os.path.splitext(os.path.basename(p))[0]
    for line in list(open(p, encoding="utf-8"))[1:]:
        add(topic, line.rstrip("\n").split("\t", 1)[-1])
samples = os.path.join(root, "corpora", "samples", "texts.tsv")
if os.path.exists(samples):
    for line in list(open(samples, encoding="utf-8"))[1:]:
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3:
            add(parts[0], parts[2])
topics = sorted(t for t in by_topic if len(by_topic[t]) >= 5)
if not topics:
    sys.exit("make_bench_feedback: no corpus sentences found")

months = [(y, m) for y in (2025, 2026) for m in range(1, 13)]
def weights(topic):
    w = []
    for i, (y, m) in enumerate(months):
        if topic == "delivery_delay":
            w.append(1.0 if i < 20 else 3.0 + (i - 20))
        elif topic == "billing_error":
            w.append(24 - i)
        elif topic == "app_crash":
            w.append(6.0 if (y, m) in ((2026, 8), (2026, 9)) else 1.0)
        else:
            w.append(1.0)
    return w
month_weights = {t: weights(t) for t in topics}
days_in = {m: 31 for m in (1, 3, 5, 7, 8, 10, 12)} | {m: 30 for m in (4, 6, 9, 11)} | {2: 28}

rng = random.Random(2027)
channels = ["email", "web", "chat", "phone"]
# Rows are written in date order with rising ids, as help-desk exports are.
rows = []
for i in range(n):
    topic = topics[rng.randrange(len(topics))]
    pool = by_topic[topic]
    body = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
    subject = rng.choice(pool)[:60]
    y, m = rng.choices(months, weights=month_weights[topic])[0]
    created = "%04d-%02d-%02d %02d:%02d:%02d" % (y, m, rng.randint(1, days_in[m]), rng.randint(7, 21),
                                                  rng.randrange(60), rng.randrange(60))
    rows.append((created, subject, body, rng.choice(channels), rng.choice(["", "good", "bad"])))
rows.sort(key=lambda r: r[0])
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["Ticket ID", "Subject", "Description", "Created at", "Channel", "Satisfaction"])
    for i, (created, subject, body, channel, sat) in enumerate(rows):
        w.writerow([1_000_000 + i, subject, body, created, channel, sat])
print(f"make_bench_feedback: {n} documents from {sum(len(v) for v in by_topic.values())} sentences "
      f"of {len(topics)} topics -> {out}", file=sys.stderr)
