MESSAGES = {
    "delivery.failed": "Flow log {flow_log_id}: delivery to {destination} failed ({error}). AWS would drop these "
    "records too; fix the destination and later minutes are delivered.",
    "delivery.cloudwatch_failed": "Flow log {flow_log_id}: DeliverLogsStatus is FAILED ({reason}), so nothing goes to "
    "log group {log_group}. Check that the role trusts vpc-flow-logs.amazonaws.com, "
    "allows logs:CreateLogStream and logs:PutLogEvents, and that the log group exists.",
    "delivery.minutes_out_of_order": "Minute {minute} was given after minute {last}: deliver minutes in time order.",
    "delivery.unknown_fields": "Not flow-log fields: {fields}. A format lists some of: {known}.",
}
