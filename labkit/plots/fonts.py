"""A Korean font for matplotlib, from a package on disk: NanumGothic, shipped by koreanize-matplotlib.

matplotlib's default font (DejaVu Sans) has no Hangul, so Korean labels would render as boxes.
We only *locate* the font files of koreanize-matplotlib: importing that package would change the
global font and import `distutils`, so we never import it.

    >>> use_korean_font()          # idempotent; call before building a figure with Korean text
    'NanumGothic'
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from ..messages import LabkitError

KOREAN_FONT = "NanumGothic"
FONT_PACKAGE = "koreanize_matplotlib"


def korean_font_path() -> Path:
    """The NanumGothic .ttf inside the installed koreanize-matplotlib package (not imported)."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        # An installation problem, not a student's: requirements.txt pins the package.
        raise LabkitError("plots.font_missing", package=FONT_PACKAGE)
    return Path(list(spec.submodule_search_locations)[0]) / "fonts" / f"{KOREAN_FONT}.ttf"


def use_korean_font() -> str:
    """Register NanumGothic and add it as the fallback font, so Latin and Hangul both render.

    Keeps the user's font.family first (Latin glyphs come from it) and appends NanumGothic, which
    matplotlib (>= 3.6) uses per glyph for what the first font lacks. Sets axes.unicode_minus=False
    so a minus sign never needs a glyph the fallback font may lack.
    """
    registered = {entry.name for entry in font_manager.fontManager.ttflist}
    if KOREAN_FONT not in registered:
        font_manager.fontManager.addfont(str(korean_font_path()))
    families = list(matplotlib.rcParams["font.family"])
    if KOREAN_FONT not in families:
        matplotlib.rcParams["font.family"] = families + [KOREAN_FONT]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return KOREAN_FONT
