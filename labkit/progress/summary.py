"""What a learner has done: XP, steps done and left, badges; as text, HTML and JSON.

>>> progress_summary().to_json()
{'xp': 50, 'badges': [], 'steps': [{'id': 'welcome.connected', 'lab': '00-welcome', 'xp': 20, 'done': True}, ...]}
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..checks.catalogue import COURSE_BADGE_XP, LABS, STEPS, lab_xp, steps_for
from ..messages import LabkitError, chosen_languages, message_html, pair, text
from . import ledger
from .badges import COURSE_BADGE, Badge, badge, earned_badges
from .ledger import BACKUP_FILE, KEY_FILE, LEDGER_FILE


@dataclass
class Progress:
    entries: list[dict]
    badges: list[Badge]

    @property
    def done(self) -> set[str]:
        return {e["step"] for e in self.entries}

    @property
    def xp(self) -> int:
        """The catalogue's XP of each step done (a line's own `xp` is a record, never the value)."""
        return sum(s.xp for s in STEPS if s.id in self.done)

    def lab_xp_earned(self, lab: str) -> int:
        return sum(s.xp for s in steps_for(lab) if s.id in self.done)

    def to_json(self) -> dict:
        return {
            "xp": self.xp,
            "badges": [b.id for b in self.badges],
            "steps": [{"id": s.id, "lab": s.lab, "xp": s.xp, "done": s.id in self.done} for s in STEPS],
        }

    def _lines(self) -> list[tuple[str, dict]]:
        lines = [("progress.total", {"xp": self.xp, "total": COURSE_BADGE_XP})]
        for lab in LABS:
            steps = steps_for(lab)
            lines.append(
                (
                    "progress.lab_line",
                    {
                        "lab": lab[:2],
                        "title": pair(f"checks.lab.{lab}"),
                        "done": sum(s.id in self.done for s in steps),
                        "steps": len(steps),
                        "xp": self.lab_xp_earned(lab),
                        "lab_xp": lab_xp(lab),
                    },
                )
            )
        left = [s.id for s in STEPS if s.id not in self.done]
        lines.append(("progress.steps_left", {"steps": ", ".join(left)}) if left else ("progress.all_done", {}))
        if self.badges:
            lines.append(
                (
                    "progress.badges",
                    {"badges": {code: ", ".join(b.name[code] for b in self.badges) for code in ("en", "ko")}},
                )
            )
        else:
            lines.append(("progress.no_badges", {}))
        return lines

    def text(self) -> str:
        out = [text(key, code, **fields) for key, fields in self._lines() for code in chosen_languages()]
        return "\n".join(out + [b.text() for b in self.badges])

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<div style='margin:2px 0'>{message_html(key, **fields)}</div>" for key, fields in self._lines()
        )
        badges = "".join(b._repr_html_() for b in self.badges)
        return f"<div class='labkit-progress'>{rows}{badges}</div>"


def progress_summary() -> Progress:
    """The learner's progress from the ledger in LABKIT_HOME (known steps only)."""
    known = {s.id for s in STEPS}
    entries = [e for e in ledger.read_entries() if e["step"] in known]
    progress = Progress(entries=entries, badges=[])
    progress.badges = earned_badges(progress.done, progress.xp)
    return progress


def _own_files() -> set[Path]:
    from ..config import labkit_home

    folder = labkit_home()
    return {(folder / name).resolve() for name in (LEDGER_FILE, KEY_FILE, BACKUP_FILE)}


def export_badge(path: str | Path, badge_id: str = COURSE_BADGE, overwrite: bool = False) -> Path:
    """Write an earned badge as an SVG file to share; a bilingual error when it is not earned yet, when
    the file exists (unless `overwrite`), or when it is labkit's own ledger or key (always)."""
    wanted = badge(badge_id)
    summary = progress_summary()
    if wanted.id not in [b.id for b in summary.badges]:
        needed = wanted.xp if wanted.id == COURSE_BADGE else lab_xp(wanted.id)
        have = summary.xp if wanted.id == COURSE_BADGE else summary.lab_xp_earned(wanted.id)
        raise LabkitError("progress.badge_not_earned", badge=wanted.name["en"], xp=have, needed=needed)
    path = Path(path).expanduser()
    if path.is_dir():
        path = path / f"{wanted.id}.svg"
    if path.resolve() in _own_files():
        raise LabkitError("progress.badge_protected", path=path)
    try:
        with path.open("w" if overwrite else "x", encoding="utf-8") as stream:  # "x": never over a file
            stream.write(wanted.svg())
    except FileExistsError:
        raise LabkitError("progress.badge_exists", path=path) from None
    return path
