"""Checks of lab 02's real-time detection: the metric filter, the alarm, the Logs Insights answer.

Each reason names the call that fixes it; PutMetricFilter and PutMetricAlarm replace what has the same name.
"""

MESSAGES = {
    # Each step's title and hint (checks.<step>.title, checks.<step>.hint).
    "checks.detection.metric_filter.title": "Metric filter counting rejected SSH attempts in VPCFlowLogs",
    "checks.detection.metric_filter.hint": "logs.put_metric_filter on the log group VPCFlowLogs: a space-delimited "
    "pattern names the 14 fields of the default format in order, in square "
    "brackets, with conditions on three of them (destport=22, protocol=6, "
    "action=\"REJECT\"); metric VPCFlowLogMetrics/SSHRejects, metricValue '1'.",
    "checks.detection.alarm.title": "Alarm ssh-brute-force went to ALARM on rejected SSH attempts and notified",
    "checks.detection.alarm.hint": "cloudwatch.put_metric_alarm(AlarmName='ssh-brute-force', "
    "Namespace='VPCFlowLogMetrics', MetricName='SSHRejects', Statistic='Sum', "
    "Period=60, EvaluationPeriods=1, Threshold=5, "
    "ComparisonOperator='GreaterThanOrEqualToThreshold', "
    "TreatMissingData='notBreaching', AlarmActions=[topic_arn]), with an SQS queue "
    "subscribed to the topic; then run the campaign cell (run_traffic): alarms "
    "evaluate only as simulated time moves.",
    "checks.detection.insights_answer.title": "The source with the most rejected SSH attempts, found with Logs "
    "Insights",
    "checks.detection.insights_answer.hint": "One Logs Insights query over VPCFlowLogs: keep the rejected SSH records "
    "(action, dstPort, protocol), count them by srcAddr with stats, sort the "
    "count in descending order, and answer with the first srcAddr.",
    # Why a check did not pass (checks.why.<name>).
    "checks.why.no_metric_filter": "No metric filter on log group {group} publishes {metric}: create it with "
    "logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...).",
    "checks.why.metric_filter_other_group": "Metric filter {filter} is on log group {found}, but the flow log "
    "delivers to {group}: create it on {group} with "
    "logs.put_metric_filter(logGroupName='{group}', ...), and delete the "
    "other with logs.delete_metric_filter(logGroupName='{found}', "
    "filterName='{filter}').",
    "checks.why.metric_filter_wrong_metric": "Metric filter {filter} publishes {found}, but the alarm watches "
    "{expected}: run logs.put_metric_filter(logGroupName='{group}', "
    "filterName='{filter}', ...) again with the metricNamespace and "
    "metricName of {expected} (a filter of the same name is replaced).",
    "checks.why.metric_filter_value": "Metric filter {filter} adds {found} for each match; each rejected attempt must "
    "add 1 (metricValue='1'): logs.put_metric_filter(logGroupName='{group}', "
    "filterName='{filter}', ...) replaces it.",
    "checks.why.metric_filter_default": "Metric filter {filter} adds {found} for every record that does not match: "
    "leave defaultValue out or set it to 0 "
    "(logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', ...) "
    "replaces it).",
    "checks.why.metric_filter_misses": "The filter pattern of {filter} does not match a rejected SSH attempt such as "
    "`{record}`. A space-delimited pattern names all 14 fields of the default "
    "format in order, in square brackets. Try it with "
    "logs.test_metric_filter(filterPattern=..., logEventMessages=[...]), then put "
    "it with logs.put_metric_filter(logGroupName='{group}', filterName='{filter}', "
    "...).",
    "checks.why.metric_filter_counts_accepted": "The filter pattern of {filter} also counts accepted SSH ({found}): "
    'add action="REJECT" '
    "(logs.put_metric_filter(logGroupName='{group}', "
    "filterName='{filter}', ...) replaces the filter).",
    "checks.why.metric_filter_counts_other_ports": "The filter pattern of {filter} also counts other ports ({found}): "
    "the destination port must be exactly 22 (destport=22, no *, in "
    "the seventh field) "
    "(logs.put_metric_filter(logGroupName='{group}', "
    "filterName='{filter}', ...) replaces the filter).",
    "checks.why.metric_filter_counts_udp": "The filter pattern of {filter} also counts UDP to port 22 ({found}): SSH "
    "is TCP, add protocol=6 (logs.put_metric_filter(logGroupName='{group}', "
    "filterName='{filter}', ...) replaces the filter).",
    "checks.why.no_alarm": "There is no alarm {name}, nor any alarm on {metric}: create it with "
    "cloudwatch.put_metric_alarm(AlarmName='{name}', ...).",
    "checks.why.alarm_wrong_name": "Alarm {found} watches the lab's metric, but the lab names its alarm {expected}: "
    "create it with cloudwatch.put_metric_alarm(AlarmName='{expected}', ...), then "
    "delete the other with cloudwatch.delete_alarms(AlarmNames=['{found}']).",
    "checks.why.alarm_wrong_metric": "Alarm {name} watches {found}; it should watch {expected}, the metric the filter "
    "publishes. Run cloudwatch.put_metric_alarm(AlarmName='{name}', Namespace=..., "
    "MetricName=..., ...) again: it replaces the alarm's settings.",
    "checks.why.alarm_dimensions": "Alarm {name} watches the metric with the dimensions {found}, but the filter "
    "publishes it without dimensions: run "
    "cloudwatch.put_metric_alarm(AlarmName='{name}', ...) again without Dimensions.",
    "checks.why.alarm_statistic": "Alarm {name} uses the statistic {found}; the lab counts the attempts of each "
    "minute with {expected}: cloudwatch.put_metric_alarm(AlarmName='{name}', "
    "Statistic='{expected}', ...).",
    "checks.why.alarm_period": "Alarm {name} judges periods of {found} s; the lab judges every minute: "
    "cloudwatch.put_metric_alarm(AlarmName='{name}', Period={expected}, ...).",
    "checks.why.alarm_evaluation_periods": "Alarm {name} goes to ALARM on {found} (datapoints to alarm / evaluation "
    "periods); the lab alarms on one minute: "
    "cloudwatch.put_metric_alarm(AlarmName='{name}', "
    "EvaluationPeriods={expected}, ...), without DatapointsToAlarm.",
    "checks.why.alarm_threshold": "Alarm {name} compares with {found}; the lab goes to ALARM at {threshold} or more "
    "rejected attempts in a minute: cloudwatch.put_metric_alarm(AlarmName='{name}', "
    "ComparisonOperator='{operator}', Threshold={threshold}, ...).",
    "checks.why.alarm_missing_data": "Alarm {name} treats missing data as {found}: a minute without any rejected SSH "
    "attempt may publish no data point, and that is no attack. Set "
    "TreatMissingData='{expected}' with "
    "cloudwatch.put_metric_alarm(AlarmName='{name}', ...).",
    "checks.why.alarm_actions_disabled": "Alarm {name} has its actions disabled: "
    "cloudwatch.enable_alarm_actions(AlarmNames=['{name}']).",
    "checks.why.alarm_no_topic": "Alarm {name} notifies no SNS topic when it goes to ALARM: run "
    "cloudwatch.put_metric_alarm(AlarmName='{name}', ..., AlarmActions=[topic_arn]) "
    "again.",
    "checks.why.alarm_topic_missing": "Alarm {name} notifies {topic}, which does not exist: create the topic with "
    "sns.create_topic and put its TopicArn in AlarmActions "
    "(cloudwatch.put_metric_alarm(AlarmName='{name}', ...)).",
    "checks.why.topic_no_queue": "No SQS queue is subscribed to the topic {topic}, so no notification can be seen: "
    "sns.subscribe(TopicArn='{topic}', Protocol='sqs', Endpoint=queue_arn).",
    "checks.why.subscribed_queue_missing": "The topic {topic} sends to the queue {queue}, which does not exist: "
    "create it with sqs.create_queue and subscribe it with sns.subscribe.",
    "checks.why.queue_policy": "The policy of the queue {queue} does not let SNS deliver the messages of {topic} (AWS "
    "drops them): allow sns.amazonaws.com to sqs:SendMessage with the condition "
    "aws:SourceArn = {topic}, with sqs.set_queue_attributes(QueueUrl='{queue}', "
    "Attributes={{'Policy': ...}}).",
    "checks.why.alarm_never_fired": "Alarm {name} has not gone to ALARM yet (it is {state}). Alarms move only as "
    "simulated time moves: run the campaign cell (run_traffic) once the filter and "
    "the alarm exist.",
    "checks.why.alarm_set_by_hand": "Alarm {name} went to ALARM only through cloudwatch.set_alarm_state, which says "
    "nothing about an attack: run the campaign cell (run_traffic) and let CloudWatch "
    "evaluate the metric.",
    "checks.why.alarm_not_notified": "Alarm {name} went to ALARM but notified no topic then (its actions were missing "
    "or disabled): run the campaign cell again, a quiet stretch then the attack, for "
    "a new change of state.",
    "checks.why.no_ssh_rejects": "No rejected SSH attempt has been recorded yet: let only the administrator reach "
    "SSH, then run the campaign cell.",
    "checks.why.answer_top_any_port": "{answer} has the most rejected records over all ports (the scanner you "
    "blocked); the question is about SSH: keep only dstPort = 22 and protocol = 6 "
    "before counting.",
    "checks.why.answer_no_ssh_rejects": "{answer} made no rejected SSH attempt toward the bastion: filter action = "
    '"REJECT" and dstPort = 22 before counting by srcAddr.',
}
