"""The XP ledger: `$LABKIT_HOME/progress.jsonl`, append-only JSON lines, one per step ever earned.

    >>> entries = read_entries()            # [{'step': 'flowlogs.bucket', 'xp': 30, 'time': ..., ...}]
    >>> earned_steps()
    {'flowlogs.bucket'}

How a line gets there, and why it can be trusted
------------------------------------------------
* The only writer is `_award(result)`, called by the check runner with a `CheckResult` that the runner
  itself sealed after a verification passed, for a step that is the catalogue's own `Step` object.
  Calling `_award` with anything else (a hand-built result, a failed result, an invented step) raises.
* Every line carries an HMAC-SHA256 over (step, xp, time, target, evidence) keyed by a random secret in
  `$LABKIT_HOME/ledger.key` (created once, mode 0600). On read, a line whose MAC does not verify is ignored
  with a warning: a line typed or pasted into the file by hand earns nothing.
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
import secrets
import warnings
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


def _secret() -> bytes:
    """The per-LABKIT_HOME secret; created atomically (link of a complete temp file) by whoever comes first."""
    path = home() / KEY_FILE
    if not path.exists():
        temp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_hex(32).encode())
        finally:
            os.close(fd)
        try:
            os.link(temp, path)  # fails if another process won the race: then its key is the key
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    return path.read_bytes().strip()


def _mac(entry: dict, key: bytes) -> str:
    payload = json.dumps([entry.get(name) for name in FIELDS], sort_keys=True, separators=(",", ":"))
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def _parse(data: bytes, key: bytes, warn: bool) -> list[dict]:
    """Valid, signed entries in file order; other lines are skipped (with a warning when `warn`)."""
    entries = []
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            entry = json.loads(raw.decode())
            valid_shape = isinstance(entry, dict) and all(name in entry for name in FIELDS)
        except (UnicodeDecodeError, json.JSONDecodeError):
            entry, valid_shape = None, False
        if not valid_shape:
            if warn:
                warnings.warn(message("progress.ledger_corrupt", line=number, path=ledger_path()),
                              LedgerWarning, stacklevel=3)
            continue
        if not hmac.compare_digest(str(entry.get("mac", "")), _mac(entry, key)):
            if warn:
                warnings.warn(message("progress.ledger_untrusted", line=number, step=entry.get("step")),
                              LedgerWarning, stacklevel=3)
            continue
        entries.append(entry)
    return entries


def read_entries(warn: bool = True) -> list[dict]:
    """Every trusted entry, first award of each step only."""
    path = ledger_path()
    if not path.exists():
        return []
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        data = _read_all(fd)
    finally:
        os.close(fd)
    return _first_per_step(_parse(data, _secret(), warn))


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


def _award(result) -> dict | None:
    """Append the award for a passing, runner-sealed result; None when the step was already earned.

    Private: the check runner is its only caller. See the module docstring for what it guarantees.
    """
    from ..checks.catalogue import is_catalogued
    from ..checks.result import _RUNNER_SEAL, CheckResult

    if not (isinstance(result, CheckResult) and result.is_sealed(_RUNNER_SEAL) and result.passed
            and is_catalogued(result.step)):
        raise LabkitError("checks.forged_result")
    key = _secret()
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
        if any(e["step"] == entry["step"] for e in _parse(data, key, warn=False)):
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
    from ..config import target

    return target()
