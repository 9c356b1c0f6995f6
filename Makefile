# Two set-up commands: `make demo` and `make test`. Both bootstrap .venv on their own.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: bench accuracy demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,ocr]"
	touch $(STAMP)

# The examples' reference date, so the demo prints the same figures every day.
AS_OF ?= 2026-11-21

bench: $(STAMP)
	$(BIN)/python benchmarks/suite.py

# Field-level precision/recall of the parse on the layout corpus and the shared corpus; reports, never fails.
accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py

demo: $(STAMP)
	$(BIN)/rolematch batch "examples/*.txt" "examples/*.md" "examples/*.json" "examples/*.docx" "examples/*.pdf" \
		--out demo-output/shortlist.html --as-of $(AS_OF)
	@echo
	$(BIN)/rolematch match examples/mid-ml-engineer.md --as-of $(AS_OF) --location "New York, NY" --format markdown

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check src tests scripts benchmarks examples fuzz
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks examples fuzz
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
