# Two commands for a newcomer: `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= quotes.db
GOLD   ?= ../shared/gold

.PHONY: install serve ingest test evaluate methods docs bench check-speakers clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

ingest: $(STAMP)
	$(BIN)/quotes ingest $(DB) seeds/ || [ $$? -eq 3 ]  # 3: all read, with notes

serve: ingest
	$(BIN)/quotes serve $(DB)

# The browser tests drive Chromium: found, installed when root can (apt-get), or one line
# saying what to run, before any test starts.
test: $(STAMP)
	@chrome=$$(sh tests/chromium.sh) && QUOTES_CHROMIUM="$$chrome" $(BIN)/python -m pytest

evaluate: $(STAMP)
	@if [ -d "$(GOLD)" ]; then \
		for f in $(GOLD)/*.jsonl; do echo "== $$f"; $(BIN)/quotes evaluate "$$f" || exit 1; done; \
	else echo "no gold folder at $(GOLD): nothing to evaluate"; fi

methods: $(STAMP)
	$(BIN)/python benchmarks/methods.py $(GOLD)

# The tables of README.md and docs/design.md that the code writes (sieves, resolvers, schema,
# formats, pages, methods); tests/cli/test_readme.py fails when they drift.
docs: $(STAMP)
	$(BIN)/python docs/tables.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --repeat 3

# Ingest every dev set of $(GOLD) into one temporary database and list the speaker rows
# that are descriptions or pronouns, and the rows that look like one person.
check-speakers: $(STAMP)
	@if [ -d "$(GOLD)" ]; then nice $(BIN)/python benchmarks/corpus_check.py --gold $(GOLD); \
	else echo "no gold folder at $(GOLD): nothing to check"; fi

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm test-artifacts
