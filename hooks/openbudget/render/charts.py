"""Charts for figure tables: what to draw, where the files go, and a content-addressed cache.

This module stays light (no Altair import): it turns each figure table into a chart job
(plain JSON: labels, the published amount texts, units, and for each width a chart is drawn
at, its label lines and sizes, measured with the chart font), and names every output by the
SHA-256 of the job (which names the font's hash and version) and of the renderer's own
source and versions. A rebuild whose data did
not change finds every chart in the cache and renders nothing. Missing charts are drawn by
`chartspec` in a separate process, in parallel with the rest of the MkDocs build (2 cores:
threads do not speed vl-convert up, processes do).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from decimal import ROUND_UP, Decimal
from functools import cached_property
from html import escape
from importlib import metadata
from pathlib import Path

from ..sources import repofiles
from ..views.execution import Execution, largest
from ..views.tables import FigureTable, Row
from ..vocabulary.money import format_amount, plain_amount
from . import activecontent, chartfont

RENDERER = Path(__file__).with_name("chartspec.py")
# Part of every key: raised when what a cache may hold changes. 2: entries kept before every
# cached SVG was checked for active content and foreign text are never read again.
CACHE_FORMAT = 2
MIN_PARTS = 3  # a chart of two parts (a total split in two) only repeats its two-row table: not drawn


@dataclass(frozen=True)
class Layout:
    """One drawing of a chart, for the width it is shown at. Every text is at least 12 px
    at that width; long labels wrap (measured with the chart font), never cut off."""
    suffix: str  # file name part: chart-x.svg / chart-x.narrow.svg
    width: int  # px; the narrow one is the content width of a 360 px phone (Material: 328)
    label_width: int  # room for a bar's label; longer ones wrap onto more lines
    ticks: int  # amount axis ticks: few enough that their labels never touch
    media: str | None  # CSS media query that picks this drawing (None: the default)


LAYOUTS = (Layout("", 560, 200, 5, None), Layout(".narrow", 328, 118, 3, "(max-width: 599px)"))
SIZE = {"title": 15, "label": 13, "axis": 12}  # px
LINE = {"title": 20, "label": 16}  # line heights, px
BAR_STEP, FRAME, GAP = 34, 64, 12  # px per bar (one label line), axis and margins, space around a label
PAD, LABEL_PADDING, TEXT_ROOM = 4, 6, 16  # px: chart padding, label to axis, bar end to its figure's end (+ slack)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most `width` px: CJK text breaks between any two characters, a number or
    Latin word stays whole, and no line starts with closing punctuation."""
    measure = chartfont.metrics().width
    lines: list[str] = []
    line = ""
    for token in re.findall(r"[A-Za-z0-9.,%]+|.", text):
        if line and measure(line + token, size) > width and token not in NO_LINE_START:
            lines.append(line)
            line = ""
        line += token
    return [*lines, line] if line else lines or [""]


NO_LINE_START = set("）)】」』》〉，、。；：！？%")


#: How a chart's bars are ordered, as its caption says. By size, the largest first, unless the
#: order itself means something: years in time, a published table's codes as the table has them.
ORDERS = {"size": "按金额从大到小排列", "code": "按科目编码排列，与原表相同", "year": "按年度排列", "as-titled": None}


@dataclass(frozen=True)
class Chart:
    page_url: str  # the section page that shows it, e.g. miyi-xinfang/2021/budget/
    table: FigureTable
    order: str = "size"  # ORDERS

    @property
    def name(self) -> str:
        return f"chart-{self.table.id}"

    @property
    def order_words(self) -> str | None:
        return ORDERS[self.order]

    @property
    def parts(self):
        # an amount the document does not state is no bar (it is 原文未列明 in the table, not 0)
        bars = [r for r in self.table.rows if not r.total and not r.sub and r.amount is not None]
        if self.order == "size":  # stable: equal amounts keep the table's order
            bars.sort(key=lambda r: r.in_unit(self.table.unit), reverse=True)
        return bars

    def display(self, row) -> str:
        return f"{format_amount(row.amount)} {row.unit or self.table.unit}"

    @property
    def layouts(self) -> list[dict]:
        return self.job["layouts"]

    @property
    def wide(self) -> dict:
        return self.layouts[0]

    @property
    def narrow(self) -> dict:
        return self.layouts[1]

    @cached_property
    def job(self) -> dict:
        parts = self.parts
        rows = [{"label": r.label, "amount": None if r.amount is None else plain_amount(r.in_unit(self.table.unit)),
                 "display": self.display(r), "share": "—" if r.share is None else f"{r.share}%"} for r in parts]
        return {"title": self.table.caption, "unit": self.table.unit, "description": self.description,
                "rows": rows, "font": chartfont.identity(),
                "layouts": [self.layout(layout, rows) for layout in LAYOUTS]}

    def layout(self, layout: Layout, rows: list[dict]) -> dict:
        labels = [wrap(r["label"], layout.label_width, SIZE["label"]) for r in rows]
        title = wrap(self.table.caption, layout.width - 8, SIZE["title"])
        step = max(BAR_STEP, max(len(l) for l in labels) * LINE["label"] + GAP)
        return {"suffix": layout.suffix, "media": layout.media, "width": layout.width,
                "height": step * len(rows) + FRAME + LINE["title"] * len(title), "step": step,
                "right": PAD, "ticks": layout.ticks, "domain_max": self.domain_max(layout, labels, rows), "title": title, "labels": ["\n".join(l) for l in labels],
                "sizes": SIZE, "lines": LINE}

    @staticmethod
    def domain_max(layout: Layout, labels: list[list[str]], rows: list[dict]) -> str:
        """The amount at the plot's right edge, chosen so that each bar's figure, written just
        past the bar's end, ends inside the plot: nothing is cut and nothing sticks out."""
        measure = chartfont.metrics().width
        column = max(measure(line, SIZE["label"]) for lines in labels for line in lines)
        plot = Decimal(layout.width - 2 * PAD - LABEL_PADDING - math.ceil(column))
        # (a figure wider than most of the plot cannot fit past its bar: the bar keeps a quarter)
        need = [Decimal(r["amount"]) * plot / max(plot - math.ceil(measure(r["display"], SIZE["label"])) - TEXT_ROOM,
                                                  plot / 4)
                for r in rows if r["amount"] is not None]
        top = max(need, default=Decimal(0))
        return str(top.quantize(Decimal("0.0001"), rounding=ROUND_UP) if top > 0 else Decimal(1))

    @property
    def description(self) -> str:
        items = "；".join(f"{r.label} {format_amount(r.amount)} {r.unit or self.table.unit}" +
                         (f"（占 {r.share}%）" if r.share is not None else "") for r in self.parts)
        return f"条形图：{self.table.caption}（单位：{self.table.unit}）。{items}。数字同下表。"

    @property
    def suffixes(self) -> list[str]:
        return [layout["suffix"] + ext for layout in self.layouts for ext in (".svg", ".vg.json")]

    @property
    def key(self) -> str:
        return hashlib.sha256(json.dumps([self.job, renderer_version(), CACHE_FORMAT], ensure_ascii=False,
                                         sort_keys=True).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class TrendChart(Chart):
    """One figure over the years: a year whose document did not publish it is a row marked
    未公开 (no bar), so the chart never joins the years on either side of it."""

    order: str = "year"

    @property
    def parts(self):
        return list(self.table.rows)

    def display(self, row) -> str:
        return UNPUBLISHED if row.amount is None else super().display(row)

    @property
    def description(self) -> str:
        items = "；".join(f"{r.label} {self.display(r)}" for r in self.parts)
        return f"条形图：{self.table.caption}（单位：{self.table.unit}）。{items}。数字同下表。"


UNPUBLISHED = "未公开"


@dataclass(frozen=True)
class DifferenceChart(Chart):
    """预算执行情况: each bar the size of a figure's difference between 预算 and 决算; its
    figure says which way (+ 决算 above 预算, − below). Its title says the order (the largest
    difference first)."""

    order: str = "as-titled"

    @property
    def parts(self):
        return [replace(r, amount=abs(r.amount)) for r in self.table.rows]

    def display(self, row) -> str:
        signed = next(r.amount for r in self.table.rows if r.label == row.label)
        return ("+" if signed > 0 else "") + f"{format_amount(signed)} {self.table.unit}"

    @property
    def description(self) -> str:
        items = "；".join(f"{r.label} {self.display(r)}" for r in self.parts)
        return f"条形图：{self.table.caption}（单位：{self.table.unit}）。{items}。数字同下表。"


def differences(page_url: str, table: Execution, unit: str) -> Chart | None:
    """The largest differences of a budget-against-actual page (execution.py), if there are
    enough to compare (MIN_PARTS)."""
    rows = tuple(Row(label, amount) for label, amount in largest(table, unit))
    if len(rows) < MIN_PARTS:
        return None
    caption = f"决算数与预算数差额最大的 {len(rows)} 项（按差额大小，正数为决算数高于预算数）"
    return DifferenceChart(page_url, FigureTable("largest-differences", caption, unit, rows, "expenditure"))


def charts_for(page_url: str, tables: list[FigureTable], order: str = "size") -> list[Chart]:
    """A chart for every table that compares at least three published parts (see MIN_PARTS);
    order: "code" for a published table's classes, drawn in its order (ORDERS)."""
    return [c for c in (Chart(page_url, t, order) for t in tables) if len(c.parts) >= MIN_PARTS]


def trends(page_url: str, years: list[int], series: list, kinds: dict[str, str]) -> list[Chart]:
    """Trend charts of the comparison page: the series named in kinds (key → direction), over
    every year of the department (at least three, with two published)."""
    out = []
    for s in series:
        if s.key not in kinds or len(years) < MIN_PARTS or sum(v is not None for v in s.values) < 2:
            continue
        rows = tuple(Row(f"{y}年", v) for y, v in zip(years, s.values))
        out.append(TrendChart(page_url, FigureTable(f"trend-{s.key}", f"{s.label}（各年度）", s.unit, rows, kinds[s.key])))
    return out


_VERSION: str | None = None


def renderer_version() -> str:
    """Changes whenever the drawing code or the libraries that draw change."""
    global _VERSION
    if _VERSION is None:
        versions = [metadata.version(p) for p in ("altair", "vl-convert-python", "fonttools", "uharfbuzz", "brotli")]
        _VERSION = hashlib.sha256(RENDERER.read_bytes() + repr(versions).encode()).hexdigest()[:16]
    return _VERSION


def shows(job: dict, files: dict[str, bytes]) -> bool:
    """Whether every drawing (one per layout) shows exactly the job's figures."""
    try:
        return all(_shows(job, files[layout["suffix"] + ".svg"], files[layout["suffix"] + ".vg.json"])
                   for layout in job["layouts"])
    except KeyError:
        return False


def _shows(job: dict, svg: bytes, vega: bytes) -> bool:
    """Every amount text in the SVG, and the same rows, in order, in the interactive chart's data."""
    try:
        text = svg.decode("utf-8")
        values = next(d["values"] for d in json.loads(vega)["data"] if "values" in d)
        drawn = [(v["label"], v["amount"], v["display"]) for v in values]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, StopIteration):
        return False
    rows = job["rows"]  # (long labels are wrapped onto lines in the SVG; the figures never are)
    return (text.startswith("<svg") and text.rstrip().endswith("</svg>")
            and drawn == [(r["label"], r["amount"], r["display"]) for r in rows]
            and all(f">{escape(r['display'], quote=False)}</text>" in text for r in rows))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def publishable(job: dict, files: dict[str, bytes], texts: bool = True) -> str | None:
    """Why these files cannot be published as the job's chart (in Chinese), or None: no active
    content (activecontent) and, in every SVG, no text but the job's own (its title and label
    lines, its figures, the axis title) and the amount axis's numbers (texts=False: the renderer's
    own drawing, whose texts come from the job, is checked for active content only)."""
    allowed = {f"金额（{job['unit']}）", *(r["display"] for r in job["rows"])}
    for layout in job["layouts"]:
        allowed.update(layout["title"], *(label.split("\n") for label in layout["labels"]))
    allowed |= {text.strip() for text in allowed}  # (the renderer drops a wrapped line's end space)
    for suffix, data in sorted(files.items()):
        if suffix.endswith(".vg.json"):
            if problem := activecontent.vega_problem(data):
                return problem
            if not texts:
                continue
            said = allowed | VEGA_WORDS | {job["description"], *(label for layout in job["layouts"] for label in layout["labels"])}
            if extra := next((t for t in _vega_texts(json.loads(data)) if t not in said), None):
                return f"含有表中没有的文字“{extra[:40]}”"
            continue
        drawing = activecontent.parse_svg(data)
        if problem := activecontent.drawing_problem(drawing):
            return problem
        for text in (drawing.iter(activecontent.SVG + "text") if texts else ()):
            pieces = [text.text, *(piece for span in text for piece in (span.text, span.tail))]
            for line in [piece for piece in pieces if piece and piece.strip()]:
                if line not in allowed and line.strip() not in allowed and not TICK.fullmatch(line):
                    return f"含有表中没有的文字“{line[:40]}”"
    return None


VEGA_WORDS = frozenset({""})  # the renderer's Vega writes no text of its own outside expressions


def _vega_texts(value, shown: bool = False):
    """Every text a Vega file states as a title, a description or a text (not those its
    expressions compute: see the class ChartCache)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _vega_texts(item, key in ("text", "title", "description"))
    elif isinstance(value, list):
        for item in value:
            yield from _vega_texts(item, shown)
    elif shown and isinstance(value, str):
        yield value


TICK = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?")  # the amount axis's labels (format ",.2~f")


_RUNNING: set[subprocess.Popen] = set()  # renderers of this process, killed when it exits
_WORK: set[Path] = set()  # their folders, removed then


@atexit.register
def _kill_renderers() -> None:
    for process in list(_RUNNING):
        process.kill()
    for folder in list(_WORK):
        shutil.rmtree(folder, ignore_errors=True)


def cache_problem(root: Path, folder: Path) -> str | None:
    """Why the build refuses its chart cache (in Chinese), or None: a cache is what this
    machine's builds drew, never something committed, nor a link to a folder elsewhere."""
    try:
        repofiles.check(folder, root)
    except repofiles.Refused as refused:
        return f"图表缓存 {refused}（请删除这个链接）"
    top = folder.relative_to(root).parts[0]
    try:
        tracked = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", top],
                                 capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None  # no git here: nothing is tracked
    if tracked.returncode == 0 and tracked.stdout:
        first = tracked.stdout.split(b"\0")[0].decode(errors="replace")
        return (f"{top}/ 中的文件已提交到 git（如 {first}）："
                f"图表缓存只能由构建生成，不能提交。请运行 git rm -r --cached {top} 并提交，再构建")
    return None


class ChartCache:
    """Charts already drawn, in <cache>, and the drawing of the others.

    An entry is <key>.json, naming the chart's job and the SHA-256 of its files (an SVG and a
    Vega file per layout), stored as <digest><suffix>. Nothing read back is trusted: a file that is
    missing, cut short, edited, or not of this chart is drawn again. Renderers work in a
    folder of their own and the build writes their results into the cache atomically, so
    builds sharing a cache never see each other's half-written files; a cache that cannot be
    written only means that nothing is kept for the next build.

    The cache is a speed-up, never a source. Re-rendering every entry to compare it would cost
    what the cache saves, and a key (job + renderer + font) can be computed by anyone, so an
    entry planted under the right key must not be able to say anything of its own. What a
    cached entry may hold is therefore what the renderer writes and nothing else a reader could
    act on or read: `publishable` checks every entry as it is read (and every drawing as it is
    written) for active content (activecontent: no script, event attribute, foreignObject,
    link, or loaded URL) and allows no text but the job's own texts and the axis's numbers;
    `shows` checks that the figures are the table's. What is left free, the shapes' geometry,
    the embedded glyphs and the strings inside a Vega file's expressions, is closed at the source: the build refuses a .cache/ that git
    tracks (committed with `git add -f`) and a .cache or .cache/charts that is a link
    (hooks/budget.py); every path is read and written through repofiles (no link below the
    root); the publish workflow's cache is restored only from publishes of main, whose every
    entry passed these checks when it was written; and CACHE_FORMAT in every key retires the
    entries kept before the checks existed.
    """

    JOBS_PER_EXTRA_WORKER = 40  # below this, a second renderer costs more to start than it saves

    def __init__(self, folder: Path, root: Path | None = None):
        self.folder = folder
        self.root = root or folder  # read and written as repofiles allows: no link below root
        self.processes: list[tuple[subprocess.Popen, Path]] = []  # renderer, its error output
        self.work: Path | None = None  # this build's own rendering folder

    def entry(self, chart: Chart, folder: Path | None = None) -> dict[str, bytes] | None:
        """The chart's SVG and Vega files from the cache, if whole and showing its figures."""
        folder = folder or self.folder
        try:
            manifest = json.loads(repofiles.read_bytes(folder / f"{chart.key}.json", self.root))
            if manifest["job"] != chart.job:
                return None
            files = {}
            for suffix in chart.suffixes:
                name = manifest["files"][suffix]
                files[suffix] = data = repofiles.read_bytes(folder / f"{name}{suffix}", self.root)
                if digest(data) != name:
                    return None
        except (OSError, ValueError, KeyError, TypeError):  # repofiles.Refused is an OSError
            return None
        return files if shows(chart.job, files) and publishable(chart.job, files) is None else None

    def rendered(self, chart: Chart) -> dict[str, bytes] | None:
        """The chart as this build's renderer drew it, if it shows the chart's figures."""
        if self.work is None:
            return None
        try:
            files = {suffix: repofiles.read_bytes(self.work / f"{chart.key}{suffix}", self.work) for suffix in chart.suffixes}
        except OSError:
            return None
        return files if shows(chart.job, files) else None  # checked for active content as it is written

    def store(self, chart: Chart, files: dict[str, bytes]) -> None:
        """Keep a new drawing for later builds; a cache that cannot be written keeps nothing."""
        names = {suffix: digest(data) for suffix, data in files.items()}
        try:
            for suffix, data in files.items():
                repofiles.write_bytes(self.folder / f"{names[suffix]}{suffix}", self.root, data)
            manifest = {"job": chart.job, "files": names}
            repofiles.write_bytes(self.folder / f"{chart.key}.json", self.root,
                                  json.dumps(manifest, ensure_ascii=False).encode())
        except OSError:
            pass

    def used(self, chart: Chart, files: dict[str, bytes]) -> None:
        """Mark an entry as used by this build (the modification time of its files): a cache
        kept from one publish to the next drops what no build uses any more
        (.github/workflows/publish.yml)."""
        try:
            for name in [f"{chart.key}.json", *(f"{digest(data)}{suffix}" for suffix, data in files.items())]:
                os.utime(repofiles.check(self.folder / name, self.root), follow_symlinks=False)
        except OSError:
            pass

    def missing(self, charts: list[Chart]) -> dict[str, dict]:
        return {c.key: c.job for c in charts if self.entry(c) is None}

    def start(self, charts: list[Chart]) -> None:
        """Render what the cache lacks in the background: one renderer per core for many charts."""
        self.render(self.missing(charts))

    def render(self, jobs: dict[str, dict]) -> None:
        if not jobs:
            return
        if self.work is None:
            self.work = Path(tempfile.mkdtemp(prefix="openbudget-charts-"))
            _WORK.add(self.work)
        ordered = sorted(jobs.items())
        workers = max(1, min(os.cpu_count() or 1, len(ordered) // self.JOBS_PER_EXTRA_WORKER))
        for worker in range(workers):
            request = Path(tempfile.mkstemp(dir=self.work, prefix="request-", suffix=".json")[1])
            request.write_text(json.dumps({"jobs": dict(ordered[worker::workers])}, ensure_ascii=False), encoding="utf-8")
            errors = request.with_suffix(".err")
            with errors.open("wb") as err:
                # the renderer stops when its stdin closes: also when this process is killed
                process = subprocess.Popen([sys.executable, str(RENDERER), str(request), str(self.work), "--stdin-lifeline"],
                                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err)
            _RUNNING.add(process)
            self.processes.append((process, errors))

    def wait(self) -> None:
        processes, self.processes = self.processes, []
        failure = None
        for process, errors in processes:
            process.wait()
            _RUNNING.discard(process)
            if process.stdin:
                process.stdin.close()
            if process.returncode != 0 and failure is None:
                lines = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                failure = lines[-1] if lines else process.returncode
        if failure is not None:
            raise RuntimeError(f"图表生成失败：{failure}")

    def stop(self) -> None:
        """Kill the renderers (a build that failed, or `mkdocs serve` shutting down)."""
        for process, _ in self.processes:
            process.kill()
            process.wait()
            _RUNNING.discard(process)
        self.processes = []
        self.clean()

    def clean(self) -> None:
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            _WORK.discard(self.work)
            self.work = None

    def copy_to(self, site_dir: Path, charts: list[Chart]) -> None:
        """Write every chart beside its page, from the cache or this build's drawing; a chart
        whose cache entry failed its check since the build started is drawn again now."""
        cached = {c.key: self.entry(c) for c in charts}
        found = {c.key: cached[c.key] or self.rendered(c) for c in charts}
        again = {c.key: c.job for c in charts if found[c.key] is None}
        if again:
            self.render(again)
            self.wait()
            found.update({c.key: self.rendered(c) for c in charts if c.key in again})
        for chart in charts:
            files = found[chart.key]
            if files is None:
                raise RuntimeError(f"图表生成失败：{chart.page_url}{chart.name} 画出的图与表中数字不符")
            if problem := publishable(chart.job, files, texts=False):  # a cached one was checked whole as it was read
                raise RuntimeError(f"图表生成失败：{chart.page_url}{chart.name} {problem}")
            if cached[chart.key] is None:
                self.store(chart, files)
            else:
                self.used(chart, files)
            try:
                for suffix, data in files.items():
                    repofiles.write_bytes(site_dir / chart.page_url / f"{chart.name}{suffix}", site_dir, data)
            except repofiles.Refused as refused:
                raise RuntimeError(f"图表生成失败：{refused}") from None
        self.clean()
