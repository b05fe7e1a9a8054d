# Two commands for people (see README.md):
#   make serve   set up, then serve the site on http://127.0.0.1:8000 with live reload
#   make test    set up, then run every test
# Everything is installed into .venv from requirements.txt; nothing global but Python 3.11+.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test validate clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

site: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

test: $(VENV)/.installed
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV)
