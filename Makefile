# The front door. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup data check reports test lab lock clean

help: ## Show the targets and what they do
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install the pinned packages and the workbook (only when needed)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

check: setup ## Validate data/raw/ (problems as file:row:column lines)
	$(BIN)/workbook check

data: setup ## Check data/raw/ and rebuild data/processed/
	$(BIN)/workbook data

reports: setup ## Build every report into reports/ (incremental; FORCE=1 rebuilds all)
	$(BIN)/workbook build $(if $(FORCE),--force)

test: setup ## Run the test suite
	$(BIN)/python -m pytest

lab: setup ## Open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/

lock: ## Re-pin requirements.lock and environment.yml from the current .venv
	$(BIN)/python -m pip freeze --exclude-editable | sed '1i # Pinned environment: every package and version the workbook was built and tested with.\n# Regenerate with `make lock` after changing pyproject.toml; environment.yml must list the same pins.' > requirements.lock
	$(BIN)/python -m helpers.envfile requirements.lock > environment.yml

clean: ## Remove data/processed/ and built reports (never data/raw/)
	rm -rf data/processed/*.parquet data/processed/*.csv data/processed/*.xlsx reports/*.html reports/_failed reports/*.json
