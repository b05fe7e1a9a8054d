"""One build of the site: what it knows, and what it does at each MkDocs event.

hooks/budget.py (the hook named in mkdocs.yml) makes one ``Build`` per build, or per rebuild of
`mkdocs serve`, and hands it each event; the steps are listed there.
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

from ..render import csp, searchindex
from ..render.activecontent import source_file_problem
from ..render.charts import ChartCache, cache_problem
from ..render.marking import TermMarker
from ..render.opendata import all_figures, datapackage, source_download
from ..render.pages import PageBuilder, linker
from ..sources.glossary import GLOSSARY_URL
from ..sources.site import load_site
from ..views.siteindex import Link, SiteIndex
from ..vocabulary import limits
from ..vocabulary.problems import DataError
from . import shards
from .options import options

log = get_plugin_logger("openbudget")
ANCHOR = re.compile(r'\sid="([^"]+)"')


class Build:
    """What one build knows; made anew on every (re)build of `mkdocs serve`."""

    def __init__(self, config: MkDocsConfig, serving: bool):
        try:
            self.options = options(config)
        except ValueError as error:
            raise PluginError(str(error)) from None
        root = Path(config.config_file_path).parent
        index = self.options.index
        self.shard = shards.INDEX if index else self.options.shard
        try:
            self.site = load_site(root / self.options.data_dir, root, self.options.preview, self.shard)
        except DataError as error:
            raise PluginError(f"数据有 {len(error.problems)} 处错误，网站未生成：\n{error}") from None
        for warning in self.site.warnings:  # a file under data/ the site does not read
            _warn(str(warning))
        self.site.forget_positions()
        self.root = root
        self.serving = serving  # `mkdocs serve` injects an inline live-reload script into every page
        self.pages = PageBuilder(self.site, SiteIndex.loads(Path(index).read_text(encoding="utf-8")) if index else None,
                                 charts=self.options.charts)
        # each document's pages explain terms with its own definitions: one marker per document
        self.documents = {r.base: r.key for r in self.site.records()}
        self.markers: dict[str | None, TermMarker] = {}
        self.labels: dict[str, str] = {}  # generated page's URL → title with department and year
        self.bodies: dict[str, str] = {}  # generated page's URL → its HTML, between the two events
        if problem := cache_problem(root, root / self.options.chart_cache):
            raise PluginError(problem)
        self.chart_cache = ChartCache(root / self.options.chart_cache, root)
        self.charts: list = []  # every chart of this build

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # content/ (and overrides/) are published as they are: no link, no odd file, no SVG that runs code
        refused = [problem for file in files if file.abs_src_path and not file.generated_by
                   and Path(os.path.abspath(file.abs_src_path)).is_relative_to(self.root)
                   and (problem := source_file_problem(Path(file.abs_src_path), self.root))]
        if refused:
            raise PluginError(f"有 {len(refused)} 个文件不能发布，网站未生成：\n" + "\n".join(refused))
        sources: dict[str, str] = {}
        for record in self.site.records():
            original = self.site.sources.get(record.key)  # a file inside data/, never a link
            if original is not None:
                text = source_download(record, original, self.root)
                files.append(File.generated(config, text.path, content=text.content))
                sources[record.base] = text.path
        pages = self.pages.pages(sources)
        for page in pages:
            files.append(File.generated(config, page.src, content=page.markdown))
            for download in page.downloads:
                files.append(File.generated(config, download.path, content=download.content))
            self.labels[page.url] = page.label
            self.charts += page.charts
        everything = all_figures(self.site.records())
        files.append(File.generated(config, everything.path, content=everything.content))
        resources = [d.resource for page in pages for d in page.downloads if d.resource] + [everything.resource]
        files.append(File.generated(config, "datapackage.json", content=datapackage(resources)))
        self.chart_cache.start(self.charts)
        config.nav = self.pages.nav(before=[{"首页": "index.md"}], after=[{"关于本站": "about.md"}])
        return files

    def on_nav(self, nav):
        shards.confine(nav)
        return nav

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        if page.file.src_uri == "index.md":
            return self.pages.home_page(markdown, page.url)
        if page.url in self.labels:  # generated: Markdown would only re-parse its HTML, tag by tag
            self.bodies[page.url] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, page: Page) -> str:
        if page.url in self.bodies:
            html = self.bodies.pop(page.url).strip()
            page.present_anchor_ids = set(ANCHOR.findall(html))  # what MkDocs checks links to this page against
        steps = page.url.split("/")  # a 决算's pages are under <dept>/<year>/final/, its 预算's under <dept>/<year>/
        document = self.documents.get("/".join(steps[:3]) + "/") or self.documents.get("/".join(steps[:2]) + "/")
        if document not in self.markers:
            self.markers[document] = TermMarker(self.site.glossary.for_page(document))
        html, found = self.markers[document].mark_html(html, linker(page.url))
        if found:
            page.meta["terms"] = True  # overrides/main.html loads the script that shows them on a tap
        if page.url != GLOSSARY_URL:
            label = self.labels.get(page.url) or page.title or ""
            for term in sorted(found):
                self.pages.index.add_use(term, Link(page.url, label))
        # converted: MkDocs converts every page before it writes any, so a county's thousands of pages
        # would otherwise hold their source twice (the page's and its generated file's) until the end
        page.markdown = None
        if page.file.abs_src_path is None:
            page.file.content_string = ""
        return html

    def on_env(self, env, files: Files):
        glossary = files.get_file_from_path(GLOSSARY_URL + "index.md")
        if glossary is not None and glossary.page is not None and glossary.page.content is not None:
            glossary.page.content = self.pages.glossary_usage(glossary.page.content)
        return env

    def on_post_page(self, html: str, page: Page) -> str:
        if (size := len(html.encode("utf-8"))) > limits.MAX_PAGE_BYTES:  # a backstop: see limits.py
            raise PluginError(f"页面 {page.url} 有 {size / 1_000_000:.1f} MB，超过每页 "
                              f"{limits.MAX_PAGE_BYTES // 1_000_000} MB 的上限，网站未生成：请检查生成它的数据文件"
                              "是否误粘贴了大量内容")
        return self.with_policy(html)

    def with_policy(self, html: str) -> str:
        try:
            return csp.apply(html, preview=self.serving)
        except csp.PolicyError as error:
            raise PluginError(str(error)) from None

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        shards.canonical(site_dir)
        if self.options.search:
            self.search(site_dir)
        if self.shard not in (None, shards.INDEX):
            shards.write_part(site_dir, self.pages.index)
        try:
            self.chart_cache.wait()
            if self.charts:
                self.chart_cache.copy_to(site_dir, self.charts)
        except RuntimeError as error:
            raise PluginError(str(error)) from None

    def search(self, site_dir: Path) -> None:
        """Every part of the search this build owns (shards.search_parts), then the list of parts."""
        bodies = {body.slug: list(body.departments) for body in self.site.bodies}
        try:
            tool = searchindex.binary(searchindex.default_roots(self.root))
            for part, pages in shards.search_parts(site_dir, bodies, self.shard).items():
                searchindex.index(site_dir, pages, part, tool)
        except (FileNotFoundError, RuntimeError) as error:
            raise PluginError(str(error)) from None
        if self.shard in (None, shards.INDEX):
            searchindex.write_parts(site_dir)

    def stop(self) -> None:
        """No renderer outlives a failed or stopped build (a killed one: see chartspec)."""
        self.chart_cache.stop()


def _warn(message: str) -> None:
    """A warning through MkDocs, so that `strict: true` (mkdocs.yml) stops the publishing build;
    `mkdocs build -q` drops every warning, but one that names left-out data is shown anyway."""
    if log.isEnabledFor(logging.WARNING):
        log.warning(message)
    else:
        print(f"WARNING -  openbudget: {message}", file=sys.stderr)
