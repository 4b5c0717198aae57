#!/usr/bin/env python3
"""The Python peer for `painmap sentiment`: VADER's compound score for each line of a file, one JSON
object per line, as a whole process (the same job painmap does)."""
import json, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

va = SentimentIntensityAnalyzer()
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    s = va.polarity_scores(line.rstrip("\n"))
    out.write(json.dumps({"compound": s["compound"], "positive": s["pos"], "neutral": s["neu"], "negative": s["neg"]}) + "\n")
