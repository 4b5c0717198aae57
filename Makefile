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

.PHONY: all deps build demo test eval bench peers clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

demo: build
	@echo "== tokenize (first document) =="
	@head -1 corpora/samples/quickstart.txt | $(PAINMAP) tokenize - --format table
	@echo "== sentiment of corpora/samples/quickstart.txt =="
	@$(PAINMAP) sentiment corpora/samples/quickstart.txt --format table
	@echo "== why: painmap explain =="
	@$(PAINMAP) explain "Support was polite but it took 3 weeks to get a reply. Not good enough."

test: deps
	$(SWIFT) test

peers:
	@python3 -c "import vaderSentiment, textblob, sklearn, Stemmer" 2>/dev/null || \
	  python3 -m pip install -q vaderSentiment textblob scikit-learn pystemmer

eval: build peers
	@echo "== sentiment: VADER's human-rated ground truth, beside VADER and TextBlob =="
	python3 scripts/eval_sentiment.py $(PAINMAP)
	@echo "== default topic and phase models: held-out fifth of our own corpora =="
	$(PAINMAP) models evaluate

bench: build peers
	scripts/bench.sh $(PAINMAP)

clean:
	rm -rf .build out
