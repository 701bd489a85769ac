"""Plots: each builds from a small query-shaped DataFrame, renders Hangul (NanumGothic) without missing
glyphs, carries English and Korean titles, counts on whole-number ticks, names ICMP rather than "port 0",
shows one idea per figure, is deterministic, and rejects bad input with a bilingual error."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from labkit.messages import LabkitError, pair
from labkit.plots import (
    accept_vs_reject,
    named_ports,
    port_label,
    ports_probed,
    rejected_over_time,
    show,
    to_png,
    top_attackers,
)
from labkit.plots.fonts import KOREAN_FONT, korean_font_path

ROOT = Path(__file__).resolve().parents[1]

HANGUL = range(0xAC00, 0xD7A4)

ATTACKERS = pd.DataFrame({"srcaddr": ["198.51.100.7", "203.0.113.9", "192.0.2.1"], "attempts": [42, 17, 17]})
PORTS = pd.DataFrame({"dstport": [22, 445, 23, 40000], "attempts": [30, 12, 50, 3]})
OVER_TIME = pd.DataFrame({"minute": [1700000000, 1700000060, 1700000120], "rejected": [5, 9, 2]})
ACTIONS = pd.DataFrame({"action": ["ACCEPT", "REJECT", "-"], "records": [120, 46, 3]})

PLOTS = {
    "top_attackers": (top_attackers, ATTACKERS, "plots.top_attackers.title"),
    "ports_probed": (ports_probed, PORTS, "plots.ports_probed.title"),
    "rejected_over_time": (rejected_over_time, OVER_TIME, "plots.rejected_over_time.title"),
    "accept_vs_reject": (accept_vs_reject, ACTIONS, "plots.accept_vs_reject.title"),
}


def glyph_warnings(render) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render()
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


@pytest.mark.parametrize("name", PLOTS)
def test_plot_renders_hangul_without_missing_glyphs(name, tmp_path):
    build, frame, title_key = PLOTS[name]
    figure = build(frame)
    assert isinstance(figure, Figure)
    title = figure.axes[0].get_title()
    assert title == f"{pair(title_key)['en']}\n{pair(title_key)['ko']}"
    assert any(ord(c) in HANGUL for c in title) and any(c.isascii() and c.isalpha() for c in title)
    png = tmp_path / f"{name}.png"
    assert glyph_warnings(lambda: png.write_bytes(to_png(figure))) == []
    assert png.stat().st_size > 10_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_the_korean_font_hangul_is_missing():
    """The control: the glyph check above can fail (DejaVu Sans alone has no Hangul)."""
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        figure = Figure()
        figure.text(0.5, 0.5, "상위 공격 주소")
        assert glyph_warnings(lambda: to_png(figure))


def test_font_comes_from_the_package_on_disk_and_is_a_fallback():
    assert korean_font_path().is_file()
    top_attackers(ATTACKERS)
    family = list(matplotlib.rcParams["font.family"])
    assert family[-1] == KOREAN_FONT and len(family) >= 2
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_same_data_same_png_bytes():
    assert to_png(top_attackers(ATTACKERS)) == to_png(top_attackers(ATTACKERS.copy()))


def test_top_attackers_orders_largest_first_with_stable_ties():
    axes = top_attackers(ATTACKERS).axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels == ["198.51.100.7", "192.0.2.1", "203.0.113.9"]
    assert [p.get_width() for p in axes.patches][:3] == [42, 17, 17]
    # Largest bar on top: the first ranked bar has the highest y position.
    assert [p.get_y() for p in axes.patches] == sorted((p.get_y() for p in axes.patches), reverse=True)


def test_top_attackers_counts_rows_of_raw_records_and_limits_to_top():
    raw = pd.DataFrame({"srcaddr": ["a"] * 3 + ["b"] * 5 + ["c"]})
    axes = top_attackers(raw, top=2).axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["b", "a"]


def test_ports_are_labelled_with_services():
    axes = ports_probed(PORTS).axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["23 (Telnet)", "22 (SSH)", "445 (SMB)", "40000"]
    assert port_label(3389) == "3389 (RDP)"


def test_counts_given_as_text_are_accepted():
    frame = pd.DataFrame({"srcaddr": ["a", "b"], "attempts": ["7", "3"]})
    axes = top_attackers(frame).axes[0]
    assert sorted(p.get_width() for p in axes.patches) == [3, 7]


def test_rejected_over_time_accepts_timestamps_and_text():
    stamps = pd.DataFrame({"minute": pd.to_datetime(["2026-01-01 10:00", "2026-01-01 10:01"]), "rejected": [3, 4]})
    text = pd.DataFrame({"minute": ["2026-01-01T10:00:00Z", "2026-01-01T10:01:00Z"], "rejected": [3, 4]})
    for frame in (stamps, text):
        line = rejected_over_time(frame).axes[0].lines[0]
        assert list(line.get_ydata()) == [3, 4]


def test_rejected_over_time_buckets_raw_records():
    raw = pd.DataFrame({"start": [1700000000, 1700000030, 1700000059, 1700000061], "srcaddr": list("abcd")})
    line = rejected_over_time(raw, time_col="start", every="1min").axes[0].lines[0]
    assert list(line.get_ydata()) == [2, 2]  # minutes starting 1699999980 and 1700000040


def test_accept_vs_reject_ignores_nodata_and_is_bilingual():
    axes = accept_vs_reject(ACTIONS).axes[0]
    assert [p.get_height() for p in axes.patches] == [120, 46]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["ACCEPT\n허용", "REJECT\n거부"]


def test_empty_result_shows_a_note_not_an_error():
    figure = top_attackers(ATTACKERS.iloc[0:0])
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == [f"{pair('plots.no_data')['en']}\n{pair('plots.no_data')['ko']}"]


@pytest.mark.parametrize(
    "call, key",
    [
        (lambda: top_attackers(ATTACKERS, address_col="sourceaddress"), "plots.missing_column"),
        (lambda: top_attackers([("a", 1)]), "plots.not_a_dataframe"),
        (lambda: top_attackers(pd.DataFrame({"srcaddr": ["a"], "n": ["many"]}), count_col="n"), "plots.not_numeric"),
        (lambda: top_attackers(pd.DataFrame({"srcaddr": ["a"], "n": [1], "m": [2]})), "plots.ambiguous_count"),
        (lambda: rejected_over_time(pd.DataFrame({"minute": ["soon"], "rejected": [1]})), "plots.bad_time"),
    ],
)
def test_bad_input_gets_a_bilingual_error(call, key):
    with pytest.raises(LabkitError) as raised:
        call()
    assert raised.value.key == key
    text = str(raised.value)
    assert any(ord(c) in HANGUL for c in text) and "\n" in text


def test_show_outside_jupyter_explains_how_to_save(capsys):
    assert show(top_attackers(ATTACKERS)) is None
    out = capsys.readouterr().out
    assert "savefig" in out and "저장" in out and "image/png" not in out


def test_show_displays_png_only(monkeypatch):
    monkeypatch.setattr("IPython.core.interactiveshell.InteractiveShell.initialized", classmethod(lambda cls: True))
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw: shown.append((data, raw)))
    assert show(top_attackers(ATTACKERS)) is None
    ((data, raw),) = shown
    assert raw is True and list(data) == ["image/png"]


# ---- whole-number ticks on count axes ------------------------------------------------------------

SMALL = {  # counts of 1-3: matplotlib's default locator would put ticks at 0.25, 0.5, ...
    "top_attackers": (lambda: top_attackers(pd.DataFrame({"srcaddr": ["a", "b"], "attempts": [1, 2]})), "x"),
    "ports_probed": (lambda: ports_probed(pd.DataFrame({"dstport": [22, 23], "attempts": [3, 1]})), "x"),
    "rejected_over_time": (
        lambda: rejected_over_time(pd.DataFrame({"minute": [1700000000, 1700000060], "rejected": [1, 2]})),
        "y",
    ),
    "accept_vs_reject": (
        lambda: accept_vs_reject(pd.DataFrame({"action": ["ACCEPT", "REJECT"], "records": [2, 1]})),
        "y",
    ),
}


@pytest.mark.parametrize("name", SMALL)
def test_count_axes_have_whole_number_ticks(name):
    build, which = SMALL[name]
    figure = build()
    figure.draw_without_rendering()
    axes = figure.axes[0]
    axis = axes.xaxis if which == "x" else axes.yaxis
    low, high = sorted(axes.get_xlim() if which == "x" else axes.get_ylim())
    ticks = [t for t in axis.get_majorticklocs() if low <= t <= high]
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks), ticks


# ---- ICMP is named, never "port 0" ------------------------------------------------------------------

WITH_ICMP = pd.DataFrame({"protocol": [6, 1, 6, 17], "dstport": [22, 0, 23, 53], "attempts": [30, 12, 50, 4]})


def test_icmp_is_named_not_port_zero():
    assert port_label(0, protocol=1) == "ICMP" and port_label(0, protocol=58) == "ICMPv6"
    assert port_label(22, protocol=6) == "22 (SSH)" and port_label(53, protocol=17) == "53 (DNS)"
    labels = [t.get_text() for t in ports_probed(WITH_ICMP).axes[0].get_yticklabels()]
    assert labels == ["23 (Telnet)", "22 (SSH)", "ICMP", "53 (DNS)"]


def test_icmp_from_raw_records_is_counted_not_taken_for_a_count():
    """Records, not counts: the protocol column must not be read as the count."""
    raw = pd.DataFrame({"dstport": [0, 0, 0, 22, 23, 23], "protocol": [1, 1, 1, 6, 6, 6]})
    axes = ports_probed(raw).axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["ICMP", "23 (Telnet)", "22 (SSH)"]
    assert [p.get_width() for p in axes.patches] == [3, 2, 1]


def test_icmp_is_counted_apart_from_a_real_port_zero():
    mixed = pd.DataFrame({"protocol": [1, 6], "dstport": [0, 0], "attempts": [5, 2]})
    labels = [t.get_text() for t in ports_probed(mixed).axes[0].get_yticklabels()]
    assert labels == ["ICMP", "0"]


def test_a_port_table_names_icmp():
    table = named_ports(WITH_ICMP)
    assert list(table.columns) == ["port", "attempts"]
    assert list(table["port"]) == ["22 (SSH)", "ICMP", "23 (Telnet)", "53 (DNS)"]
    assert list(named_ports(WITH_ICMP[["dstport", "attempts"]])["port"])[0] == "22 (SSH)"


# ---- Hangul through NanumGothic ---------------------------------------------------------------------


def test_hangul_is_drawn_with_nanumgothic_from_koreanize_matplotlib():
    top_attackers(ATTACKERS)  # registers the font
    registered = {
        Path(entry.fname).resolve() for entry in font_manager.fontManager.ttflist if entry.name == KOREAN_FONT
    }
    # The package's copy, or where the machine has its own NanumGothic (Debian's fonts-nanum), that one.
    system_has_it = any("koreanize_matplotlib" not in path.parts for path in registered)
    assert korean_font_path().is_file() and (system_has_it or korean_font_path().resolve() in registered)
    found = font_manager.findfont(font_manager.FontProperties(family=KOREAN_FONT), fallback_to_default=False)
    assert Path(found).resolve() in registered
    font = font_manager.get_font(found)
    assert font.family_name == KOREAN_FONT
    assert all(font.get_char_index(ord(c)) for c in "가장 많이 공격한 주소")  # the glyphs exist in it


# ---- one idea per figure ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PLOTS)
def test_one_idea_per_figure(name):
    build, frame, _ = PLOTS[name]
    figure = build(frame)
    (axes,) = figure.axes
    assert axes.get_title() and not figure.legends and axes.get_legend() is None
    kinds = {"bars": bool(axes.patches), "line": bool(axes.lines)}
    assert sum(kinds.values()) == 1 and len(axes.lines) <= 1


def test_every_notebook_cell_shows_at_most_one_figure():
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            images = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
            assert len(images) <= 1, (path.name, cell.get("id"))
