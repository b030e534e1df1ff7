# jdpillars: every target sets up .venv first if it is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REAL_DEV ?= ../shared/eval/real_dev.jsonl
EXAMPLE ?= examples/marketing-ops-manager.md

.PHONY: install run test train evaluate bench lint fixtures clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)  ## classify the example posting and print its breakdown
	$(BIN)/jdpillars classify $(EXAMPLE)

test: $(STAMP)
	$(BIN)/python -m pytest

train: $(STAMP)  ## retrain models/default on the corpus' train split
	$(BIN)/jdpillars train --data data/labeled_jds --out models/default \
		$(if $(wildcard $(REAL_DEV)),--external $(REAL_DEV))

evaluate: $(STAMP)  ## metrics on the corpus test split and the real postings
	mkdir -p build
	$(BIN)/jdpillars evaluate --data data/labeled_jds \
		$(if $(wildcard $(REAL_DEV)),--external $(REAL_DEV)) --output build/metrics.json

bench: $(STAMP)  ## throughput, load time and memory
	$(BIN)/python bench/bench_classify.py
	$(BIN)/python bench/bench_lint.py
	$(BIN)/python bench/bench_batch.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

fixtures: $(STAMP)  ## regenerate golden files on purpose
	JDPILLARS_REGENERATE=1 $(BIN)/python -m pytest -q -k golden

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
