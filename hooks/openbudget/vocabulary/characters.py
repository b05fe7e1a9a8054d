"""Characters that make text lie: invisible controls, bidi overrides, zero-width marks.

A bidi override makes 21.452万元 display as 254.12万元; a zero-width space makes two
glossary terms look the same; a control character turns front matter into page text.
None of them belongs in a budget document, so text containing one is refused, and the
message names the character by code point, since the editor cannot see it.
"""

from __future__ import annotations

import unicodedata

NAMES = {
    0x0009: "制表符", 0x000A: "换行符", 0x000D: "回车符", 0x007F: "删除字符 DEL",
    0x00AD: "软连字符", 0x061C: "阿拉伯字母标记",
    0x200B: "零宽空格", 0x200C: "零宽不连字", 0x200D: "零宽连字", 0x2060: "零宽不换行",
    0xFEFF: "零宽不换行空格/字节顺序标记", 0x200E: "从左至右标记", 0x200F: "从右至左标记",
    0x202A: "从左至右嵌入", 0x202B: "从右至左嵌入", 0x202C: "结束方向嵌入",
    0x202D: "从左至右覆盖", 0x202E: "从右至左覆盖", 0x2066: "从左至右隔离",
    0x2067: "从右至左隔离", 0x2068: "方向隔离", 0x2069: "结束方向隔离",
    0x2028: "行分隔符", 0x2029: "段分隔符",
}
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
FULL_WIDTH = range(0xFF01, 0xFF5F)  # ！ to ～: full-width forms of ASCII


def code_point(ch: str) -> str:
    """U+202E（从右至左覆盖）"""
    name = NAMES.get(ord(ch)) or _kind(ch) or unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}（{name}）" if name else f"U+{ord(ch):04X}"


def _kind(ch: str) -> str:
    n, category = ord(ch), unicodedata.category(ch)
    if category == "Cc":
        return "控制字符"
    if category == "Cs":
        return "单独的代理码位"
    if 0xFDD0 <= n <= 0xFDEF or n & 0xFFFE == 0xFFFE:
        return "非字符"
    return ""


def hidden(ch: str) -> bool:
    """A character that is not seen, or changes how the text around it is seen."""
    n = ord(ch)
    return (unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")
            or 0xFDD0 <= n <= 0xFDEF or n & 0xFFFE == 0xFFFE)


def first_hidden(text: str, allowed: str = "") -> tuple[int, str] | None:
    if text.isprintable():  # none of Cc, Cf, Cs, Zl, Zp or a noncharacter (Cn): the usual case, at C speed
        return None
    for i, ch in enumerate(text):
        if ch not in allowed and hidden(ch):
            return i, ch
    return None


def blank(text: str) -> bool:
    """Only spaces and zero-width marks: looks filled in, says nothing."""
    return not "".join(ch for ch in text if ch not in ZERO_WIDTH).strip()


def hidden_message(text: str, allowed: str = "") -> str | None:
    """Why text cannot be published as is, or None."""
    found = first_hidden(text, allowed)
    return None if found is None else character_message(found[1], found[0])


def character_message(ch: str, index: int | None = None) -> str:
    kind = "零宽字符" if ch in ZERO_WIDTH else "不可见的控制字符"
    where = "" if index is None else f"，在第 {index + 1} 个字处"
    return f"含有{kind} {code_point(ch)}{where}：请删除它，它常随从网页或其他文件复制的文字带入"


def full_width_message(text: str) -> str | None:
    for ch in text:
        if ord(ch) in FULL_WIDTH or ch == "\u3000":
            typed = unicodedata.normalize("NFKC", text).strip()  # what the half-width keys give
            return (f"含有全角字符“{ch}”（U+{ord(ch):04X}）：请在英文（半角）输入状态下"
                    "输入数字、小数点和逗号" + (f"，即“{typed}”" if len(typed) <= 40 else ""))
    return None


def file_name_problem(name: str) -> str | None:
    """Why a document's file name cannot be named in a draft: it is written into the draft's
    comments, and a line break in it would start lines of YAML of its own."""
    found = first_hidden(name)
    if found is None:
        return None
    index, ch = found
    return (f"文件名的第 {index + 1} 个字是不可见的字符 {code_point(ch)}（换行符等）："
            "请重命名文件，去掉这个字符后再导入。未生成文件")
