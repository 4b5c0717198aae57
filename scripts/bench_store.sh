#!/usr/bin/env bash
# The store's targets on N generated documents (default 1,000,000): ingest with full analysis (docs/s, peak
# RSS) and the time of `top`, `journey`, `emerging` (and `trends`, `search`, `stats`) over the result.
# Targets (issue 6): ingest >= 50,000 docs/s on 2 cores, peak RSS < 300 MB, each of top/journey/emerging < 200 ms.
# Input is generated under out/bench (ignored by git) by scripts/make_bench_feedback.py from our corpora.
#
# usage: scripts/bench_store.sh [painmap-binary] [documents]
set -euo pipefail
cd "$(dirname "$0")/.."
PAINMAP=${1:-.build/release/painmap}
N=${2:-1000000}
mkdir -p out/bench
CSV=out/bench/feedback-$N.csv
DB=out/bench/store-$N.sqlite
[ -s "$CSV" ] || python3 scripts/make_bench_feedback.py "$CSV" --documents "$N"
rm -f "$DB" "$DB-wal" "$DB-shm"

echo "== analysis alone (painmap classify, same texts, first 100,000 documents) =="
python3 - "$CSV" > out/bench/analysis-lines.txt <<'PY'
import csv, sys
r = csv.reader(open(sys.argv[1], newline="", encoding="utf-8")); next(r)
for i, row in enumerate(r):
    if i == 100000: break
    print((row[1] + "\n" + row[2]).replace("\r", " ").replace("\n", " "))
PY
n_lines=$(wc -l < out/bench/analysis-lines.txt)
t0=$(date +%s.%N)
"$PAINMAP" classify out/bench/analysis-lines.txt > /dev/null
t1=$(date +%s.%N)
python3 -c "print(f'classify\t{$n_lines/($t1-$t0):.0f} docs/s')"

echo "== ingest $N documents with full analysis =="
/usr/bin/time -f "%e %M %U %S" -o out/bench/ingest-time.txt "$PAINMAP" ingest "$CSV" --db "$DB" -q --format json > out/bench/ingest-summary.json
read -r secs rss_kb user sys < out/bench/ingest-time.txt
python3 - "$N" "$secs" "$rss_kb" "$user" "$sys" out/bench/ingest-summary.json <<'PY'
import json, sys
n, secs, rss_kb, user, sys_s = int(sys.argv[1]), *map(float, sys.argv[2:6])
s = json.loads(open(sys.argv[6]).readline())
print(f"read {s['read']} = stored {s['stored']} + duplicates {s['duplicates']} + rejected {s['rejected']}")
print(f"ingest\t{n / secs:.0f} docs/s   ({secs:.1f} s)   target 50000")
print(f"peak RSS\t{rss_kb / 1024:.0f} MB   target < 300")
# Where the CPU goes: the whole process, and the writer thread inside its transactions (SQLite, FTS5,
# indexes); the rest is reading, mapping and analysis, spread over the workers.
print(f"CPU per document\t{(user + sys_s) / n * 1e6:.0f} us, of which writing {s['write_cpu_seconds'] / n * 1e6:.0f} us "
      f"(writer busy {s['write_seconds']:.1f} s of {secs:.1f} s)")
PY
ls -la "$DB" | awk '{printf "database\t%.0f MB\n", $5/1048576}'

echo "== peak memory on a vocabulary that never stops growing (400,000 lines, two unseen words each) =="
# Real exports keep bringing new order numbers, names and addresses: the analyzers' tables must not grow with them.
UNIQ=out/bench/unseen-words-400k.txt
[ -s "$UNIQ" ] || python3 - "$UNIQ" <<'PY'
import random, string, sys
r = random.Random(20261122)
with open(sys.argv[1], "w") as f:
    for i in range(400_000):
        w = "".join(r.choice(string.ascii_lowercase) for _ in range(9))
        f.write(f"my order {w} never arrived and support mr {w.capitalize()}son ignored me\n")
PY
rm -f out/bench/unseen.sqlite out/bench/unseen.sqlite-wal out/bench/unseen.sqlite-shm
/usr/bin/time -f "%e %M" -o out/bench/unseen-time.txt "$PAINMAP" ingest "$UNIQ" --db out/bench/unseen.sqlite -q > /dev/null
read -r usecs urss < out/bench/unseen-time.txt
python3 -c "print(f'ingest, unseen words\tpeak RSS {$urss/1024:.0f} MB   target < 300   ({400000/$usecs:.0f} docs/s)')"
rm -f out/bench/unseen.sqlite out/bench/unseen.sqlite-wal out/bench/unseen.sqlite-shm

echo "== queries over $N documents (best of 3 runs, whole process, warm cache) =="
q() { # name, args...
  local name=$1; shift
  local best=999999
  for _ in 1 2 3; do
    local a b
    a=$(date +%s%N)
    "$PAINMAP" "$@" --db "$DB" > /dev/null
    b=$(date +%s%N)
    local ms=$(( (b - a) / 1000000 ))
    (( ms < best )) && best=$ms
  done
  printf "%-28s %6d ms\n" "$name" "$best"
}
q "top (phrase, 90 days)" top
q "top --by topic" top --by topic
q "top --by touchpoint" top --by touchpoint
q "top --period all" top --period all
q "journey" journey
q "emerging (phrase, 28 days)" emerging
q "emerging --by topic" emerging --by topic
q "trends --every week" trends --every week
q "search delivery" search delivery
q "stats" stats
q "top --source ... --channel email" top --source zendesk --channel email
q "report (90 days)" report --format md
q "report --period all" report --format md --period all
q "report --channel --period all" report --format md --channel web --period all
echo "targets: top, journey, emerging < 200 ms each (the times include process start)"
