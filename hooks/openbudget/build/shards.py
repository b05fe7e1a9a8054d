"""A site built in shards: one build per jurisdiction, merged with a small index build.

A province (180 counties × 100 departments × years × kinds) is hours of building on one
machine. So each jurisdiction's departments and county pages can be built on their own, one
GitHub Actions job each (.github/workflows/publish.yml):

    OPENBUDGET_SHARD=<body> mkdocs build -d shards/<body>     # once per body: `openbudget shards`
    openbudget merge site shards/*                           # the site-wide pages, then all together

Merged, the shards are the same files as one build of the whole site (tests/test_shards.py).
That holds because
- a page of a department or county depends on nothing outside its jurisdiction: the
  navigation shows only its own department or county, and its previous/next links stay in it
  (`confine`);
- the site-wide pages (home, 全部部门, 各部门汇总, 全站名词解释) are made from a site index
  (siteindex.py) that each shard writes for its part (shard.json) and the index build reads;
- the search is written in parts, one per jurisdiction and one for the site-wide pages, by
  every build alike (`search_parts`, searchindex.py): each part is a folder of its unit;
- the site-wide files are written in one order whichever build makes them: the sitemap by
  address (`canonical`), the long CSV by department and the data package by path (opendata.py).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
from pathlib import Path

from ..render import searchindex, spreadsheet
from ..render.opendata import ALL_FIGURES, datapackage
from ..sources import repofiles
from ..sources.jurisdictions import INDEX
from ..views.siteindex import FILE as PART
from ..views.siteindex import SiteIndex
from ..vocabulary.limits import MAX_SHARDS

BODIES = "bodies"
SITEMAP = "sitemap.xml"
DATAPACKAGE = "datapackage.json"
SITE_FOLDERS = frozenset({"", "assets", "search", "glossary", "departments", "about", BODIES})

__all__ = ["INDEX", "unit", "confine", "canonical", "search_parts", "write_part", "merge", "batches"]


def batches(bodies: list[str], most: int = MAX_SHARDS) -> list[str]:
    """The build jobs: one body each, or, past `most` bodies (one CI matrix's limit), `most` jobs
    of consecutive bodies, each written as their slugs separated by spaces (`make shard BODY=…`
    builds each in turn)."""
    if len(bodies) <= most:
        return list(bodies)
    size, extra = divmod(len(bodies), most)
    out, at = [], 0
    for i in range(most):
        n = size + (1 if i < extra else 0)
        out.append(" ".join(bodies[at:at + n]))
        at += n
    return out


def unit(url: str) -> str:
    """What a page belongs to: its department (its slug), its county ("bodies/<slug>"), or the
    site as a whole ("")."""
    first, _, rest = url.partition("/")
    if first == BODIES:
        body = rest.partition("/")[0]
        return f"{BODIES}/{body}" if body else ""
    return "" if first in SITE_FOLDERS or first.endswith(".html") else first


def _pages(item) -> list:
    return [item] if item.is_page else [p for child in (item.children or []) for p in _pages(child)]


def confine(nav) -> None:
    """Mark the sections of one department or county (overrides/partials/nav.html shows each
    only on its own pages) and link each page to the previous and next of its own unit only."""
    for item in nav.items:
        pages = _pages(item)
        item.ob_department = item.is_section and bool(pages) and unit(pages[0].url) != ""
    last: dict[str, object] = {}
    for page in nav.pages:
        here = unit(page.url)
        before = last.get(here)
        page.previous_page = before
        if before is not None:
            before.next_page = page
        page.next_page = None
        last[here] = page


# -- one order for the sitemap, which MkDocs writes in the navigation's ---------------------

URL = re.compile(r"<url>.*?</url>", re.S)
LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def _sitemap_urls(text: str) -> list[str]:
    return URL.findall(text)


def _write_sitemap(site_dir: Path, urls: list[str], head: str, mtime: int) -> None:
    text = head + "".join(f"\n    {u}" for u in sorted(urls, key=lambda u: LOC.search(u).group(1))) + "\n</urlset>"
    (site_dir / SITEMAP).write_bytes(text.encode("utf-8"))
    with open(site_dir / (SITEMAP + ".gz"), "wb") as raw:  # as MkDocs writes it
        with gzip.GzipFile(fileobj=raw, filename=str(site_dir / (SITEMAP + ".gz")), mode="wb", mtime=mtime) as gz:
            gz.write(text.encode("utf-8"))


def _sitemap_parts(site_dir: Path) -> tuple[str, list[str], int] | None:
    path = site_dir / SITEMAP
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    head = text[:text.index("<urlset")] + text[text.index("<urlset"):text.index(">", text.index("<urlset")) + 1]
    gz = site_dir / (SITEMAP + ".gz")
    mtime = int.from_bytes(gz.read_bytes()[4:8], "little") if gz.is_file() else 0
    return head, _sitemap_urls(text), mtime


def _figures_rows(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    return rows[0], rows[1:]


def _write_figures(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = spreadsheet.writer(out)  # as opendata.all_figures writes it
    writer.writerow(header)
    writer.writerows(sorted(rows, key=lambda row: row[0]))  # by department, as one build: each one's rows in their order
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8", newline="")


def canonical(site_dir: Path) -> None:
    """Put a build's sitemap in the one order every build and every merge uses."""
    if (parts := _sitemap_parts(site_dir)) is not None:
        _write_sitemap(site_dir, parts[1], parts[0], parts[2])


# -- the search's parts ---------------------------------------------------------------------

def search_parts(site_dir: Path, bodies: dict[str, list[str]], shard: str | None) -> dict[str, list[str]]:
    """The pages of each part of the search this build writes (searchindex.py): a jurisdiction's
    departments and county pages in its part, the site-wide pages in the site's. A shard writes
    only its jurisdictions' parts, the index build only the site's; one build writes them all."""
    owner = {department: body for body, departments in bodies.items() for department in departments}
    parts: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative in ("404.html", "search/index.html"):  # the search page itself
            continue
        here = unit(relative)
        if here == "" or not relative.startswith(here + "/"):  # bodies/index.html is the site's
            part = None if shard not in (None, INDEX) else searchindex.SITE_PART
        else:
            body = here.partition("/")[2] if here.startswith(BODIES + "/") else owner.get(here)
            part = None if shard == INDEX or body is None else searchindex.body_part(body)
        if part is not None:
            parts.setdefault(part, []).append(relative)
    return parts


# -- a shard's part, and the merge ----------------------------------------------------------

def write_part(site_dir: Path, index: SiteIndex) -> None:
    """What the index build needs of this shard: its site index, less the uses of terms on the
    site-wide pages (the index build finds those itself), and the units it owns."""
    index.used = {term: kept for term, links in index.used.items()
                  if (kept := [link for link in links if unit(link.url)])}
    owned = sorted({d.slug for d in index.departments} | {f"{BODIES}/{body}" for body in index.counties})
    (site_dir / PART).write_text(json.dumps({"units": owned, "index": json.loads(index.dumps())},
                                            ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")


def read_part(shard_dir: Path) -> tuple[set[str], SiteIndex]:
    path = shard_dir / PART
    if not path.is_file():
        raise ValueError(f"{shard_dir} 不是分片构建的输出（没有 {PART}）：请用 OPENBUDGET_SHARD=<地区> mkdocs build -d {shard_dir} 生成")
    data = json.loads(path.read_text(encoding="utf-8"))
    return set(data["units"]), SiteIndex.loads(json.dumps(data["index"]))


def _owner(relative: str, units: dict[str, Path]) -> Path | None:
    """The shard a site file comes from, or None: the index's."""
    return units.get(unit(relative))


def merge(out: Path, index_dir: Path, shard_dirs: list[Path], site_url: str | None = None) -> None:
    """The whole site from the index build and the shards: each department's and county's files
    from its shard, everything else from the index, and the site-wide files joined."""
    units: dict[str, Path] = {}
    for shard in shard_dirs:
        owned, _ = read_part(shard)
        for u in owned:
            if u in units:
                raise ValueError(f"{u} 同时出现在 {units[u]} 和 {shard} 中：每个部门只能属于一个分片")
            units[u] = shard
    if out.exists():
        shutil.rmtree(out)
    repofiles.copy_files(index_dir, out)
    for shard in shard_dirs:
        repofiles.copy_files(shard, out, lambda relative: _owner(relative, units) == shard)
    # the site-wide files: the index's entries for its own pages, each shard's for its own
    sitemap = _sitemap_parts(index_dir)
    header, rows = _figures_rows((index_dir / ALL_FIGURES).read_text(encoding="utf-8"))
    resources = json.loads((index_dir / DATAPACKAGE).read_text(encoding="utf-8"))["resources"]
    for shard in shard_dirs:
        mine = lambda url: _owner(url, units) == shard  # noqa: E731
        if sitemap is not None and (theirs := _sitemap_parts(shard)) is not None:
            sitemap[1].extend(u for u in theirs[1] if mine(_path_of(LOC.search(u).group(1), site_url)))
        rows += _figures_rows((shard / ALL_FIGURES).read_text(encoding="utf-8"))[1]
        resources += [r for r in json.loads((shard / DATAPACKAGE).read_text(encoding="utf-8"))["resources"]
                      if mine(r["path"])]
    if (index_dir / searchindex.SITE_PART).is_dir():  # search switched on: every jurisdiction's part
        searchindex.write_parts(out)
    if sitemap is not None:
        _write_sitemap(out, sitemap[1], sitemap[0], sitemap[2])
    _write_figures(out / ALL_FIGURES, header, rows)
    (out / DATAPACKAGE).write_text(datapackage(resources), encoding="utf-8")
    (out / PART).unlink(missing_ok=True)


def _path_of(loc: str, site_url: str | None) -> str:
    """A sitemap address as a path in the site."""
    return loc.removeprefix(site_url) if site_url and loc.startswith(site_url) else re.sub(r"^[a-z]+://[^/]+/", "", loc)


def merged_index(shard_dirs: list[Path]) -> SiteIndex:
    return SiteIndex.merge([read_part(shard)[1] for shard in shard_dirs])
