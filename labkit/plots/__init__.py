"""Plots of flow-log query results, with English and Korean titles that render Hangul.

Every helper takes a pandas DataFrame (PyAthena's pandas cursor, `pd.read_sql`) and returns a
matplotlib Figure built without pyplot. In a notebook, end the cell with `show(...)`:

    >>> from labkit.plots import show, top_attackers
    >>> df = pd.read_sql("SELECT srcaddr, count(*) AS attempts FROM vpc_flow_logs "
    ...                  "WHERE action = 'REJECT' GROUP BY srcaddr", connection)
    >>> show(top_attackers(df))

`show` displays the PNG and prints nothing, so nbval outputs stay stable. Save with
`fig.savefig(path)` or get bytes with `to_png(fig)`.
"""

from __future__ import annotations

from .charts import accept_vs_reject, ports_probed, rejected_over_time, top_attackers
from .figure import DPI, FIGSIZE, bilingual, show, to_png
from .fonts import korean_font_path, use_korean_font
from .ports import WELL_KNOWN_PORTS, named_ports, port_label, service_name

__all__ = [
    "DPI",
    "FIGSIZE",
    "WELL_KNOWN_PORTS",
    "accept_vs_reject",
    "bilingual",
    "korean_font_path",
    "named_ports",
    "port_label",
    "ports_probed",
    "rejected_over_time",
    "service_name",
    "show",
    "to_png",
    "top_attackers",
    "use_korean_font",
]
