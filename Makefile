# The two commands of the quickstart: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLES := samples/shop-request-driven samples/shop-event-driven samples/clustered-contexts samples/eventcatalog-shop

.PHONY: demo test test-fast fuzz lint system-deps venv-deps node-deps docs bench golden rule-docs clean

# The package alone, for the demo (python3-venv first, where Debian's python3 lacks it).
$(VENV)/.installed: pyproject.toml | venv-deps
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

# The tests' system packages, installed with apt-get where missing (as root, or with sudo):
# Graphviz (SVG diagrams), Chromium (the report's browser tests), Node.js and npm (the SARIF
# Multitool, @actions/core and Mermaid validators in tests/node), jq (the GitHub Action's diff
# step, run by the tests as GitHub's runners run it). Elsewhere: the README says what to get.
SYSTEM_DEPS := graphviz:dot chromium:chromium nodejs:node npm:npm jq:jq
system-deps: venv-deps
	@missing=""; for dep in $(SYSTEM_DEPS); do \
	  command -v $${dep#*:} >/dev/null 2>&1 || missing="$$missing $${dep%%:*}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing with apt-get: the tests draw diagrams (dot), drive a browser, run Node.js validators and the action (jq)"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing >/dev/null; \
	fi

# Debian's python3 comes without venv (and ensurepip): python3-venv, where missing.
venv-deps:
	@if ! $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null; then \
	  echo "make: installing python3-venv with apt-get: Debian's python3 cannot make the .venv without it"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq python3-venv >/dev/null; \
	fi

APT_GET = $$( [ "$$(id -u)" = 0 ] || echo sudo ) env DEBIAN_FRONTEND=noninteractive apt-get

node-deps: tests/node/node_modules/.installed
tests/node/node_modules/.installed: tests/node/package.json tests/node/package-lock.json
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# CI's command (.ci/run): the linters and the documentation's build first, so a lint or
# type error or a broken link fails the run, then every test.
test: system-deps $(VENV)/.installed-test node-deps
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory docs
	$(BIN)/python -m pytest

# The inner loop: every test but those that drive Chromium, take seconds, or need a
# package registry (the markers in pyproject.toml); well under a minute.
test-fast: system-deps $(VENV)/.installed-test node-deps
	$(BIN)/python -m pytest -q -m "not browser and not slow and not network"

# The fuzz suite (tests/test_fuzz.py) with a longer budget than `make test`'s fixed one:
# FUZZ_EXAMPLES random examples per test, new ones each run (Hypothesis prints how to
# reproduce a failure). Minutes, not seconds.
FUZZ_EXAMPLES ?= 2000
fuzz: $(VENV)/.installed-test
	ARCHLINT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py

# Every linter runs, even after one fails, so that one run shows every problem.
LINTERS := "ruff check ." "ruff format --check ." "mypy archlint" "lint-imports"
lint: $(VENV)/.installed-test
	@status=0; for linter in $(LINTERS); do \
	  echo "\$$ $$linter"; $(BIN)/$$linter || status=1; \
	done; exit $$status

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_table.py
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

# Regenerate the rule pages and table of the documentation (docs/rules/) from rules/.
rule-docs: $(VENV)/.installed
	$(BIN)/python scripts/update_docs.py

# The documentation site, into build/docs-site; --strict: a broken link or anchor fails it.
docs: $(VENV)/.installed-test
	$(BIN)/mkdocs build --strict --quiet

clean:
	rm -rf $(VENV) build *.egg-info tests/node/node_modules
