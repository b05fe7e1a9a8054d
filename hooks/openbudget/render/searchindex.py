"""The search: Pagefind indexes of the built pages, in parts, fetched a few chunks per query.

Pagefind (npm `pagefind`, pinned in package.json; its `pagefind_extended` binary segments Chinese)
reads the built HTML and writes an index split into small chunks: a query fetches the library
(about 100 KB compressed) and the chunks for its words, whatever the size of the site. Pagefind
1.6 cuts a query into words the way it cut the pages' text (1.5.2, the newest on PyPI, did not:
信访 was one word in the index and two in the query, so it found nothing); the search page asks
for a Chinese run as one phrase (assets/search.js), so that 信访 finds 信访 and not 信 and 访 apart.

The index comes in parts (`parts`): one per jurisdiction (under bodies/<地区>/search/, made by that
jurisdiction's shard) and one for the site-wide pages (search/site/, with the library and its
interface, made by whichever build writes the site-wide pages). The search page searches the
site part with every other listed in search/parts.json merged in (Pagefind's mergeIndex). One
build writes the same parts a sharded build does, so the merge is that build, byte for byte;
Pagefind's output is the same for the same pages (file names are hashes of their contents).

Indexed: each page's article (`article.md-content__inner`), less what every page repeats (the
source note, share notes, download lists: `data-search-exclude` in the templates). Each page of a
document says where it is: department, year, kind of document and section
(overrides/main.html writes them as Pagefind metadata and filters from the page's `where`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SITE_PART = "search/site/"  # the site-wide pages' part, with the library and its interface
PARTS_FILE = "search/parts.json"  # the other parts, by jurisdiction
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE = "[data-search-exclude]"
LANGUAGE = "zh"  # pages are declared zh; forced, so that a page's Latin letters do not start another index
LIBRARY_ONLY = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def body_part(body: str) -> str:
    return f"bodies/{body}/search/"


def binary(roots: list[Path]) -> Path:
    """Pagefind's binary, as `npm ci` installs it (node_modules/@pagefind/<platform>/bin/)."""
    for root in roots:
        found = sorted((root / "node_modules" / "@pagefind").glob("*/bin/pagefind_extended*"))
        found = [f for f in found if not f.name.endswith(".sha256")]
        if found:
            return found[0]
    raise FileNotFoundError("没有找到搜索索引工具 Pagefind（node_modules/@pagefind）：请先运行 make（会用 npm ci 安装）")


def default_roots(project: Path) -> list[Path]:
    """Where node_modules may be: the project, the checkout whose .venv runs the build."""
    return [project, Path(sys.prefix).parent, Path(__file__).resolve().parents[3]]


def index(site_dir: Path, pages: list[str], part: str, tool: Path) -> None:
    """Index `pages` (paths of HTML files in site_dir) into the part site_dir/part. Pagefind reads a
    folder: the pages are linked (or copied) into an empty one, at the same paths."""
    out = site_dir / part
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="ob-search-") as folder:
        for relative in pages:
            target = Path(folder) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / relative, target)
            except OSError:  # another file system
                shutil.copyfile(site_dir / relative, target)
        result = subprocess.run([str(tool), "--site", folder, "--output-path", str(out), "--root-selector",
                                 ROOT_SELECTOR, "--exclude-selectors", EXCLUDE, "--force-language", LANGUAGE,
                                 "--silent"], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"搜索索引（Pagefind）生成失败：{result.stderr.strip()[:2000]}")
    if part != SITE_PART:  # the library and interface come from the site part
        for name in LIBRARY_ONLY:
            (out / name).unlink(missing_ok=True)


def write_parts(site_dir: Path) -> None:
    """search/parts.json: every jurisdiction's part present in the site, in one order."""
    bodies = sorted(p.parent.parent.name for p in (site_dir / "bodies").glob("*/search/pagefind-entry.json"))
    path = site_dir / PARTS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([body_part(b) for b in bodies]) + "\n", encoding="utf-8")
