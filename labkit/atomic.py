"""Replace a file all at once: a temporary file in the same folder (mode 0600), then a rename.

    >>> write_atomically(Path("home/sandbox.json"), '{"port": 4566}', private_folder=True)
    >>> Path("home/sandbox.json").read_text(), oct(Path("home/sandbox.json").stat().st_mode & 0o777)
    ('{"port": 4566}', '0o600')

A reader sees the old file or the new one, never half of one; a crash leaves no partial file behind.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def replacing(path: Path, binary: bool = False, private_folder: bool = False, sync: bool = False) -> Iterator[IO]:
    """A new file (mode 0600) in `path`'s folder, open for writing: when the block ends it takes `path`'s
    place at once (with `sync`, once on disk); when the block raises it is removed and `path` is untouched."""
    path.parent.mkdir(parents=True, exist_ok=True, **({"mode": 0o700} if private_folder else {}))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, text: str, private_folder: bool = False) -> None:
    """Write `text` (UTF-8, \\n line ends) to `path`; the folder is created, mode 0700 when private."""
    with replacing(path, private_folder=private_folder) as stream:
        stream.write(text)
