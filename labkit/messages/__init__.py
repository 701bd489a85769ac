"""Every user-facing string of labkit, in English and Korean, in one catalogue.

Each area keeps its strings in its own module here (`messages/sandbox.py`, `messages/checks.py`, ...)
as `MESSAGES = {"key": {"en": "...", "ko": "..."}}`; this package merges them.
LABKIT_LANG chooses `en`, `ko` or `both` (default: English line, then Korean line).

    >>> from labkit.messages import message
    >>> message("sandbox.ready", url="http://127.0.0.1:5000")
    'Sandbox ready at http://127.0.0.1:5000\\n샌드박스 준비 완료: http://127.0.0.1:5000'
"""
from __future__ import annotations

import importlib
import os
import pkgutil

LANGUAGES = ("en", "ko")


def _load_catalogue() -> dict[str, dict[str, str]]:
    catalogue: dict[str, dict[str, str]] = {}
    for module in pkgutil.iter_modules(__path__):
        entries = importlib.import_module(f"{__name__}.{module.name}").MESSAGES
        duplicated = catalogue.keys() & entries.keys()
        if duplicated:
            raise RuntimeError(f"message keys defined twice: {sorted(duplicated)}")
        catalogue.update(entries)
    return catalogue


CATALOGUE = _load_catalogue()


def language() -> str:
    chosen = os.environ.get("LABKIT_LANG", "both").strip().lower()
    return chosen if chosen in ("en", "ko", "both") else "both"


def message(key: str, lang: str | None = None, **fields) -> str:
    """The message `key` in the chosen language(s), with {fields} filled in."""
    entry = CATALOGUE[key]
    lang = lang or language()
    chosen = LANGUAGES if lang == "both" else (lang,)
    return "\n".join(entry[code].format(**fields) for code in chosen)


def pair(key: str, **fields) -> dict[str, str]:
    """Both languages of `key` as {"en": ..., "ko": ...} (for HTML, badges, plots)."""
    return {code: CATALOGUE[key][code].format(**fields) for code in LANGUAGES}


class LabkitError(Exception):
    """An error a student or instructor sees: its text comes from the catalogue, in both languages."""

    def __init__(self, key: str, **fields):
        self.key = key
        self.fields = fields
        super().__init__(message(key, **fields))
