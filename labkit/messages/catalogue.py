"""Keeps the Korean catalogue in step with the English: `make messages`, i.e.
`python -m labkit.messages.catalogue update [--prune]`, and `... check`. A developer's tool (needs Babel).

English is the source, in each area's module (`MESSAGES = {"key": "English text"}`); Korean lives in
locale/ko/LC_MESSAGES/labkit.po, one entry per message: msgctxt the key, msgid the English, msgstr the
Korean. `update`, after an English change or a new module:

1. folds each module still in the bilingual shape, `MESSAGES = {"key": {"en": ..., "ko": ...}}` (how
   new code adds messages), into the layout: the English stays in the module, the Korean goes to the .po;
2. extracts the English into locale/labkit.pot;
3. updates the .po: an entry whose English changed turns fuzzy, keeping its Korean as the suggestion and
   the English it translated as `#| msgid`; a new key is untranslated (or fuzzy, with the Korean of a
   removed key that had the same English); a removed key's entry becomes obsolete (`#~`, dropped by
   --prune);
4. compiles the .po's translated entries into labkit.mo, which labkit reads at run time.

Then translate: write the Korean of each empty entry in the .po, check each fuzzy one and take `fuzzy` out
of its `#,` line, and run `make messages` again to compile. `check` lists what must not ship (and
tests/test_messages.py fails on it): untranslated, fuzzy or obsolete entries, a .pot, .po or .mo out of
step with the English, a module not folded yet.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import io
import re
import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import escape, read_po, unescape, write_po

from . import NOT_AREAS, merged

FOLDER = Path(__file__).resolve().parent
DOMAIN = "labkit"
WIDTH = 120  # the code's line length (pyproject.toml's ruff settings)
HEADER = """\
# The Korean of labkit's messages.
# msgctxt is the message key; msgid the English, whose source is
# labkit/messages/<area>.py. Keep every {field} of the English. A Korean
# particle after a field is its format spec, chosen from the value at run
# time: {bucket:은}, {role:을}, {path:으로} (labkit/messages/korean.py).
# Use the course's terms (labkit/messages/glossary.py).
# After changing the English, run `make messages`.
#"""


def catalogue_files(folder: Path = FOLDER) -> tuple[Path, Path, Path]:
    """The template, the Korean catalogue and its compiled form."""
    locale = folder / "locale"
    korean = locale / "ko" / "LC_MESSAGES"
    return locale / f"{DOMAIN}.pot", korean / f"{DOMAIN}.po", korean / f"{DOMAIN}.mo"


def area_files(folder: Path = FOLDER) -> list[Path]:
    """The modules holding an area's MESSAGES, in the order labkit.messages merges them."""
    return sorted(path for path in folder.glob("*.py") if path.stem != "__init__" and path.stem not in NOT_AREAS)


def sources(folder: Path = FOLDER) -> dict[str, tuple[str, str | dict]]:
    """key -> (area module's file name, its entry: the English, or {"en", "ko"} until folded)."""
    areas = {path.name: runpy.run_path(str(path))["MESSAGES"] for path in area_files(folder)}
    merged(areas.values())  # the same duplicate check as at run time
    return {key: (name, entry) for name, entries in areas.items() for key, entry in entries.items()}


def english(found: dict[str, tuple[str, str | dict]]) -> dict[str, tuple[str, str]]:
    """key -> (area module's file name, English), from what `sources` found."""
    return {key: (name, entry["en"] if isinstance(entry, dict) else entry) for key, (name, entry) in found.items()}


def bilingual(found: dict[str, tuple[str, str | dict]]) -> list[str]:
    """The area modules still in the bilingual shape, from what `sources` found."""
    return sorted({name for name, entry in found.values() if isinstance(entry, dict)})


# ---- folding a bilingual module ------------------------------------------------------------------------


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def literal(text: str, column: int) -> str:
    """`text` as a Python string literal that starts at `column`: split after spaces into pieces that keep
    lines within WIDTH (with the comma after it), the pieces aligned under the first.

    >>> print(literal("Flow log {flow_log_id}: delivery to {destination} failed ({error}).", 72))
    "Flow log {flow_log_id}: delivery to "
                                                                            "{destination} failed ({error})."
    """
    room = WIDTH - column - 1
    pieces = [""]
    for word in filter(None, re.findall(r"\S*\s*", text)):
        if pieces[-1] and len(_quote(pieces[-1] + word)) > room:
            pieces.append(word)
        else:
            pieces[-1] += word
    return ("\n" + " " * column).join(_quote(piece) for piece in pieces)


def fold(path: Path) -> dict[str, str]:
    """Rewrite the module at `path` from `MESSAGES = {"key": {"en": ..., "ko": ...}}` to
    `MESSAGES = {"key": "English"}`, in place (comments and everything else kept); return key -> Korean."""
    source = path.read_bytes()
    tree = ast.parse(source)
    messages = next(
        (
            node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["MESSAGES"]
            and isinstance(node.value, ast.Dict)
        ),
        None,
    )
    if messages is None:
        raise SystemExit(f"{path}: no `MESSAGES = {{...}}` literal to fold")
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    korean, edits = {}, []
    for key, value in zip(messages.keys, messages.values):
        if not isinstance(value, ast.Dict):
            continue
        try:
            entry = ast.literal_eval(value)
        except ValueError:
            entry = {}
        if not (isinstance(key, ast.Constant) and set(entry) == {"en", "ko"}):
            raise SystemExit(f'{path}:{value.lineno}: expected "key": {{"en": "...", "ko": "..."}} (string literals)')
        korean[key.value] = entry["ko"]
        column = len(lines[value.lineno - 1][: value.col_offset].decode())
        edits.append(
            (
                starts[value.lineno - 1] + value.col_offset,
                starts[value.end_lineno - 1] + value.end_col_offset,
                literal(entry["en"], column).encode(),
            )
        )
    for begin, end, replacement in reversed(edits):
        source = source[:begin] + replacement + source[end:]
    namespace: dict = {}  # the new source, run before it replaces the old
    exec(compile(source, str(path), "exec"), namespace)
    expected = {
        key: entry["en"] if isinstance(entry, dict) else entry
        for key, entry in runpy.run_path(str(path))["MESSAGES"].items()
    }
    if namespace["MESSAGES"] != expected:
        raise SystemExit(f"{path}: folding would change its English; fold it by hand")
    path.write_bytes(source)
    return korean


# ---- the catalogues ------------------------------------------------------------------------------------


def read_catalogue(path: Path) -> Catalog | None:
    """The catalogue at `path`, with each fuzzy entry's `#| msgid` (the English its Korean translated) as
    previous_id: Babel writes those lines badly wrapped and reads them back as translator comments."""
    if not path.exists():
        return None
    previous, pending, kept = {}, [], []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("#|"):
            pending.append(line[2:])
            continue
        if line.startswith("msgctxt ") and pending:
            english = re.search(r'msgid\s+((?:"(?:[^"\\]|\\.)*"\s*)+)', "".join(pending))
            if english:
                previous[unescape(line[len("msgctxt ") :].strip())] = "".join(
                    unescape(piece) for piece in re.findall(r'"(?:[^"\\]|\\.)*"', english.group(1))
                )
        if not line.startswith("#"):
            pending = []
        kept.append(line)
    catalog = read_po(io.StringIO("".join(kept)))
    for message in catalog:
        if message.context in previous:
            message.previous_id = [previous[message.context]]
    return catalog


def _render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, include_lineno=False)
    text = buffer.getvalue().decode()
    for message in catalog:
        if message.id and message.previous_id:  # one `#| msgid` line before the entry's msgctxt, as msgmerge
            context = f"\nmsgctxt {escape(message.context)}\n"
            text = text.replace(context, f"\n#| msgid {escape(message.previous_id[0])}{context}", 1)
    return text.encode()


def _compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # translated entries only: no fuzzy, no empty one
    return buffer.getvalue()


def _new_catalog(korean: bool, created: datetime.datetime, old: Catalog | None = None) -> Catalog:
    details = (
        {
            "locale": "ko",
            "revision_date": old.revision_date if old else created,
            "last_translator": old.last_translator if old else "labkit",
            "language_team": old.language_team if old else "Korean",
        }
        if korean
        else {}
    )
    return Catalog(
        domain=DOMAIN,
        project="labkit",
        version="messages",
        msgid_bugs_address="",
        header_comment=HEADER,
        creation_date=created,
        fuzzy=False,
        **details,
    )


def template(entries: dict[str, tuple[str, str]], created: datetime.datetime) -> Catalog:
    """The .pot: every key (msgctxt) with its English (msgid)."""
    catalog = _new_catalog(False, created)
    for key, (area, text) in entries.items():
        catalog.add(text, context=key, locations=[(area, None)])
    return catalog


def translated(
    old: Catalog | None,
    entries: dict[str, tuple[str, str]],
    created: datetime.datetime,
    incoming: dict[str, str] | None = None,
    prune: bool = False,
) -> Catalog:
    """The Korean catalogue for `entries`, carrying over the translations of `old` (the .po so far) by key;
    `incoming` (key -> Korean, from folded modules) wins over them."""
    previous = {message.context: message for message in old if message.id} if old else {}
    obsolete = {message.context: message for message in old.obsolete.values()} if old else {}
    removed = obsolete | {key: message for key, message in previous.items() if key not in entries}
    by_english = {message.id: message for message in removed.values() if message.string}
    catalog = _new_catalog(True, created, old)
    for key, (area, text) in entries.items():
        was = previous.get(key)
        details = {"context": key, "locations": [(area, None)], "user_comments": was.user_comments if was else ()}
        if incoming and key in incoming:
            catalog.add(text, incoming[key], **details)
        elif was is not None and was.id == text:
            catalog.add(
                text,
                was.string,
                flags=was.flags & {"fuzzy"},
                previous_id=was.previous_id if was.fuzzy else (),
                **details,
            )
        elif was is not None and was.string:  # the English changed: the Korean is a suggestion to check
            catalog.add(text, was.string, flags={"fuzzy"}, previous_id=was.previous_id or was.id, **details)
        elif text in by_english:  # a renamed key
            catalog.add(text, by_english[text].string, flags={"fuzzy"}, previous_id=by_english[text].id, **details)
        else:
            catalog.add(text, "", **details)
    if not prune:
        for key, message in removed.items():
            catalog.obsolete[(message.id, key)] = message
    return catalog


def _write_if_changed(path: Path, build) -> bool:
    """Write `build(date)` to `path` unless only its dates would change; dated now when it does change."""
    old = read_catalogue(path)
    if old is not None and _render(build(old.creation_date)) == path.read_bytes():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_render(build(datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0))))
    return True


def update(folder: Path = FOLDER, prune: bool = False) -> list[str]:
    """Fold, extract, update and compile (see the module's docstring); what changed, as lines to show."""
    pot_path, po_path, mo_path = catalogue_files(folder)
    to_fold = bilingual(sources(folder))
    incoming = {key: korean for area in to_fold for key, korean in fold(folder / area).items()}
    changes = [f"folded {area}: its Korean moved to {po_path.name}" for area in to_fold]
    entries = english(sources(folder))
    if _write_if_changed(pot_path, lambda created: template(entries, created)):
        changes.append(f"updated {pot_path.relative_to(folder)}")
    old = read_catalogue(po_path)
    created = read_catalogue(pot_path).creation_date
    if _write_if_changed(po_path, lambda _: translated(old, entries, created, incoming, prune)):
        changes.append(f"updated {po_path.relative_to(folder)}")
    compiled = _compiled(read_catalogue(po_path))
    if not mo_path.exists() or mo_path.read_bytes() != compiled:
        mo_path.write_bytes(compiled)
        changes.append(f"compiled {mo_path.relative_to(folder)}")
    return changes


def problems(folder: Path = FOLDER) -> list[str]:
    """What must not ship: each line names the key or file and what to do."""
    pot_path, po_path, mo_path = catalogue_files(folder)
    defined = sources(folder)
    found = [
        f"{area} still holds Korean: run `make messages` to fold it into {po_path.name}" for area in bilingual(defined)
    ]
    entries = english(defined)
    template_, korean = read_catalogue(pot_path), read_catalogue(po_path)
    extracted = [(message.context, message.id) for message in template_ or () if message.id]
    if extracted != [(key, text) for key, (_, text) in entries.items()]:
        found.append(f"{pot_path.name} is not the English of the modules: run `make messages`")
    if korean is None or not mo_path.exists():
        return found + [f"{po_path.name} or {mo_path.name} is missing: run `make messages`"]
    by_key = {message.context: message for message in korean if message.id}
    for key, (area, text) in entries.items():
        message = by_key.get(key)
        if message is None or message.id != text:
            found.append(f"{key}: {po_path.name} has not seen its English ({area}): run `make messages`")
        elif message.fuzzy:
            was = f" (it translated {message.previous_id[0]!r})" if message.previous_id else ""
            found.append(
                f"{key}: fuzzy, its English changed{was}: check its Korean in {po_path.name}, then "
                "take `fuzzy` out of its `#,` line"
            )
        elif not message.string:
            found.append(f"{key}: untranslated: write its Korean in {po_path.name}")
    found += [
        f"{key}: in {po_path.name} but no module defines it: run `make messages`"
        for key in sorted(by_key.keys() - entries.keys())
    ]
    found += [
        f"{message.context}: obsolete entry in {po_path.name}: `make messages PRUNE=1` drops it"
        for message in korean.obsolete.values()
    ]
    expected = {(m.context, m.id): m.string for m in korean if m.id and m.string and not m.fuzzy}
    with mo_path.open("rb") as file:
        shipped = {(m.context, m.id): m.string for m in read_mo(file) if m.id}
    if shipped != expected:
        found.append(f"{mo_path.name} is not compiled from {po_path.name}: run `make messages`")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m labkit.messages.catalogue", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    refresh = commands.add_parser("update", help="fold, extract, update the Korean .po, compile the .mo")
    refresh.add_argument("--prune", action="store_true", help="drop obsolete entries (keys no module defines)")
    commands.add_parser("check", help="list untranslated, fuzzy, obsolete or out-of-step entries")
    arguments = parser.parse_args(argv)
    if arguments.command == "update":
        print("\n".join(update(prune=arguments.prune)) or "the catalogues were up to date")
    found = problems()
    print("\n".join(found) or "every message has its Korean", file=sys.stderr if found else sys.stdout)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
