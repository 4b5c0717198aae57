#!/usr/bin/env bash
# Topic classifier accuracy, side by side with scikit-learn in one run (for `make eval`).
# Trains on banking77 train.csv with painmap's defaults (every choice made by cross-validation inside
# train.csv), reports on test.csv, and runs ../shared/peers/peer_nb.py on the same files.
# Usage: scripts/eval_classifier.sh   (SCRATCH=.build-nb builds there; PAINMAP=bin/painmap uses that binary)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data/banking77}
SCRATCH=${SCRATCH:-.build}
python3 -c 'import sklearn, Stemmer' 2>/dev/null || python3 -m pip install --quiet scikit-learn pystemmer
if [ -z "${PAINMAP:-}" ]; then   # PAINMAP=path/to/painmap skips the build
  swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" >&2  # as `make build`
  PAINMAP="$SCRATCH/release/painmap"
fi
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
# Bash's own clock: a `python3 -c` timer added its interpreter's start and exit (~0.13 s here) to every
# painmap time it took (0.51 s measured for a 0.38 s training).
now() { echo "$EPOCHREALTIME"; }

echo "== painmap (defaults) on $DATA: train on train.csv, evaluate on test.csv"
t0=$(now)
"$PAINMAP" train "$DATA/train.csv" --text-column text --label-column category --model "$TMP/b77.nbm" 2> "$TMP/train.log"
t1=$(now)
sed 's/^/   /' "$TMP/train.log"
"$PAINMAP" evaluate "$DATA/test.csv" --model "$TMP/b77.nbm" --format json > "$TMP/eval.json"
"$PAINMAP" evaluate "$DATA/test.csv" --model "$TMP/b77.nbm" --confusions 8 | sed -n '1,5p;/worst confusions/,$p' | sed 's/^/   /'
# Whole-process prediction on the test texts (JSON lines out, with explanations), for the record.
python3 -c 'import csv,sys; [print(r["text"].replace("\n"," ")) for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]' "$DATA/test.csv" > "$TMP/test.txt"
p0=$(now); "$PAINMAP" predict "$TMP/test.txt" --model "$TMP/b77.nbm" > "$TMP/pred.jsonl" 2>/dev/null; p1=$(now)

echo
echo "== peers: ../shared/peers/peer_nb.py on the same files"
python3 ../shared/peers/peer_nb.py "$DATA/train.csv" "$DATA/test.csv" text category | tee "$TMP/peers.txt" | sed 's/^/   /'

echo
python3 - "$TMP/eval.json" "$t0" "$t1" "$p0" "$p1" "$(wc -l < "$TMP/test.txt")" "$TMP/peers.txt" <<'PY'
import json, sys, re
e = json.load(open(sys.argv[1]))
train_s = float(sys.argv[3]) - float(sys.argv[2])
whole = int(sys.argv[6]) / (float(sys.argv[5]) - float(sys.argv[4]))
rows = [("painmap NB (defaults)", e["accuracy"], e["macro_f1"], train_s, e["predict_docs_per_second"])]
for line in open(sys.argv[7]):
    m = re.match(r"(.+?)\tacc=([\d.]+)\tmacroF1=([\d.]+)\ttrain_s=([\d.]+)\tpredict_docs/s=(\d+)", line.strip())
    if m: rows.append(("sklearn " + m[1], float(m[2]), float(m[3]), float(m[4]), float(m[5])))
print("%-40s %9s %9s %10s %15s" % ("banking77 test (3,080 documents)", "accuracy", "macro-F1", "train s", "predict docs/s"))
for r in rows: print("%-40s %9.4f %9.4f %10.2f %15.0f" % r)
print("painmap train s: whole process (read CSV, analyze, tune alpha, calibrate, fit, save);")
print("painmap predict docs/s: analysis + prediction inside `evaluate` (like the peers' transform+predict);")
print("  whole `painmap predict` process on the test texts with explanations: %.0f docs/s" % whole)
target = 0.90
print("accuracy target %.2f: %s" % (target, "met" if e["accuracy"] >= target else "NOT met"))
PY
