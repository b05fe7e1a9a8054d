"""How long an editor waits to see an edit: a rebuild of `mkdocs serve`, whole site against
`make preview DEPARTMENT=…` (one department's pages), on N synthetic department-years.

    .venv/bin/python benchmarks/preview.py          # 200 department-years
    .venv/bin/python benchmarks/preview.py 400
    .venv/bin/python benchmarks/preview.py 1000 --preview-only   # without the whole site's (slow) rebuilds

Run by hand (not in CI). Each mode builds once in this process (as `mkdocs serve` does on
start: charts rendered and cached, the Chinese word segmenter loaded), then an amount in
the previewed department's file is changed (and its sentence, so that the file still agrees)
and the rebuild is timed, RUNS times; the median is printed. Target: ≤ 3 s for the preview.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from common import project_copy, temporary
from scale import synthetic_data

RUNS = 3
DEPARTMENT = "synthetic-001"


def rebuild_seconds(project: Path, preview: str | None) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if preview:
        os.environ["OPENBUDGET_PREVIEW"] = preview
    else:
        os.environ.pop("OPENBUDGET_PREVIEW", None)
    out = temporary()

    def once() -> float:
        start = time.perf_counter()
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
        return time.perf_counter() - start

    once()  # the server's first build
    path = project / "data" / DEPARTMENT / "2021.yaml"
    times = []
    for run in range(RUNS):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("year: 2021", "year: 2021\n# edit %d" % run, 1), encoding="utf-8")
        times.append(once())
    load_config(str(project / "mkdocs.yml"), site_dir=str(out)).plugins.on_shutdown()  # as the server stopping
    return statistics.median(times)


def main(count: int, whole_site: bool = True) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    project = project_copy(synthetic_data(count))
    one = rebuild_seconds(project, DEPARTMENT)
    if not whole_site:
        print(f"N={count}: rebuild after an edit, median of {RUNS}: "
              f"make preview DEPARTMENT={DEPARTMENT} {one:.1f} s (target ≤ 3 s)")
        return
    whole = rebuild_seconds(project, None)
    print(f"N={count}: rebuild after an edit, median of {RUNS}: whole site {whole:.1f} s; "
          f"make preview DEPARTMENT={DEPARTMENT} {one:.1f} s (target ≤ 3 s); {whole / one:.0f}× faster")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    main(numbers[0] if numbers else 200, "--preview-only" not in sys.argv)
