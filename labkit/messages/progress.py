"""Progress: the XP ledger, the progress summary and the badges."""

MESSAGES = {
    "progress.ledger_corrupt": "Skipped line {line} of the XP ledger {path}: it is torn or not valid JSON (earlier XP "
    "is kept).",
    "progress.ledger_untrusted": "Ignored line {line} of the XP ledger (step {step}): it was not written by a passing "
    "check.",
    "progress.ledger_write_failed": "Could not write the whole award to {path}; check the free disk space and run the "
    "check again.",
    "progress.ledger_key_restored": "The XP ledger's key {key} was missing or damaged: it was restored from {backup}, "
    "and every earned step still counts.",
    "progress.ledger_key_lost": "The XP ledger's key {key} is missing or damaged, and there is no backup: the {steps} "
    "step(s) recorded in {ledger} cannot be verified and count no XP for now. Nothing was "
    "deleted: put a copy of the old ledger.key back (or add its line to ledger.key) and "
    "they count again; or run their checks again.",
    "progress.badge_exists": "{path} already exists: choose another file name, or add --force (overwrite=True) to "
    "replace it.",
    "progress.badge_protected": "{path} is one of labkit's own files (the XP ledger or its key): a badge is never "
    "written over it.",
    "progress.total": "XP: {xp} / {total}",
    "progress.lab_line": "Lab {lab} · {title}: {done}/{steps} steps, {xp}/{lab_xp} XP",
    "progress.steps_left": "Steps left: {steps}",
    "progress.all_done": "Every step is done.",
    "progress.badges": "Badges: {badges}",
    "progress.no_badges": "No badge yet: finish every step of a lab to earn its badge.",
    "progress.badge.course_name": "Flow Log Analyst Badge",
    "progress.badge.course_detail": "VPC Flow Logs and Athena · {xp} XP",
    "progress.badge.lab_name": "Lab {lab} complete",
    "progress.badge.lab_detail": "{title} · {xp} XP earned",
    "progress.badge_not_earned": "The badge {badge} is not earned yet: {xp} of {needed} XP so far.",
    "progress.unknown_badge": "There is no badge {badge}. Badges: {badges}",
    "progress.badge_exported": "Badge saved to {path}",
}
