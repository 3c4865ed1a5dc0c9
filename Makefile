# The front door. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup gitfilter browser data check reports lint test test-fast lab lock clean

help: ## Show the targets and what they do
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(STAMP) gitfilter ## Create .venv, install the pinned packages and the workbook (only when needed)

# Notebooks are committed without outputs: git runs nbstripout on every notebook it stores (the
# .gitattributes filter), so saving in JupyterLab never puts outputs into a commit. Cell ids are kept. The
# metadata JupyterLab writes on every save (the kernel's language_info, a cell's collapsed/hidden state and
# editable/deletable flags) is stripped too, so saving a notebook leaves `git status` clean.
NB_EXTRA_KEYS := metadata.language_info cell.metadata.jupyter cell.metadata.editable cell.metadata.deletable \
                 cell.metadata.trusted
NBSTRIPOUT := "$(CURDIR)/$(BIN)/python" -m nbstripout --keep-id --extra-keys "$(NB_EXTRA_KEYS)"
gitfilter:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean '$(NBSTRIPOUT)' && \
	  git config filter.nbstripout.smudge cat && \
	  git config filter.nbstripout.required true && \
	  git config diff.ipynb.textconv '$(NBSTRIPOUT) -t'; fi

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

browser: ## Install Debian's chromium for the browser tests when it is missing (needs root or sudo)
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "make: the browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)" >&2; fi; }

check: setup ## Validate data/raw/ (problems as file:row:column lines)
	$(BIN)/workbook check

data: setup ## Check data/raw/ and rebuild data/processed/
	$(BIN)/workbook data

reports: setup ## Build every report into reports/ (incremental; FORCE=1 rebuilds all)
	$(BIN)/workbook build $(if $(FORCE),--force)

lint: setup ## Run the linter (the pinned ruff, rules in pyproject.toml [tool.ruff]); test and test-fast run it first
	$(BIN)/ruff check

test: setup browser ## Run the linter and the whole test suite, doctests included (installs chromium for the browser tests if needed)
	$(BIN)/ruff check
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

# --dist worksteal: a worker that runs out of tests takes half of the other's queue. tests/conftest.py deals the
# build tests (real kernels, 3-10 s each) out to the two workers, each share at the front of its queue, so the
# short tests are what is left to steal at the end and no long test runs alone while the other worker idles.
# PYTHONDONTWRITEBYTECODE is emptied for pytest: with it set (as some shells and containers do), every worker
# rewrites the asserts of all 140 test modules and every process (workers, build workers, kernels) compiles src/helpers
# again on every run, 3-4 s of CPU per process; the caches go to __pycache__/ (ignored by git and by the build hash).
test-fast: setup ## The suite without the real report set, real notebook runs, killed builds and browser tests, on 2 processes (< 2 min), after the linter
	$(BIN)/ruff check
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 2 --dist worksteal -m "not reportset and not browser and not slow"

# JupyterLab reads its config (and custom/custom.css) from a project-local folder, never ~/.jupyter: the
# stylesheet carries the CJK font subset, so Chinese shows before any cell runs (helpers/pages/lab_css.py).
LAB_CONFIG := $(CURDIR)/.cache/jupyter
lab: setup ## Open the notebooks in JupyterLab (Chinese shows before any cell runs, also without a CJK font)
	$(BIN)/python -m helpers.pages.lab_css "$(LAB_CONFIG)/custom"
	JUPYTER_CONFIG_DIR="$(LAB_CONFIG)" $(BIN)/jupyter lab --LabApp.custom_css=True notebooks/

lock: ## Re-pin requirements.lock and environment.yml from the current .venv
	$(BIN)/python -m pip freeze --exclude-editable | sed '1i # Pinned environment: every package and version the workbook was built and tested with.\n# Regenerate with `make lock` after changing pyproject.toml; environment.yml must list the same pins.' > requirements.lock
	$(BIN)/python -m helpers.envfile requirements.lock > environment.yml

clean: ## Remove data/processed/, built reports and caches (.cache/); never data/raw/
	rm -rf data/processed/*.parquet data/processed/*.csv data/processed/*.xlsx data/processed/_data_hash.txt \
	  reports/*.html reports/_failed reports/*.json .cache .build
