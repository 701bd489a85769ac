"""Installed JSON data files, parsed once per installation and kept as marshal files.

A sandbox reads the same files every time it starts: botocore's service models and endpoints (EC2's model
alone is 3 MB), moto's instance types and their offerings in every region (a hundred gzipped files). Parsing
them was about a quarter of a sandbox's CPU, in every sandbox process: one per student, one per graded
submission. marshal reads the same data back in about 60 % of the time (a sandbox's start and its first EC2
request: 2.28 against 2.74 CPU s, medians of five).

The cache lives in the virtual environment (`<sys.prefix>/var/cache/labkit-json-…`; none outside one), like
the bytecode Python keeps beside the sources, and only when the folder is this user's own and no one else may
write to it: a shared installation that a student cannot write to is read as JSON, as before. A cached file
is named after the source's path, size and modification time, so an upgraded package is parsed afresh; a
cache file that cannot be read is parsed again and replaced. Each load returns new objects: callers may
change them.

    >>> import json
    >>> from pathlib import Path
    >>> folder, source = private_folder(Path("json-cache")), Path("service-2.json")
    >>> _ = source.write_text('{"shapes": {"Vpc": {"type": "structure"}}}')
    >>> load(str(source), lambda: json.loads(source.read_text()), folder)
    {'shapes': {'Vpc': {'type': 'structure'}}}
    >>> load(str(source), lambda: 1 / 0, folder)  # from the cache: not parsed again
    {'shapes': {'Vpc': {'type': 'structure'}}}
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

FOLDER_NAME = f"labkit-json-py{sys.version_info[0]}{sys.version_info[1]}-marshal{marshal.version}"


@functools.cache
def default_folder() -> Path | None:
    """This virtual environment's cache folder, made if needed; None outside a virtual environment (never
    a folder of the system's Python) and where it would not be this user's alone."""
    if sys.prefix == sys.base_prefix:
        return None
    return private_folder(Path(sys.prefix) / "var" / "cache" / FOLDER_NAME, top=Path(sys.prefix))


def private_folder(folder: Path, top: Path | None = None) -> Path | None:
    """`folder`, made if needed (mode 0700), when it and each folder from `top` down to it are this user's and
    no one else may write to them (so no one else can swap a folder for theirs); None otherwise. A grader run
    as root in an instructor's virtual environment thus keeps no cache there (nor root-owned folders in it)."""
    top = top or folder
    parts = folder.relative_to(top).parts
    try:
        for each in (top.joinpath(*parts[:depth]) for depth in range(len(parts) + 1)):
            try:
                each.mkdir(mode=0o700)
            except FileExistsError:
                pass
            found = each.lstat()
            if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
                return None
            if found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
    except OSError:
        return None
    return folder


def load(path: str, parse: Callable[[], Any], folder: Path | None = None, kind: str = "json") -> Any:
    """The data of the file at `path`: from the cache, or `parse()` (then kept for the next time). `kind`
    names what `parse` makes of the file: change it when that changes, and older entries are not read."""
    folder = folder or default_folder()
    try:
        source = os.stat(path) if folder else None
    except OSError:
        source = None
    if source is None:
        return parse()
    key = f"{kind}\0{path}\0{source.st_size}\0{source.st_mtime_ns}\0{source.st_ctime_ns}\0{source.st_ino}"
    cached = folder / hashlib.sha256(key.encode()).hexdigest()
    try:
        with open(cached, "rb") as handle:
            return marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not kept yet, unreadable or cut short: parsed (again) and kept below
    data = parse()
    keep(cached, data)
    return data


def keep(cached: Path, data: Any) -> None:
    """Write atomically, into a new file of a unique name (two sandboxes, or two threads, may write one entry
    at once); data marshal cannot write, or a folder that cannot be written, simply keeps nothing."""
    try:
        handle, partial = tempfile.mkstemp(dir=cached.parent, prefix=f"{cached.name}.", suffix=".partial")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            marshal.dump(data, file)
        os.replace(partial, cached)
    except (OSError, ValueError):
        try:
            os.unlink(partial)
        except OSError:
            pass
