"""Badges: one per lab (every step done) and the course's "Flow Log Analyst Badge" at 600 XP.

A badge renders as SVG (bilingual, its text drawn as paths from NanumGothic so it needs no font and
looks the same everywhere; no external reference), inline in Jupyter, and as a text box in a terminal.

    >>> badge().name["en"]
    'Flow Log Analyst Badge'

Writing an earned one to a file is labkit.progress.summary's `export_badge` (it asks what was earned).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..checks.catalogue import COURSE_BADGE_XP, LABS, lab_xp, steps_for
from ..messages import LabkitError, chosen_languages, pair
from .badge_text import svg_text

COURSE_BADGE = "flow-log-analyst"
FONT_STACK = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans KR', 'Noto Sans CJK KR', "
    "'Apple SD Gothic Neo', 'Malgun Gothic', NanumGothic, sans-serif"
)
_COLORS = {COURSE_BADGE: ("#0d47a1", "#ffb300"), "lab": ("#1b5e20", "#aed581")}


@dataclass(frozen=True)
class Badge:
    id: str
    name: dict  # {"en": ..., "ko": ...}
    detail: dict
    xp: int

    def svg(self, text_as_paths: bool = True) -> str:
        """A standalone SVG document (parses with xml.etree; no images or fonts fetched).

        Its text is drawn as paths (the file looks the same on any machine, with or without a Korean
        font); inline in a notebook (`text_as_paths=False`) it is text in the page's own fonts, as the
        notebook's Korean prose is: 2 KB instead of 50, and no font to load."""
        background, accent = _COLORS.get(self.id, _COLORS["lab"])
        lines = [
            (56, 20, 700, self.name["en"]),
            (84, 17, 600, self.name["ko"]),
            (116, 13, 400, self.detail["en"]),
            (138, 13, 400, self.detail["ko"]),
            (164, 12, 700, f"+{self.xp} XP · labkit"),
        ]
        texts = "".join(
            svg_text(content, size, weight >= 600, 180, y, fill)
            if text_as_paths
            else _svg_text_element(content, size, weight, 180, y, fill)
            for (y, size, weight, content), fill in zip(lines, ["#ffffff"] * 4 + [accent])
        )
        title = escape(f"{self.name['en']} / {self.name['ko']}")
        fonts = "" if text_as_paths else f' font-family="{escape(FONT_STACK)}"'
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="180" viewBox="0 0 360 180" '
            f'role="img" aria-label="{title}"{fonts}>'
            f"<title>{title}</title>"
            f'<rect x="4" y="4" width="352" height="172" rx="18" fill="{background}" stroke="{accent}" stroke-width="4"/>'
            f"{texts}</svg>"
        )

    def _repr_svg_(self) -> str:
        return self.svg(text_as_paths=False)

    def _repr_html_(self) -> str:
        return (
            f'<div class="labkit-badge" style="display:inline-block;margin:4px">{self.svg(text_as_paths=False)}</div>'
        )

    def text(self) -> str:
        lines = [self.name[code] for code in chosen_languages()] + [self.detail[code] for code in chosen_languages()]
        width = max(_display_width(line) for line in lines) + 4
        body = [f"║  {line}{' ' * (width - 4 - _display_width(line))}  ║" for line in lines]
        return "\n".join(["╔" + "═" * width + "╗", *body, "╚" + "═" * width + "╝"])

    def __repr__(self) -> str:
        return self.text()


def _svg_text_element(content: str, size: int, weight: int, center_x: float, baseline_y: float, fill: str) -> str:
    return (
        f'<text x="{center_x}" y="{baseline_y}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="middle" fill="{fill}">{escape(content)}</text>'
    )


def _display_width(line: str) -> int:
    """Terminal columns: Hangul and other wide characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def all_badges() -> list[Badge]:
    badges = []
    for lab in LABS:
        title = pair(f"checks.lab.{lab}")
        badges.append(
            Badge(
                lab,
                pair("progress.badge.lab_name", lab=lab[:2]),
                pair("progress.badge.lab_detail", title=title, xp=lab_xp(lab)),
                lab_xp(lab),
            )
        )
    badges.append(
        Badge(
            COURSE_BADGE,
            pair("progress.badge.course_name"),
            pair("progress.badge.course_detail", xp=COURSE_BADGE_XP),
            COURSE_BADGE_XP,
        )
    )
    return badges


def earned_badges(done: set[str], xp: int) -> list[Badge]:
    """The badges `done` steps and `xp` earn: a lab's when all its steps are done, the course's at 600 XP."""
    earned = []
    for badge in all_badges():
        if badge.id == COURSE_BADGE:
            if xp >= COURSE_BADGE_XP:
                earned.append(badge)
        elif all(s.id in done for s in steps_for(badge.id)):
            earned.append(badge)
    return earned


def badge(badge_id: str = COURSE_BADGE) -> Badge:
    found = {b.id: b for b in all_badges()}.get(badge_id)
    if found is None:
        raise LabkitError("progress.unknown_badge", badge=badge_id, badges=", ".join(b.id for b in all_badges()))
    return found
