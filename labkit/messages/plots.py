MESSAGES = {
    # Titles and axis labels: plots show English on the first line, Korean on the second.
    "plots.top_attackers.title": {
        "en": "Top attacking addresses (rejected attempts)",
        "ko": "가장 많이 공격한 주소 (거부된 시도)",
    },
    "plots.top_attackers.x": {"en": "Rejected attempts", "ko": "거부된 시도 횟수"},
    "plots.top_attackers.y": {"en": "Source address", "ko": "소스 주소"},
    "plots.rejected_over_time.title": {
        "en": "Rejected records over time",
        "ko": "시간에 따른 거부(REJECT) 레코드 수",
    },
    "plots.rejected_over_time.x": {"en": "Time (UTC)", "ko": "시각 (UTC)"},
    "plots.rejected_over_time.y": {"en": "Rejected records", "ko": "거부된 레코드 수"},
    "plots.ports_probed.title": {
        "en": "Most probed destination ports",
        "ko": "가장 많이 탐색된 대상 포트",
    },
    "plots.ports_probed.x": {"en": "Attempts", "ko": "시도 횟수"},
    "plots.ports_probed.y": {"en": "Destination port", "ko": "대상 포트"},
    "plots.accept_vs_reject.title": {
        "en": "Accepted vs rejected traffic",
        "ko": "허용된 트래픽과 거부된 트래픽",
    },
    "plots.accept_vs_reject.y": {"en": "Records", "ko": "레코드 수"},
    "plots.action.accept": {"en": "ACCEPT", "ko": "허용"},
    "plots.action.reject": {"en": "REJECT", "ko": "거부"},
    "plots.no_data": {"en": "No rows to plot", "ko": "그릴 데이터가 없습니다"},
    "plots.not_in_jupyter": {
        "en": "Not in Jupyter, so nothing to display: save the figure with fig.savefig('plot.png').",
        "ko": "Jupyter가 아니라서 표시할 수 없습니다. fig.savefig('plot.png')로 그림을 저장하세요.",
    },
    "plots.font_missing": {
        "en": "The Korean font package {package} is not installed: run `make lab` (or "
              "pip install -r requirements.txt) so Hangul renders in plots.",
        "ko": "한국어 글꼴 패키지 {package:가} 설치되어 있지 않습니다. 그래프에 한글이 보이도록 "
              "`make lab`(또는 pip install -r requirements.txt)을 실행하세요.",
    },
    # Errors a notebook user sees when a DataFrame does not fit the plot.
    "plots.not_a_dataframe": {
        "en": "{plot} needs a pandas DataFrame (a query result), not {kind}.",
        "ko": "{plot}에는 pandas DataFrame(쿼리 결과)이 필요합니다. 받은 값: {kind}",
    },
    "plots.missing_column": {
        "en": "{plot}: the DataFrame has no column '{column}'. Columns: {columns}. "
              "Name it in your query (SELECT ... AS {column}) or pass {argument}=...",
        "ko": "{plot}: DataFrame에 '{column}' 열이 없습니다. 있는 열: {columns}. "
              "쿼리에서 이름을 붙이거나(SELECT ... AS {column}) {argument}=... 로 지정하세요.",
    },
    "plots.ambiguous_count": {
        "en": "{plot}: several numeric columns could be the count ({columns}); pass count_col=...",
        "ko": "{plot}: 개수로 쓸 수 있는 숫자 열이 여러 개입니다({columns}). count_col=... 로 지정하세요.",
    },
    "plots.not_numeric": {
        "en": "{plot}: column '{column}' must hold numbers (counts); found e.g. {example!r}.",
        "ko": "{plot}: '{column}' 열에는 숫자(개수)가 있어야 합니다. 예: {example!r}",
    },
    "plots.bad_time": {
        "en": "{plot}: column '{column}' is not a time (epoch seconds, timestamp or date text); "
              "found e.g. {example!r}.",
        "ko": "{plot}: '{column}' 열이 시각(에포크 초, 타임스탬프, 날짜 문자열)이 아닙니다. 예: {example!r}",
    },
}
