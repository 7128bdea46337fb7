# Briefing Archive. `make site` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve test test-fast test-browser test-a11y check lint bundle zim bench lock chromium kiwix clean

site: $(STAMP)            ## check the content, then build site/
	$(BIN)/briefings build

serve: $(STAMP)           ## live preview on http://127.0.0.1:8000
	$(BIN)/briefings serve

check: $(STAMP)           ## validate content only
	$(BIN)/briefings check

test: $(STAMP) chromium kiwix  ## lint, type-check, then every test (browser tests included)
	$(BIN)/ruff check generator tests scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

test-fast: $(STAMP) kiwix ## everything but the browser tests
	$(BIN)/pytest -q -m "not browser"

test-browser: $(STAMP) chromium  ## only the headless Chromium tests
	$(BIN)/pytest -q -m browser

test-a11y: $(STAMP) chromium kiwix  ## only the accessibility tests (WCAG 2.2 AA, tests/a11y/)
	$(BIN)/pytest -q tests/a11y

bundle: $(STAMP)          ## the offline zip
	$(BIN)/briefings bundle --output site-offline.zip

zim: $(STAMP)             ## the Kiwix edition
	$(BIN)/briefings zim --output site.zim

bench: $(STAMP) chromium  ## benchmark at 1,000 / 4,000 / 16,000 briefings -> BENCHMARKS.md
	$(BIN)/python scripts/bench.py $(BENCH_FLAGS)
	$(BIN)/pip install --quiet --constraint requirements.lock --editable '.[dev,bench]'
	$(BIN)/python scripts/slowlink.py --sizes 1000,16000 --pagefind --write

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint requirements.lock --editable '.[dev]'
	touch $(STAMP)

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
	rm -rf site .build site-offline.zip site.zim
