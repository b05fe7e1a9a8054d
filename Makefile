# Two commands for people (see README.md):
#   make serve   set up, then serve the site on http://127.0.0.1:8000 with live reload
#   make test    set up, then run every test
# Everything is installed into .venv from requirements.txt; nothing global but Python 3.11+.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test browser clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

site: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# Browser tests drive a real Chromium: Debian's package (Chrome also works). Installed with
# apt when neither is present; sudo is used when not root.
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	  || command -v google-chrome >/dev/null || { \
	    SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; }

test: $(VENV)/.installed browser
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV)
