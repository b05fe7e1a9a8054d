"""Read YAML into plain data while remembering where every value came from.

PyYAML's constructors lose positions, turn 33.1 into a float and keep the last of two
duplicate keys. This module builds the data itself from the parser's events: mappings
become dicts (a repeated key is a problem), sequences lists, and every scalar stays the
exact text the editor typed (null stays None, and its place is remembered: a key written
with no value is an error, not "not published"). Typing is the model's job.

Building from events, without PyYAML's recursive composer, lets the limits in limits.py
be checked as the file is read: anchors, aliases, merge keys and tags are refused (an
alias bomb never expands), and too deep nesting, too long texts and too long lists stop
with a message at their line instead of a RecursionError or MemoryError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..vocabulary import limits
from ..vocabulary.characters import character_message, hidden_message
from ..vocabulary.problems import Problem, format_path

Loc = tuple


@dataclass
class Source:
    """Parsed YAML plus a position for every value and every key."""

    file: str
    data: object = None
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    empty: list[Loc] = field(default_factory=list)  # keys and items written with no value

    def forget(self) -> None:
        """Drop the text and the positions (most of a loaded file's memory) once nothing will be
        placed in the file any more: a build after loading. Asking for a place after this fails."""
        self.data = self.values = self.keys = None
        self.empty = []

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at loc, or of the nearest parent."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))

    def where(self, loc: Loc) -> str:
        """file:line of the value at loc, to name a place in another message."""
        return f"{self.file}:{self.position(loc)[0]}"

    def problem(self, loc: Loc, message: str, path: str = "", *, key: bool = False,
                level: str = "error") -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.file, line, column, path, message, level)  # type: ignore[arg-type]


def _mark(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_QUOTE_IT = "请给整段文字加上英文双引号（文字中原有的双引号改为中文引号“”）"
_FULL_WIDTH_KEY = re.compile(r"^\s*(- )?[A-Za-z_]+\s*：")


def _syntax_message(error: yaml.YAMLError) -> str:
    """What to type, in Chinese, for the YAML mistakes editors make (PyYAML's words are English)."""
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    if "'\\t'" in problem or "\\t" in problem:
        return "YAML 格式错误：不能用制表符（Tab）缩进，请改用空格"
    lines = _lines_near(error)
    if any(_FULL_WIDTH_KEY.match(line) for line in lines):
        return "YAML 格式错误：字段名后面用了中文冒号“：”，请改为英文冒号加空格（“: ”），如 unit: 万元"
    if "quoted scalar" in context and "end of stream" in problem:
        start = getattr(error, "context_mark", None)
        where = f"第 {start.line + 1} 行" if start else "这里"
        return (f"YAML 格式错误：引号没有配对，{where}的文字以英文引号开头，却没有结束的引号；"
                "请在这段文字末尾补上同样的英文引号，文字中间的引号改为中文引号“”")
    if "unknown escape character" in problem:
        return "YAML 格式错误：英文双引号中的反斜杠“\\”要写成两个（“\\\\”），或改用英文单引号"
    if problem == "mapping values are not allowed here":
        return (f"YAML 格式错误：文字中含有英文冒号加空格（“: ”）：{_QUOTE_IT}，"
                "或把“: ”改为中文冒号“：”；若这是一个字段，请检查它的缩进")
    if "could not find expected ':'" in problem:
        return "YAML 格式错误：这一行缺少英文冒号加空格（应为“字段: 值”），或上一行的引号没有配对"
    if found := re.search(r"found character '(.)' that cannot start any token", problem):
        return f"YAML 格式错误：文字不能以“{found.group(1)}”开头：{_QUOTE_IT}"
    if "flow sequence" in context or "flow mapping" in context:
        return f"YAML 格式错误：以 [ 或 {{ 开头的文字会被当作列表或字段：{_QUOTE_IT}"
    if "block scalar" in context:
        return "YAML 格式错误：“|”或“>”后面不能接文字：请把文字移到下一行并缩进两个空格"
    if "found '<scalar>'" in problem:
        return ("YAML 格式错误：引号或括号之后还有文字（引号只能包住整段文字）："
                f"{_QUOTE_IT}；若是缩进不对，请让同一层的字段对齐")
    if "block end" in problem or "block collection" in context or "block mapping" in context:
        return "YAML 格式错误：缩进不一致：同一层的字段要用相同数量的空格对齐，列表中的每一项以“- ”开头"
    return "YAML 格式错误：请检查这一行及上一行的缩进、英文冒号（“: ”）和英文引号是否配对"


def _lines_near(error: yaml.YAMLError) -> list[str]:
    """The lines the error points at (its problem and context marks), from the parser's buffer."""
    lines = []
    for mark in (getattr(error, "problem_mark", None), getattr(error, "context_mark", None)):
        buffer = getattr(mark, "buffer", None)
        if mark is not None and isinstance(buffer, str):
            text = buffer.rstrip("\0").split("\n")
            lines += text[max(mark.line - 1, 0):mark.line + 1]
    return lines


def read(text: str, file: str) -> Source:
    if FAST is not None:  # libyaml: the same events, ten times faster; a file with any problem is read again below
        source = Source(file)
        builder = _Builder(source)
        try:
            for event in yaml.parse(text, Loader=FAST):
                builder.feed(event)
        except (yaml.YAMLError, _Stop):
            pass
        else:
            if not source.problems:
                return _built(source, builder, file)
    source = Source(file)
    builder = _Builder(source)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):  # PyYAML's own parser: its messages and lines
            builder.feed(event)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow in a file
        at = error.position
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        message = (character_message(chr(error.character)) if isinstance(error.character, int)
                   else _syntax_message(error))
        source.problems.append(Problem(file, line, column, "", message))
        return source
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        source.problems.append(Problem(file, line, column, "", _syntax_message(error)))
        return source
    except yaml.YAMLError as error:
        source.problems.append(Problem(file, 1, 1, "", _syntax_message(error)))
        return source
    except _Stop:
        return source
    return _built(source, builder, file)


def _built(source: Source, builder: _Builder, file: str) -> Source:
    if source.problems:
        return source
    if not builder.documents or builder.root is None:
        source.problems.append(Problem(file, 1, 1, "", "文件为空：请按说明填写部门预算数据"))
        return source
    source.data = builder.root
    return source


FAST = getattr(yaml, "CSafeLoader", None)  # PyYAML built with libyaml (the wheels are)
NULLS = {"", "~", "null", "Null", "NULL"}
# what the search index's segmenter (jieba) takes as one block: no space, no punctuation
_RUN = re.compile(r"[\w+#&.%-]+")
_REFUSED = "请把内容直接写出"
_SKIP = object()  # the value of a key that was refused: read, then dropped


class _Stop(Exception):
    """Reading cannot usefully go on (too deep, too many problems)."""


@dataclass
class _Frame:
    loc: Loc
    value: dict | list
    key: object = None  # mapping: the key waiting for its value (None: next scalar is a key)
    start: tuple[int, int] = (1, 1)
    too_long: bool = False
    skip: bool = False  # a collection used as a key, or the value of a refused key


class _Builder:
    """Builds dicts, lists and scalar text from parser events, without recursion."""

    def __init__(self, source: Source):
        self.source = source
        self.stack: list[_Frame] = []
        self.root: object = None
        self.documents = 0

    def problem(self, at: tuple[int, int], message: str, loc: Loc = ()) -> None:
        self.source.problems.append(Problem(self.source.file, *at, format_path(self.shown(loc)), message))
        if len(self.source.problems) >= limits.MAX_PROBLEMS:
            raise _Stop

    def shown(self, loc: Loc) -> Loc:
        """The path as the editor reads it: from the innermost outline section with a `kind:`
        (budget.income_total rather than sections[3].income_total), as the model's messages say it."""
        for frame in reversed(self.stack):
            at = frame.loc
            if len(at) >= 2 and at[-2] == "sections" and isinstance(at[-1], int) and loc[:len(at)] == at \
                    and isinstance(frame.value, dict) and isinstance(frame.value.get("kind"), str) \
                    and frame.value["kind"] != "text":
                return (frame.value["kind"],) + tuple(loc[len(at):])
        return loc

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(_mark(event.start_mark),
                             "一个文件只能有一个 YAML 文档：请删除多出的“---”及其后的内容")
                raise _Stop
        elif isinstance(event, yaml.AliasEvent):
            self.problem(_mark(event.start_mark), f"不支持 YAML 别名（*{event.anchor}）：{_REFUSED}，"
                         "不要用 & 和 * 引用别处的内容")
            self.place(_SKIP, _mark(event.start_mark))
        elif isinstance(event, yaml.ScalarEvent):
            self.check_node(event)
            self.scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.check_node(event)
            self.start(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.end()

    def check_node(self, event: yaml.NodeEvent) -> None:
        at = _mark(event.start_mark)
        if event.anchor is not None:
            self.problem(at, f"不支持 YAML 锚点（&{event.anchor}）：{_REFUSED}，不要用 & 和 * 引用")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            self.problem(at, f"不支持 YAML 类型标记（{shown}）：请直接写内容，不要写以“!”开头的标记")

    def scalar(self, event: yaml.ScalarEvent) -> None:
        at = _mark(event.start_mark)
        plain = event.implicit[0]
        value = None if plain and event.value in NULLS else event.value
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self.key(event.value, at, merge=plain and event.value == "<<")
            return
        if value is not None and len(value) > limits.MAX_TEXT_CHARS:
            self.problem(at, f"文字太长：{len(value)} 个字，超过一项最多 {limits.MAX_TEXT_CHARS} 个字"
                             "的上限；请检查是否误粘贴了内容", self.next_loc())
        elif value is not None and (run := max(map(len, _RUN.findall(value)), default=0)) > limits.MAX_RUN_CHARS:
            self.problem(at, f"文字中有连续 {run} 个字没有标点或空格，超过 {limits.MAX_RUN_CHARS} "
                             "个字的上限；请检查是否误粘贴了内容", self.next_loc())
        self.place(value, at)

    def next_loc(self) -> Loc:
        top = self.stack[-1] if self.stack else None
        if top is None:
            return ()
        if isinstance(top.value, list):
            return top.loc + (len(top.value),)
        return top.loc + (top.key,) if isinstance(top.key, str) else top.loc

    def key(self, key: str, at: tuple[int, int], merge: bool) -> None:
        top = self.stack[-1]
        loc = top.loc + (key,)
        if top.skip:
            top.key = _SKIP
        elif len(key) > limits.MAX_KEY_CHARS or hidden_message(key):
            problem = hidden_message(key) or f"太长（最多 {limits.MAX_KEY_CHARS} 个字）"
            self.problem(at, f"字段名{problem}")
            top.key = _SKIP
        elif merge:
            self.problem(at, f"不支持 YAML 合并键（<<）：{_REFUSED}")
            top.key = _SKIP
        elif key in top.value:
            first = self.source.keys[loc][0]
            self.problem(at, f"字段“{key}”重复出现（第一次在第 {first} 行）；同一层级每个字段只能写一次",
                         loc)
            top.key = _SKIP
        else:
            self.source.keys[loc] = at
            top.key = key
            if len(top.value) >= limits.MAX_ITEMS and not top.too_long:
                top.too_long = True
                self.problem(self.source.keys.get(top.loc, top.start),
                             f"字段太多：一组中最多 {limits.MAX_ITEMS} 个字段", top.loc)

    def place(self, value: object, at: tuple[int, int], *, collection: bool = False) -> Loc | None:
        """Put a finished value where it belongs; returns its loc, None when dropped."""
        if not self.stack:
            self.root = value
            self.source.values[()] = at
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            if top.skip:
                return None
            loc = top.loc + (len(top.value),)
            if len(top.value) >= limits.MAX_ITEMS:
                if not top.too_long:
                    top.too_long = True
                    self.problem(self.source.keys.get(top.loc, top.start),
                                 f"列表太长：超过 {limits.MAX_ITEMS} 项的上限", top.loc)
                return None
            top.value.append(value)
            self.source.values[loc] = at
            if value is None and not top.skip:
                self.source.empty.append(loc)
            return loc
        if top.key is None:  # a list or mapping used as a key
            self.problem(at, "字段名必须是文字")
            top.key = _SKIP
            return None
        key, top.key = top.key, None
        if key is _SKIP or top.skip:
            return None
        loc = top.loc + (key,)
        top.value[key] = value
        # a problem with a whole list or mapping is shown at its key, not its first item
        self.source.values[loc] = self.source.keys[loc] if collection else at
        if value is None:
            self.source.empty.append(loc)
        return loc

    def start(self, event: yaml.CollectionStartEvent) -> None:
        at = _mark(event.start_mark)
        if len(self.stack) >= limits.MAX_DEPTH:
            self.problem(at, f"层次太深：列表和“字段: 值”最多嵌套 {limits.MAX_DEPTH} 层")
            raise _Stop
        top = self.stack[-1] if self.stack else None
        skip = top is not None and (top.skip or (isinstance(top.value, dict) and top.key in (None, _SKIP)))
        loc = self.next_loc() if not skip else ()
        value: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(loc, value, start=at, skip=skip))

    def end(self) -> None:
        frame = self.stack.pop()
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self.problem(frame.start, "字段名必须是文字")
            top.key = _SKIP
            return
        loc = self.place(frame.value, frame.start, collection=True)
        if loc and not frame.value and not frame.skip:
            self.source.empty.append(loc)  # [] or {}: written, but nothing in it
