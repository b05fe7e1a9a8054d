"""First-load bytes (gzip-compressed, as GitHub Pages serves) of the pages issue 15 names:
the seed's year overview, its expenditure page (charts) and a 历年对比 page (trend charts;
the seed has one year, so the fictional three-year fixture tests/fixtures/multi is used), and
a county page (every department side by side: the fictional county fixture tests/fixtures/county).

    .venv/bin/python benchmarks/first_load.py [OTHER_CHECKOUT]

With OTHER_CHECKOUT (a folder holding another version of the project, e.g. made with
`git archive <commit> | tar -x -C /tmp/before`), its figures are printed beside this one's.
Target: no page above 150 KB on first load, charts included (a reader who then reaches for
a chart also loads the chart library, on demand). The last column adds what the reader's
first action loads (Material's script, which no page needs for reading).
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import PHONE, ROOT, build, county_copy, first_load, project_copy, serve, temporary

TARGET_KB = 150
PAGES = (("overview", "seed", "miyi-xinfang/2021/"),
         ("expenditure (charts)", "seed", "miyi-xinfang/2021/expenditure/"),
         ("历年对比 (trend charts)", "multi", "example-a/compare/"),
         ("county page (sortable)", "county", "bodies/shili/2031/"))


def measure(root: Path) -> dict[tuple[str, str], tuple[float, float]]:
    """KB of each page's first load, without and with the reader's first action."""
    sites = {}
    for name, data in (("seed", None), ("multi", ROOT / "tests" / "fixtures" / "multi")):
        build(project_copy(data, root), site := temporary())
        sites[name] = serve(site)
    build(county_copy(root), site := temporary())
    sites["county"] = serve(site)
    out = {}
    for label, site, path in PAGES:
        for device_name, device in (("phone", PHONE), ("desktop", None)):
            out[(label, device_name)] = tuple(first_load(sites[site][0] + path, device=device, act=act)["bytes"] / 1024
                                              for act in (False, True))
    for _, server in sites.values():
        server.shutdown()
    return out


def main(other: str | None = None) -> None:
    after = measure(ROOT)
    before = measure(Path(other)) if other else {}
    print(f"== first load, KB transferred (gzip), target ≤ {TARGET_KB} KB ==")
    print(f"{'page':28} {'device':8} {'before':>8} {'now':>8} {'+ first action':>15}")
    for (label, device), (kb, acted) in after.items():
        was = f"{before[(label, device)][0]:8.1f}" if before else f"{'':>8}"
        print(f"{label:28} {device:8} {was} {kb:8.1f} {acted:15.1f}{'' if kb <= TARGET_KB else '  over target'}")


if __name__ == "__main__":
    main(*sys.argv[1:])
