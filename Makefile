# Two commands on a fresh machine: `make run` and `make test`.
# Both create the virtual environment (.venv) when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test bench eval lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/gunicorn --config gunicorn.conf.py "cleaner.web:create_app()"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m cleaner.bench

eval: $(STAMP)
	$(BIN)/python ../shared/eval/evaluate.py --peers

lint: $(STAMP)
	$(BIN)/cleaner rules lint

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
