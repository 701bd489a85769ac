"""Badge text drawn as SVG paths, from NanumGothic (shipped by koreanize-matplotlib), so a badge looks
the same everywhere: a viewer without a Korean font would otherwise show the Hangul as boxes.

    >>> svg_text("흐름 로그", size=17, bold=True, center_x=180, baseline_y=84).startswith("<path ")
    True

fontTools (a matplotlib dependency) reads the glyph outlines; matplotlib itself is not imported, and
neither is koreanize-matplotlib (it would import matplotlib): only its font files are read.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

FONT_PACKAGE = "koreanize_matplotlib"
REGULAR, BOLD = "NanumGothic.ttf", "NanumGothicBold.ttf"


def _font_file(name: str) -> Path:
    spec = importlib.util.find_spec(FONT_PACKAGE)  # finds the package without running it
    return Path(list(spec.submodule_search_locations)[0]) / "fonts" / name


@lru_cache(maxsize=2)
def _font(name: str):
    from fontTools.ttLib import TTFont

    font = TTFont(_font_file(name), lazy=True)
    return font, font.getBestCmap(), font.getGlyphSet(), font["head"].unitsPerEm


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of `text` at `size` pixels."""
    _, cmap, glyphs, units = _font(BOLD if bold else REGULAR)
    return sum(glyphs[cmap.get(ord(ch), ".notdef")].width for ch in text) * size / units


def svg_text(text: str, size: float, bold: bool, center_x: float, baseline_y: float, fill: str = "#ffffff") -> str:
    """One `<path>` drawing `text` centred on `center_x`, its baseline at `baseline_y`."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    _, cmap, glyphs, units = _font(BOLD if bold else REGULAR)
    scale = size / units
    x = center_x - text_width(text, size, bold) / 2
    pen = SVGPathPen(glyphs, ntos=lambda n: f"{n:.1f}".rstrip("0").rstrip("."))
    for ch in text:
        glyph = glyphs[cmap.get(ord(ch), ".notdef")]
        glyph.draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline_y)))  # font y points up, SVG's down
        x += glyph.width * scale
    return f'<path fill={quoteattr(fill)} aria-hidden="true" d={quoteattr(pen.getCommands())}/>'
