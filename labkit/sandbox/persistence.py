"""The sandbox's state in one file, so a student's sandbox survives a restart of its process.

    >>> save_snapshot(path, {"world": world.state()}, athena_backend=sandbox.athena)
    >>> extra = load_snapshot(path, athena_backend=sandbox.athena)   # before the first request
    >>> extra["world"]["seed"]
    0

What is saved: every moto backend this process has loaded (moto's own list of backends in use,
`BackendDict._instances`, the one `/moto-api/reset` clears), moto's random-id sequence, labkit's
Athena state (queries, workgroups, named queries) and `extra`. It is pickled, as LocalStack persists
moto: unpickling a file can run code, so load only files this sandbox wrote (mode 0600, LABKIT_HOME).

A file from another format or moto version, or a damaged one, is renamed `<name>.unreadable-<time>`
and the sandbox starts empty; `load_snapshot` then returns an `UnreadableSnapshot` (an empty dict
that says why, with a bilingual `notice()`).

The file is a zip archive (deflate, zlib's format), written to a temporary file and renamed:
  header.json    format version, moto / labkit / Python versions, when, which backends
  state.pickle   everything but large byte strings
  blobs.deflate  byte strings of BLOB_MIN bytes or more that compress (text S3 objects)
  blobs.stored   those that do not (gzip flow-log files, Parquet), as they are: deflating them
                 again would cost 1-2 s per 50 MB and save under 2% (benchmarks/README.md)
"""

from __future__ import annotations

import contextlib
import copy
import copyreg
import functools
import gc
import importlib
import json
import os
import pickle
import platform
import sys
import threading
import time
import weakref
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path
from typing import Any

from ..atomic import replacing
from ..messages import message, pair

FORMAT_VERSION = 1
HEADER = "header.json"
STATE = "state.pickle"
DEFLATED_BLOBS = "blobs.deflate"
STORED_BLOBS = "blobs.stored"
BLOB_MIN = 4096  # smaller byte strings stay in the pickle
SAMPLE = 2048  # how much of a byte string is test-compressed to choose its stream
COMPRESSIBLE = 0.9  # compressed/original ratio under which a byte string is deflated
LEVEL = 1  # deflate level: 6 makes the pickle 25% smaller for 2.5x the time
SAVE_ATTEMPTS = 3


class UnreadableSnapshot(dict):
    """What load_snapshot returns when the file could not be used: an empty `extra` (the sandbox
    starts empty) that says where the file went and why (`reason`: 'version' or 'damaged')."""

    def __init__(self, moved_to: Path | None, reason: str, found: dict | None = None):
        super().__init__()
        self.moved_to = moved_to
        self.reason = reason
        self.found = found or {}

    def notice(self, lang: str | None = None) -> str:
        """The bilingual notice to show the student."""
        if self.reason == "version":
            why = pair(
                "sandbox.snapshot_reason.version",
                found_format=self.found.get("format", "?"),
                found_moto=self.found.get("moto", "?"),
                format=FORMAT_VERSION,
                moto=_moto_version(),
            )
        else:
            why = pair("sandbox.snapshot_reason.damaged")
        return message("sandbox.snapshot_unreadable", lang=lang, reason=why, path=str(self.moved_to or "-"))


def save_snapshot(path: Path, extra: dict, athena_backend=None) -> None:
    """Write every moto backend, labkit's Athena state and `extra` (plain picklable data) to `path`.

    Atomic (a temporary file in the same folder, then os.replace) and private (mode 0600). Call it
    when the sandbox is quiet: a request that changes a backend while it is pickled makes this try
    again (up to SAVE_ATTEMPTS times), one that changes a value in place may be saved half done.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    skipped: set[str] = set()
    attempts = 0
    while True:
        attempts += 1
        try:
            _write(path, extra, athena_backend, skipped)
            return
        except RuntimeError:  # "dictionary changed size during iteration": a request came in; again
            if attempts >= SAVE_ATTEMPTS:
                raise
        except (pickle.PicklingError, TypeError, AttributeError):
            # A backend holding what pickle cannot take (a generator, a client, a local function) is
            # left out, named in the header's "skipped", rather than losing every other service.
            unpicklable = {location for location, live in _moto_backends(skipped).items() if not _picklable(live)}
            if not unpicklable:
                raise  # `extra` or the Athena state: the caller's to fix
            skipped |= unpicklable


def load_snapshot(path: Path, athena_backend=None) -> dict | None:
    """Replace the sandbox's state with what save_snapshot wrote to `path` and return its `extra`;
    None (and nothing changed) when there is no file.

    Every moto backend is reset first, as `/moto-api/reset` does, then filled in place (moto's
    module-level backends, which the running app reads on every request; `athena_backend` through its
    restore_state). A file from another format or moto version, or a damaged one, is moved aside and
    the sandbox is left empty: the answer is then an UnreadableSnapshot (an empty dict whose
    `.notice()` tells the student). It never raises for a bad file.
    """
    path = Path(path)
    if not path.exists():
        return None
    _reset(athena_backend)  # before unpickling: S3's reset closes the buffer of every key moto tracks
    try:
        with collector_paused():
            state = _read(path)
    except _OtherVersion as other:
        return _set_aside(path, "version", other.found)
    except Exception:  # not a zip, cut short, bad CRC, unknown class...: whatever it is, the file is unusable
        return _set_aside(path, "damaged")
    try:
        _install_moto(state["moto"], state["random"])
        if athena_backend is not None:
            athena_backend.restore_state(state.get("athena") or {})
    except Exception:  # half installed: empty again
        _reset(athena_backend)
        return _set_aside(path, "damaged")
    return state["extra"]


class _OtherVersion(Exception):
    def __init__(self, found: dict):
        super().__init__(found)
        self.found = found


def _read(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        header = json.loads(archive.read(HEADER))
        found = {"format": header.get("format"), "moto": header.get("moto")}
        if found != {"format": FORMAT_VERSION, "moto": _moto_version()}:  # moto's classes change between versions
            raise _OtherVersion(found)
        with archive.open(STATE) as stream:
            return _Unpickler(stream, archive).load()


@contextlib.contextmanager
def collector_paused():
    """Unpickling creates a million objects, none of them garbage: the cyclic collector would walk
    them again and again (about 40% of a load's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _reset(athena_backend) -> None:
    """Forget every moto resource, as POST /moto-api/reset does, and every Athena query."""
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()
    if athena_backend is not None:
        athena_backend.restore_state({})


# --- writing ---


class _Blobs:
    """Large byte strings kept out of the pickle, in two streams: deflated or stored as they are."""

    def __init__(self):
        self.parts: dict[str, list[bytes]] = {DEFLATED_BLOBS: [], STORED_BLOBS: []}
        self.sizes = {DEFLATED_BLOBS: 0, STORED_BLOBS: 0}
        self.seen: dict[int, tuple] = {}  # id() is stable: self.parts keeps every object alive

    def add(self, data: bytes) -> tuple:
        if id(data) in self.seen:
            return self.seen[id(data)]
        sample = data[:SAMPLE]
        stream = DEFLATED_BLOBS if len(zlib.compress(sample, 1)) < COMPRESSIBLE * len(sample) else STORED_BLOBS
        reference = ("blob", stream, self.sizes[stream], len(data))
        self.parts[stream].append(data)
        self.sizes[stream] += len(data)
        self.seen[id(data)] = reference
        return reference


class _Pickler(pickle.Pickler):
    def __init__(self, file, blobs: _Blobs):
        super().__init__(file, protocol=5)
        self.blobs = blobs
        self.dispatch_table = {**copyreg.dispatch_table, **_reducers()}

    def persistent_id(self, obj: Any):
        if type(obj) is bytes and len(obj) >= BLOB_MIN:  # S3 objects' bodies (FakeKey pickles its value as bytes)
            return self.blobs.add(obj)
        return None


def _reduce_defaultdict(value: defaultdict):
    """A defaultdict (or subclass) rebuilt without calling its class: defaultdict's own pickling calls
    `type(value)(factory)`, which SSM's ParameterDict(account_id, region_name) refuses at load time.
    A factory that is a lambda (SSM's tags: `defaultdict(lambda: defaultdict(dict))`) becomes one that
    returns copies of what the lambda returned: the same empty container."""
    factory = value.default_factory
    if factory is not None and "<" in getattr(factory, "__qualname__", ""):  # <lambda>, <locals>
        factory = functools.partial(copy.deepcopy, factory())
    attributes = getattr(value, "__dict__", None) or None
    return copyreg.__newobj__, (type(value),), (attributes, {"default_factory": factory}), None, iter(value.items())


def _reducers() -> dict:
    """What pickle cannot take as moto holds it, and what it becomes: a lock is saved as a new, free
    one (no thread holds it after a restart: ECR); a weak dictionary as one holding the same values,
    kept alive by whatever else refers to them (Lambda's function index); defaultdicts as above."""
    reducers = {
        type(threading.Lock()): lambda lock: (threading.Lock, ()),
        type(threading.RLock()): lambda lock: (threading.RLock, ()),
        weakref.WeakValueDictionary: lambda value: (weakref.WeakValueDictionary, (dict(value),)),
        weakref.WeakKeyDictionary: lambda value: (weakref.WeakKeyDictionary, (dict(value),)),
    }
    classes = [defaultdict]
    while classes:  # the dispatch table matches exact types: every subclass loaded so far
        cls = classes.pop()
        reducers[cls] = _reduce_defaultdict
        classes.extend(cls.__subclasses__())
    return reducers


def _write(path: Path, extra: dict, athena_backend, skipped: set[str]) -> None:
    from moto.moto_api._internal import mock_random

    backends = _moto_backends(skipped)
    header = {
        "format": FORMAT_VERSION,
        "moto": _moto_version(),
        "labkit": _labkit_version(),
        "python": platform.python_version(),
        "saved": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "backends": sorted(backends),
        "skipped": sorted(skipped),
    }
    state = {
        "moto": {location: _backend_state(live) for location, live in backends.items()},
        "random": mock_random.getstate(),  # new ids continue the sequence: no collision with restored ones
        "athena": athena_backend.snapshot_state() if athena_backend is not None else None,
        "extra": extra,
    }
    blobs = _Blobs()
    with replacing(path, binary=True, sync=True) as file:  # a temporary file (0600), then os.replace
        with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
            archive.writestr(_stored(HEADER), json.dumps(header, indent=1))
            with archive.open(STATE, "w", force_zip64=True) as out:
                _Pickler(out, blobs).dump(state)
            for member, stream in ((DEFLATED_BLOBS, DEFLATED_BLOBS), (_stored(STORED_BLOBS), STORED_BLOBS)):
                with archive.open(member, "w", force_zip64=True) as out:
                    for part in blobs.parts[stream]:
                        out.write(part)


def _stored(name: str) -> zipfile.ZipInfo:
    """A member written as it is (a name alone gets the archive's deflate at LEVEL)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_STORED
    return info


def _moto_backends(skipped: Collection[str] = ()) -> dict[str, Any]:
    """Every BackendDict in use that holds something, by where it lives: {'moto.s3.models:s3_backends': ...}.

    Not saved, on purpose: moto_api's backend (proxy passthrough settings) and state manager
    (transition settings) are process configuration, set again at start-up, not resources; the
    recorder is off in the sandbox.
    """
    from moto.core.base_backend import BackendDict, backend_lock

    found = {}
    with backend_lock:
        in_use = list(BackendDict._instances)
    for live in in_use:
        if not any(len(account) for account in dict.values(live)):
            continue  # loaded but never used: nothing to save
        location = _location(live)
        if location not in skipped:
            found[location] = live
    return found


class _Discard:
    def write(self, data) -> int:
        return len(data)


def _picklable(live) -> bool:
    try:
        _Pickler(_Discard(), _Blobs()).dump(_backend_state(live))
        return True
    except (pickle.PicklingError, TypeError, AttributeError):
        return False


def _location(live) -> str:
    """'module:attribute' of a BackendDict: where load_snapshot finds the live one to fill again."""
    module = sys.modules[live.backend.__module__]
    for attribute, value in vars(module).items():
        if value is live:
            return f"{module.__name__}:{attribute}"
    for name, module in list(sys.modules.items()):  # not beside its backend class: look in all of moto
        if name.startswith("moto.") and module is not None:
            for attribute, value in vars(module).items():
                if value is live:
                    return f"{name}:{attribute}"
    raise LookupError(live.service_name)  # not-user-facing: a moto upgrade moved a backend


# What BackendDict.__init__ sets: the live object keeps its own (its _id is its identity in moto's caches).
_OWN_ATTRIBUTES = {"backend", "service_name", "_use_boto3_regions", "_additional_regions", "_id"}


def _backend_state(live) -> tuple[dict, dict]:
    """(account id -> AccountSpecificBackend, other attributes such as S3's bucket_accounts)."""
    return dict(live), {k: v for k, v in vars(live).items() if k not in _OWN_ATTRIBUTES}


# --- reading ---


class _Unpickler(pickle.Unpickler):
    def __init__(self, stream, archive: zipfile.ZipFile):
        super().__init__(stream)
        self.archive = archive
        self.streams: dict[str, memoryview] = {}

    def persistent_load(self, reference: tuple) -> bytes:
        kind, stream, offset, length = reference
        if kind != "blob":
            raise pickle.UnpicklingError(kind)  # not-user-facing
        if stream not in self.streams:
            self.streams[stream] = memoryview(self.archive.read(stream))
        data = self.streams[stream][offset : offset + length]
        if len(data) != length:
            raise pickle.UnpicklingError(stream)  # not-user-facing
        return bytes(data)


def _install_moto(saved: dict, random_state) -> None:
    """Put the saved accounts into the live BackendDicts, which moto's responses read on every request."""
    from moto.core.base_backend import BackendDict, backend_lock
    from moto.moto_api._internal import mock_random

    with backend_lock:
        for location, (accounts, attributes) in saved.items():
            module, attribute = location.split(":")
            live = getattr(importlib.import_module(module), attribute)
            dict.clear(live)
            dict.update(live, accounts)
            for name, value in attributes.items():
                setattr(live, name, value)
            if live not in BackendDict._instances:  # so the next reset clears it
                BackendDict._instances.append(live)
    mock_random.setstate(random_state)


def _set_aside(path: Path, reason: str, found: dict | None = None) -> UnreadableSnapshot:
    moved = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%dT%H%M%S')}")
    for number in range(2, 100):  # two in the same second: keep both
        if not moved.exists():
            break
        moved = moved.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%dT%H%M%S')}-{number}")
    try:
        os.replace(path, moved)
    except OSError:
        moved = None
    return UnreadableSnapshot(moved, reason, found)


def _moto_version() -> str:
    import moto

    return moto.__version__


def _labkit_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("labkit")
    except PackageNotFoundError:
        return "unknown"
