"""How much of a real document `openbudget import` reads right: every document of tests/corpus/.

    .venv/bin/python benchmarks/import_recall.py

Run by hand (not in CI; tests/test_import_corpus.py holds the import to the same expectations).
Each corpus document (published text, its first line the source address) is imported with the
project's own command into a scratch folder, as an editor would; the draft it writes is read
back and its figures compared with the hand-written expectation file beside the document.
Per document and in total it prints the amounts the text states for a field (not those that
stay in the text), how many the draft placed in the right field (or states in a table only, read through the
registry's `tables:` as the site reads it), how many figures it placed
wrongly (in a field the expectation does not give them), how many of the rest the import
reported as not placed (未放入字段) or wrote into a table of the draft (`tables:`, a table pasted
as text, listed in the report), how many it left in the text without a word, and whether
the draft validates once its findings are confirmed (everything `validate` reports is a
finding). Targets (issue 31): >= 95 % placed right, 0 wrong, 0 silent, every draft validates.
An amount reported once answers one stated figure (a sentence reporting 0万元 once does not
answer three stated zeros). Percentages and counts are counted too, on a line of their own:
shares of a line (占…%, of: income_source / function / economic) written with the line they
belong to; counts (人, 辆, 个) written for the editor in the draft's commented `counts:` (a
count may be of another year, so the editor confirms each), and of those the expectation
says are the 编制/在职/退休/车辆 count, how many carry that `of:`. Other percentages (changes,
rates) stay in the text, as the expectation says.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from common import ROOT, temporary

from openbudget.commands.cli import main
from openbudget.document import yamlsource
from openbudget.sources.site import load_department_file
from openbudget.vocabulary.figures import figures
from openbudget.vocabulary.figures import lines as line_lists
from openbudget.vocabulary.money import in_yuan

CORPUS = ROOT / "tests" / "corpus"
MONEY = {"元": Decimal(1), "万元": Decimal(10000), "万": Decimal(10000)}

# a draft's field → the registry's key (vocabulary/figures.py): its figures, and its lists of lines
FIELD_KEYS = {**{place: f.key for f in figures().values() for place in f.places},
              **{place: lines.key for lines in line_lists() for place in lines.places}}
UNPLACED = re.compile(r"金额未能归入字段[^“]*“(.*)”")
AMOUNT = re.compile(r"([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(万元|元|万)")


@dataclass(frozen=True)
class Placed:
    key: str
    yuan: Decimal
    name: str | None = None
    percent: str | None = None  # a line's published share (占…%)


@dataclass
class Result:
    name: str
    stated: int = 0
    right: int = 0
    wrong: list[Placed] = field(default_factory=list)
    reported: int = 0
    unplaced: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    validates: bool = False
    status: int = 0
    shares: int = 0  # shares of a line the text states (占…%, of: income_source / function / economic)
    shares_right: int = 0
    counts: int = 0  # staff, vehicle and other counts the text states
    counts_written: int = 0  # … written (commented out, for the editor to confirm) in the draft with their unit
    counts_of: int = 0  # counts the expectation says are the 编制/在职/退休/车辆 count
    counts_of_right: int = 0  # … written with that `of:`


def documents() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def expectation(document: Path) -> dict:
    return yaml.safe_load(document.with_suffix(".expected.yaml").read_text(encoding="utf-8"))


def yuan(amount: str, unit: str) -> Decimal:
    return Decimal(amount.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")).replace(",", "")
                   .replace("，", "")) * MONEY[unit]


def imported(document: Path, root: Path) -> tuple[int, str, Path]:
    """The document imported as an editor would: its text (without the source line) in a file."""
    expected = expectation(document)
    source = root / f"{document.stem}.txt"
    source.write_text(document.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    args = ["--root", str(root), "import", str(source), "--department", "corpus-doc",
            "--year", str(expected["year"]), "--kind", expected["kind"], "--force"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(args)
        if status:  # no department name found at the top: the editor names it
            status = main(args + ["--name", "语料部门"])
    suffix = "-final" if expected["kind"] == "决算" else ""
    return status, out.getvalue(), root / "data" / "corpus-doc" / f"{expected['year']}{suffix}.yaml"


def placed_figures(draft: dict) -> list[Placed]:
    found = []

    def visit(section: dict) -> None:
        kind, unit = section.get("kind"), section.get("unit")
        for path, key in FIELD_KEYS.items():
            if path[0] != kind:
                continue
            value = section
            for part in path[1:]:
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, str) and unit:
                found.append(Placed(key, yuan(value, unit)))
            elif isinstance(value, list):
                found.extend(Placed(key, yuan(line["amount"], line.get("unit") or unit), line.get("name"),
                                    str(line["percent"]) if line.get("percent") is not None else None)
                             for line in value if isinstance(line, dict) and line.get("amount"))
        for child in section.get("sections") or []:
            visit(child)

    for section in draft.get("sections") or []:
        visit(section)
    return found


def tabled(draft: dict) -> list[Decimal]:
    """Every amount of the draft's tables, in yuan."""
    found = []
    for table in draft.get("tables") or []:
        for part in table.get("sides") or [table]:
            found += [yuan(a, table["unit"]) for row in part.get("rows") or [] for a in row.get("amounts") or [] if a]
    return found


COUNTED = re.compile(r"count: (\d+), unit: ([^,}\s]+)(?:, of: ([^,}\s]+))?")
LINE_KEYS = ("income_source", "function", "economic")


def written_counts(text: str) -> list[tuple[str, str, frozenset]]:
    """(count, unit, the of: of its group) of every count the draft writes for the editor (commented
    `counts:` lines; a part is of what its total is of: 编制数77人，其中：行政编制36人 are both 编制)."""
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith("#") and "count:" in line:
            found = [m.groups() for m in COUNTED.finditer(line)]
            group = frozenset(of for _, _, of in found if of)
            out += [(count, unit, group) for count, unit, _ in found]
    return out


def take(pool: list, wanted) -> bool:
    """Remove one element equal to `wanted` from `pool`: each thing found answers one expected figure."""
    if wanted in pool:
        pool.remove(wanted)
        return True
    return False


def same_name(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a in b or b in a


def measure(document: Path) -> Result:
    root = temporary("openbudget-recall-")
    result = Result(document.stem)
    result.status, out, target = imported(document, root)
    draft = {} if result.status else yamlsource.read(target.read_text(encoding="utf-8"), str(target)).data
    placed = placed_figures(draft)
    record, problems = (None, []) if result.status else load_department_file(target, root)
    if record is not None:  # a figure the draft states in a table only (read through the registry's tables:)
        placed += [Placed(key, in_yuan(s.amount, s.unit)) for key, s in record.resolved.figures.items()
                   if s.source.table]
    reported = [yuan(m.group(1), m.group(2)) for line in out.splitlines() if (found := UNPLACED.search(line))
                for m in AMOUNT.finditer(found.group(1))] + tabled(draft)
    expected = [f for f in expectation(document)["figures"] or [] if f["unit"] in MONEY]
    facts = [(f["key"], yuan(f["amount"], f["unit"]), f.get("name")) for f in expected]
    for p in placed:
        if not any(k == p.key and v == p.yuan and same_name(n, p.name) for k, v, n in facts):
            result.wrong.append(p)
    for f, (key, value, name) in zip(expected, facts):
        if key in ("text", "count", "percent"):
            continue
        result.stated += 1
        if any(p.key == key and p.yuan == value and same_name(name, p.name) for p in placed):
            result.right += 1
        elif take(reported, value):  # one amount reported answers one stated figure
            result.reported += 1
            result.unplaced.append(f"{f['amount']}{f['unit']}→{key} {name or ''}")
        else:
            result.silent.append(f"{f['amount']}{f['unit']}→{key}")
    everything = expectation(document)["figures"] or []
    for f in everything:
        if f["key"] == "percent" and f.get("of") in LINE_KEYS:
            result.shares += 1
            result.shares_right += any(p.key == f["of"] and p.percent is not None and Decimal(p.percent) == Decimal(f["amount"])
                                       and same_name(f.get("name"), p.name) for p in placed)
    counts = [] if result.status else written_counts(target.read_text(encoding="utf-8"))
    by_number = [(c, u) for c, u, _ in counts]
    for f in everything:
        if f["key"] == "count":
            result.counts += 1
            result.counts_written += take(by_number, (str(f["amount"]), f["unit"]))
            if f.get("of"):
                result.counts_of += 1
                match = next((c for c in counts if c[:2] == (str(f["amount"]), f["unit"]) and f["of"] in c[2]), None)
                result.counts_of_right += take(counts, match)
    if result.status:
        return result  # nothing written: every stated amount is silent, no draft validates
    result.validates = all(re.match(r"\[[a-z0-9-]+\]", p.message) for p in problems)
    return result


def run() -> None:
    results = [measure(document) for document in documents()]
    width = max(len(r.name) for r in results)
    print(f"{'document':<{width}}  stated  right  wrong  reported  silent  validates")
    for r in results:
        note = "" if not r.status else "  (import failed)"
        print(f"{r.name:<{width}}  {r.stated:>6}  {r.right:>5}  {len(r.wrong):>5}  {r.reported:>8}  {len(r.silent):>6}  "
              f"{'yes' if r.validates else 'no':>9}{note}")
    stated, right = sum(r.stated for r in results), sum(r.right for r in results)
    print(f"{'total':<{width}}  {stated:>6}  {right:>5}  {sum(len(r.wrong) for r in results):>5}  "
          f"{sum(r.reported for r in results):>8}  {sum(len(r.silent) for r in results):>6}  "
          f"{sum(r.validates for r in results):>4}/{len(results)}")
    print(f"placed right: {right / stated:.1%} of {stated} stated amounts")
    shares, counts, counts_of = (sum(getattr(r, a) for r in results) for a in ("shares", "counts", "counts_of"))
    print(f"shares of a line (占…%) placed with their line: {sum(r.shares_right for r in results)} of {shares}; "
          f"counts written for the editor (commented counts:): {sum(r.counts_written for r in results)} of {counts}, "
          f"with the right of: (编制/在职/退休/车辆) {sum(r.counts_of_right for r in results)} of {counts_of}")
    if "-v" in sys.argv:
        for r in results:
            for p in r.wrong:
                print(f"  {r.name}: wrong {p.key} {p.yuan}元 {p.name or ''}")
            for s in r.silent:
                print(f"  {r.name}: silent {s}")
            for s in r.unplaced:
                print(f"  {r.name}: reported, not placed {s}")


if __name__ == "__main__":
    run()
