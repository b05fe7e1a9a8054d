"""The kinds of document a department publishes for a year: 预算, 调整预算, 决算.

The one place that knows, for each kind, the file name a document of that kind has
(data/<部门>/<年度>.yaml is the 预算, as it always was; <年度>-final.yaml the 决算), where its
pages live (the 预算's at /<部门>/<年度>/, unchanged; the 决算's at /<部门>/<年度>/final/),
the word pages use for it and its Fiscal Data Package phase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    word: str  # what the document is: 预算 / 调整预算 / 决算 (written as `document.phase:`)
    suffix: str  # file name and URL segment: "" for the 预算, else adjusted / final
    fiscal: str  # Fiscal Data Package phase

    def file(self, year: int | str) -> str:
        """data/<部门>/<this>: 2021.yaml, 2021-final.yaml."""
        return f"{year}{'-' + self.suffix if self.suffix else ''}.yaml"

    def source(self, year: int | str) -> str:
        """The published text beside it: 2021.source.txt, 2021-final.source.txt."""
        return self.file(year).removesuffix(".yaml") + ".source.txt"


BUDGET = "预算"
FINAL = "决算"  # a 决算 alone states the 三公's 预算数 beside its own; a year with both has 预算执行情况
PHASES: tuple[Phase, ...] = (
    Phase(BUDGET, "", "approved"),
    Phase("调整预算", "adjusted", "adjusted"),
    Phase("决算", "final", "executed"),
)
BY_WORD = {p.word: p for p in PHASES}
WORDS = tuple(BY_WORD)  # in the order a year's documents are shown
SUFFIXES = {p.suffix: p for p in PHASES if p.suffix}

# <年度>.yaml, <年度>-adjusted.yaml, <年度>-final.yaml (and their .source.txt)
DATA_FILE = re.compile(r"^(\d{4})(?:-(adjusted|final))?\.yaml$")
SOURCE_FILE = re.compile(r"^(\d{4}(?:-(?:adjusted|final))?)\.source\.txt$")
# what an editor may have meant by one of them: 2021final.yaml, 2021-决算.yaml, 2021_final.yaml
NEAR_DATA_FILE = re.compile(r"^(\d{4})\W?_?(.+)\.ya?ml$", re.IGNORECASE)


def of_file(name: str) -> Phase | None:
    """The kind a data file's name says it holds (None: not a data file name)."""
    match = DATA_FILE.match(name)
    if match is None:
        return None
    return SUFFIXES[match.group(2)] if match.group(2) else BY_WORD[BUDGET]


def meant(name: str) -> str | None:
    """The file name an editor most likely meant by a near miss (2021final.yaml → 2021-final.yaml)."""
    match = NEAR_DATA_FILE.match(name)
    if match is None or DATA_FILE.match(name):
        return None
    year, rest = match.group(1), match.group(2).strip("-_ .").lower()
    phase = MEANT.get(rest)
    return None if phase is None else BY_WORD[phase].file(year)


# the words an editor may put after the year for each kind
MEANT = {"预算": "预算", "budget": "预算", "调整预算": "调整预算", "调整": "调整预算", "adjusted": "调整预算",
         "adjust": "调整预算", "决算": "决算", "final": "决算"}
