# motcua — the two commands: `make demo` and `make test`.
# Needs only Python >= 3.11, git and make: uv is bootstrapped into .tools/ when missing.

SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: demo test install check lint types migrations-check messages schema bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

$(BIN)/motcua: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

install: $(BIN)/motcua  ## install the project and its tools into .venv

messages: install  ## compile translation files (no GNU gettext needed)
	$(BIN)/motcua i18n_compile

demo: install  ## install, migrate, load demo data, serve web + worker on 127.0.0.1:$(PORT)
	$(BIN)/motcua demo --port $(PORT)

test: install  ## the whole test suite (SQLite unless DATABASE_URL says otherwise)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy motcua

migrations-check: install
	$(BIN)/motcua makemigrations --check --dry-run

schema: install  ## regenerate the committed OpenAPI schema
	$(BIN)/motcua spectacular --file docs/openapi/v1.yaml --validate --lang en

check: test lint types migrations-check

clean:
	rm -rf $(VENV) .tools var .pytest_cache .mypy_cache .ruff_cache
