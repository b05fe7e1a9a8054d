"""Helpers for the benchmark scripts: build the site, serve it like a real host, measure."""

from __future__ import annotations

import atexit
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


def temporary(prefix: str = "openbudget-bench-") -> Path:
    """A temporary folder, removed when the benchmark ends (a baseline site takes gigabytes)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def build(project: Path, out: Path, env: dict | None = None) -> float:
    """Seconds for one `mkdocs build` of a project folder."""
    return measured(project, out, env)[0]


def measured(project: Path, out: Path, env: dict | None = None,
             command: list[str] | None = None) -> tuple[float, float]:
    """Seconds and peak memory (MB, every process of the build together: MkDocs and its chart
    renderers) of one `mkdocs build`, or of another command run in the project folder."""
    start = time.perf_counter()
    errors = tempfile.TemporaryFile()
    # the project's own package (a copy of hooks/), not the one installed from this checkout
    process = subprocess.Popen(command or [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                                           "-d", str(out)],
                               cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks"),
                                                 **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=errors)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    if process.returncode:
        errors.seek(0)
        raise subprocess.CalledProcessError(process.returncode, process.args, stderr=errors.read().decode()[-3000:])
    return time.perf_counter() - start, peak / 1024 / 1024


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, found = {root}, True
    while found:
        found = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                found = True
    return sum(rss.get(pid, 0) for pid in tree)


def project_copy(data: Path | None = None, root: Path = ROOT) -> Path:
    """A temporary copy of the site sources (empty chart cache); `data` replaces data/;
    `root` is another checkout of the project (e.g. an older commit, to compare)."""
    folder = temporary()
    for name in ("mkdocs.yml", "content", "hooks", "overrides"):
        src = root / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, folder / name)
    shutil.copytree(data or root / "data", folder / "data")
    return folder


def county_copy(root: Path = ROOT) -> Path:
    """project_copy of the fictional county fixture (tests/fixtures/county): several departments
    over two years, with its jurisdictions.yaml, for the county page (/bodies/shili/2031/)."""
    fixture = ROOT / "tests" / "fixtures" / "county"
    folder = project_copy(fixture / "data", root)
    shutil.copy(fixture / "jurisdictions.yaml", folder / "jurisdictions.yaml")
    return folder


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed when the browser asks, as GitHub Pages does."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path):
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def first_load(url: str, reach_for_chart: bool = False, device: dict | None = None, act: bool = False) -> dict:
    """Bytes a fresh browser transfers to show a page (until the network is idle); with
    reach_for_chart, also what it takes when the reader then points at the first chart; with
    act, also what the reader's first action (a mouse move) loads: Material's script;
    device: browser context options (e.g. PHONE), else a 1280×720 desktop."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(**(device or {})).new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}
        cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        page.goto(url, wait_until="networkidle")
        if act:
            page.mouse.move(5, 5)
            page.wait_for_load_state("networkidle")
        if reach_for_chart:
            page.locator("figure.ob-chart").first.hover()
            page.wait_for_function("() => document.querySelector('figure.ob-chart').dataset.state === 'ready'")
        page.wait_for_timeout(500)
        browser.close()
    files = {urls.get(k, k): v for k, v in sizes.items()}
    return {"bytes": sum(files.values()), "files": files}


NODE_TOOLS = ROOT / "benchmarks" / "node_modules"


def lighthouse_command() -> list[str]:
    """Lighthouse as pinned in benchmarks/package-lock.json, installed there on first use
    (npm ci: the locked versions and hashes)."""
    tool = NODE_TOOLS / ".bin" / "lighthouse"
    if not tool.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT / "benchmarks", check=True)
    return [str(tool)]


def lighthouse_report(url: str) -> dict:
    """One Lighthouse run (mobile, the default) in headless Chromium: the JSON report."""
    result = subprocess.run(
        [*lighthouse_command(), url, "--quiet", "--output=json",
         "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM or ""}, check=True)
    return json.loads(result.stdout)


TIMINGS = ("first-contentful-paint", "largest-contentful-paint", "speed-index", "total-blocking-time",
           "cumulative-layout-shift")


def lighthouse(url: str, runs: int = 3, failing: dict | None = None, timings: dict | None = None) -> dict[str, float]:
    """Median Lighthouse scores over several runs; `failing`, when given, collects for each
    category the audits that scored below 1 in any run (with their titles); `timings` gets
    the median of each performance metric (ms; CLS unitless)."""
    scores: dict[str, list[float]] = {}
    measured: dict[str, list[float]] = {}
    for _ in range(runs):
        report = lighthouse_report(url)
        for key in TIMINGS:
            measured.setdefault(key, []).append(report["audits"][key]["numericValue"])
        for key, category in report["categories"].items():
            scores.setdefault(key, []).append(round(category["score"] * 100))
            if failing is None:
                continue
            for ref in category["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                    failing.setdefault(key, {})[ref["id"]] = audit["title"]
    if timings is not None:
        timings.update({k: statistics.median(v) for k, v in measured.items()})
    return {k: statistics.median(v) for k, v in scores.items()}
