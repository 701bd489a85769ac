"""What the grader writes in DIR: the gradebook (CSV, and nbgrader's export layout), a bilingual
feedback page per student, and a class summary page with plots. Every file is written atomically.
"""

from __future__ import annotations

import base64
import csv
import html
import io
from pathlib import Path

from ..atomic import write_atomically
from ..checks.catalogue import COURSE_BADGE_XP, LABS, STEPS, lab_xp
from ..messages import pair

GRADEBOOK = "gradebook.csv"
NBGRADER_EXPORT = "grades.csv"  # the columns of `nbgrader export`, one row per student and lab
FEEDBACK = "feedback"
SUMMARY = "summary.html"
NBGRADER_COLUMNS = [
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
]


def reason_pair(key: str, fields: dict) -> dict[str, str]:
    """A reason in both languages; a key this version no longer knows is shown as it is."""
    try:
        return pair(key, **(fields or {}))
    except (KeyError, IndexError, ValueError):
        return {"en": key, "ko": key}


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def gradebook_rows(results: list[dict]) -> list[list]:
    answer_steps = [s for s in STEPS if s.needs_answer]
    header = (
        ["student_id", "xp", "badge", "status", "reason"]
        + [s.id for s in STEPS]
        + [f"{s.id} attempts" for s in answer_steps]
    )
    rows = [header]
    for result in results:
        by_step = {s["step"]: s for s in result.get("steps", [])}
        reason = result["problems"][0] if result.get("problems") else None
        rows.append(
            [
                result["student"],
                result["xp"],
                "yes" if result["badge"] else "no",
                result["status"],
                reason_pair(*reason)["en"] if reason else "",
            ]
            + [s.xp if by_step.get(s.id, {}).get("passed") else 0 for s in STEPS]
            + [by_step.get(s.id, {}).get("attempts", 0) for s in answer_steps]
        )
    return rows


def nbgrader_rows(results: list[dict]) -> list[list]:
    rows = [NBGRADER_COLUMNS]
    for result in results:
        passed = set(result.get("passed", []))
        for lab in LABS:
            score = sum(s.xp for s in STEPS if s.lab == lab and s.id in passed)
            rows.append([lab, "", "", result["student"], "", "", "", score, 0, score, lab_xp(lab)])
    return rows


def _both(texts: dict[str, str]) -> str:
    return (
        f'<span lang="en">{html.escape(texts["en"])}</span>'
        f'<br><span lang="ko" style="opacity:0.8">{html.escape(texts["ko"])}</span>'
    )


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}td,th{{padding:.3em .6em;
border-bottom:1px solid #ddd;vertical-align:top;text-align:left}}.ok{{color:#2e7d32}}.no{{color:#c62828}}</style>
</head><body>{body}</body></html>
"""


def feedback_page(result: dict) -> str:
    by_step = {s["step"]: s for s in result.get("steps", [])}
    rows = []
    for step in STEPS:
        found = by_step.get(step.id, {})
        if found.get("passed"):
            mark, advice = '<td class="ok">✔</td>', ""
        else:
            reasons = [reason_pair(key, fields) for key, fields in found.get("missing", [])]
            advice = "".join(f"<p>{_both(r)}</p>" for r in reasons) + f"<p>{_both(step.hint)}</p>"
            mark = '<td class="no">✘</td>'
        rows.append(
            f"<tr>{mark}<td>{_both(step.title)}</td><td>{step.xp if found.get('passed') else 0}/{step.xp}</td>"
            f"<td>{advice}</td></tr>"
        )
    problems = "".join(f"<li>{_both(reason_pair(key, fields))}</li>" for key, fields in result.get("problems", []))
    heading = pair("grading.feedback_title", student=result["student"], xp=result["xp"], total=COURSE_BADGE_XP)
    body = (
        f"<h1>{_both(heading)}</h1>"
        + (f"<p>{_both(pair('grading.badge_earned'))}</p>" if result["badge"] else "")
        + (f"<ul>{problems}</ul>" if problems else "")
        + f"<table><tr><th></th><th>{_both(pair('grading.step'))}</th><th>XP</th>"
        f"<th>{_both(pair('grading.next'))}</th></tr>{''.join(rows)}</table>"
    )
    return PAGE.format(title=html.escape(result["student"]), body=body)


def _png(figure) -> str:
    from ..plots import to_png

    return base64.b64encode(to_png(figure)).decode("ascii")


def summary_page(results: list[dict]) -> str:
    from ..plots.figure import bilingual, new_figure

    graded = [r for r in results if r.get("steps")]
    figures = []
    fig, axes = new_figure()
    axes.hist([r["xp"] for r in results] or [0], bins=range(0, COURSE_BADGE_XP + 60, 50), color="#4C72B0")
    axes.set_title(bilingual("grading.plot.xp"))
    axes.yaxis.get_major_locator().set_params(integer=True)
    figures.append(fig)
    missed = [(sum(1 for r in graded if s.id not in r.get("passed", [])), s.id) for s in STEPS]
    fig, axes = new_figure()
    top = sorted(missed, reverse=True)[:10]
    axes.barh([name for _, name in reversed(top)], [count for count, _ in reversed(top)], color="#C44E52")
    axes.set_title(bilingual("grading.plot.missed"))
    axes.xaxis.get_major_locator().set_params(integer=True)
    figures.append(fig)
    answer_steps = [s.id for s in STEPS if s.needs_answer]
    fig, axes = new_figure()
    data = [
        [a["attempts"] for r in graded for a in r["steps"] if a["step"] == step_id] or [0] for step_id in answer_steps
    ]
    axes.boxplot(data, orientation="horizontal", tick_labels=answer_steps)
    axes.set_title(bilingual("grading.plot.attempts"))
    figures.append(fig)
    images = "".join(f'<p><img alt="" src="data:image/png;base64,{_png(f)}"></p>' for f in figures)
    counts = pair(
        "grading.summary_counts",
        students=len(results),
        badges=sum(1 for r in results if r["badge"]),
        problems=sum(1 for r in results if r["status"] != "graded"),
    )
    body = f"<h1>{_both(pair('grading.summary_title'))}</h1><p>{_both(counts)}</p>{images}"
    return PAGE.format(title="labkit", body=body)


def write_reports(results: list[dict], out: Path) -> None:
    write_atomically(out / GRADEBOOK, _csv(gradebook_rows(results)))
    write_atomically(out / NBGRADER_EXPORT, _csv(nbgrader_rows(results)))
    for result in results:
        write_atomically(out / FEEDBACK / f"{result['student']}.html", feedback_page(result))
    write_atomically(out / SUMMARY, summary_page(results))
