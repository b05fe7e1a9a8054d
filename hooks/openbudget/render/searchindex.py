"""The search index: generated pages indexed beside the build, results that name their department and year.

Material's search plugin reads every page's HTML and cuts its Chinese into words (jieba): in a
county's build that was a third of the time, spent while the second core waited. The generated
pages are handed instead to the plugin's own indexer (its SearchIndex, same configuration) in a
second process, which remembers the words of a phrase it has cut before (classification names,
section titles and the like recur on every department's pages); the plugin indexes the
hand-written pages itself, and the two lists are one index at the end.

A county's site has a 支出预算安排情况 page for every department and every year: results
titled only so are identical. After Material's search plugin has written its index, each
page's own entry is titled with the page's label (米易县信访局 2021年 · 支出预算安排情况),
keeping the words of the plugin's title as it segmented them (jieba), so that they still match.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace

SEGMENT = "\u200b"  # what the search plugin puts between the words it found


class Indexer:
    """Indexes pages in a second process with the search plugin's SearchIndex and configuration."""

    def __init__(self, config: dict):
        self.config = config
        package = str(Path(__file__).resolve().parents[2])
        sys.path.insert(0, package)  # a spawned process starts with this sys.path: it finds this package
        try:
            self.pool = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"), _start, (config,))
            self.pool.submit(int)  # the process starts here, while sys.path holds the package
        finally:
            sys.path.remove(package)
        self.pages: list[Future] = []

    def add(self, url: str, title: str, meta: dict, html: str) -> None:
        self.pages.append(self.pool.submit(_index, url, title, meta, html))

    def entries(self) -> list[dict]:
        """Every page's entries since the last call, in the order the pages were added."""
        pages, self.pages = self.pages, []
        return [entry for page in pages for entry in page.result()]

    def stop(self) -> None:
        self.pool.shutdown(cancel_futures=True)
        self.pages = []


def configuration(plugin_config) -> dict:
    """What of the search plugin's configuration its SearchIndex uses."""
    return {key: plugin_config[key] for key in ("lang", "separator", "pipeline", "fields")}


_INDEX = None  # in the indexing process: the plugin's SearchIndex


def _start(config: dict) -> None:
    global _INDEX
    _exit_with_parent()
    import jieba
    from material.plugins.search.plugin import SearchIndex

    words = functools.lru_cache(maxsize=200_000)(lambda text, cut=jieba.cut: tuple(cut(text)))
    jieba.cut = lambda text: iter(words(text))  # the plugin calls jieba.cut(phrase) for each run of Han characters
    _INDEX = SearchIndex(**config)


def _exit_with_parent() -> None:
    """The indexer ends with its build even when the build is killed outright (no on_shutdown:
    a closed terminal, a killed `mkdocs serve`), instead of waiting for pages forever."""
    parent = multiprocessing.parent_process()

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _index(url: str, title: str, meta: dict, html: str) -> list[dict]:
    _INDEX.entries = []
    _INDEX.add_entry_from_context(SimpleNamespace(url=url, title=title, meta=meta, content=html, toc=[]))
    return _INDEX.entries


def name_pages(index_file: Path, labels: dict[str, str], entries: list[dict] = ()) -> None:
    """labels: page URL → its title with department and year (pages.Page.label); entries: the
    pages indexed beside the build (Indexer), added to those the plugin wrote."""
    if not index_file.is_file():  # search switched off
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["docs"] += entries
    for entry in index["docs"]:
        label = labels.get(entry["location"])
        title = entry["title"].replace(SEGMENT, "")
        if not label or label == title:
            continue
        entry["title"] = label[:-len(title)] + entry["title"] if title and label.endswith(title) else label
    write(index_file, index)


def write(index_file: Path, index: dict) -> None:
    """As the plugin writes it, but as UTF-8 text: the plugin escapes each Chinese character and
    word break as six bytes (\\uXXXX), which made the file twice as large (15% larger compressed).
    Pages by address (a page's entries together, in their order): one order whichever build wrote
    them, so that a sharded build's merge is the one build's file."""
    index["docs"] = sorted(index["docs"], key=lambda d: d["location"].partition("#")[0])
    index_file.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False, default=str), encoding="utf-8")
