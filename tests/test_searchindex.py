"""The search indexer beside the build (openbudget.render.searchindex): it never outlives its build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT, left_running

KILLED_BUILD = textwrap.dedent("""
    import sys, time
    from material.plugins.search.plugin import SearchPlugin
    from openbudget.render.searchindex import Indexer, configuration
    plugin = SearchPlugin()
    plugin.load_config({"lang": ["zh"]})
    indexer = Indexer(configuration(plugin.config))
    indexer.add("synthetic/", "（虚构）", {}, "<p>（虚构）部门预算</p>")
    print(len(indexer.entries()), flush=True)
    time.sleep(600)
""")


def test_killed_build_leaves_no_search_indexer_running():
    """A `mkdocs serve` killed outright, or its terminal closed, runs no on_shutdown."""
    build = subprocess.Popen([sys.executable, "-c", KILLED_BUILD], stdout=subprocess.PIPE, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    try:
        assert int(build.stdout.readline()) > 0  # the indexer is up and has indexed the page
        indexers = [int(pid) for pid in Path(f"/proc/{build.pid}/task/{build.pid}/children").read_text().split()]
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    assert indexers
    assert left_running(indexers) == [], "the search indexer kept running after its build was killed"
