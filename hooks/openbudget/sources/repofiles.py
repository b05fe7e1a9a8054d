"""The one way the project reads and writes its files: inside the repository, no links, whole files.

Every file the project writes (the import's draft and text, `new-department`, `new-year`, the
schemas, the chart cache, the charts copied into the built site) and every file it reads from
the repository (data, jurisdictions.yaml, content/, the chart cache) goes through here:

- the path must lie inside its root (the repository, or the folder a build writes into)
  without following any symbolic link below that root: a link anywhere on the way (the file
  itself, or a folder above it) is refused, dangling or not. Links above the root (a system
  folder that is itself a link) are not the project's business;
- what is read must be a regular file (not a folder, a device or /proc's files), and is opened
  with O_NOFOLLOW, so a link put in place after the check is refused too;
- what is written replaces the old file atomically (a temporary file beside it, renamed over
  it): readers see the old file or the new one, and a link planted in its place is replaced,
  not followed.

Anything else is refused with `Refused`, whose message is Chinese and names the path as the
editor sees it. A link committed on a contributor's branch could otherwise make the import
write a `.pth` file into the project's Python (code run at every start), or make the build
publish the build machine's environment or keys.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

LINK = "是符号链接（快捷方式）：网站只读写仓库中实际存放的文件，请把文件本身放在这里"
OUTSIDE = "这个路径在项目目录之外：网站只读写仓库中的文件"
NOT_FILE = "不是普通文件（是文件夹、设备或其他特殊文件）：网站只读写普通文件"


class Refused(OSError):
    """A path the project does not read or write; str() is the Chinese message, path first."""

    def __init__(self, shown: str, why: str):
        super().__init__(f"{shown}：{why}")
        self.shown, self.why = shown, why

    def __str__(self) -> str:
        return self.args[0]


def shown(path: Path, root: Path) -> str:
    """The path as the editor sees it in the project; a link is shown where it is, not followed."""
    absolute, top = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    return absolute.relative_to(top).as_posix() if absolute.is_relative_to(top) else path.as_posix()


def check(path: Path, root: Path) -> Path:
    """The absolute path, if it lies inside root with no link on the way (the path itself
    included, whether or not it exists); else Refused."""
    absolute, top = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if not absolute.is_relative_to(top):
        raise Refused(shown(path, root), OUTSIDE)
    for part in (absolute, *absolute.parents):
        if part == top:
            break
        if part.is_symlink():
            where = "" if part == absolute else f"其中的 {shown(part, root)} "
            raise Refused(shown(path, root), where + LINK)
    return absolute


def open_read(path: Path, root: Path):
    """The file opened for reading (binary), if check() allows it and it is a regular file."""
    absolute = check(path, root)
    try:
        fd = os.open(absolute, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if absolute.is_symlink():  # put in place after the check
            raise Refused(shown(path, root), LINK) from None
        raise error
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise Refused(shown(path, root), NOT_FILE)
    return os.fdopen(fd, "rb")


def read_bytes(path: Path, root: Path) -> bytes:
    with open_read(path, root) as file:
        return file.read()


def read_text(path: Path, root: Path) -> str:
    return read_bytes(path, root).decode("utf-8")


def make_folder(folder: Path, root: Path) -> Path:
    """The folder and those above it up to root (and root), made where missing; none below root may be a link."""
    absolute = check(folder, root)
    top = Path(os.path.abspath(root))
    top.mkdir(parents=True, exist_ok=True)  # the root itself is the caller's (a new site or cache folder)
    for part in reversed([absolute, *absolute.parents]):
        if not part.is_relative_to(top) or part == top:
            continue
        try:
            part.mkdir()
        except FileExistsError:
            pass
        if part.is_symlink():  # made a link between the check and here
            raise Refused(shown(part, root), LINK)
        if not part.is_dir():
            raise Refused(shown(part, root), "应为文件夹，这里却是一个文件")
    return absolute


def write_bytes(path: Path, root: Path, data: bytes) -> None:
    """Write the whole file atomically, making its folders; an existing file is replaced only
    if it is a regular file."""
    absolute = check(path, root)
    make_folder(absolute.parent, root)
    if absolute.exists() and not absolute.is_file():
        raise Refused(shown(path, root), NOT_FILE)
    fd, temporary = tempfile.mkstemp(dir=absolute.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, absolute)  # replaces a link put in its place, never writes through it
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, root: Path, text: str) -> None:
    write_bytes(path, root, text.encode("utf-8"))


def copy_files(source: Path, target: Path, wanted=lambda relative: True) -> None:
    """Every file under source (relative paths that `wanted` accepts) written to the same place
    under target, each read and written as above: a link in source is refused, not copied."""
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if (path.is_symlink() or not path.is_dir()) and wanted(relative):
            write_bytes(target / relative, target, read_bytes(path, source))


def exists(path: Path) -> bool:
    """Whether anything is at the path, a dangling link included (Path.exists() says no to one)."""
    return os.path.lexists(path)
