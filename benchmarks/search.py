"""The search at 20, 200 and 1,000 department-years: index size, first query's bytes and time.

    .venv/bin/python benchmarks/search.py [N…]        (default: 20 200 1000)
    .venv/bin/python benchmarks/search.py --keep DIR N   (keeps the site built for N in DIR)
    .venv/bin/python benchmarks/search.py --site DIR     (measures a site kept before, unbuilt)

For each N, the synthetic department-years of scale.py (the seed document under other names and
amounts) are built without charts (the search does not read them; OPENBUDGET_CHARTS=false), and
the script prints
- the index on disk: every part of the search (search/site/ with Pagefind's library and interface,
  and each jurisdiction's bodies/<地区>/search/), less the search page itself;
- the bytes a fresh Chromium transfers, gzip-compressed as GitHub Pages serves them, for the
  search page's library and index as the reader opens the search page and types a first query
  (三公: found on every department's pages), the page's own HTML, CSS and theme script left out;
- the time from typing the query to the first result on screen (no throttling).
Targets (issue 32): at 1,000 department-years, at most 300 KB and 1 s for the first query.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from common import CHROMIUM, build, project_copy, serve, temporary
from scale import synthetic_data

QUERY = "三公"
SEARCH_FILES = ("/search/", "/assets/search.js", "/assets/search/")  # the search page's library, interface and index parts


def index_size(site: Path) -> tuple[int, int]:
    """Bytes and files of every part of the search on disk."""
    files = [p for p in site.glob("search/**/*") if p.is_file() and p.name != "index.html"]
    files += [p for p in site.glob("bodies/*/search/**/*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def first_query(url: str) -> tuple[int, float, int]:
    """Bytes transferred for the search (compressed), seconds to the first result, results found."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context().new_page()
        sizes: dict[str, int] = {}  # Playwright's events include the requests of Pagefind's worker
        page.on("requestfinished", lambda r: sizes.__setitem__(r.url, sizes.get(r.url, 0) + r.sizes()["responseBodySize"]
                                                                + r.sizes()["responseHeadersSize"]))
        page.goto(url + "search/", wait_until="networkidle")
        box = page.locator(".pagefind-ui__search-input")
        start = time.perf_counter()
        box.fill(QUERY)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=60000)
        seconds = time.perf_counter() - start
        found = page.locator(".pagefind-ui__message").text_content()
        page.wait_for_load_state("networkidle")
        browser.close()
    searched = sum(size for address, size in sizes.items()
                   if any(part in address for part in SEARCH_FILES) and not address.endswith("/search/"))
    return searched, seconds, found


def measure(site: Path, label: str, note: str = "") -> None:
    size, files = index_size(site)
    url, server = serve(site)
    try:
        transferred, first, found = first_query(url)
    finally:
        server.shutdown()
    print(f"{label:>8} {size / 1e6:>9.2f} MB（{files} 个文件） {transferred / 1000:>14.0f} KB {first:>11.2f} s  "
          f"{found}{note}", flush=True)


def main(args: list[str]) -> None:
    keep = site = None
    if args[:1] == ["--keep"]:
        keep, args = Path(args[1]), args[2:]
    elif args[:1] == ["--site"]:
        site, args = Path(args[1]), args[2:]
    print(f"{'部门年度':>8} {'索引（磁盘）':>16} {'首次查询传输（压缩）':>20} {'首个结果用时':>12}  结果")
    if site:
        measure(site, "—")
        return
    for count in [int(a) for a in args] or [20, 200, 1000]:
        project = project_copy(synthetic_data(count))
        out = keep or temporary()
        seconds = build(project, out, {"OPENBUDGET_CHARTS": "false"})
        measure(out, str(count), f"（构建 {seconds:.0f} s）")


if __name__ == "__main__":
    main(sys.argv[1:])
