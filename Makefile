# Two commands do all the set-up on a fresh machine with Python 3.11 or newer and make:
#   make run    monitor the configured feeds on the embedded broker (Ctrl-C drains and stops)
#   make test   the whole test suite (starts the local PostgreSQL if it is not running)
#   make kafka  one Apache Kafka broker on 127.0.0.1:9092 in the foreground (jars fetched once by Maven)
# PYTHON=... names the interpreter; otherwise the newest Python 3.11+ on PATH (.ci/find-python.sh).
ifndef PYTHON
FOUND_PYTHON := $(shell /bin/sh .ci/find-python.sh)
NO_PYTHON = newswire needs Python 3.11 or newer and there is none on PATH: install one (python3.12, python3.13, ...) or name it with make PYTHON=/path/to/python3
PYTHON = $(or $(FOUND_PYTHON),$(error $(NO_PYTHON)))
endif
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test bench bench-web soak kafka install clean

$(BIN)/newswire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/newswire

install: $(BIN)/newswire

run: install
	$(BIN)/newswire run

# Two test processes (pytest-xdist), each taking a whole test file at a time: most of the suite waits on
# brokers, group joins and child processes rather than computing, so two processes on two cores halve its
# time. Files go out in the order tests/conftest.py gives them (slow files first, so the short ones fill in
# at the end), not xdist's default of the files with most tests first. TEST_WORKERS=0: one process.
TEST_WORKERS ?= 2
test: install
	bash .ci/postgres.sh
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

kafka:
	bash kafka/kafka.sh run

bench: install
	$(BIN)/newswire bench --articles 5000 --json bench.json

# The web interface on 100,000 articles and 1,000,000 figures in PostgreSQL: p95 of every page and API call.
bench-web: install
	bash .ci/postgres.sh
	$(BIN)/python benchmarks/web_load.py --json bench-web.json

# Soak: 200 local feeds through `newswire run` for MINUTES (30), RSS of every process sampled (benchmarks/soak.py).
MINUTES ?= 30
soak: install $(VENV)/.bench
	$(BIN)/python benchmarks/soak.py --minutes $(MINUTES) --out soak

# The [bench] extra (matplotlib, for the soak's plot), installed once.
$(VENV)/.bench: pyproject.toml | $(BIN)/newswire
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info
