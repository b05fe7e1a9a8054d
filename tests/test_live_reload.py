"""`mkdocs serve`: a rebuild runs the package code as it is on disk now, not as it was at start."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import make_project

# Each rebuild of `mkdocs serve` loads the configuration again (the hook module stays loaded)
# and runs on_config; this script does the same twice, editing the package in between, and
# prints the chart width the year's budget page would show after each build.
SERVE_TWICE = textwrap.dedent("""
    import re, sys
    from pathlib import Path
    from mkdocs.config import load_config

    project = Path(sys.argv[1])

    def build_pages():
        config = load_config(config_file=str(project / "mkdocs.yml"))
        config.plugins.on_config(config)
        hook = next(p for p in config.plugins.values() if hasattr(p, "process"))
        return hook, [p.markdown for p in hook.process.build.pages.pages({})]

    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    hook, pages = build_pages()
    print(sorted(set(re.findall(r'<img class="ob-chart__static"[^>]* width="(\\d+)"', "".join(pages)))))
    charts = project / "hooks" / "openbudget" / "render" / "charts.py"
    charts.write_text(charts.read_text(encoding="utf-8").replace('Layout("", 560,',
                                                                 'Layout("", 480,'), encoding="utf-8")
    hook, pages = build_pages()
    print(sorted(set(re.findall(r'<img class="ob-chart__static"[^>]* width="(\\d+)"', "".join(pages)))))
""")


def test_serve_rebuild_uses_the_edited_package_code(tmp_path):
    project = make_project(tmp_path / "project")
    assert 'Layout("", 560,' in (project / "hooks" / "openbudget" / "render" / "charts.py").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", SERVE_TWICE, str(project)], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["['560']", "['480']"]
