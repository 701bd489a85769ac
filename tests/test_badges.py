"""Badges: earned per lab and for the course at 600 XP; SVG that parses, Jupyter reprs, terminal text, export."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from labkit.checks import STEPS, lab_xp, step, steps_for
from labkit.checks.result import make_result
from labkit.checks.verdict import Verdict
from labkit.cli import main
from labkit.messages import LabkitError
from labkit.progress import all_badges, badge, export_badge, ledger, progress_summary

SVG = "{http://www.w3.org/2000/svg}"


def earn(step_ids):
    """Fill the ledger as passing checks would (the runner's private path; the checks are tested elsewhere)."""
    from labkit.checks.catalogue import step

    for step_id in step_ids:
        ledger.award(make_result(step(step_id), Verdict()))


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LABKIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.mark.parametrize("badge_id", [b.id for b in all_badges()])
def test_svg_parses_and_is_self_contained(badge_id):
    inline = badge(badge_id).svg(text_as_paths=False)
    root = ET.fromstring(inline)
    assert root.tag == f"{SVG}svg"
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert any("\uac00" <= ch <= "\ud7a3" for ch in texts)  # Korean text
    assert "sans-serif" in root.get("font-family")
    for svg in (inline, badge(badge_id).svg()):
        root = ET.fromstring(svg)
        assert any("\uac00" <= ch <= "\ud7a3" for ch in root.find(f"{SVG}title").text)  # named for screen readers
        assert not root.findall(f".//{SVG}image") and "@import" not in svg and "url(" not in svg
        assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_course_badge_names_both_languages():
    course = badge("flow-log-analyst")
    svg = course.svg(text_as_paths=False)
    assert "Flow Log Analyst Badge" in svg and "흐름 로그 분석가 배지" in svg and "+600 XP" in svg
    assert "Flow Log Analyst Badge / 흐름 로그 분석가 배지" in course.svg()  # drawn as paths, named in <title>
    assert course._repr_svg_() == svg
    assert svg in course._repr_html_()
    terminal = repr(course)
    assert "Flow Log Analyst Badge" in terminal and "흐름 로그 분석가 배지" in terminal
    from labkit.progress.badges import _display_width

    box = terminal.splitlines()
    assert box[0].startswith("╔") and box[-1].startswith("╚")
    assert len({_display_width(line) for line in box}) == 1  # a box: Hangul counted as two columns


def test_badges_follow_the_ledger(home):
    assert progress_summary().badges == []
    earn(s.id for s in steps_for("01-flow-logs"))
    summary = progress_summary()
    assert [b.id for b in summary.badges] == ["01-flow-logs"] and summary.xp == lab_xp("01-flow-logs")
    earn(s.id for s in STEPS if s.lab != "04-cleanup")
    assert "flow-log-analyst" not in progress_summary().to_json()["badges"]
    earn(["cleanup.done"])
    summary = progress_summary()
    assert summary.xp == 600
    assert summary.to_json()["badges"] == [
        "00-welcome",
        "01-flow-logs",
        "02-reading-flow-logs",
        "03-athena",
        "04-cleanup",
        "flow-log-analyst",
    ]
    assert "Flow Log Analyst Badge" in summary._repr_html_() and "<svg" in summary._repr_html_()
    assert "흐름 로그 분석가 배지" in repr(summary)


def test_export_only_when_earned(home, tmp_path):
    with pytest.raises(LabkitError) as error:
        export_badge(tmp_path / "badge.svg")
    assert "0 of 600" in str(error.value) and "600 XP 중 0 XP" in str(error.value)
    earn(s.id for s in steps_for("00-welcome"))
    path = export_badge(tmp_path, "00-welcome")
    assert path.name == "00-welcome.svg"
    ET.parse(path)
    earn(s.id for s in STEPS)
    path = export_badge(tmp_path / "mine.svg")
    assert ET.parse(path).getroot().tag == f"{SVG}svg"
    with pytest.raises(LabkitError):
        export_badge(tmp_path / "x.svg", "no-such-badge")


def test_progress_command_text_and_json(home, capsys):
    earn(["welcome.connected", "flowlogs.bucket"])
    assert main(["progress", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    xp = step("welcome.connected").xp + step("flowlogs.bucket").xp
    assert data["xp"] == xp and data["badges"] == ["00-welcome"]
    assert [s["id"] for s in data["steps"] if s["done"]] == ["welcome.connected", "flowlogs.bucket"]
    assert len(data["steps"]) == len(STEPS) and set(data["steps"][0]) == {"id", "lab", "xp", "done"}
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert f"XP: {xp} / 600" in out and "남은 단계" in out and "flowlogs.s3_flow_log" in out


def test_badge_command(home, tmp_path, capsys):
    assert main(["badge", str(tmp_path / "b.svg")]) == 3  # a LabkitError: its message on stderr
    assert "600" in capsys.readouterr().err
    earn(s.id for s in STEPS)
    assert main(["badge", str(tmp_path / "b.svg")]) == 0
    assert (tmp_path / "b.svg").exists()


def test_a_badge_never_overwrites_a_file_and_never_the_ledger(home, tmp_path, capsys):
    earn(s.id for s in STEPS)
    kept = tmp_path / "notes.txt"
    kept.write_text("mine")
    with pytest.raises(LabkitError) as error:
        export_badge(kept)
    assert kept.read_text() == "mine" and "--force" in str(error.value)
    assert ET.parse(export_badge(kept, overwrite=True)).getroot().tag == f"{SVG}svg"
    before = ledger.ledger_path().read_bytes()
    for own in (ledger.ledger_path(), home / ledger.KEY_FILE):
        with pytest.raises(LabkitError):
            export_badge(own, overwrite=True)
        assert main(["badge", str(own), "--force"]) == 3
    assert ledger.ledger_path().read_bytes() == before
    assert progress_summary().xp == 600


def test_xp_is_the_catalogues_not_the_lines(home):
    """A signed line that claims 600 XP is worth its step's XP (the MAC covers the claim, not its value)."""
    earn(["welcome.connected"])
    line = json.loads(ledger.ledger_path().read_bytes().split(b"\n")[0])
    key = (home / ledger.KEY_FILE).read_bytes().split(b"\n")[0].strip()
    inflated = dict(line, step="flowlogs.bucket", xp=600)
    inflated["mac"] = ledger._mac(inflated, key)
    with ledger.ledger_path().open("a") as f:
        f.write(json.dumps(inflated) + "\n")
    summary = progress_summary()
    assert summary.done == {"welcome.connected", "flowlogs.bucket"}
    assert summary.xp == step("welcome.connected").xp + step("flowlogs.bucket").xp and "flow-log-analyst" not in [
        b.id for b in summary.badges
    ]


def test_an_exported_badge_needs_no_font(home, tmp_path):
    """Its text is drawn as paths from NanumGothic: no <text>, no font-family, and no character of any
    badge falls back to the font's empty box (.notdef)."""
    from labkit.progress import badge_text

    earn(s.id for s in STEPS)
    root = ET.parse(export_badge(tmp_path / "b.svg")).getroot()
    assert root.findall(f".//{SVG}text") == [] and "font-family" not in ET.tostring(root, encoding="unicode")
    paths = root.findall(f"{SVG}path")
    assert len(paths) == 5 and all(len(p.get("d")) > 200 for p in paths)
    for regular_or_bold in (badge_text.REGULAR, badge_text.BOLD):
        _, cmap, _, _ = badge_text._font(regular_or_bold)
        for b in all_badges():
            missing = {ch for text in (*b.name.values(), *b.detail.values()) for ch in text if ord(ch) not in cmap}
            assert missing == set(), (b.id, missing)
    wide = badge_text.text_width("흐름 로그 분석가 배지", 17, bold=True)
    assert 0 < badge_text.text_width("흐름", 17, bold=True) < wide < 352  # fits inside the frame
    inline = badge("flow-log-analyst")._repr_html_()
    assert "<text" in inline and "<path" not in inline  # in a notebook: the page's fonts, as its prose
