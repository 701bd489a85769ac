"""Reading query results (pandas DataFrames) for plots: check columns, find counts, parse times.

Errors name the plot, the missing or bad column, and what to do, in English and Korean.

    >>> import pandas as pd
    >>> totals(pd.DataFrame({"srcaddr": ["a", "b", "a"], "attempts": [2, 1, 3]}), "srcaddr", None, "top_attackers")
    srcaddr
    a    5
    b    1
    Name: attempts, dtype: int64
"""

from __future__ import annotations

import pandas as pd

from ..messages import LabkitError


def require_frame(df, plot: str) -> pd.DataFrame:
    """`df` itself when it is a DataFrame, else a bilingual error."""
    if not isinstance(df, pd.DataFrame):
        raise LabkitError("plots.not_a_dataframe", plot=plot, kind=type(df).__name__)
    return df


def require_column(df: pd.DataFrame, column: str, argument: str, plot: str) -> pd.Series:
    """The column `column` of `df`; `argument` is the keyword that names it (for the hint)."""
    if column not in df.columns:
        raise LabkitError(
            "plots.missing_column",
            plot=plot,
            column=column,
            argument=argument,
            columns=", ".join(map(str, df.columns)) or "-",
        )
    return df[column]


def numbers(values: pd.Series, column: str, plot: str) -> pd.Series:
    """`values` as numbers (Athena may hand counts back as text); a bilingual error if they are not."""
    converted = pd.to_numeric(values, errors="coerce")
    bad = values[converted.isna() & values.notna()]
    if len(bad):
        raise LabkitError("plots.not_numeric", plot=plot, column=column, example=bad.iloc[0])
    return converted.fillna(0)


def is_numeric(values: pd.Series) -> bool:
    """True for a numeric column, or a text column whose every value reads as a number."""
    if pd.api.types.is_numeric_dtype(values):
        return True
    present = values.dropna()
    return len(present) > 0 and pd.to_numeric(present, errors="coerce").notna().all()


def count_column(df: pd.DataFrame, key: str, plot: str) -> str | None:
    """The one numeric column other than `key` (the counts of an aggregated query), or None.

    None means the rows are individual records, to be counted. Several candidates are ambiguous.
    """
    candidates = [c for c in df.columns if c != key and is_numeric(df[c])]
    if len(candidates) > 1:
        raise LabkitError("plots.ambiguous_count", plot=plot, columns=", ".join(map(str, candidates)))
    return candidates[0] if candidates else None


def totals(df: pd.DataFrame, key: str, count_col: str | None, plot: str, key_argument: str = "key") -> pd.Series:
    """Counts summed per value of `key` (or rows counted when there is no count column).

    `count_col=None` picks the single numeric column other than `key`.
    """
    keys = require_column(require_frame(df, plot), key, key_argument, plot)
    chosen = count_col or count_column(df, key, plot)
    if chosen is None:
        return keys.groupby(keys, sort=True).size().rename("count")
    counts = numbers(require_column(df, chosen, "count_col", plot), chosen, plot)
    return counts.groupby(keys, sort=True).sum().rename(chosen)


def times(values: pd.Series, column: str, plot: str) -> pd.Series:
    """`values` as naive UTC datetimes: epoch seconds (flow log `start`), timestamps or date text."""
    try:
        if pd.api.types.is_numeric_dtype(values):
            parsed = pd.to_datetime(values, unit="s", utc=True)
        else:
            parsed = pd.to_datetime(values, utc=True)
    except (ValueError, TypeError, OverflowError):
        raise LabkitError(
            "plots.bad_time", plot=plot, column=column, example=values.iloc[0] if len(values) else None
        ) from None
    return parsed.dt.tz_localize(None)
