"""Charts for figure tables: what to draw, where the files go, and a content-addressed cache.

This module stays light (no Altair import): it turns each figure table into a chart job
(plain JSON: labels, the published amount texts, units), and names every output by the
SHA-256 of the job and of the renderer's own source and versions. A rebuild whose data did
not change finds every chart in the cache and renders nothing. Missing charts are drawn by
`chartspec` in a separate process, in parallel with the rest of the MkDocs build (2 cores:
threads do not speed vl-convert up, processes do).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .money import format_amount
from .tables import FigureTable

WIDTH, BAR_STEP, FRAME = 560, 34, 80  # SVG size in px: width, and height per bar plus title and axis
RENDERER = Path(__file__).with_name("chartspec.py")


def enabled() -> bool:
    """Charts can be switched off (OPENBUDGET_CHARTS=0), e.g. to measure what they cost."""
    return os.environ.get("OPENBUDGET_CHARTS", "1") != "0"


@dataclass(frozen=True)
class Chart:
    page_url: str  # the section page that shows it, e.g. miyi-xinfang/2021/budget/
    table: FigureTable

    @property
    def name(self) -> str:
        return f"chart-{self.table.id}"

    @property
    def parts(self):
        return [r for r in self.table.rows if not r.total and not r.sub]

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def height(self) -> int:
        return BAR_STEP * len(self.parts) + FRAME

    @property
    def job(self) -> dict:
        parts = self.parts
        return {
            "title": self.table.caption, "unit": self.table.unit, "description": self.description,
            "width": self.width, "height": self.height,
            "rows": [{"label": r.label, "amount": str(r.amount), "display": f"{format_amount(r.amount)} {self.table.unit}",
                      "share": "—" if r.share is None else f"{r.share}%"} for r in parts],
        }

    @property
    def description(self) -> str:
        parts = self.parts
        items = "；".join(f"{r.label} {format_amount(r.amount)} {self.table.unit}" +
                         (f"（占 {r.share}%）" if r.share is not None else "") for r in parts)
        return f"条形图：{self.table.caption}（单位：{self.table.unit}）。{items}。数字同下表。"

    @property
    def key(self) -> str:
        return hashlib.sha256(json.dumps([self.job, renderer_version()], ensure_ascii=False,
                                         sort_keys=True).encode()).hexdigest()[:32]


def charts_for(page_url: str, tables: list[FigureTable]) -> list[Chart]:
    """A chart for every table that compares at least two published parts."""
    return [c for c in (Chart(page_url, t) for t in tables) if len(c.parts) >= 2]


_VERSION: str | None = None


def renderer_version() -> str:
    """Changes whenever the drawing code or the libraries that draw change."""
    global _VERSION
    if _VERSION is None:
        versions = [metadata.version(p) for p in ("altair", "vl-convert-python")]
        _VERSION = hashlib.sha256(RENDERER.read_bytes() + repr(versions).encode()).hexdigest()[:16]
    return _VERSION


class ChartCache:
    """<cache>/<key>.svg and <key>.vg.json for every chart ever drawn."""

    JOBS_PER_EXTRA_WORKER = 40  # below this, a second renderer costs more to start than it saves

    def __init__(self, folder: Path):
        self.folder = folder
        self.processes: list[subprocess.Popen] = []

    def missing(self, charts: list[Chart]) -> dict[str, dict]:
        return {c.key: c.job for c in charts if not (self.folder / f"{c.key}.vg.json").exists()}

    def start(self, charts: list[Chart]) -> None:
        """Render what the cache lacks in the background: one renderer per core for many charts."""
        jobs = sorted(self.missing(charts).items())
        if not jobs:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        workers = max(1, min(os.cpu_count() or 1, len(jobs) // self.JOBS_PER_EXTRA_WORKER))
        for worker in range(workers):
            request = self.folder / f"request-{worker}.json"
            request.write_text(json.dumps({"jobs": dict(jobs[worker::workers])}, ensure_ascii=False), encoding="utf-8")
            self.processes.append(subprocess.Popen([sys.executable, str(RENDERER), str(request), str(self.folder)],
                                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))

    def wait(self) -> None:
        processes, self.processes = self.processes, []
        for process in processes:
            _, err = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"图表生成失败：{err.strip().splitlines()[-1] if err.strip() else process.returncode}")

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
        self.processes = []

    def copy_to(self, site_dir: Path, charts: list[Chart]) -> None:
        for chart in charts:
            target = site_dir / chart.page_url
            target.mkdir(parents=True, exist_ok=True)
            for suffix in (".svg", ".vg.json"):
                shutil.copyfile(self.folder / f"{chart.key}{suffix}", target / f"{chart.name}{suffix}")
