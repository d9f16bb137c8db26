# Two entry points that work on a fresh machine with Python >= 3.11 and make:
#   make tournament   runs Axelrod's first tournament (configs/axelrod_1980.toml)
#   make test         runs the test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: install tournament test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/.installed
	@$(BIN)/python -m tournament.warm  # compiles the compiled player once (~20 s)

tournament: install
	$(BIN)/ipd run configs/axelrod_1980.toml

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check tournament strategies tests bench
	$(BIN)/ruff format --check tournament strategies tests bench

bench: install
	$(BIN)/python bench/bench_tournament.py

clean:
	rm -rf $(VENV) .pytest_cache
