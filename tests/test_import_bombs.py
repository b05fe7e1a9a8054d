"""Small hostile originals for `openbudget import`: refused quickly, with little memory, in Chinese.

Each file is built here (synthetic): a workbook of a few KB whose one far cell spans the whole
sheet, a .docx whose parts unpack to gigabytes, a PDF of 30,000 blank pages. Each import runs
in a child process so that its time and peak memory are its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

LIMIT_KB = 3_000_000  # address space of the child: Python and its libraries map ~1 GB before any work
RUN = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from openbudget.importer.readers import Unreadable, read
    started = time.monotonic()
    try:
        read(Path(sys.argv[1]))
        message = None
    except Unreadable as error:
        message = str(error)
    print(json.dumps({"message": message, "seconds": time.monotonic() - started,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, ensure_ascii=False))
""")


def imported(path: Path) -> dict:
    """What reading the file did: its message (None: read), seconds and peak memory (MB)."""
    hooks = Path(__file__).resolve().parents[1] / "hooks"
    # bounded, so that a regression fails here rather than take the machine's memory
    result = subprocess.run(["/bin/sh", "-c", f'ulimit -v {LIMIT_KB}; exec "$0" "$@"', sys.executable, "-c", RUN,
                             str(path)], capture_output=True, text=True, timeout=60,
                            env={"PYTHONPATH": str(hooks), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def far_cell_workbook(path: Path) -> Path:
    """A synthetic .xlsx with a title in A1 and one value in XFD1048576, the last cell of a sheet."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "（虚构）示例县示例局 部门收支总表"
    sheet["XFD1048576"] = 1
    book.save(path)
    return path


def zip_bomb_docx(path: Path) -> Path:
    """A synthetic .docx whose document.xml unpacks to 2 GB of spaces (about 2 MB packed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                      'package/2006/content-types"/>')
        with docx.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                       b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b" " * 1_000_000
            for _ in range(2_000):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def many_pages_pdf(path: Path, pages: int = 30_000) -> Path:
    """A synthetic PDF of blank pages: every page refers to one shared empty content stream."""
    from pypdf import PdfWriter
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=10, height=10)
    with path.open("wb") as file:
        writer.write(file)
    return path


@pytest.mark.parametrize(("make", "name", "message"), [
    (far_cell_workbook, "示例表.xlsx",  # 4.9 KB: its one far cell asked for 17 billion cells
     "示例表.xlsx 的工作表“Sheet”用到了第 1048576 行、第 16384 列，共 17179869184 格，超过 1000000 格的上限；"
     "请删除远离表格的内容（或只把预算表复制到新的工作簿）后再导入"),
    (zip_bomb_docx, "示例说明.docx",  # 1.9 MB
     "示例说明.docx 解压后有 2000 MB，超过 200 MB 的上限，不像是一份部门预算文件（可能是“压缩炸弹”）；请向编制单位索取原始文件"),
    (many_pages_pdf, "示例说明.pdf",  # 3.8 MB
     "示例说明.pdf 有 30000 页，超过 1000 页的上限，不像是一份部门预算文件；请只导入预算说明和所附的表"),
], ids=["workbook-to-xfd1048576", "docx-zip-bomb", "pdf-of-30000-pages"])
def test_a_small_hostile_original_is_refused_in_seconds_with_little_memory(tmp_path, make, name, message):
    path = make(tmp_path / name)
    assert path.stat().st_size < 5_000_000
    outcome = imported(path)
    assert outcome["message"] == message
    assert outcome["seconds"] < 10 and outcome["peak_mb"] < 500, outcome


def test_a_small_docx_part_packed_a_thousand_to_one_is_refused(tmp_path):
    path = tmp_path / "示例说明.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("word/document.xml", b"<w:document>" + b" " * 50_000_000 + b"</w:document>")
    outcome = imported(path)
    assert outcome["message"] == ("示例说明.docx 中的 word/document.xml 压缩比超过 100 倍，不像是正常的 Word/Excel 文件"
                                  "（可能是“压缩炸弹”）；请在 Word/WPS 或 Excel/WPS 中打开后另存一份再导入")
