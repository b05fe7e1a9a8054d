"""Cells a spreadsheet cannot run: every CSV the site writes goes through `writer`, every
workbook (.xlsx) through `workbook`.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, WPS and LibreOffice as a formula (``=HYPERLINK("http://…","点此查看原文")``): OWASP's
advice (CSV injection) is to write it with a leading ``'``, which spreadsheets show as text.
A number stays a number, a negative amount (-27.10) included: it is no formula.

In a workbook every text cell is stored as text (openpyxl would store a string that begins with
``=`` as a formula), and text the same rule finds gets Excel's own mark for “typed with a
leading '” (quotePrefix), so it stays text when a reader edits it. An amount is a number
written as its published digits: openpyxl would write a Decimal through a float ("%.16g"),
which can change a long amount; the cell shows the published decimals. The file is the same
bytes for the same data and time: the zip entries' times and the document's created and
modified dates are the build's time (SOURCE_DATE_EPOCH when set, as MkDocs does).
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, TextIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from ..vocabulary.limits import MAX_SHEET_NAME_CHARS
from ..vocabulary.money import plain_amount

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # how str(Decimal) and str(int) write an amount


def runnable(value: Any) -> bool:
    """Text a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value)


def text_cell(value: Any) -> Any:
    """The cell as written: text a spreadsheet would run as a formula gets a leading '."""
    return "'" + value if runnable(value) else value


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


SHEET_NAME_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")  # Excel refuses these in a sheet's name


def sheet_names(titles: list[str]) -> list[str]:
    """Each title as a sheet name Excel accepts: without []:*?/\\, at most MAX_SHEET_NAME_CHARS
    characters, and unique (a repeated name ends in （2）, （3）…), in the order given."""
    out: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = SHEET_NAME_FORBIDDEN.sub("_", title).strip("'") or "表"
        name, n = base[:MAX_SHEET_NAME_CHARS], 1
        while name.casefold() in taken:
            n += 1
            suffix = f"（{n}）"
            name = base[:MAX_SHEET_NAME_CHARS - len(suffix)] + suffix
        taken.add(name.casefold())
        out.append(name)
    return out


def build_time() -> datetime:
    """When this build happened: SOURCE_DATE_EPOCH when set (a reproducible build), else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(tzinfo=None, microsecond=0)


def _amount_format(amount: Decimal) -> str:
    places = max(0, -amount.as_tuple().exponent)
    return "#,##0" + ("." + "0" * places if places else "")


def _put(cell, value: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, Decimal):
        cell.value = plain_amount(value)  # its published digits, never through a float
        cell.data_type = "n"
        cell.number_format = _amount_format(value)
    elif isinstance(value, int):
        cell.value = value
    else:
        cell.value = str(value)
        cell.data_type = "s"  # text, never a formula
        if runnable(value):
            cell.quotePrefix = True


def workbook(sheets: list[tuple[str, list[list]]], when: datetime | None = None) -> bytes:
    """An .xlsx of sheets (title, rows: the first row is the header, set bold and kept in view).
    Cells: Decimal (an amount, a number), int, str (text) or None (empty)."""
    when = when or build_time()
    book = Workbook()
    book.remove(book.active)
    book.properties.created = book.properties.modified = when
    book.properties.creator = "部门预算公开"
    bold = Font(bold=True)
    for name, (_, rows) in zip(sheet_names([title for title, _ in sheets]), sheets):
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                cell = sheet.cell(r, c)
                _put(cell, value)
                if r == 1:
                    cell.font = bold
        sheet.freeze_panes = "A2"
    written = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED)).save()  # save_workbook would stamp now
    return _fixed_times(written.getvalue(), when)


def _fixed_times(data: bytes, when: datetime) -> bytes:
    """The same zip with every entry dated `when` (zip dates start in 1980)."""
    stamp = max(when, datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
