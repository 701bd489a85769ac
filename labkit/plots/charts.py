"""The course's four plots, each from a query result (a pandas DataFrame) to a Figure.

Each takes the DataFrame as PyAthena's pandas cursor or `pd.read_sql` returns it. `count_col=None`
uses the single numeric column besides the key (e.g. `count(*) AS attempts`), or counts rows when
the DataFrame holds individual records.

One idea per figure: one Axes, one title, one kind of mark. Counts are whole numbers, so a count
axis only ever has integer ticks (`count_axis`), however small the counts.

    >>> df = pd.DataFrame({"srcaddr": ["198.51.100.7", "203.0.113.9"], "attempts": [42, 17]})
    >>> show(top_attackers(df))
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from .figure import bilingual, count_axis, new_figure, note_no_data
from .frames import count_column, require_column, require_frame, times, totals
from .ports import key_label, target_keys

BAR_COLOR = "#4C72B0"
ACTION_COLORS = {"ACCEPT": "#55A868", "REJECT": "#C44E52"}


def ranked(counts: pd.Series, top: int) -> pd.Series:
    """The `top` largest counts, largest first; ties in key order so the result never varies."""
    frame = pd.DataFrame({"key": counts.index, "count": counts.to_numpy()})
    frame = frame.sort_values(["count", "key"], ascending=[False, True], kind="stable").head(top)
    return pd.Series(frame["count"].to_numpy(), index=frame["key"].to_numpy())


def ranking_figure(counts: pd.Series, labels: list[str], keys: str) -> Figure:
    """Horizontal bars, largest on top, each bar labelled with its count; `keys` names the texts."""
    figure, axes = new_figure(keys)
    if counts.empty:
        note_no_data(axes)
        return figure
    positions = list(range(len(counts)))[::-1]
    bars = axes.barh(positions, counts.to_numpy(), color=BAR_COLOR)
    axes.set_yticks(positions, labels)
    count_axis(axes.xaxis)
    axes.bar_label(bars, padding=3)
    axes.margins(x=0.1)
    return figure


def top_attackers(
    df: pd.DataFrame, address_col: str = "srcaddr", count_col: str | None = None, top: int = 10
) -> Figure:
    """Horizontal bars of the addresses with the most (rejected) attempts.

    >>> top_attackers(pd.DataFrame({"srcaddr": ["198.51.100.7"], "attempts": [42]}))
    <Figure size 800x450 with 1 Axes>
    """
    counts = ranked(totals(df, address_col, count_col, "top_attackers", "address_col"), top)
    return ranking_figure(counts, [str(address) for address in counts.index], "plots.top_attackers")


def ports_probed(
    df: pd.DataFrame,
    port_col: str = "dstport",
    count_col: str | None = None,
    top: int = 10,
    protocol_col: str = "protocol",
) -> Figure:
    """Horizontal bars of the most probed destination ports, labelled `22 (SSH)`, `445 (SMB)`, …

    When the DataFrame has a `protocol_col` column, ICMP records (whose ports a flow log writes as 0)
    are one bar named ICMP, apart from any port.

    >>> ports_probed(pd.DataFrame({"protocol": [6, 1], "dstport": [22, 0], "attempts": [30, 12]}))
    <Figure size 800x450 with 1 Axes>
    """
    plot = "ports_probed"
    frame = require_frame(df, plot)
    ports = require_column(frame, port_col, "port_col", plot)
    protocols = frame[protocol_col] if protocol_col in frame.columns and protocol_col != port_col else None
    counted = frame.drop(columns=[protocol_col]) if protocols is not None else frame
    chosen = count_col or count_column(counted, port_col, plot)
    keyed = pd.DataFrame({port_col: target_keys(ports, protocols)}, index=frame.index)
    if chosen is not None:
        keyed[chosen] = require_column(frame, chosen, "count_col", plot)
    counts = ranked(totals(keyed, port_col, chosen, plot, "port_col"), top)
    return ranking_figure(counts, [key_label(int(key)) for key in counts.index], "plots.ports_probed")


def rejected_over_time(
    df: pd.DataFrame, time_col: str = "minute", count_col: str | None = None, every: str | None = None
) -> Figure:
    """A line of rejected records per time bucket (epoch seconds, timestamps or date text).

    `every` (a pandas frequency such as "1min" or "10min") buckets raw records, e.g. by `start`.

    >>> rejected_over_time(pd.DataFrame({"minute": [1700000000, 1700000060], "rejected": [5, 9]}))
    <Figure size 800x450 with 1 Axes>
    """
    plot = "rejected_over_time"
    frame = require_frame(df, plot)
    parsed = times(require_column(frame, time_col, "time_col", plot), time_col, plot)
    if every:
        parsed = parsed.dt.floor(every)
    counts = totals(frame.assign(**{time_col: parsed}), time_col, count_col, plot, "time_col")
    figure, axes = new_figure("plots.rejected_over_time")
    if counts.empty:
        note_no_data(axes)
        return figure
    axes.plot(counts.index, counts.to_numpy(), marker="o", color=ACTION_COLORS["REJECT"])
    locator = mdates.AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.set_ylim(bottom=0)
    count_axis(axes.yaxis)
    return figure


def accept_vs_reject(df: pd.DataFrame, action_col: str = "action", count_col: str | None = None) -> Figure:
    """Two bars, ACCEPT and REJECT records (other actions, such as `-` for NODATA, are left out).

    >>> accept_vs_reject(pd.DataFrame({"action": ["ACCEPT", "REJECT"], "records": [120, 46]}))
    <Figure size 800x450 with 1 Axes>
    """
    plot = "accept_vs_reject"
    frame = require_frame(df, plot)
    actions = require_column(frame, action_col, "action_col", plot).astype(str).str.strip().str.upper()
    counts = totals(frame.assign(**{action_col: actions}), action_col, count_col, plot, "action_col")
    values = [counts.get(action, 0) for action in ACTION_COLORS]
    figure, axes = new_figure("plots.accept_vs_reject")
    if not any(values):
        note_no_data(axes)
        return figure
    labels = [bilingual(f"plots.action.{action.lower()}") for action in ACTION_COLORS]
    bars = axes.bar(labels, values, color=list(ACTION_COLORS.values()))
    axes.bar_label(bars, padding=3)
    count_axis(axes.yaxis)
    axes.margins(y=0.1)
    return figure
