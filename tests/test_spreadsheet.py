"""Every CSV the site writes is safe to open in Excel or WPS: no text cell is run as a formula."""

from __future__ import annotations

import io
from decimal import Decimal

from openbudget.render import spreadsheet


def written(row: list) -> str:
    out = io.StringIO()
    spreadsheet.writer(out).writerow(row)
    return out.getvalue()


def test_text_a_spreadsheet_would_run_is_written_with_a_leading_apostrophe():
    row = ['=HYPERLINK("http://127.0.0.1:9/","点此查看原文")', "+SUM(1,1)", "-1+2", "@SUM(1)", "\t=1+1", "\r=1+1"]
    assert written(row) == ('"\'=HYPERLINK(""http://127.0.0.1:9/"",""点此查看原文"")","\'+SUM(1,1)",\'-1+2,\'@SUM(1),'
                            '\'\t=1+1,"\'\r=1+1"\r\n')


def test_amounts_negative_ones_included_stay_numbers_and_plain_text_is_unchanged():
    row = ["-27.10", Decimal("-27.10"), "254.12", 2021, "", "行政运行", "“三公”经费", "'已是文字"]
    assert written(row) == "-27.10,-27.10,254.12,2021,,行政运行,“三公”经费,'已是文字\r\n"
