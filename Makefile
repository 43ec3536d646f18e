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

# Every bench/*.py script, in name order; each prints its own report and
# compares against peers run in the same process or run.
bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) || echo "wrk not installable: bench/http_load.py will skip"
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

eval: $(STAMP)
	$(BIN)/python ../shared/eval/evaluate.py --peers

lint: $(STAMP)
	$(BIN)/cleaner rules lint

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
