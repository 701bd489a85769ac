"""Every markdown cell of every notebook, in solutions/ and notebooks/, is English then Korean.

The convention (labkit/release/bilingual.py): blocks separated by blank lines; each English block is
followed by its Korean block in the same cell; headings and tables carry both languages on their
own; the first cell is a bilingual `# Title · 제목`. Code spans and AWS names may appear in both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from labkit.release import bilingual_problems, read_notebook
from labkit.release.bilingual import blocks, cell_problems, language

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks_to_check():
    assert NOTEBOOKS, "solutions/ and notebooks/ hold no notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_markdown_is_english_then_korean(path):
    problems = bilingual_problems(read_notebook(path), f"{path.parent.name}/{path.name}")
    assert problems == [], "\n".join(problems)


GOOD = [
    "The flow log `DemoS3FlowLog` writes to S3.\n\n흐름 로그 `DemoS3FlowLog`는 S3에 기록합니다.",
    "## Sandbox or AWS · 샌드박스 또는 AWS\n\nOne idea.\n\n한 가지 생각.",
    "- accept\n- reject\n\n- 허용\n- 거부",
    "| Port · 포트 | Service · 서비스 |\n|---|---|\n| 22 | SSH |",
    "First.\n\n첫째.\n\n```sql\nSELECT srcaddr FROM vpc_flow_logs\n```\n\nSecond.\n\n둘째.",
    "Answer:\n\n답:\n\n### BEGIN SOLUTION\nBecause.\n\n그래서요.\n### END SOLUTION",
]

BAD = {
    "english only": ("Only English.", ["english_alone"]),
    "korean only": ("한국어만 있습니다.", ["korean_alone"]),
    "korean first": ("먼저 한국어.\n\nThen English.", ["korean_alone", "english_alone"]),
    "two english in a row": ("One.\n\nTwo.\n\n둘.", ["english_alone"]),
    "english heading": ("## Only English heading\n\nText.\n\n글.", ["heading"]),
    "pair split by heading": ("Text.\n\n## Title · 제목\n\n글.", ["english_alone", "korean_alone"]),
    "same line mix": ("Flow logs 흐름 로그 record traffic.", ["korean_alone"]),
    "no prose": ("```\ncode\n```", ["empty"]),
}


@pytest.mark.parametrize("markdown", GOOD)
def test_convention_accepts(markdown):
    assert cell_problems(markdown, "cell") == []


@pytest.mark.parametrize("name", BAD)
def test_convention_rejects(name, monkeypatch):
    monkeypatch.setenv("LABKIT_LANG", "en")
    markdown, expected = BAD[name]
    problems = cell_problems(markdown, "cell")
    kinds = {
        "english_alone": "without its Korean",
        "korean_alone": "without the English",
        "heading": "heading must hold",
        "empty": "without English and Korean",
    }
    assert [next(k for k, text in kinds.items() if text in p) for p in problems] == expected


def test_blocks_and_languages():
    assert blocks("# T · 제\nline\n\n```\na\n\nb\n```") == ["# T · 제", "line", "```\na\n\nb\n```"]
    assert [language(b) for b in ("`only_code`", "https://aws.amazon.com", "S3 버킷", "S3 bucket")] == [
        "neutral",
        "neutral",
        "ko",
        "en",
    ]


def test_first_cell_must_be_a_bilingual_title():
    body = new_markdown_cell("Text.\n\n글.")
    for cells in ([new_code_cell("1")], [new_markdown_cell("# Title only"), body], [body], []):
        problems = bilingual_problems(new_notebook(cells=cells), "nb")
        assert any("first cell" in p for p in problems), cells
    assert bilingual_problems(new_notebook(cells=[new_markdown_cell("# Title · 제목"), body]), "nb") == []
