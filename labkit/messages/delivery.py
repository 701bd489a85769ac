MESSAGES = {
    "delivery.failed": {
        "en": "Flow log {flow_log_id}: delivery to {destination} failed ({error}). "
              "AWS would drop these records too; fix the destination and later minutes are delivered.",
        "ko": "흐름 로그 {flow_log_id}: {destination:으로} 전송하지 못했습니다({error}). "
              "AWS에서도 이 레코드는 버려집니다. 대상을 고치면 이후 분의 레코드부터 전송됩니다.",
    },
    "delivery.cloudwatch_failed": {
        "en": "Flow log {flow_log_id}: DeliverLogsStatus is FAILED ({reason}), so nothing goes to log group "
              "{log_group}. Check that the role trusts vpc-flow-logs.amazonaws.com, allows logs:CreateLogStream "
              "and logs:PutLogEvents, and that the log group exists.",
        "ko": "흐름 로그 {flow_log_id}: DeliverLogsStatus가 FAILED({reason})라서 로그 그룹 {log_group}에 아무것도 "
              "전송되지 않습니다. 역할이 vpc-flow-logs.amazonaws.com을 신뢰하는지, logs:CreateLogStream과 "
              "logs:PutLogEvents를 허용하는지, 로그 그룹이 있는지 확인하세요.",
    },
    "delivery.minutes_out_of_order": {
        "en": "Minute {minute} was given after minute {last}: deliver minutes in time order.",
        "ko": "시각 {minute}의 레코드가 시각 {last} 다음에 들어왔습니다. 1분 단위 레코드는 시간 순서대로 넘겨야 합니다.",
    },
    "delivery.unknown_fields": {
        "en": "Not flow-log fields: {fields}. A format lists some of: {known}.",
        "ko": "흐름 로그 필드가 아닙니다: {fields}. 형식에는 다음 필드 중 일부를 쓸 수 있습니다: {known}.",
    },
}
