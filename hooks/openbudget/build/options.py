"""The build's options, declared once: `extra.openbudget` in mkdocs.yml.

Each can be set for one run by an environment variable, through MkDocs' own `!ENV` tag in
mkdocs.yml (`make preview`, `make shard`, `openbudget merge` and the benchmarks do so):

    extra:
      openbudget:
        preview: !ENV [OPENBUDGET_PREVIEW, null]

A missing `extra.openbudget` means every default.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class Name(c.BaseConfigOption[str]):
    """A folder or slug name; `!ENV` reads `2021` or `true` as a number or a truth value."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
        raise base.ValidationError(f"应为文件夹名或网址名，实际为 {value!r}")


class Switch(c.BaseConfigOption[bool]):
    """On or off: true/false, or 1/0 as an environment variable is often written."""

    def __init__(self, default: bool):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if value in (True, False, 0, 1):
            return bool(value)
        raise base.ValidationError(f"应为 true 或 false，实际为 {value!r}")


class Options(base.Config):
    #: The editors' data folder, beside mkdocs.yml.
    data_dir = c.Type(str, default="data")
    #: Charts drawn by earlier builds (content-addressed; never trusted, see render/charts.py).
    chart_cache = c.Type(str, default=".cache/charts")
    #: Draw charts (OPENBUDGET_CHARTS=false leaves them out, to measure what they cost).
    charts = Switch(default=True)
    #: Build the search (OPENBUDGET_SEARCH=false leaves it out, to measure what it costs).
    search = Switch(default=True)
    #: One department's pages only: an editor's preview (OPENBUDGET_PREVIEW, `make preview`).
    preview = c.Optional(Name())
    #: One jurisdiction's pages only: one job of a sharded build (OPENBUDGET_SHARD, `make shard`).
    shard = c.Optional(Name())
    #: The shards' merged shard.json: the site-wide pages only (OPENBUDGET_INDEX, `openbudget merge`).
    index = c.Optional(c.Type(str))


def options(config) -> Options:
    """The options of this build from its MkDocs configuration; a wrong one is an error."""
    found = Options()
    found.load_dict(dict((config.extra or {}).get("openbudget") or {}))
    failed, warnings = found.validate()
    problems = [f"extra.openbudget.{key}：{error}" for key, error in [*failed, *warnings]]
    if problems:
        raise ValueError("mkdocs.yml 中的选项有误：" + "；".join(problems))
    return found
