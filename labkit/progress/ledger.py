"""The XP ledger: `$LABKIT_HOME/progress.jsonl`, append-only JSON lines, one per step ever earned.

    >>> entries = read_entries()            # [{'step': 'flowlogs.bucket', 'xp': 30, 'time': ..., ...}]
    >>> earned_steps()
    {'flowlogs.bucket'}

How a line gets there, and why it can be trusted
------------------------------------------------
* The only writer is `award(result)`, called by the check runner (labkit.progress.run) with a `CheckResult` that the runner
  itself sealed after a verification passed, for a step that is the catalogue's own `Step` object.
  Calling `award` with anything else (a hand-built result, a failed result, an invented step) raises.
* Every line carries an HMAC-SHA256 over (step, xp, time, target, evidence) keyed by a random secret in
  `$LABKIT_HOME/ledger.key` (created once, mode 0600). On read, a line whose MAC does not verify is ignored
  with a warning: a line typed or pasted into the file by hand earns nothing.
* The XP a line is worth is the catalogue's, never the line's own `xp` (see labkit.progress.summary).

Losing or damaging the key (the choice made, and why)
------------------------------------------------------
Without its key no line can be verified, so losing it would void every step earned. It must not happen
silently, and it should not happen at all:

* `ledger.key` is a keyring: one 64-hex-digit key per line, the first signs, every one verifies. Lines
  that are not keys are ignored, so a damaged file keeps whatever keys are still whole in it.
* `ledger.key.backup` holds a copy of the keyring, written when a key is made. A missing or damaged
  `ledger.key` is restored from it, with a bilingual warning.
* With neither, the XP ledger is never rewritten or deleted: a bilingual warning says how many recorded
  steps cannot be verified now, the damaged key file is set aside (`ledger.key.damaged`), and a new key
  signs new awards. Putting the old key back (as a line of `ledger.key`) makes those steps count again;
  running their checks again earns them anew.
* A read never needs to write: a read-only LABKIT_HOME reads the keys it has.

Why not trust unverifiable lines instead: then deleting the key would be the way to make any hand-typed
line count, which is what the MAC is there to prevent.

Writing
-------
* Each award is one `os.write` of a whole line to a file opened with O_APPEND, made while holding an
  exclusive `fcntl.flock`; the check "already earned?" and the append happen under the same lock, so two
  kernels awarding at once neither lose nor double XP.
* A torn or corrupt line (a crash mid-write, a bad edit) is skipped with a bilingual warning; every
  other line still counts. A new award after a torn tail starts on a fresh line.

What this does NOT protect against: someone who reads ledger.key and computes a MAC, or who edits the
code. On a student's own machine nothing can; the grading issue re-runs the read-only verifications
against the learner's resources when a grade must be trusted. The ledger is a faithful record of
checks that passed here, not a proof.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import warnings
from contextlib import contextmanager
from pathlib import Path

from ..messages import LabkitError, message

LEDGER_FILE = "progress.jsonl"
KEY_FILE = "ledger.key"
FIELDS = ("step", "xp", "time", "target", "evidence")


class LedgerWarning(UserWarning):
    """A ledger line was skipped (torn, corrupt or not signed by this LABKIT_HOME)."""


def home() -> Path:
    """LABKIT_HOME (default ~/.labkit), created when missing."""
    from ..config import labkit_home

    return labkit_home(create=True)


def ledger_path() -> Path:
    return home() / LEDGER_FILE


BACKUP_FILE = "ledger.key.backup"
DAMAGED_FILE = "ledger.key.damaged"
LOCK_FILE = "ledger.key.lock"
_KEY = re.compile(rb"[0-9a-f]{64}")


def _keys_in(path: Path) -> list[bytes]:
    """The whole keys in a keyring file, in order (none when it is missing or unreadable)."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    return [line.strip() for line in data.splitlines() if _KEY.fullmatch(line.strip())]


def _write_keyring(path: Path, keys: list[bytes]) -> None:
    from ..atomic import write_atomically

    write_atomically(path, "".join(key.decode() + "\n" for key in keys))


def _has_lines() -> bool:
    try:
        return any(line.strip() for line in ledger_path().read_bytes().split(b"\n"))
    except OSError:
        return False


def _recorded_steps() -> int:
    """How many lines of the ledger name a step (for the warning about a lost key)."""
    try:
        data = ledger_path().read_bytes()
    except OSError:
        return 0
    return sum(1 for line in data.split(b"\n") if line.strip().startswith(b"{"))


def _create_key(path: Path) -> None:
    """A new key, created atomically (link of a complete temp file) by whoever comes first."""
    temp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, secrets.token_hex(32).encode() + b"\n")
    finally:
        os.close(fd)
    try:
        os.link(temp, path)  # fails if another process won the race: then its key is the key
    except FileExistsError:
        pass
    finally:
        temp.unlink()


def _keyring(create: bool = True) -> list[bytes]:
    """The per-LABKIT_HOME keys, signing key first (see "Losing or damaging the key" above).

    With `create`, a missing key is made (and backed up); without, nothing is written but a restore.
    """
    folder = home() if create else _home_if_any()
    if folder is None:
        return []
    path, backup = folder / KEY_FILE, folder / BACKUP_FILE
    keys = _keys_in(path)
    if keys:
        if create and not set(keys) <= set(_keys_in(backup)):
            _best_effort(lambda: _write_keyring(backup, keys + [k for k in _keys_in(backup) if k not in keys]))
        return keys
    # No key yet, or a lost one: one process at a time decides (another may be creating the key right
    # now; without the lock it would look lost, be set aside, and two keys would sign the same steps).
    with _keys_locked(folder):
        return _restore_or_create(folder, create)


def _restore_or_create(folder: Path, create: bool) -> list[bytes]:
    path, backup = folder / KEY_FILE, folder / BACKUP_FILE
    keys = _keys_in(path)
    if keys:
        return keys
    saved = _keys_in(backup)
    if saved:
        _best_effort(lambda: _set_aside(path))
        _best_effort(lambda: _write_keyring(path, saved))
        warnings.warn(message("progress.ledger_key_restored", key=path, backup=backup), LedgerWarning, stacklevel=3)
        return saved
    if path.exists() or _has_lines():
        warnings.warn(
            message("progress.ledger_key_lost", key=path, ledger=ledger_path(), steps=_recorded_steps()),
            LedgerWarning,
            stacklevel=3,
        )
        _best_effort(lambda: _set_aside(path))
    if not create:
        return []
    _create_key(path)
    keys = _keys_in(path)
    _best_effort(lambda: _write_keyring(backup, keys))
    return keys


@contextmanager
def _keys_locked(folder: Path):
    """An exclusive lock on LABKIT_HOME's keys (none on a read-only LABKIT_HOME, where nothing is written)."""
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _set_aside(path: Path) -> None:
    """Keep a damaged key file for whoever can repair it (never deleted)."""
    if path.exists():
        os.replace(path, path.with_name(DAMAGED_FILE))


def _best_effort(action) -> None:
    try:
        action()
    except OSError:  # a read-only LABKIT_HOME: reading still works with the keys found
        pass


def _home_if_any() -> Path | None:
    from ..config import labkit_home

    folder = labkit_home()
    return folder if folder.is_dir() else None


def _mac(entry: dict, key: bytes) -> str:
    payload = json.dumps([entry.get(name) for name in FIELDS], sort_keys=True, separators=(",", ":"))
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


MAX_LINE = 1 << 20  # an award line is well under a kilobyte; a longer line is damage, not an award


def _entry(raw: bytes) -> dict | None:
    """The line as an entry of the right shape, or None (never raises: not even on '[' * 100000)."""
    raw = raw.strip()
    if not raw.startswith(b"{") or len(raw) > MAX_LINE:
        return None
    try:
        entry = json.loads(raw.decode())
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not (isinstance(entry, dict) and all(name in entry for name in FIELDS) and isinstance(entry["step"], str)):
        return None
    return entry


def _signed_by(entry: dict, keys: list[bytes]) -> bool:
    try:
        return any(hmac.compare_digest(str(entry.get("mac", "")), _mac(entry, key)) for key in keys)
    except (TypeError, ValueError, RecursionError):  # fields json cannot write again
        return False


def _parse(data: bytes, keys: list[bytes], warn: bool) -> list[dict]:
    """Valid, signed entries in file order; other lines are skipped (with a warning when `warn`)."""
    entries = []
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        entry = _entry(raw)
        if entry is None:
            if warn:
                warnings.warn(
                    message("progress.ledger_corrupt", line=number, path=ledger_path()), LedgerWarning, stacklevel=3
                )
            continue
        if not _signed_by(entry, keys):
            if warn:
                warnings.warn(
                    message("progress.ledger_untrusted", line=number, step=entry.get("step")),
                    LedgerWarning,
                    stacklevel=3,
                )
            continue
        entries.append(entry)
    return entries


def read_entries(warn: bool = True) -> list[dict]:
    """Every trusted entry, first award of each step only."""
    folder = _home_if_any()
    path = folder / LEDGER_FILE if folder is not None else None
    if path is None or not path.exists():
        return []
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        data = _read_all(fd)
    finally:
        os.close(fd)
    return _first_per_step(_parse(data, _keyring(create=False), warn))


def earned_steps() -> set[str]:
    return {entry["step"] for entry in read_entries(warn=False)}


def _first_per_step(entries: list[dict]) -> list[dict]:
    seen, first = set(), []
    for entry in entries:
        if entry["step"] not in seen:
            seen.add(entry["step"])
            first.append(entry)
    return first


def _read_all(fd: int) -> bytes:
    chunks, offset = [], 0
    while True:
        chunk = os.pread(fd, 1 << 16, offset)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        offset += len(chunk)


def award(result) -> dict | None:
    """Append the award for a passing, runner-sealed result; None when the step was already earned.

    The check runner (labkit.progress.run) is its only caller. See the module docstring for what it
    guarantees.
    """
    from ..checks.catalogue import is_catalogued
    from ..checks.result import CheckResult

    if not (isinstance(result, CheckResult) and result.is_sealed() and result.passed and is_catalogued(result.step)):
        raise LabkitError("checks.forged_result")
    keys = _keyring(create=True)
    key = keys[0]
    entry = {
        "step": result.step.id,
        "xp": result.step.xp,
        "time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "target": result.evidence.get("target") or _target(),
        "evidence": json.loads(json.dumps(result.evidence, default=str)),
    }
    entry["mac"] = _mac(entry, key)
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode()
    fd = os.open(ledger_path(), os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        data = _read_all(fd)
        if any(e["step"] == entry["step"] for e in _parse(data, keys, warn=False)):
            return None
        if data and not data.endswith(b"\n"):
            line = b"\n" + line  # a torn tail stays its own (skipped) line
        written = os.write(fd, line)
        if written != len(line):  # a regular file takes the whole line; anything else is a disk problem
            raise LabkitError("progress.ledger_write_failed", path=ledger_path())
        os.fsync(fd)
        return entry
    finally:
        os.close(fd)  # closing releases the lock


def _target() -> str:
    from ..config import target_in_use as target  # the AWS really called: a loopback endpoint is the sandbox

    return target()
