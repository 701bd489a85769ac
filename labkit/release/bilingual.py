"""The bilingual convention of notebook markdown, and a checker for it.

The convention (every markdown cell of solutions/ and notebooks/):
- A cell is split into blocks at blank lines (nbgrader's `### BEGIN/END …` lines are ignored); a heading line is a block of its own; a fenced code
  block is one block.
- A block is Korean when it has Hangul, English when it has Latin words but no Hangul, neutral when
  it has neither once code spans, URLs, HTML tags and math are set aside (so `DemoS3FlowLog`, AWS
  names and code may appear in both languages).
- Each English block is followed directly by its Korean block (the translation of it, paragraph by
  paragraph; a list in English is followed by the same list in Korean). Pairs stay in one cell.
- Headings and tables hold both languages themselves: `## Sandbox or AWS · 샌드박스 또는 AWS`.
- The notebook's first cell is markdown and starts with a bilingual level-1 heading (the title).

    >>> bilingual_problems(read_notebook(Path("solutions/00-welcome.ipynb")), "00-welcome")
    []
"""

from __future__ import annotations

import re

from nbformat import NotebookNode

from ..messages import message

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
TITLE = re.compile(r"^\s{0,3}#\s")
# Set aside before deciding a block's language: code spans, link targets, URLs, tags, math.
NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>]+>|\$[^$]*\$")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
# nbgrader's region markers are instructions to the release, not prose.
MARKER = re.compile(r"### (BEGIN|END) (SOLUTION|HIDDEN TESTS)")


def blocks(markdown: str) -> list[str]:
    """The blocks of a markdown text: paragraphs, lists, tables, headings, fenced code."""
    found: list[str] = []
    current: list[str] = []
    fenced = False

    def flush() -> None:
        if current:
            found.append("\n".join(current))
            current.clear()

    for line in markdown.splitlines():
        if MARKER.search(line):
            continue
        if FENCE.match(line):
            if not fenced:
                flush()
            current.append(line)
            fenced = not fenced
            if not fenced:
                flush()
        elif fenced:
            current.append(line)
        elif not line.strip():
            flush()
        elif HEADING.match(line):
            flush()
            found.append(line)
        else:
            current.append(line)
    flush()
    return found


def language(block: str) -> str:
    """'ko', 'en' or 'neutral' (code, URLs, rules and symbols only)."""
    if FENCE.match(block):
        return "neutral"
    prose = NOT_PROSE.sub(" ", block)
    if HANGUL.search(prose):
        return "ko"
    return "en" if LATIN_WORD.search(prose) else "neutral"


def is_bilingual(block: str) -> bool:
    """True when `block` holds Hangul and Latin words (outside code spans)."""
    prose = NOT_PROSE.sub(" ", block)
    return bool(HANGUL.search(prose)) and bool(LATIN_WORD.search(prose))


def excerpt(block: str, width: int = 60) -> str:
    flat = " ".join(block.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def cell_problems(markdown: str, where: str) -> list[str]:
    """What breaks the convention in one markdown cell (empty list when it follows it)."""
    problems: list[str] = []
    english: str | None = None
    prose = 0
    for block in blocks(markdown):
        kind = language(block)
        if kind == "neutral":
            continue
        prose += 1
        standalone = HEADING.match(block) or block.lstrip().startswith("|")
        if english is not None and (kind == "en" or standalone):
            problems.append(message("release.bilingual.english_alone", where=where, excerpt=excerpt(english)))
            english = None
        if standalone:
            if not is_bilingual(block):
                problems.append(message("release.bilingual.heading", where=where, excerpt=excerpt(block)))
        elif kind == "en":
            english = block
        elif english is None:
            problems.append(message("release.bilingual.korean_alone", where=where, excerpt=excerpt(block)))
        else:
            english = None
    if english is not None:
        problems.append(message("release.bilingual.english_alone", where=where, excerpt=excerpt(english)))
    if not prose:
        problems.append(message("release.bilingual.empty", where=where))
    return problems


def bilingual_problems(notebook: NotebookNode, name: str) -> list[str]:
    """Every break of the convention in `notebook` (named `name` in the messages), in cell order."""
    problems: list[str] = []
    first = notebook.cells[0] if notebook.cells else None
    opening = blocks(first.source) if first is not None and first.cell_type == "markdown" else []
    if not opening or not TITLE.match(opening[0]) or not is_bilingual(opening[0]):
        problems.append(message("release.bilingual.first_cell", where=f"{name}, cell 1"))
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            problems.extend(cell_problems(cell.source, f"{name}, cell {index + 1}"))
    return problems
