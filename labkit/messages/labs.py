"""The lab notebooks' helpers (labkit.labs): rebuilding earlier labs' state, waiting for delivery and alarms."""

MESSAGES = {
    "labs.prepared.title": {
        "en": "Lab {lab} starts from what the earlier labs built (no XP is awarded for it):",
        "ko": "실습 {lab}: 앞선 실습에서 만든 리소스에서 시작합니다(이 준비로는 XP를 받지 않습니다).",
    },
    "labs.prepared.created": {
        "en": "  + {what}: rebuilt in this sandbox",
        "ko": "  + {what}: 이 샌드박스에 다시 만들었습니다",
    },
    "labs.prepared.found": {
        "en": "  = {what}: already there",
        "ko": "  = {what}: 이미 있습니다",
    },
    "labs.prepared.nothing": {
        "en": "  (this lab needs nothing from earlier labs)",
        "ko": "  (이 실습은 앞선 실습의 결과가 필요 없습니다)",
    },
    "labs.prepared.earlier_day_note": {
        "en": "Traffic: {earlier} minutes of yesterday ({hour}:00 UTC, to S3 only) were added to what your flow "
              "logs delivered today, as if they had been running since yesterday.",
        "ko": "트래픽: 오늘 흐름 로그가 전송한 것에 어제({hour}:00 UTC, S3에만) {earlier}분을 더했습니다. "
              "흐름 로그가 어제부터 켜져 있었던 것처럼요.",
    },
    "labs.prepared.traffic_note": {
        "en": "Traffic: the last {minutes} simulated minutes, and {earlier} minutes of yesterday ({hour}:00 UTC, "
              "to S3 only), as if the flow logs had been running since yesterday.",
        "ko": "트래픽: 최근 {minutes}분과 어제({hour}:00 UTC, S3에만) {earlier}분을 시뮬레이션했습니다. "
              "흐름 로그가 어제부터 켜져 있었던 것처럼요.",
    },
    "labs.prepared.aws_traffic": {
        "en": "On AWS your flow logs deliver the VPC's real traffic: nothing is simulated. "
              "If the bucket is still empty, wait_for_delivery() polls until files arrive.",
        "ko": "AWS에서는 흐름 로그가 VPC의 실제 트래픽을 전송하므로 시뮬레이션하지 않습니다. "
              "버킷이 아직 비어 있으면 wait_for_delivery()가 파일이 올 때까지 확인합니다.",
    },
    "labs.item.demo_vpc": {"en": "demo VPC and bastion host", "ko": "데모 VPC와 배스천 호스트"},
    "labs.item.bucket": {"en": "flow-log S3 bucket", "ko": "흐름 로그 S3 버킷"},
    "labs.item.s3_flow_log": {"en": "flow log DemoS3FlowLog (to S3)", "ko": "흐름 로그 DemoS3FlowLog (S3로)"},
    "labs.item.role": {"en": "IAM role flowlogsrole", "ko": "IAM 역할 flowlogsrole"},
    "labs.item.log_group": {"en": "log group VPCFlowLogs (1-day retention)",
                            "ko": "로그 그룹 VPCFlowLogs (보존 기간 1일)"},
    "labs.item.cwl_flow_log": {"en": "flow log DemoFlowLog CloudWatch Logs",
                               "ko": "흐름 로그 DemoFlowLog CloudWatch Logs"},
    "labs.item.traffic": {"en": "traffic delivered by the flow logs", "ko": "흐름 로그가 전송한 트래픽"},
    "labs.waiting": {
        "en": "Waiting for AWS to deliver {files} new flow-log file(s) to s3://{bucket}/ (about 10 minutes; "
              "giving up after {minutes} min).",
        "ko": "AWS가 s3://{bucket}/에 새 흐름 로그 파일 {files}개를 전송하기를 기다립니다(약 10분, 최대 {minutes}분).",
    },
    "labs.still_waiting": {
        "en": "  {bar} {minutes} of {limit} min: {files} file(s) so far",
        "ko": "  {bar} {limit}분 중 {minutes}분 경과: 지금까지 파일 {files}개",
    },
    "labs.delivered": {
        "en": "Delivered: {files} flow-log file(s) in the bucket.",
        "ko": "전송 완료: 버킷에 흐름 로그 파일 {files}개.",
    },
    "labs.alarm_waiting": {
        "en": "Waiting for alarm {name} to be {state}: on AWS real attackers come by themselves, and their records "
              "reach CloudWatch Logs minutes later (giving up after {minutes} min).",
        "ko": "경보 {name:이} {state} 상태가 되기를 기다립니다. AWS에서는 실제 공격자가 스스로 찾아오고, 그 레코드는 "
              "몇 분 뒤에 CloudWatch Logs에 도착합니다(최대 {minutes}분).",
    },
    "labs.alarm_still_waiting": {
        "en": "  … {minutes} min: the alarm is {state}",
        "ko": "  … {minutes}분 경과: 경보는 {state} 상태입니다",
    },
    "labs.alarm_reached": {
        "en": "Alarm {name} is {state}.",
        "ko": "경보 {name:이} {state} 상태입니다.",
    },
    "labs.alarm_not_yet": {
        "en": "Alarm {name} is still {state} after {minutes} min: no attack big enough yet. Run this cell again later.",
        "ko": "{minutes}분이 지나도 경보 {name:은} 아직 {state} 상태입니다. 아직 충분히 큰 공격이 없었으니 나중에 이 셀을 "
              "다시 실행하세요.",
    },
    "labs.not_delivered_yet": {
        "en": "No new file after {minutes} min. Is the flow log ACTIVE and the instance running? Run this cell again later.",
        "ko": "{minutes}분이 지나도 새 파일이 없습니다. 흐름 로그가 ACTIVE이고 인스턴스가 실행 중인지 확인하고, 나중에 이 셀을 다시 실행하세요.",
    },
}
