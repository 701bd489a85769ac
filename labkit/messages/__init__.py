"""Every user-facing string of labkit, in English and Korean, in one catalogue.

Each area keeps its strings in its own module here (`messages/sandbox.py`, `messages/checks.py`, ...)
as `MESSAGES = {"key": {"en": "...", "ko": "..."}}`; this package merges them.
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

from .korean import MARKERS, attach

LANGUAGES = ("en", "ko")
# Modules of this package that hold tools and data, not an area's MESSAGES.
_NOT_AREAS = {"korean", "glossary"}


def _load_catalogue() -> dict[str, dict[str, str]]:
    catalogue: dict[str, dict[str, str]] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name in _NOT_AREAS:
            continue
        entries = importlib.import_module(f"{__name__}.{module.name}").MESSAGES
        duplicated = catalogue.keys() & entries.keys()
        if duplicated:
            # A developer's mistake at import time, never seen by a student.
            raise RuntimeError(f"message keys defined twice: {sorted(duplicated)}")  # not-user-facing
        catalogue.update(entries)
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
    return {name: value[code] if isinstance(value, dict) and code in value else value
            for name, value in fields.items()}


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
    return "".join(f'<div lang="{code}"{styles[code]}>{html.escape(text(key, code, **fields))}</div>'
                   for code in chosen_languages(lang))


class LabkitError(Exception):
    """An error a student or instructor sees: its text comes from the catalogue, in both languages."""

    def __init__(self, key: str, /, **fields):
        self.key = key
        self.fields = fields
        super().__init__(message(key, **fields))
