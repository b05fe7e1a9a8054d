"""Cells a spreadsheet cannot run: every CSV the site writes goes through `writer`.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, WPS and LibreOffice as a formula (``=HYPERLINK("http://…","点此查看原文")``): OWASP's
advice (CSV injection) is to write it with a leading ``'``, which spreadsheets show as text.
A number stays a number, a negative amount (-27.10) included: it is no formula.
"""

from __future__ import annotations

import csv
import re
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # how str(Decimal) and str(int) write an amount


def text_cell(value: Any) -> Any:
    """The cell as written: text a spreadsheet would run as a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, out: TextIO):
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, row) -> None:
        self._writer.writerow([text_cell(cell) for cell in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: TextIO) -> _SafeWriter:
    """A CSV writer (rows end in CRLF, as Excel writes them) whose text cells cannot run."""
    return _SafeWriter(out)
