#!/usr/bin/env bash
# Chooses the classifier's defaults by stratified 5-fold cross-validation on TRAINING data only
# (banking77 train.csv and the repo's own corpora/topics tickets; never a test set).
# Prints one line per setting: accuracy and macro-F1 on each data set and their means.
# Usage: scripts/tune_classifier.sh [painmap-binary]     (default: a release build in .build-nb)
set -euo pipefail
cd "$(dirname "$0")/.."
PAINMAP=${1:-.build-nb/release/painmap}
shift || true   # any further arguments: options added to every row (e.g. --complement-weight 0)
[ -x "$PAINMAP" ] || swift build -c release --static-swift-stdlib --scratch-path .build-nb >&2
EXTRA=("$@")
B77=../shared/data/banking77/train.csv
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
# corpora/topics/*.tsv (style<TAB>text, label = file name) as one CSV.
python3 - "$TMP/topics.csv" <<'PY'
import csv, glob, os, sys
w = csv.writer(open(sys.argv[1], 'w', newline='')); w.writerow(['text', 'label'])
for p in sorted(glob.glob('corpora/topics/*.tsv')):
    for i, l in enumerate(open(p, encoding='utf-8')):
        parts = l.rstrip('\n').split('\t', 1)
        if i and len(parts) == 2 and parts[1].strip(): w.writerow([parts[1], os.path.basename(p)[:-4]])
PY
cv() {  # file label-column options... -> "accuracy macro-F1"
  local f=$1 l=$2; shift 2
  "$PAINMAP" evaluate "$f" --folds 5 --label-column "$l" --format json "$@" 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.4f %.4f" % (d["accuracy"], d["macro_f1"]))'
}
row() {
  local a b
  a=$(cv "$B77" category "${EXTRA[@]}" "$@"); b=$(cv "$TMP/topics.csv" label "${EXTRA[@]}" "$@")
  python3 - "$a" "$b" "$*" <<'PY'
import sys
a = list(map(float, sys.argv[1].split())); b = list(map(float, sys.argv[2].split()))
print("%-62s | %.4f %.4f | %.4f %.4f | %.4f %.4f" % (sys.argv[3] or "(defaults)", a[0], a[1], b[0], b[1], (a[0]+b[0])/2, (a[1]+b[1])/2))
PY
}
printf "%-62s | %-13s | %-13s | %s\n" "setting (5-fold CV)" "banking77 acc/F1" "topics acc/F1" "mean acc/F1"
row
# One change at a time from the defaults.
for a in 0.01 0.03 0.1 0.3 1; do row --alpha $a; done          # a fixed alpha instead of the per-data-set search
row --alpha-grid 0.01,0.02,0.03,0.05,0.1,0.2,0.3,1               # a finer grid for the search
row --variant complement
row --variant complement --no-weight-norm
row --variant complement --idf
row --dfe-passes 0
row --dfe-passes 1
row --dfe-passes 4
for w in 0 0.1 0.3; do row --complement-weight $w; done             # complement NB mixed in (0 = multinomial alone)
row --no-weight-norm                                              # the mixture's complement part without weight normalization
row --priors learned
row --char-ngrams 0
row --char-ngrams 1-4
row --char-ngrams 2-5
row --char-ngrams 3-5
row --char-weight 0.5
row --char-weight 2
row --char-alpha-scale 0.5
row --char-alpha-scale 2
row --phrase-weight 0.7
row --phrase-weight 1.4
row --ngrams 1
row --ngrams 1-3
row --skip-bigrams
row --remove-stopwords
row --min-df 1
row --min-df 3
row --no-sublinear-tf
row --idf
row --no-length-norm
# Textbook multinomial NB: raw counts of stemmed uni+bigrams (the peers' "MultinomialNB stem uni+bi").
row --char-ngrams 0 --no-sublinear-tf --no-length-norm --min-df 1 --dfe-passes 0 --alpha 0.1
