# Tocsin: run `make help` for the list of targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY      := .venv/bin/python
TOCSIN  := .venv/bin/tocsin
STAMP   := .venv/.installed
NATIVE  := .venv/.compiled
SHARED  ?= ../shared

.PHONY: help install lock kafka-up kafka-down topics run worker test test-unit test-integration \
        lint format typecheck schemas eval calibrate bench bench-engine clean \
        compile clean-compiled

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	test -d .venv || python3 -m venv .venv
	.venv/bin/pip install -q --upgrade pip
	.venv/bin/pip install -q -r requirements.lock
	.venv/bin/pip install -q --no-deps -e .
	touch $(STAMP)

$(NATIVE): $(STAMP) scripts/compile_engine.py $(wildcard enrich/*.py)
	mkdir -p .cache && $(PY) scripts/compile_engine.py > .cache/compile.log 2>&1 \
		|| { cat .cache/compile.log; exit 1; }
	touch $(NATIVE)

install: $(NATIVE) ## Create .venv with the locked dependencies and the `tocsin` command, compile the engine

compile: $(NATIVE) ## Compile the engine's hot modules with mypyc (install does it; rerun after editing enrich/)

clean-compiled: ## Remove the compiled engine modules: the engine then runs as pure Python
	rm -f enrich/*.so $(NATIVE)

lock: ## Re-resolve requirements.lock from pyproject.toml (needs uv in .venv)
	.venv/bin/pip install -q uv && .venv/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock -q --no-header

kafka-up: ## Fetch Kafka's jars (once) and start a single-node KRaft broker on 127.0.0.1
	bash scripts/kafka.sh up

kafka-down: ## Stop the local broker
	bash scripts/kafka.sh down

topics: install kafka-up ## Create every topic (idempotent)
	$(TOCSIN) topics

run: install kafka-up ## Live demo: worker + demo articles, prints events and alerts until Ctrl-C
	bash scripts/demo.sh

worker: install kafka-up ## Run the worker in the foreground
	$(TOCSIN) topics && $(TOCSIN) worker

test: install kafka-up ## Run every test tier (starts the broker itself)
	$(PY) -m pytest -m "unit or lexicons or agents or integration" -p no:cacheprovider

test-unit: install ## Run the tests that need no broker
	$(PY) -m pytest -m "unit or lexicons or agents" -p no:cacheprovider

test-integration: install kafka-up ## Run the tests on the real broker
	$(PY) -m pytest -m integration -p no:cacheprovider

lint: $(STAMP) ## ruff check and format check (what CI runs)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: $(STAMP) ## Apply ruff fixes and formatting
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

typecheck: $(STAMP) ## mypy --strict (what CI runs)
	.venv/bin/mypy

schemas: install ## Export the JSON Schema files into schemas/json/
	$(PY) -m schemas.export

eval: install ## Precision/recall/F1 per language and type, and a reliability table
	$(PY) -m cli.evaluate --shared $(SHARED)

calibrate: install ## Refit enrich/data/calibration.yaml on the shared real dev set
	$(PY) -m cli.calibrate --shared $(SHARED)

bench: bench-engine ## All benchmarks

bench-engine: install ## Engine speed (articles/s on one core) and memory, against a baseline
	$(PY) -m cli.bench_engine

clean: clean-compiled ## Remove the venv, caches and compiled modules (keeps the Kafka jar cache)
	rm -rf .venv .mypy_cache .ruff_cache .pytest_cache
