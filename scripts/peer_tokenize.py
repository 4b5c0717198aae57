#!/usr/bin/env python3
"""The Python peer for `painmap tokenize`: regex word tokenization plus PyStemmer (Snowball, C) on each
line, as a Python pipeline would do it. Prints documents, tokens and MB/s of the whole file."""
import re, sys, time
import Stemmer

stem = Stemmer.Stemmer("english").stemWords
word = re.compile(r"\w+(?:'\w+)?|[^\w\s]+")
t0 = time.perf_counter()
docs = toks = size = 0
with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    for line in f:
        size += len(line.encode("utf-8"))
        words = word.findall(line.lower())
        stem(words)
        docs += 1; toks += len(words)
secs = time.perf_counter() - t0
print(f"documents\t{docs}\ntokens\t{toks}\nbytes\t{size}\nseconds\t{secs:.3f}\nMB/s\t{size/1e6/secs:.1f}")
