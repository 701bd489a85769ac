"""What a learner has done: XP, steps done and left, badges; as text, HTML and JSON.

    >>> progress_summary().to_json()
    {'xp': 50, 'badges': [], 'steps': [{'id': 'welcome.connected', 'lab': '00-welcome', 'xp': 20, 'done': True}, ...]}
"""
from __future__ import annotations

from dataclasses import dataclass

from ..checks.catalogue import COURSE_BADGE_XP, LABS, STEPS, lab_xp, steps_for
from ..messages import chosen_languages, message_html, pair, text
from . import ledger
from .badges import Badge, earned_badges


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
            lines.append(("progress.lab_line", {
                "lab": lab[:2], "title": pair(f"checks.lab.{lab}"), "done": sum(s.id in self.done for s in steps),
                "steps": len(steps), "xp": self.lab_xp_earned(lab), "lab_xp": lab_xp(lab)}))
        left = [s.id for s in STEPS if s.id not in self.done]
        lines.append(("progress.steps_left", {"steps": ", ".join(left)}) if left else ("progress.all_done", {}))
        if self.badges:
            lines.append(("progress.badges", {"badges": {code: ", ".join(b.name[code] for b in self.badges)
                                                         for code in ("en", "ko")}}))
        else:
            lines.append(("progress.no_badges", {}))
        return lines

    def text(self) -> str:
        out = [text(key, code, **fields) for key, fields in self._lines() for code in chosen_languages()]
        return "\n".join(out + [b.text() for b in self.badges])

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        rows = "".join(f"<div style='margin:2px 0'>{message_html(key, **fields)}</div>" for key, fields in self._lines())
        badges = "".join(b._repr_html_() for b in self.badges)
        return f"<div class='labkit-progress'>{rows}{badges}</div>"


def progress_summary() -> Progress:
    """The learner's progress from the ledger in LABKIT_HOME (known steps only)."""
    known = {s.id for s in STEPS}
    entries = [e for e in ledger.read_entries() if e["step"] in known]
    progress = Progress(entries=entries, badges=[])
    progress.badges = earned_badges(progress.done, progress.xp)
    return progress

