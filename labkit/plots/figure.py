"""Figures for notebooks: a fixed size and resolution, bilingual text, PNG-only display.

Figures are built with `matplotlib.figure.Figure`, not pyplot: nothing global is registered, so a
notebook never auto-prints `<Figure size …>` and no figure leaks between cells. Display one with
`show(fig)`: a PNG display and no text output, so nbval (which does not compare images) sees nothing
that varies.

    >>> fig = new_figure()
    >>> show(fig)      # in a notebook: the image, nothing else
"""

from __future__ import annotations

import base64
import io

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..messages import CATALOGUE, message, pair
from .fonts import use_korean_font

FIGSIZE = (8.0, 4.5)  # inches
DPI = 100
# No timestamps or versions in the PNG: the same figure gives the same bytes.
PNG_METADATA = {"Software": None}


def bilingual(key: str, **fields) -> str:
    """The catalogue entry `key` as English line, then Korean line (how every plot labels itself)."""
    both = pair(key, **fields)
    return f"{both['en']}\n{both['ko']}"


def new_figure(keys: str | None = None) -> tuple[Figure, object]:
    """A figure of the standard size with one Axes, Hangul-capable fonts in effect.

    With `keys` (e.g. "plots.top_attackers"), the catalogue entries `<keys>.title`, `<keys>.x` and
    `<keys>.y` that exist become the bilingual title and axis labels.
    """
    use_korean_font()
    figure = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    if keys:
        for part, setter in (("title", axes.set_title), ("x", axes.set_xlabel), ("y", axes.set_ylabel)):
            if f"{keys}.{part}" in CATALOGUE:
                setter(bilingual(f"{keys}.{part}"))
    return figure, axes


def count_axis(axis) -> None:
    """Ticks at whole numbers only on an axis of counts (no 0.5 record), however small the counts."""
    axis.set_major_locator(MaxNLocator(integer=True))


def note_no_data(axes) -> None:
    """Say on the plot that the query returned no rows (an empty result is not an error)."""
    axes.text(0.5, 0.5, bilingual("plots.no_data"), ha="center", va="center", transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])


def to_png(figure: Figure) -> bytes:
    """The figure as PNG bytes (fixed dpi, no metadata that varies)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata=PNG_METADATA)
    return buffer.getvalue()


def show(figure: Figure) -> None:
    """Display the figure in Jupyter as a PNG only (no text/plain `<Figure …>` line); returns None.

    Outside Jupyter (a script, a terminal) it says how to save the figure instead.
    """
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import display

    if not InteractiveShell.initialized():
        print(message("plots.not_in_jupyter"))
        return
    display({"image/png": base64.b64encode(to_png(figure)).decode("ascii")}, raw=True)
