SHELL := /bin/bash
# painmap: two commands on a fresh machine.
#   make demo   installs missing system packages, builds, runs the main job on the bundled sample
#   make test   installs missing system packages, builds and runs the unit tests (no ../shared needed)
# Measurement against the peers (needs ../shared, installs the Python peers):
#   make eval   accuracy beside VADER/TextBlob and scikit-learn
#   make bench  speed ratios against the same peers
SWIFT ?= swift
PAINMAP := .build/release/painmap
SHARED ?= ../shared

.PHONY: all deps build demo test eval bench peers clean report-check report-screenshot

all: build

deps:
	@scripts/install-deps.sh

# The Swift runtime and Foundation linked into the binary: every command starts with fewer dynamic
# symbol look-ups (start-up 179.6M -> 164.8M instructions for `painmap sentiment`, callgrind; a 200,000-line
# sentiment run 0.436 -> 0.415 s, medians of 7 alternated runs), and the binary runs on a machine without
# a Swift toolchain (it still links the system's libsqlite3 and libstemmer).
RELEASE_FLAGS := -c release --static-swift-stdlib

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

DEMO_DB := out/demo.sqlite
SAMPLES := corpora/samples/tickets.csv corpora/samples/reviews.jsonl corpora/samples/social.csv

# The main job on our bundled sample (2,405 tickets, reviews and posts over 12 months): ingest into an
# embedded SQLite file, then ask what hurts most, what is rising, and where on the journey.
demo: build
	@mkdir -p out && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(PAINMAP) ingest $(SAMPLES) --db $(DEMO_DB)
	@echo; echo "== what hurts most (last 90 days vs the 90 before) =="; $(PAINMAP) top --db $(DEMO_DB)
	@echo; echo "== what is rising (last 28 days vs the 28 before) =="; $(PAINMAP) emerging --db $(DEMO_DB)
	@echo; echo "== after app release 5.2 =="; $(PAINMAP) emerging --by topic --since 2026-08-15 --until 2026-09-25 --db $(DEMO_DB)
	@echo; echo "== where in the journey =="; $(PAINMAP) journey --db $(DEMO_DB)
	@echo; echo "== since when =="; $(PAINMAP) trends --every month --topic delivery_delay --topic app_crash --topic billing_error --db $(DEMO_DB)
	@echo; echo "== journey report =="; $(PAINMAP) report --db $(DEMO_DB) --html out/report.html && echo "wrote out/report.html"
	@echo; echo "Explore: $(PAINMAP) --help   |   sqlite3 $(DEMO_DB) .schema"

test: deps
	$(SWIFT) test

peers:
	@python3 -c "import vaderSentiment, textblob, sklearn, Stemmer" 2>/dev/null || \
	  python3 -m pip install -q vaderSentiment textblob scikit-learn pystemmer

eval: build peers
	@echo "== sentiment: VADER's human-rated ground truth, beside VADER and TextBlob =="
	python3 scripts/eval_sentiment.py $(PAINMAP)
	@echo "== sentiment: our own social-post development set (one writer's rating estimates, corpora/sentiment/README.md) =="
	python3 scripts/eval_sentiment.py $(PAINMAP) corpora/sentiment/social-dev.tsv
	python3 scripts/eval_sentiment.py $(PAINMAP) corpora/sentiment/social-dev-2.tsv
	@echo "== default topic and phase models: held-out fifth of our own corpora =="
	$(PAINMAP) models evaluate
	@echo "== topic classifier: banking77 train -> test, beside scikit-learn =="
	PAINMAP=$(PAINMAP) scripts/eval_classifier.sh

bench: build peers
	scripts/bench.sh $(PAINMAP)
	@echo "== store: 1,000,000 generated tickets (5-7 minutes) =="
	scripts/bench_store.sh $(PAINMAP)

# Renders the demo's report in headless Chromium (Debian's chromium) and fails on a blank or broken page.
report-check: build
	scripts/report_check.sh $(PAINMAP)

# The same, and copies the screenshot to docs/report.png for the README.
report-screenshot: build
	UPDATE_DOCS=1 scripts/report_check.sh $(PAINMAP)

clean:
	rm -rf .build out
