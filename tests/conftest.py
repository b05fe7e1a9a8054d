"""Shared helpers: build the real site with MkDocs and read its HTML."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SEED_YAML = ROOT / "data" / "miyi-xinfang" / "2021.yaml"
SEED_TEXT = ROOT / "data" / "miyi-xinfang" / "2021.source.txt"


FIXTURES = Path(__file__).parent / "fixtures"
def minimal_yaml(extra: str = "") -> str:
    """tests/fixtures/minimal.yaml (a budget section only) plus extra sections (entries of its
    `sections:` list). The expected sections it lacks need no acknowledgment: the overview says
    本文件未包含…… by itself."""
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8") + extra


def mkdocs_build(project: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on a project folder."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
         "-d", str(out)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def make_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of this project's site sources; `data` replaces data/ when given."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "hooks", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


class BuiltSite:
    def __init__(self, out: Path):
        self.out = out

    def page(self, url: str) -> BeautifulSoup:
        path = self.out / url.strip("/") / "index.html" if not url.endswith(".html") else self.out / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def article(self, url: str) -> BeautifulSoup:
        """The page's main content, without navigation."""
        return self.page(url).select_one("article.md-content__inner")

    def html_files(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


#: A number in exponent notation (4E-7, 1E+3, 2.5e10): what str() of a Decimal writes for some amounts.
EXPONENT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")


def exponent_numbers(out: Path) -> list[str]:
    """Every CSV cell, JSON string and JSON number in a built site written in exponent notation, as
    “file: value”. A spreadsheet or a program reading 4E-7 gets a number the document never printed."""
    found = []
    for path in sorted(out.rglob("*.csv")):
        rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        found += [f"{path.relative_to(out)}: {cell}" for row in rows for cell in row if EXPONENT.fullmatch(cell.strip())]
    for path in sorted(out.rglob("*.json")):
        numbers: list[str] = []
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=lambda t: numbers.append(t) or float(t))
        found += [f"{path.relative_to(out)}: {t}" for t in numbers if EXPONENT.fullmatch(t)]
        stack = [data]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack += value.values()
            elif isinstance(value, list):
                stack += value
            elif isinstance(value, str) and EXPONENT.fullmatch(value.strip()):
                found.append(f"{path.relative_to(out)}: {value}")
    return found


def build_or_fail(project: Path, out: Path) -> BuiltSite:
    """Build a site, and check that none of its downloads writes a number in exponent notation."""
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    assert exponent_numbers(out) == []
    return BuiltSite(out)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> BuiltSite:
    """The real site, built once from this repository's data."""
    return build_or_fail(ROOT, tmp_path_factory.mktemp("seed-site"))


@pytest.fixture(scope="session")
def statements_site(tmp_path_factory) -> BuiltSite:
    """The fictional bureau of tests/fixtures/statements (its published tables, its 决算), built once."""
    tmp = tmp_path_factory.mktemp("statements")
    return build_or_fail(make_project(tmp / "project", FIXTURES / "statements"), tmp / "site")


def missing_tool(message: str):
    """A tool the tests need is not installed: the run fails (never skips), so that a green
    run means every test ran. `make test` installs every tool the tests use."""
    pytest.fail(message + "；请用 make test 运行测试（会安装所需工具）")


# --- A real browser: Debian's chromium (or Chrome), driven by Playwright -------------

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def running(pid: int) -> bool:
    """A process alive and not a zombie waiting to be collected."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def left_running(pids: list[int], seconds: float = 10) -> list[int]:
    """Those of the processes still running after waiting up to `seconds` for all to end;
    they are killed (cleaning up after a failure)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(map(running, pids)):
        time.sleep(0.1)
    left = [pid for pid in pids if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


def chromium_executable() -> str | None:
    return os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)


@pytest.fixture(scope="session")
def browser():
    """Chromium for browser tests; without it the run fails (see missing_tool)."""
    executable = chromium_executable()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - requirements.txt installs it
        sync_playwright = None
    if executable is None or sync_playwright is None:
        missing_tool("需要 Chromium 和 Playwright 才能运行浏览器测试（make test 会安装）")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port); returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def seed_url(seed_site):
    base, server = serve(seed_site.out)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def statements_url(statements_site):
    base, server = serve(statements_site.out)
    yield base
    server.shutdown()


RESULTS = """rs => rs.map(r => ({
    url: r.querySelector(':scope > .pagefind-ui__result-inner > .pagefind-ui__result-title a').getAttribute('href'),
    title: r.querySelector(':scope > .pagefind-ui__result-inner > .pagefind-ui__result-title').textContent.trim(),
    tags: [...r.querySelectorAll('.pagefind-ui__result-tag')].map(t => t.textContent.trim()),
    excerpts: [...r.querySelectorAll('.pagefind-ui__result-excerpt')].map(e => e.textContent)}))"""


def search(tab, base: str, query: str) -> list[dict]:
    """Type a query on the search page (search/); the results as the reader sees them, in order:
    each one's link, title, tags (部门: …, 年度: …, 文件: …) and snippets."""
    if not tab.url.split("?")[0].endswith("/search/"):
        tab.goto(base + "search/")
    tab.locator(".pagefind-ui__search-input").fill(query)
    # done: 找到 N 个 <q> 的相关结果, or 未找到 <q> 的相关结果 (正在搜索 <q>... meanwhile)
    tab.wait_for_function("q => { const m = document.querySelector('.pagefind-ui__message');"
                          " return m && m.textContent.includes(q) && m.textContent.includes('相关结果'); }",
                          arg=query, timeout=20000)
    tab.wait_for_function("() => !document.querySelector('.pagefind-ui__result .pagefind-ui__loading')")  # texts are in
    return tab.eval_on_selector_all(".pagefind-ui__result", RESULTS)


@pytest.fixture
def page(browser):
    """A fresh browser page that records console errors and every request it makes."""
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []
    tab.requests = []
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    tab.on("request", lambda r: tab.requests.append(r.url))
    yield tab
    context.close()
