"""MkDocs hooks: the build of the budget site, step by step.

1. on_config    load every data file and check it; stop with file:line:column errors.
2. on_files     add the generated pages (department, year overview, one per section).
3. on_page_markdown  put the department list under the hand-written home page.

The work lives in the ``openbudget`` package (hooks/openbudget); this module only wires it
to MkDocs events.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from openbudget.pages import PageBuilder
from openbudget.problems import DataError
from openbudget.site import Site, load_site

DATA_DIR = "data"
SOURCE_SUFFIX = ".source.txt"  # the original document's text, beside its YAML

_site: Site | None = None


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    root = _root(config)
    try:
        _site = load_site(root / DATA_DIR, root)
    except DataError as error:
        count = len(error.problems)
        raise PluginError(f"数据有 {count} 处错误，网站未生成：\n{error}") from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    root = _root(config)
    sources: dict[str, str] = {}
    for record in _site.records():
        original = root / DATA_DIR / record.slug / f"{record.year}{SOURCE_SUFFIX}"
        if original.exists():
            uri = f"{record.slug}/{record.year}/source.txt"
            files.append(File.generated(config, uri, abs_src_path=str(original)))
            sources[f"{record.slug}/{record.year}/"] = uri
    builder = PageBuilder(_site)
    for page in builder.pages(sources):
        files.append(File.generated(config, page.src, content=page.markdown))
    config.nav = builder.nav(before=[{"首页": "index.md"}], after=[{"关于本站": "about.md"}])
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _site is not None
    if page.file.src_uri == "index.md":
        return markdown + "\n\n" + PageBuilder(_site).home_listing(page.url) + "\n"
    return markdown
