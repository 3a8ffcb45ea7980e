# The two commands of the quickstart: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLES := samples/shop-request-driven samples/shop-event-driven samples/clustered-contexts samples/eventcatalog-shop

.PHONY: demo test test-fast lint system-deps node-deps bench golden readme clean

# The package alone, for the demo.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

# The package with everything the tests need.
$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	@for sample in $(SAMPLES); do \
	  echo; echo "\$$ archlint lint $$sample"; \
	  $(BIN)/archlint lint $$sample; echo "(exit code $$?)"; \
	done
	@mkdir -p demo-output
	@echo; echo "\$$ archlint report samples/shop-request-driven -o demo-output/report.html"
	@$(BIN)/archlint report samples/shop-request-driven -o demo-output/report.html
	@if command -v dot >/dev/null 2>&1; then \
	  echo; echo "\$$ archlint graph samples/clustered-contexts --format svg -o demo-output/clustered-contexts.svg"; \
	  $(BIN)/archlint graph samples/clustered-contexts --format svg -o demo-output/clustered-contexts.svg; \
	else echo "(install Graphviz for SVG diagrams: make test does, or apt-get install graphviz)"; fi
	@echo; echo "Open demo-output/report.html in a browser."

# Graphviz and Chromium are real system packages: installed where missing (root, or sudo).
system-deps:
	@if ! command -v dot >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq graphviz chromium >/dev/null; \
	fi

node-deps: tests/node/node_modules/.installed
tests/node/node_modules/.installed: tests/node/package.json tests/node/package-lock.json
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# CI's command (.ci/run): the linters first, so a lint or type error fails the run, then
# every test.
test: system-deps $(VENV)/.installed-test node-deps
	@$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

# The inner loop: every test but those that drive Chromium, take seconds, or need a
# package registry (the markers in pyproject.toml); well under a minute.
test-fast: system-deps $(VENV)/.installed-test node-deps
	$(BIN)/python -m pytest -q -m "not browser and not slow and not network"

# Every linter runs, even after one fails, so that one run shows every problem.
LINTERS := "ruff check ." "ruff format --check ." "mypy archlint" "lint-imports"
lint: $(VENV)/.installed-test
	@status=0; for linter in $(LINTERS); do \
	  echo "\$$ $$linter"; $(BIN)/$$linter || status=1; \
	done; exit $$status

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_lint.py
	$(BIN)/python benchmarks/bench_sync_rules.py
	$(BIN)/python benchmarks/bench_asyncapi.py
	$(BIN)/python benchmarks/bench_catalogs.py
	$(BIN)/python benchmarks/bench_report.py
	$(BIN)/python benchmarks/bench_diff.py
	$(BIN)/python benchmarks/bench_broker.py
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]' && $(BIN)/python -m pytest -q benchmarks/micro --benchmark-columns=min,median,rounds

# Regenerate every golden file; review the diff before committing.
golden: $(VENV)/.installed-test
	ARCHLINT_REGEN_GOLDEN=1 $(BIN)/python -m pytest -q

# Regenerate the generated parts of README.md (the rule table) from rules/.
readme: $(VENV)/.installed
	$(BIN)/python scripts/update_readme.py

clean:
	rm -rf $(VENV) build *.egg-info tests/node/node_modules
