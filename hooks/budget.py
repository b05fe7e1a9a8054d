"""MkDocs hooks: the build of the budget site, step by step.

1. on_config         load every data file and check it; stop with file:line:column errors.
2. on_files          refuse a link, an odd file or an SVG with active content in content/; add
                     the generated pages, their downloads and the navigation department → year
                     → section; charts missing from the cache start rendering in the background.
3. on_nav            confine each department's and county's navigation to its own pages.
4. on_page_markdown  put the department list under the hand-written home page; a generated
                     page is HTML already: it is set aside, not parsed again as Markdown.
5. on_page_content   put a generated page's HTML back; mark glossary terms (a document's own
                     definitions first).
6. on_env            every page is marked: list on the glossary where each term appears.
7. on_post_page      refuse a page past the size limit; fill in its Content-Security-Policy.
8. on_post_build     put the site-wide files in one order; index the pages for search (Pagefind,
                     in parts: a shard its jurisdictions'); a shard writes its part of the site
                     index; wait for the charts, check each against its figures and copy it
                     beside its page.

The work lives in the ``openbudget`` package: one ``openbudget.build.events.Build`` per build
(its options are `extra.openbudget` in mkdocs.yml: openbudget/build/options.py). This module
only hands it each event, and keeps what outlives a build under `mkdocs serve`.
"""

import importlib
import sys
from pathlib import Path


PACKAGE = Path(__file__).resolve().parent / "openbudget"


class Process:
    """What lives as long as the MkDocs process: `mkdocs serve` rebuilds in it."""

    serving = False  # `mkdocs serve`: pages carry its live-reload script
    seen: tuple | None = None  # the package's files when last imported
    events = build = None  # openbudget.build.events, the current Build


process = Process()


def _package_state() -> tuple:
    """What the package's files are now: a rebuild re-imports the package only when they changed
    (an editor's save in data/ rebuilds without paying for it)."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts))


def _load_package() -> None:
    """The package as on disk now: Python keeps modules, so serve would rerun the first build's code."""
    for name in [n for n in sys.modules if n.partition(".")[0] == "openbudget"]:
        del sys.modules[name]
    sys.path.insert(0, str(PACKAGE.parent))  # this project's package, even beside an installed one
    try:
        process.events = importlib.import_module("openbudget.build.events")
    finally:
        sys.path.remove(str(PACKAGE.parent))


def on_startup(command: str, dirty: bool) -> None:
    process.serving = command == "serve"


def on_config(config):
    state = _package_state() if process.serving or process.events is None else process.seen
    if state != process.seen:
        _load_package()
        process.seen = state
    process.build = process.events.Build(config, process.serving)
    return config


def on_files(files, config):
    return process.build.on_files(files, config)


def on_nav(nav, config, files):
    return process.build.on_nav(nav)


def on_page_markdown(markdown, page, config, files):
    return process.build.on_page_markdown(markdown, page)


def on_page_content(html, page, config, files):
    return process.build.on_page_content(html, page)


def on_env(env, config, files):
    return process.build.on_env(env, files)


def on_post_page(output, page, config):
    return process.build.on_post_page(output, page)


def on_post_template(output, template_name, config):
    return process.build.with_policy(output) if template_name.endswith(".html") else output  # 404.html


def on_post_build(config):
    process.build.on_post_build(config)


def on_build_error(error):
    on_shutdown()


def on_shutdown():
    """A failed build, or `mkdocs serve` stopping: no renderer outlives it."""
    if process.build is not None:
        process.build.stop()
