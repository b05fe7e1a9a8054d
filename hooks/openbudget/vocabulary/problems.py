"""Problems found in the data, each pointing at a file, line and column."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    path: str  # field path, e.g. budget.by_economic[2].amount; "" for syntax errors
    message: str  # Chinese, for an editor
    level: Literal["error", "warning", "notice"] = "error"  # notice: for the editor only, never on the site

    def __str__(self) -> str:
        """One line starting with file:line:column, whatever the data quoted in it says."""
        where = f"{visible(self.file)}:{self.line}:{self.column}"
        return f"{where} {visible(self.path)}：{visible(self.message)}" if self.path else f"{where} {visible(self.message)}"


# Line breaks, other control characters and invisible format characters (bidi controls,
# zero-width spaces): a quoted value must neither start a line of its own (in GitHub Actions
# `::notice::…` or `::stop-commands::…` at the start of a line is a workflow command) nor
# rewrite or hide what is printed around it.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\f": "\\f"}


def visible(text: str) -> str:
    """Text from data made safe to print on one line: invisible characters as escapes, the way
    YAML writes them in double quotes (a line break as \\n, U+2028 as \\u2028)."""
    return "".join(_escape(c) if unicodedata.category(c) in _INVISIBLE else c for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else
                                f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


class DataError(Exception):
    """The data cannot be published; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))


def format_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
