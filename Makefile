# Two commands do all the set-up on a fresh machine with Python 3.11 and make:
#   make run    monitor the configured feeds on the embedded broker (Ctrl-C drains and stops)
#   make test   the whole test suite (starts the local PostgreSQL if it is not running)
#   make kafka  one Apache Kafka broker on 127.0.0.1:9092 in the foreground (jars fetched once by Maven)
PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test bench kafka install clean

$(BIN)/newswire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/newswire

install: $(BIN)/newswire

run: install
	$(BIN)/newswire run

test: install
	bash .ci/postgres.sh
	$(BIN)/pytest -q

kafka:
	bash kafka/kafka.sh run

bench: install
	$(BIN)/newswire bench --articles 5000 --json bench.json

clean:
	rm -rf $(VENV) build *.egg-info
