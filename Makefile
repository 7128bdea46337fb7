# Briefing Archive. `make site` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
# The editions' default names, as the CLI's (generator/cli.py) and the Downloads page's.
OFFLINE_ZIP := briefing-archive-offline.zip
ZIM_FILE    := briefing-archive.zim
# Test processes (pytest-xdist): one per core by default; WORKERS=0 runs the tests in one.
WORKERS ?= auto
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve install test test-fast test-browser test-a11y check sources lint bundle zim bench lock chromium kiwix clean

site: $(STAMP)            ## check the content, then build site/ (BUILD_FLAGS=--downloads adds the editions)
	$(BIN)/briefings build $(BUILD_FLAGS)

serve: $(STAMP)           ## live preview on http://127.0.0.1:8000
	$(BIN)/briefings serve

check: $(STAMP)           ## validate content only (CHECK_FLAGS="--format github" in CI)
	$(BIN)/briefings check $(CHECK_FLAGS)

sources: $(STAMP)         ## check every cited source (SOURCES_FLAGS="--budget 40m --write" weekly in CI)
	$(BIN)/briefings sources $(SOURCES_FLAGS)

install: $(STAMP)         ## only set up .venv (pinned packages, dev tools included)

lint: $(STAMP) $(NODE_STAMP)  ## ruff, then mypy --strict, then ESLint on our JavaScript
	$(BIN)/ruff check generator tests scripts
	$(BIN)/mypy
	node_modules/.bin/eslint --max-warnings 0

test: lint chromium kiwix ## lint, then every test (browser and Kiwix tests included)
	$(BIN)/pytest -q -n $(WORKERS)

test-fast: $(STAMP)       ## every test but the browser and Kiwix ones; needs no Debian package
	$(BIN)/pytest -q -m "not browser and not kiwix" -n $(WORKERS)

test-browser: $(STAMP) chromium  ## only the headless Chromium tests
	$(BIN)/pytest -q -m browser -n $(WORKERS)

test-a11y: $(STAMP) chromium kiwix  ## only the accessibility tests (WCAG 2.2 AA, tests/a11y/), every page type in every scheme, width and edition
	A11Y_MATRIX=full $(BIN)/pytest -q tests/a11y -n $(WORKERS)

bundle: $(STAMP)          ## the offline zip, briefing-archive-offline.zip
	$(BIN)/briefings bundle --output $(OFFLINE_ZIP)

zim: $(STAMP)             ## the Kiwix edition, briefing-archive.zim
	$(BIN)/briefings zim --output $(ZIM_FILE)

bench: $(STAMP) chromium  ## benchmark at 1,000 / 4,000 / 16,000 briefings -> BENCHMARKS.md
	$(BIN)/python scripts/bench.py $(BENCH_FLAGS)
	$(BIN)/pip install --quiet --constraint requirements.lock --editable '.[dev,bench]'
	$(BIN)/python scripts/slowlink.py --sizes 1000,16000 --pagefind --write
	$(BIN)/python scripts/ingest_score.py --quiet --scale 20000

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint requirements.lock --editable '.[dev]'
	touch $(STAMP)

# ESLint and its two packages, pinned exactly in package-lock.json (npm ci installs just that).
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make lint needs Node.js 20.19 or newer with npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

chromium:                 ## Debian's Chromium for the browser tests (Playwright drives it)
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; }

kiwix:                    ## Kiwix's kiwix-serve and zimcheck for the ZIM tests
	@command -v kiwix-serve >/dev/null 2>&1 && command -v zimcheck >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq kiwix-tools zim-tools; }

lock:                     ## re-pin every package after changing pyproject.toml
	$(BIN)/pip install --quiet --editable '.[dev]'
	{ echo "# Exact versions of every Python package, direct and indirect (pip constraints)."; \
	  echo "# Regenerate with: make lock"; $(BIN)/pip list --format=freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf site .build $(OFFLINE_ZIP) $(ZIM_FILE)
