"""Checks of lab 02's real-time detection: the metric filter, the alarm, the Logs Insights answer.

Each reason names the call that fixes it; PutMetricFilter and PutMetricAlarm replace what has the same name.
"""

# step id -> (title en, title ko, hint en, hint ko)
_STEPS = {
    "detection.metric_filter": (
        "Metric filter counting rejected SSH attempts in VPCFlowLogs",
        "VPCFlowLogs에서 거부된 SSH 시도를 세는 지표 필터",
        "logs.put_metric_filter on the log group VPCFlowLogs: a space-delimited pattern names the 14 fields of the "
        "default format in order, in square brackets, with conditions on three of them (destport=22, protocol=6, "
        "action=\"REJECT\"); metric VPCFlowLogMetrics/SSHRejects, metricValue '1'.",
        "로그 그룹 VPCFlowLogs에 logs.put_metric_filter를 호출하세요. 공백으로 구분된 필터 패턴은 기본 형식의 필드 "
        "14개를 대괄호 안에 순서대로 나열하고, 그중 세 필드에 조건을 겁니다(destport=22, protocol=6, "
        "action=\"REJECT\"). 지표는 VPCFlowLogMetrics/SSHRejects, metricValue는 '1'입니다.",
    ),
    "detection.alarm": (
        "Alarm ssh-brute-force went to ALARM on rejected SSH attempts and notified",
        "거부된 SSH 시도로 ALARM 상태가 되어 알림을 보낸 경보 ssh-brute-force",
        "cloudwatch.put_metric_alarm(AlarmName='ssh-brute-force', Namespace='VPCFlowLogMetrics', "
        "MetricName='SSHRejects', Statistic='Sum', Period=60, EvaluationPeriods=1, Threshold=5, "
        "ComparisonOperator='GreaterThanOrEqualToThreshold', TreatMissingData='notBreaching', "
        "AlarmActions=[topic_arn]), with an SQS queue subscribed to the topic; then run the campaign cell "
        "(run_traffic): alarms evaluate only as simulated time moves.",
        "cloudwatch.put_metric_alarm(AlarmName='ssh-brute-force', Namespace='VPCFlowLogMetrics', "
        "MetricName='SSHRejects', Statistic='Sum', Period=60, EvaluationPeriods=1, Threshold=5, "
        "ComparisonOperator='GreaterThanOrEqualToThreshold', TreatMissingData='notBreaching', "
        "AlarmActions=[topic_arn])을 호출하고 주제에 SQS 대기열을 구독시키세요. 그다음 공격 셀(run_traffic)을 "
        "실행하세요. 경보는 시뮬레이션 시간이 흐를 때만 평가됩니다.",
    ),
    "detection.insights_answer": (
        "The source with the most rejected SSH attempts, found with Logs Insights",
        "Logs Insights로 찾은, 거부된 SSH 시도가 가장 많은 소스",
        "One Logs Insights query over VPCFlowLogs: keep the rejected SSH records (action, dstPort, protocol), count "
        "them by srcAddr with stats, sort the count in descending order, and answer with the first srcAddr.",
        "VPCFlowLogs에 Logs Insights 쿼리 하나를 실행하세요. 거부된 SSH 레코드만 남기고(action, dstPort, protocol), "
        "stats로 srcAddr별 개수를 센 뒤 개수 내림차순으로 정렬해 첫 srcAddr로 답하세요.",
    ),
}

# Why a check did not pass (checks.why.<name>).
_WHY = {
    "no_metric_filter": (
        "No metric filter on log group {group} publishes {metric}: create it with "
        "logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...).",
        "로그 그룹 {group}에 {metric:을} 게시하는 지표 필터가 없습니다. "
        "logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...)로 만드세요."),
    "metric_filter_other_group": (
        "Metric filter {filter} is on log group {found}, but the flow log delivers to {group}: create it on {group} "
        "with logs.put_metric_filter(logGroupName='{group}', ...), and delete the other with "
        "logs.delete_metric_filter(logGroupName='{found}', filterName='{filter}').",
        "지표 필터 {filter:은} 로그 그룹 {found}에 있지만 흐름 로그는 {group}에 전송합니다. "
        "logs.put_metric_filter(logGroupName='{group}', ...)로 {group}에 만들고, 다른 하나는 "
        "logs.delete_metric_filter(logGroupName='{found}', filterName='{filter}')로 삭제하세요."),
    "metric_filter_wrong_metric": (
        "Metric filter {filter} publishes {found}, but the alarm watches {expected}: run "
        "logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...) again with the metricNamespace "
        "and metricName of {expected} (a filter of the same name is replaced).",
        "지표 필터 {filter:은} {found:을} 게시하지만 경보는 {expected:을} 지켜봅니다. {expected}의 "
        "metricNamespace와 metricName으로 logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', "
        "...)를 다시 실행하세요(이름이 같은 필터는 교체됩니다)."),
    "metric_filter_value": (
        "Metric filter {filter} adds {found} for each match; each rejected attempt must add 1 (metricValue='1'): "
        "logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...) replaces it.",
        "지표 필터 {filter:은} 일치할 때마다 {found:을} 더합니다. 거부된 시도마다 1을 더해야 합니다"
        "(metricValue='1'). logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...)로 "
        "교체하세요."),
    "metric_filter_default": (
        "Metric filter {filter} adds {found} for every record that does not match: leave defaultValue out or set it "
        "to 0 (logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...) replaces it).",
        "지표 필터 {filter:은} 일치하지 않는 레코드마다 {found:을} 더합니다. defaultValue를 빼거나 0으로 하세요"
        "(logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...)로 교체)."),
    "metric_filter_misses": (
        "The filter pattern of {filter} does not match a rejected SSH attempt such as `{record}`. A space-delimited "
        "pattern names all 14 fields of the default format in order, in square brackets. Try it with "
        "logs.test_metric_filter(filterPattern=..., logEventMessages=[...]), then put it with "
        "logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...).",
        "{filter}의 필터 패턴이 `{record}` 같은 거부된 SSH 시도와 일치하지 않습니다. 공백으로 구분된 패턴은 기본 "
        "형식의 필드 14개를 모두 대괄호 안에 순서대로 나열합니다. logs.test_metric_filter(filterPattern=..., "
        "logEventMessages=[...])로 시험해 본 뒤 logs.put_metric_filter(logGroupName='{group}', "
        "filterName='{filter}', ...)로 넣으세요."),
    "metric_filter_counts_accepted": (
        "The filter pattern of {filter} also counts accepted SSH ({found}): add action=\"REJECT\" "
        "(logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...) replaces the filter).",
        "{filter}의 필터 패턴은 허용된 SSH도 셉니다({found}). action=\"REJECT\" 조건을 더하세요"
        "(logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...)로 필터를 교체)."),
    "metric_filter_counts_other_ports": (
        "The filter pattern of {filter} also counts other ports ({found}): the destination port must be exactly 22 "
        "(destport=22, no *, in the seventh field) (logs.put_metric_filter(logGroupName='{group}', "
        "filterName='{filter}', ...) replaces the filter).",
        "{filter}의 필터 패턴은 다른 포트도 셉니다({found}). 대상 포트가 정확히 22여야 합니다(일곱째 필드에 "
        "destport=22, * 없이). logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...)로 "
        "필터를 교체하세요."),
    "metric_filter_counts_udp": (
        "The filter pattern of {filter} also counts UDP to port 22 ({found}): SSH is TCP, add protocol=6 "
        "(logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...) replaces the filter).",
        "{filter}의 필터 패턴은 22번 포트로 가는 UDP도 셉니다({found}). SSH는 TCP이니 protocol=6 조건을 더하세요"
        "(logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...)로 필터를 교체)."),
    "no_alarm": (
        "There is no alarm {name}, nor any alarm on {metric}: create it with "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', ...).",
        "경보 {name:이} 없고 {metric}에 대한 경보도 없습니다. cloudwatch.put_metric_alarm(AlarmName='{name}', ...)으로 "
        "만드세요."),
    "alarm_wrong_name": (
        "Alarm {found} watches the lab's metric, but the lab names its alarm {expected}: create it with "
        "cloudwatch.put_metric_alarm(AlarmName='{expected}', ...), then delete the other with "
        "cloudwatch.delete_alarms(AlarmNames=['{found}']).",
        "경보 {found:이} 실습의 지표를 지켜보지만 실습의 경보 이름은 {expected}입니다. "
        "cloudwatch.put_metric_alarm(AlarmName='{expected}', ...)으로 만든 뒤 다른 하나는 "
        "cloudwatch.delete_alarms(AlarmNames=['{found}'])로 삭제하세요."),
    "alarm_wrong_metric": (
        "Alarm {name} watches {found}; it should watch {expected}, the metric the filter publishes. Run "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', Namespace=..., MetricName=..., ...) again: it replaces the "
        "alarm's settings.",
        "경보 {name:은} {found:을} 지켜봅니다. 필터가 게시하는 지표인 {expected:을} 지켜봐야 합니다. "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', Namespace=..., MetricName=..., ...)을 다시 실행하면 경보의 "
        "설정이 바뀝니다."),
    "alarm_dimensions": (
        "Alarm {name} watches the metric with the dimensions {found}, but the filter publishes it without "
        "dimensions: run cloudwatch.put_metric_alarm(AlarmName='{name}', ...) again without Dimensions.",
        "경보 {name:은} 차원 {found:이} 붙은 지표를 지켜보지만 필터는 차원 없이 지표를 게시합니다. "
        "Dimensions 없이 cloudwatch.put_metric_alarm(AlarmName='{name}', ...)을 다시 실행하세요."),
    "alarm_statistic": (
        "Alarm {name} uses the statistic {found}; the lab counts the attempts of each minute with {expected}: "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', Statistic='{expected}', ...).",
        "경보 {name:은} 통계 {found:을} 씁니다. 실습은 {expected:으로} 1분마다의 시도를 셉니다: "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', Statistic='{expected}', ...)."),
    "alarm_period": (
        "Alarm {name} judges periods of {found} s; the lab judges every minute: "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', Period={expected}, ...).",
        "경보 {name:은} {found}초 기간으로 판단합니다. 실습은 1분마다 판단합니다: "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', Period={expected}, ...)."),
    "alarm_evaluation_periods": (
        "Alarm {name} goes to ALARM on {found} (datapoints to alarm / evaluation periods); the lab alarms on one "
        "minute: cloudwatch.put_metric_alarm(AlarmName='{name}', EvaluationPeriods={expected}, ...), without "
        "DatapointsToAlarm.",
        "경보 {name:은} {found}(경보를 울릴 데이터 포인트 / 평가 기간)에서 ALARM 상태가 됩니다. 실습은 1분으로 "
        "판단합니다: DatapointsToAlarm 없이 cloudwatch.put_metric_alarm(AlarmName='{name}', "
        "EvaluationPeriods={expected}, ...)."),
    "alarm_threshold": (
        "Alarm {name} compares with {found}; the lab goes to ALARM at {threshold} or more rejected attempts in a "
        "minute: cloudwatch.put_metric_alarm(AlarmName='{name}', ComparisonOperator='{operator}', "
        "Threshold={threshold}, ...).",
        "경보 {name:은} {found:으로} 비교합니다. 실습은 1분에 거부된 시도가 {threshold}번 이상이면 ALARM 상태가 "
        "됩니다: cloudwatch.put_metric_alarm(AlarmName='{name}', ComparisonOperator='{operator}', "
        "Threshold={threshold}, ...)."),
    "alarm_missing_data": (
        "Alarm {name} treats missing data as {found}: a minute without any rejected SSH attempt may publish no "
        "data point, and that is no attack. Set TreatMissingData='{expected}' with "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', ...).",
        "경보 {name:은} 누락된 데이터를 {found:으로} 처리합니다. 거부된 SSH 시도가 없는 1분에는 데이터 포인트가 "
        "없을 수 있고, 그것은 공격이 아닙니다. cloudwatch.put_metric_alarm(AlarmName='{name}', "
        "TreatMissingData='{expected}', ...)으로 바꾸세요."),
    "alarm_actions_disabled": (
        "Alarm {name} has its actions disabled: cloudwatch.enable_alarm_actions(AlarmNames=['{name}']).",
        "경보 {name}의 작업이 비활성화되어 있습니다: cloudwatch.enable_alarm_actions(AlarmNames=['{name}'])."),
    "alarm_no_topic": (
        "Alarm {name} notifies no SNS topic when it goes to ALARM: run cloudwatch.put_metric_alarm(AlarmName='{name}', "
        "..., AlarmActions=[topic_arn]) again.",
        "경보 {name:은} ALARM 상태가 될 때 어떤 SNS 주제에도 알리지 않습니다. "
        "cloudwatch.put_metric_alarm(AlarmName='{name}', ..., AlarmActions=[topic_arn])을 다시 실행하세요."),
    "alarm_topic_missing": (
        "Alarm {name} notifies {topic}, which does not exist: create the topic with sns.create_topic and put its "
        "TopicArn in AlarmActions (cloudwatch.put_metric_alarm(AlarmName='{name}', ...)).",
        "경보 {name:이} 알리는 {topic:은} 없는 주제입니다. sns.create_topic으로 주제를 만들고 그 TopicArn을 "
        "AlarmActions에 넣으세요(cloudwatch.put_metric_alarm(AlarmName='{name}', ...))."),
    "topic_no_queue": (
        "No SQS queue is subscribed to the topic {topic}, so no notification can be seen: "
        "sns.subscribe(TopicArn='{topic}', Protocol='sqs', Endpoint=queue_arn).",
        "주제 {topic}에 구독된 SQS 대기열이 없어 알림을 볼 수 없습니다: "
        "sns.subscribe(TopicArn='{topic}', Protocol='sqs', Endpoint=queue_arn)."),
    "subscribed_queue_missing": (
        "The topic {topic} sends to the queue {queue}, which does not exist: create it with sqs.create_queue and "
        "subscribe it with sns.subscribe.",
        "주제 {topic:이} 보내는 대기열 {queue:은} 없습니다. sqs.create_queue로 만들고 sns.subscribe로 구독시키세요."),
    "queue_policy": (
        "The policy of the queue {queue} does not let SNS deliver the messages of {topic} (AWS drops them): allow "
        "sns.amazonaws.com to sqs:SendMessage with the condition aws:SourceArn = {topic}, with "
        "sqs.set_queue_attributes(QueueUrl='{queue}', Attributes={{'Policy': ...}}).",
        "대기열 {queue}의 정책이 SNS가 {topic}의 메시지를 보내는 것을 허용하지 않습니다(AWS는 그 메시지를 버립니다). "
        "sqs.set_queue_attributes(QueueUrl='{queue}', Attributes={{'Policy': ...}})로 sns.amazonaws.com에 "
        "조건 aws:SourceArn = {topic}의 sqs:SendMessage를 허용하세요."),
    "alarm_never_fired": (
        "Alarm {name} has not gone to ALARM yet (it is {state}). Alarms move only as simulated time moves: run the "
        "campaign cell (run_traffic) once the filter and the alarm exist.",
        "경보 {name:은} 아직 ALARM 상태가 된 적이 없습니다(지금 {state}). 경보는 시뮬레이션 시간이 흐를 때만 "
        "바뀝니다. 필터와 경보를 만든 뒤 공격 셀(run_traffic)을 실행하세요."),
    "alarm_set_by_hand": (
        "Alarm {name} went to ALARM only through cloudwatch.set_alarm_state, which says nothing about an attack: "
        "run the campaign cell (run_traffic) and let CloudWatch evaluate the metric.",
        "경보 {name:은} cloudwatch.set_alarm_state로만 ALARM 상태가 되었고, 이는 공격에 대해 아무것도 말해 주지 "
        "않습니다. 공격 셀(run_traffic)을 실행해 CloudWatch가 지표를 평가하게 하세요."),
    "alarm_not_notified": (
        "Alarm {name} went to ALARM but notified no topic then (its actions were missing or disabled): run the "
        "campaign cell again, a quiet stretch then the attack, for a new change of state.",
        "경보 {name:은} ALARM 상태가 되었지만 그때 어떤 주제에도 알리지 않았습니다(작업이 없었거나 비활성화됨). "
        "조용한 구간 다음 공격이 오는 공격 셀을 다시 실행해 새 상태 변화를 만드세요."),
    "no_ssh_rejects": (
        "No rejected SSH attempt has been recorded yet: let only the administrator reach SSH, then run the "
        "campaign cell.",
        "아직 기록된 거부된 SSH 시도가 없습니다. 관리자만 SSH에 접속할 수 있게 한 뒤 공격 셀을 실행하세요."),
    "answer_top_any_port": (
        "{answer} has the most rejected records over all ports (the scanner you blocked); the question is about "
        "SSH: keep only dstPort = 22 and protocol = 6 before counting.",
        "{answer:은} 모든 포트를 합쳐 거부된 레코드가 가장 많은 주소(차단한 스캐너)입니다. 질문은 SSH에 관한 것이니 "
        "세기 전에 dstPort = 22와 protocol = 6만 남기세요."),
    "answer_no_ssh_rejects": (
        "{answer} made no rejected SSH attempt toward the bastion: filter action = \"REJECT\" and dstPort = 22 "
        "before counting by srcAddr.",
        "{answer}에서 배스천으로 간 거부된 SSH 시도는 없습니다. srcAddr별로 세기 전에 action = \"REJECT\"와 "
        "dstPort = 22로 걸러 보세요."),
}


def _entries() -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for step, (title_en, title_ko, hint_en, hint_ko) in _STEPS.items():
        entries[f"checks.{step}.title"] = {"en": title_en, "ko": title_ko}
        entries[f"checks.{step}.hint"] = {"en": hint_en, "ko": hint_ko}
    for name, (en, ko) in _WHY.items():
        entries[f"checks.why.{name}"] = {"en": en, "ko": ko}
    return entries


MESSAGES = _entries()
