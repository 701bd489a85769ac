"""Every user-facing string of labkit, in English and Korean, in one catalogue.

English is the source: each area keeps its strings in its own module here (`messages/sandbox.py`,
`messages/checks.py`, ...) as `MESSAGES = {"key": "English text"}`. Korean is a gettext catalogue,
`locale/ko/LC_MESSAGES/labkit.po` (msgctxt the key, msgid the English, msgstr the Korean), read at run
time from its compiled `labkit.mo`. `make messages` (catalogue.py) keeps the .po, its .pot template and
the .mo in step with the English: a changed English line makes its Korean entry fuzzy, and
tests/test_messages.py fails until someone checks the translation.
LABKIT_LANG chooses `en`, `ko` or `both` (default: English line, then Korean line).

    >>> from labkit.messages import message
    >>> message("sandbox.ready", url="http://127.0.0.1:5000")
    'Sandbox ready at http://127.0.0.1:5000\\n샌드박스 준비 완료: http://127.0.0.1:5000'

A field may itself be bilingual: pass `{"en": ..., "ko": ...}` (what `pair()` returns) and each
language gets its own text, e.g. `message("checks.result.passed", title=pair("checks.lab.03-athena"), xp=20)`.

A Korean particle after a field is written as the field's format spec, `{bucket:은}`, and chosen from the
value when it is known (`korean.py`: 은/는, 이/가, 을/를, 과/와, 으로/로, ...), never both forms with one in brackets:

    >>> text("checks.why.no_bucket", "ko", bucket="labkit-flow-logs")
    '버킷 labkit-flow-logs가 없습니다.'
"""

from __future__ import annotations

import html
import importlib
import os
import pkgutil
import string
import struct
from collections.abc import Iterable

from .korean import MARKERS, attach

LANGUAGES = ("en", "ko")
# Modules of this package that hold tools and data, not an area's MESSAGES.
NOT_AREAS = {"catalogue", "glossary", "korean"}
# The Korean, compiled from locale/ko/LC_MESSAGES/labkit.po by `make messages`.
KOREAN_MO = os.path.join(os.path.dirname(__file__), "locale", "ko", "LC_MESSAGES", "labkit.mo")


def compiled_translations(path: str = KOREAN_MO) -> dict[tuple[str, str], str]:
    """(key, English) -> Korean, from a compiled gettext catalogue (GNU .mo: after a header, a table of
    (length, offset) of each original, "msgctxt\\x04msgid", and one of its translation).

    Read here rather than with gettext.GNUTranslations, which also compiles the Plural-Forms header into a
    function: 3.4 ms against 1.4 ms (fastest of 30 fresh processes), and a kernel imports this on every start.
    A missing .mo (not compiled yet, or lost in a merge) gives no translation: English until `make messages`.
    """
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        return {}
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"  # 0x950412de in the writer's byte order
    _, count, originals, translations = struct.unpack_from(order + "4I", data, 4)

    def strings(table: int) -> list[str]:
        lengths_and_offsets = struct.unpack_from(f"{order}{2 * count}I", data, table)
        return [
            data[offset : offset + length].decode()
            for length, offset in zip(lengths_and_offsets[::2], lengths_and_offsets[1::2])
        ]

    return {
        (context, english): korean
        for (context, _, english), korean in zip(
            (original.partition("\x04") for original in strings(originals)), strings(translations)
        )
    }


def merged(areas: Iterable[dict]) -> dict:
    """The areas' MESSAGES as one mapping; a key two areas define is a developer's mistake."""
    catalogue: dict = {}
    for entries in areas:
        duplicated = catalogue.keys() & entries.keys()
        if duplicated:
            raise RuntimeError(f"message keys defined twice: {sorted(duplicated)}")  # not-user-facing
        catalogue.update(entries)
    return catalogue


def _load_catalogue() -> dict[str, dict[str, str]]:
    korean = compiled_translations()
    areas = (
        importlib.import_module(f"{__name__}.{module.name}").MESSAGES
        for module in pkgutil.iter_modules(__path__)
        if module.name not in NOT_AREAS
    )
    catalogue = {}
    for key, english in merged(areas).items():
        if isinstance(english, dict):  # a module still in the bilingual shape, until `make messages` folds it
            catalogue[key] = {code: english[code] for code in LANGUAGES}
        else:  # as gettext does, an entry the .mo lacks (untranslated, fuzzy, stale) falls back to the English
            catalogue[key] = {"en": english, "ko": korean.get((key, english), english)}
    return catalogue


CATALOGUE = _load_catalogue()


def language() -> str:
    """`en`, `ko` or `both`, from LABKIT_LANG (anything else means `both`)."""
    chosen = os.environ.get("LABKIT_LANG", "both").strip().lower()
    return chosen if chosen in ("en", "ko", "both") else "both"


def chosen_languages(lang: str | None = None) -> tuple[str, ...]:
    """The language codes to show, in order: ('en', 'ko') for `both`."""
    lang = lang or language()
    return LANGUAGES if lang == "both" else (lang,)


def _fields_for(code: str, fields: dict) -> dict:
    return {name: value[code] if isinstance(value, dict) and code in value else value for name, value in fields.items()}


class _Formatter(string.Formatter):
    """str.format, plus a particle marker as format spec: `{name:을}` is the value then 을 or 를."""

    def format_field(self, value, format_spec: str) -> str:
        if format_spec in MARKERS:
            return attach(format(value), format_spec)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def text(key: str, code: str, /, **fields) -> str:
    """The message `key` in exactly one language `code` ('en' or 'ko')."""
    return _FORMATTER.format(CATALOGUE[key][code], **_fields_for(code, fields))


def message(key: str, /, lang: str | None = None, **fields) -> str:
    """The message `key` in the chosen language(s), with {fields} filled in."""
    return "\n".join(text(key, code, **fields) for code in chosen_languages(lang))


def pair(key: str, /, **fields) -> dict[str, str]:
    """Both languages of `key` as {"en": ..., "ko": ...} (for HTML, badges, plots)."""
    return {code: text(key, code, **fields) for code in LANGUAGES}


def message_html(key: str, /, lang: str | None = None, **fields) -> str:
    """The message as HTML: one escaped `<div lang=..>` per chosen language (Korean a shade lighter)."""
    styles = {"en": "", "ko": ' style="opacity:0.8"'}
    return "".join(
        f'<div lang="{code}"{styles[code]}>{html.escape(text(key, code, **fields))}</div>'
        for code in chosen_languages(lang)
    )


class LabkitError(Exception):
    """An error a student or instructor sees: its text comes from the catalogue, in both languages."""

    def __init__(self, key: str, /, **fields):
        self.key = key
        self.fields = fields
        super().__init__(message(key, **fields))
