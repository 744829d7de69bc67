"""Safe access to the entries of a corpus folder: regular files only, never a link, never blocking.

Every entry is looked at with ``os.lstat`` (which does not follow links) before anything is opened:

- a symbolic link is never followed, whether it points into the folder, out of it, or nowhere
  (status ``symlink``): following links is how a corpus could publish a file from outside its folder;
- a FIFO, socket or device is never opened (status ``special_file``): reading one blocks forever
  (FIFO) or never ends (``/dev/zero``);
- a regular file is opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked again with ``fstat`` on the
  open descriptor (so an entry swapped for a link or a FIFO after the first look is refused too), and at
  most ``max_bytes + 1`` bytes are read;
- an entry that cannot be looked at or read (permissions, I/O error) gets status ``unreadable`` with
  the system's reason; it never aborts the reading of the other entries.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Police said 14 protesters were detained in Aktau on Wednesday.")
>>> (folder / "link.txt").symlink_to("/etc/hostname")
>>> read_entry(folder / "a.txt", 1000).status, read_entry(folder / "link.txt", 1000).status
('ok', 'symlink')
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device"}


@dataclass(frozen=True)
class Entry:
    """What reading one folder entry gave: a status (``ok`` or why not), a reason, the bytes if read."""

    status: str
    reason: str = ""
    data: bytes | None = None
    size: int = 0  # bytes of the file (from stat), also when it was not read


def _system_reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def look(path: Path) -> Entry | os.stat_result:
    """``os.lstat`` of ``path``, or the Entry saying why it is not a regular file (or cannot be looked at)."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return Entry("unreadable", f"cannot be looked at: {_system_reason(exc)}")
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        dangling = not os.path.exists(path)
        return Entry("symlink", ("a symbolic link" + (" whose target does not exist" if dangling else ""))
                     + ": links are not followed; copy the file itself into the corpus folder")
    if stat.S_ISDIR(mode):
        return Entry("unsupported", "a folder: sub-folders are not read")
    if not stat.S_ISREG(mode):
        kind = KINDS.get(stat.S_IFMT(mode), "not a regular file")
        return Entry("special_file", f"{kind}: only regular files are read")
    return info


def _open_regular(path: Path) -> int | Entry:
    """A read-only descriptor of the regular file ``path`` (not following links, not blocking), or an Entry."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return Entry("unreadable", f"cannot be opened: {_system_reason(exc)}")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return Entry("special_file", "changed into something other than a regular file while being read")
    return fd


def _chunks(fd: int, limit: int, size: int = 1 << 20):
    """Read ``fd`` in chunks, ``limit`` bytes at most."""
    while limit > 0:
        chunk = os.read(fd, min(size, limit))
        if not chunk:
            return
        limit -= len(chunk)
        yield chunk


def read_entry(path: Path, max_bytes: int) -> Entry:
    """Read the regular file ``path`` (at most ``max_bytes``), or say in an Entry why it was not read."""
    info = look(path)
    if isinstance(info, Entry):
        return info
    if info.st_size > max_bytes:
        return Entry("too_large", f"{info.st_size:,} bytes, over the limit of {max_bytes:,} (parameter max_bytes)",
                     size=info.st_size)
    fd = _open_regular(path)
    if isinstance(fd, Entry):
        return fd
    try:
        data = b"".join(_chunks(fd, max_bytes + 1))
    except OSError as exc:
        return Entry("unreadable", f"cannot be read: {_system_reason(exc)}", size=info.st_size)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        return Entry("too_large", f"over {max_bytes:,} bytes, the limit (parameter max_bytes)", size=len(data))
    return Entry("ok", data=data, size=len(data))


def entry_signature(path: Path) -> str:
    """What an entry contributes to the corpus hash, without following links or opening special files:
    the sha256 of a regular file's bytes, else its status (``symlink``, ``unsupported``, ``special_file``,
    ``unreadable``).
    """
    info = look(path)
    if isinstance(info, Entry):
        return info.status
    fd = _open_regular(path)
    if isinstance(fd, Entry):
        return fd.status
    digest = hashlib.sha256()
    try:
        for chunk in _chunks(fd, info.st_size + 1):
            digest.update(chunk)
    except OSError:
        return "unreadable"
    finally:
        os.close(fd)
    return digest.hexdigest()
