"""Which public body (a county, a district) each department belongs to, and which departments
each is expected to publish: jurisdictions.yaml beside mkdocs.yml, optional.

    bodies:
      - slug: miyi
        name: 米易县
        departments:                      # every department expected to publish, published or not
          - {slug: miyi-xinfang, name: 米易县信访局}
          - {slug: miyi-caizheng, name: 米易县财政局}

Without the file every department under data/ belongs to one body, and nothing is said about
departments that have not published (the site cannot know them). With it, a department folder
under data/ that no body lists, or that two bodies list, stops the build: its figures would
otherwise be added to the wrong county, or to none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..document.model import JurisdictionsFile
from ..vocabulary.problems import Problem
from . import repofiles
from .loading import display_path, parse

FILE = "jurisdictions.yaml"
DEFAULT = ("all", "全部部门")  # slug and name of the one body of a site without the file
INDEX = "_index"  # the part of a sharded build with the site-wide pages (no slug can be this: SLUG_PATTERN)


@dataclass(frozen=True)
class Jurisdiction:
    slug: str
    name: str
    expected: dict[str, str] | None  # slug → name of every department expected to publish; None: not configured
    departments: tuple[str, ...] = field(default=())  # slugs of those with data on the site


def read(root: Path, published: list[str]) -> tuple[list[Jurisdiction], list[Problem]]:
    """The bodies, each with its published departments; problems with file:line:column."""
    path = root / FILE
    if not repofiles.exists(path):  # a link (even dangling) is read, and refused, by parse
        return [Jurisdiction(*DEFAULT, None, tuple(sorted(published)))], []
    data, source = _parse(path, root)
    if data is None:
        return [], source.problems
    problems: list[Problem] = []
    owner: dict[str, int] = {}
    for i, body in enumerate(data.bodies):
        for j, expected in enumerate(body.departments):
            if expected.slug in owner:
                problems.append(source.problem(
                    ("bodies", i, "departments", j, "slug"),
                    f"部门 {expected.slug} 已列在“{data.bodies[owner[expected.slug]].name}”中：每个部门只能属于一个地区",
                    f"bodies[{i}].departments[{j}].slug"))
            owner.setdefault(expected.slug, i)
    for slug in sorted(set(published) - set(owner)):
        problems.append(source.problem(("bodies",), f"data/{slug}/ 中的部门没有列入任何地区：请在 {FILE} 中把它加到"
                                                    "所属地区的 departments 里", "bodies", key=True))
    out = [Jurisdiction(b.slug, b.name, {d.slug: d.name for d in b.departments},
                        tuple(sorted(d.slug for d in b.departments if d.slug in published)))
           for b in data.bodies]
    return out, problems


def slugs(root: Path) -> tuple[list[str], list[Problem]]:
    """Every body's slug: the shards of a sharded build (one build job each)."""
    path = root / FILE
    if not repofiles.exists(path):  # a link (even dangling) is read, and refused, by parse
        return [DEFAULT[0]], []
    data, source = _parse(path, root)
    return ([b.slug for b in data.bodies] if data is not None else []), source.problems


def members(root: Path, body: str) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """The department folders one shard reads: those its body lists (every one, for the one body
    of a site without the file)."""
    path = root / FILE
    if not repofiles.exists(path):  # a link (even dangling) is read, and refused, by parse
        return (None if body == DEFAULT[0] else ()), ([] if body == DEFAULT[0] else [_unknown(path, root, body, [DEFAULT[0]])])
    data, source = _parse(path, root)
    if data is None:
        return (), source.problems
    for b in data.bodies:
        if b.slug == body:
            return tuple(sorted(d.slug for d in b.departments)), []
    return (), [_unknown(path, root, body, [b.slug for b in data.bodies])]


def _parse(path: Path, root: Path):
    """The file, or None with its problems: two bodies with one slug would share one page, one
    CSV and one shard (the second silently lost); two departments of one body with one name
    could not be told apart on its page."""
    data, source = parse(path, root, JurisdictionsFile)
    if data is None:
        return None, source
    first: dict[str, int] = {}
    for i, body in enumerate(data.bodies):
        if (j := first.setdefault(body.slug, i)) != i:
            source.problems.append(source.problem(
                ("bodies", i, "slug"), f"网址名 {body.slug} 已用于“{data.bodies[j].name}”：每个地区的网址名必须不同",
                f"bodies[{i}].slug"))
        names: dict[str, str] = {}
        for k, expected in enumerate(body.departments):
            if (other := names.setdefault(expected.name, expected.slug)) != expected.slug:
                source.problems.append(source.problem(
                    ("bodies", i, "departments", k, "name"),
                    f"部门名称“{expected.name}”已用于 {other}：同一地区的部门名称必须不同，读者才分得清",
                    f"bodies[{i}].departments[{k}].name"))
    return (None if source.problems else data), source


def _unknown(path: Path, root: Path, body: str, known: list[str]) -> Problem:
    return Problem(display_path(path, root), 1, 1, "", f"没有名为 {body} 的地区（可用：{'、'.join(known)}）")
