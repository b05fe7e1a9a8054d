"""MkDocs hooks: the build of the budget site, step by step.

1. on_config         load every data file and check it; stop with file:line:column errors.
2. on_files          refuse to publish a link, an odd file or an SVG with active content from
                     content/ (repofiles, activecontent); add the generated pages (department, comparison, year overview, one per
                     section, glossary, all departments), their downloads (CSV, JSON,
                     datapackage.json) and the navigation department → year → section;
                     charts missing from the cache start rendering in the background.
3. on_nav            mark department and county sections: overrides/partials/nav.html shows
                     each only on its own pages, so no page grows with the number of
                     departments; previous/next links stay inside a department or county.
4. on_page_markdown  put the department list under the hand-written home page; a generated
                     page is HTML already: it is set aside, not parsed again as Markdown.
5. on_page_content   put a generated page's HTML back; mark glossary terms in every page,
                     generated or hand-written: a document's pages with its own definitions,
                     then the standard ones; hand a generated page to the search indexer,
                     which works beside the build in a second process.
6. on_env            every page is marked: list on the glossary where each term appears.
7. on_post_page      fill in each page's Content-Security-Policy (hashes of its inline scripts;
                     `mkdocs serve` also allows its own live-reload script).
8. on_post_build     join the indexer's entries to the search index and title each page's
                     entry with its department and year; put the site-wide files in one order
                     (shards.py); a shard writes what the index needs of it; wait for the
                     charts, check each against its figures and copy it beside its page
                     (on_build_error and on_shutdown stop the renderers and the indexer).

A sharded build (`OPENBUDGET_SHARD=<body>`, then `openbudget merge`: see shards.py) runs these
same steps for one jurisdiction at a time, and once for the site-wide pages.

The work lives in the ``openbudget`` package (hooks/openbudget); this module only wires it
to MkDocs events.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

HOOKS_DIR = Path(__file__).resolve().parent
log = get_plugin_logger("openbudget")


def _import_package() -> None:
    """Import the openbudget package as it is on disk now and bind the names used below.

    `mkdocs serve` loads this hook module once and Python keeps imported modules, so without
    this every rebuild would run the code of the first build; on_config calls it again when
    serving, after forgetting every openbudget module. (Edits to this file itself still need
    a restart of `mkdocs serve`.)
    """
    global csp, ChartCache, cache_problem, source_file_problem, GLOSSARY_URL, TermMarker, all_figures, datapackage, source_download, Link, PageBuilder, linker
    global DataError, load_site, Indexer, configuration, name_pages, shards, SiteIndex, limits
    for name in [n for n in sys.modules if n.partition(".")[0] == "openbudget"]:
        del sys.modules[name]
    sys.path.insert(0, str(HOOKS_DIR))  # this project's package, even beside an installed one
    try:
        from openbudget.render import csp
        from openbudget.vocabulary import limits
        from openbudget.build import shards
        from openbudget.render.activecontent import source_file_problem
        from openbudget.render.charts import ChartCache, cache_problem
        from openbudget.sources.glossary import GLOSSARY_URL
        from openbudget.render.marking import TermMarker
        from openbudget.render.opendata import all_figures, datapackage, source_download
        from openbudget.render.pages import Link, PageBuilder, linker
        from openbudget.vocabulary.problems import DataError
        from openbudget.render.searchindex import Indexer, configuration, name_pages
        from openbudget.sources.site import load_site
        from openbudget.views.siteindex import SiteIndex
    finally:
        sys.path.remove(str(HOOKS_DIR))


_import_package()

DATA_DIR = "data"
CHART_CACHE = ".cache/charts"
PREVIEW = "OPENBUDGET_PREVIEW"  # a department's folder name: build its pages only (`make preview`)
SHARD = "OPENBUDGET_SHARD"  # a jurisdiction's slug: build its pages only (one job of a sharded build)
ANCHOR = re.compile(r'\sid="([^"]+)"')
INDEX = "OPENBUDGET_INDEX"  # the shards' merged shard.json: build the site-wide pages only (`openbudget merge`)


class Build:
    """What one build knows; made anew on every (re)build of `mkdocs serve`."""

    def __init__(self, root: Path):
        index = os.environ.get(INDEX)
        self.shard = shards.INDEX if index else os.environ.get(SHARD) or None
        try:
            self.site = load_site(root / DATA_DIR, root, os.environ.get(PREVIEW) or None, self.shard)
        except DataError as error:
            raise PluginError(f"数据有 {len(error.problems)} 处错误，网站未生成：\n{error}") from None
        for warning in self.site.warnings:  # a file under data/ the site does not read
            _warn(str(warning))
        self.site.forget_positions()
        self.root = root
        self.pages = PageBuilder(self.site, SiteIndex.loads(Path(index).read_text(encoding="utf-8")) if index else None)
        # each document's pages explain terms with its own definitions: one marker per document
        self.documents = {r.base: r.key for r in self.site.records()}
        self.markers: dict[str | None, TermMarker] = {}
        self.labels: dict[str, str] = {}  # generated page's URL → title with department and year
        self.bodies: dict[str, str] = {}  # generated page's URL → its HTML, between the two events
        if problem := cache_problem(root, root / CHART_CACHE):
            raise PluginError(problem)
        self.chart_cache = ChartCache(root / CHART_CACHE, root)
        self.charts: list = []  # every chart of this build
        self.indexer: Indexer | None = None  # indexes the generated pages for search in a second process


def _warn(message: str) -> None:
    """A warning through MkDocs, so that `strict: true` (mkdocs.yml) stops the publishing build;
    `mkdocs build -q` drops every warning, but one that names left-out data is shown anyway."""
    if log.isEnabledFor(logging.WARNING):
        log.warning(message)
    else:
        print(f"WARNING -  openbudget: {message}", file=sys.stderr)


_build: Build | None = None
# the search indexer's process: started once, kept by `mkdocs serve` from one rebuild to the next
# (a preview would otherwise wait half a second for its start), stopped after a plain build
_indexer: Indexer | None = None
_serving = False  # `mkdocs serve` injects an inline live-reload script into every page


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _package_state() -> tuple:
    """What the package's files are now: a rebuild re-imports the package only when they changed
    (an editor's save in data/ rebuilds without paying for it)."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in (HOOKS_DIR / "openbudget").rglob("*") if p.is_file() and "__pycache__" not in p.parts))


_package_seen: tuple | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _package_seen
    if _serving and (state := _package_state()) != _package_seen:
        if _package_seen is not None:
            _stop_indexer()
            _import_package()  # pick up edits to hooks/openbudget/
        _package_seen = state
    _build = Build(Path(config.config_file_path).parent)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _build is not None
    # content/ (and overrides/) are published as they are: no link, no odd file, no SVG that runs code
    refused = [problem for file in files if file.abs_src_path and not file.generated_by
               and Path(os.path.abspath(file.abs_src_path)).is_relative_to(_build.root)
               and (problem := source_file_problem(Path(file.abs_src_path), _build.root))]
    if refused:
        raise PluginError(f"有 {len(refused)} 个文件不能发布，网站未生成：\n" + "\n".join(refused))
    sources: dict[str, str] = {}
    for record in _build.site.records():
        original = _build.site.sources.get(record.key)  # a file inside data/, never a link
        if original is not None:
            text = source_download(record, original, _build.root)
            files.append(File.generated(config, text.path, content=text.content))
            sources[record.base] = text.path
    pages = _build.pages.pages(sources)
    for page in pages:
        files.append(File.generated(config, page.src, content=page.markdown))
        for download in page.downloads:
            files.append(File.generated(config, download.path, content=download.content))
        _build.labels[page.url] = page.label
        _build.charts += page.charts
    everything = all_figures(_build.site.records())
    files.append(File.generated(config, everything.path, content=everything.content))
    resources = [d.resource for page in pages for d in page.downloads if d.resource] + [everything.resource]
    files.append(File.generated(config, "datapackage.json", content=datapackage(resources)))
    _build.chart_cache.start(_build.charts)
    _build.indexer = _indexer_for(config)
    config.nav = _build.pages.nav(before=[{"首页": "index.md"}], after=[{"关于本站": "about.md"}])
    return files


def _indexer_for(config: MkDocsConfig) -> Indexer | None:
    global _indexer
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return None
    if _indexer is None or _indexer.config != configuration(search.config):
        _stop_indexer()
        _indexer = Indexer(configuration(search.config))
    return _indexer


def _stop_indexer() -> None:
    global _indexer
    if _indexer is not None:
        _indexer.stop()
        _indexer = None


def on_nav(nav, config: MkDocsConfig, files: Files):
    shards.confine(nav)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    if page.file.src_uri == "index.md":
        return markdown + "\n\n" + _build.pages.home_listing(page.url) + "\n"
    if page.url in _build.labels:  # generated: Markdown would only re-parse its HTML, tag by tag
        _build.bodies[page.url] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    if page.url in _build.bodies:
        html = _build.bodies.pop(page.url).strip()
        page.present_anchor_ids = set(ANCHOR.findall(html))  # what MkDocs checks links to this page against
    steps = page.url.split("/")  # a 决算's pages are under <dept>/<year>/final/, its 预算's under <dept>/<year>/
    document = _build.documents.get("/".join(steps[:3]) + "/") or _build.documents.get("/".join(steps[:2]) + "/")
    if document not in _build.markers:
        _build.markers[document] = TermMarker(_build.site.glossary.for_page(document))
    html, found = _build.markers[document].mark_html(html, linker(page.url))
    if found:
        page.meta["terms"] = True  # overrides/main.html loads the script that shows them on a tap
    if _build.indexer is not None and page.url in _build.labels and page.url != GLOSSARY_URL:
        # generated and final (the glossary's usage lists come in on_env): indexed beside the build
        _build.indexer.add(page.url, page.title or "", dict(page.meta), html)
        page.meta["search"] = {"exclude": True}  # not again by the search plugin
    if page.url != GLOSSARY_URL:
        label = _build.labels.get(page.url) or page.title or ""
        for term in sorted(found):
            _build.pages.index.add_use(term, Link(page.url, label))
    # converted: MkDocs converts every page before it writes any, so a county's thousands of pages
    # would otherwise hold their source twice (the page's and its generated file's) until the end
    page.markdown = None
    if page.file.abs_src_path is None:
        page.file.content_string = ""
    return html


def on_env(env, config: MkDocsConfig, files: Files):
    assert _build is not None
    glossary = files.get_file_from_path(GLOSSARY_URL + "index.md")
    if glossary is not None and glossary.page is not None and glossary.page.content is not None:
        glossary.page.content = _build.pages.glossary_usage(glossary.page.content)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if (size := len(output.encode("utf-8"))) > limits.MAX_PAGE_BYTES:  # a backstop: see limits.py
        raise PluginError(f"页面 {page.url} 有 {size / 1_000_000:.1f} MB，超过每页 "
                          f"{limits.MAX_PAGE_BYTES // 1_000_000} MB 的上限，网站未生成：请检查生成它的数据文件"
                          "是否误粘贴了大量内容")
    return _with_policy(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return _with_policy(output) if template_name.endswith(".html") else output  # 404.html


def _with_policy(html: str) -> str:
    try:
        return csp.apply(html, preview=_serving)
    except csp.PolicyError as error:
        raise PluginError(str(error)) from None


def on_post_build(config: MkDocsConfig) -> None:
    assert _build is not None
    site_dir = Path(config.site_dir)
    entries = _build.indexer.entries() if _build.indexer is not None else []
    if not _serving:
        _stop_indexer()
    name_pages(site_dir / "search" / "search_index.json", _build.labels, entries)  # the plugin's written by now
    shards.canonical(site_dir)
    if _build.shard not in (None, shards.INDEX):
        shards.write_part(site_dir, _build.pages.index)
    try:
        _build.chart_cache.wait()
        if _build.charts:
            _build.chart_cache.copy_to(Path(config.site_dir), _build.charts)
    except RuntimeError as error:
        raise PluginError(str(error)) from None


def on_build_error(error: Exception) -> None:
    _stop_workers()


def on_shutdown() -> None:
    """`mkdocs serve` stopping: no renderer or indexer outlives it (a killed build: see chartspec, searchindex)."""
    _stop_workers()


def _stop_workers() -> None:
    if _build is not None:
        _build.chart_cache.stop()
    _stop_indexer()
