MESSAGES = {
    # Titles and axis labels: plots show English on the first line, Korean on the second.
    "plots.top_attackers.title": "Top attacking addresses (rejected attempts)",
    "plots.top_attackers.x": "Rejected attempts",
    "plots.top_attackers.y": "Source address",
    "plots.rejected_over_time.title": "Rejected records over time",
    "plots.rejected_over_time.x": "Time (UTC)",
    "plots.rejected_over_time.y": "Rejected records",
    "plots.ports_probed.title": "Most probed destination ports",
    "plots.ports_probed.x": "Attempts",
    "plots.ports_probed.y": "Destination port",
    "plots.accept_vs_reject.title": "Accepted vs rejected traffic",
    "plots.accept_vs_reject.y": "Records",
    "plots.action.accept": "ACCEPT",
    "plots.action.reject": "REJECT",
    "plots.no_data": "No rows to plot",
    "plots.not_in_jupyter": "Not in Jupyter, so nothing to display: save the figure with fig.savefig('plot.png').",
    "plots.font_missing": "The Korean font package {package} is not installed: run `make lab` (or pip install -r "
    "requirements.txt) so Hangul renders in plots.",
    # Errors a notebook user sees when a DataFrame does not fit the plot.
    "plots.not_a_dataframe": "{plot} needs a pandas DataFrame (a query result), not {kind}.",
    "plots.missing_column": "{plot}: the DataFrame has no column '{column}'. Columns: {columns}. Name it in your "
    "query (SELECT ... AS {column}) or pass {argument}=...",
    "plots.ambiguous_count": "{plot}: several numeric columns could be the count ({columns}); pass count_col=...",
    "plots.not_numeric": "{plot}: column '{column}' must hold numbers (counts); found e.g. {example!r}.",
    "plots.bad_time": "{plot}: column '{column}' is not a time (epoch seconds, timestamp or date text); found e.g. "
    "{example!r}.",
}
