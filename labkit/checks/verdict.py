"""What a verification returns: the evidence it saw, what is missing, and notes.

A verification is read-only: it looks at state and fills a Verdict, nothing else.

    >>> v = Verdict()
    >>> v.require(False, "no_log_group", group="VPCFlowLogs")
    False
    >>> v.passed
    False
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Verdict:
    """`missing` and `notes` hold (message key, fields); keys are short names under checks.why / checks.note."""

    evidence: dict = field(default_factory=dict)
    missing: list[tuple[str, dict]] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing

    def require(self, condition: bool, why: str, /, **fields) -> bool:
        """Record `why` as missing unless `condition` holds; returns the condition."""
        if not condition:
            self.missing.append((f"checks.why.{why}", fields))
        return bool(condition)

    def fail(self, why: str, /, **fields) -> "Verdict":
        self.missing.append((f"checks.why.{why}", fields))
        return self

    def note(self, name: str, /, **fields) -> None:
        self.notes.append((f"checks.note.{name}", fields))
