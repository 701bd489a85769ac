"""The lab notebooks' helpers (labkit.labs): rebuilding earlier labs' state, waiting for delivery and alarms."""

MESSAGES = {
    "labs.prepared.title": "Lab {lab} starts from what the earlier labs built (no XP is awarded for it):",
    "labs.prepared.created": "  + {what}: rebuilt in this sandbox",
    "labs.prepared.found": "  = {what}: already there",
    "labs.prepared.nothing": "  (this lab needs nothing from earlier labs)",
    "labs.prepared.earlier_day_note": "Traffic: {earlier} minutes of yesterday ({hour}:00 UTC, to S3 only) were added "
    "to what your flow logs delivered today, as if they had been running since "
    "yesterday.",
    "labs.prepared.traffic_note": "Traffic: the last {minutes} simulated minutes, and {earlier} minutes of yesterday "
    "({hour}:00 UTC, to S3 only), as if the flow logs had been running since yesterday.",
    "labs.prepared.aws_traffic": "On AWS your flow logs deliver the VPC's real traffic: nothing is simulated. If the "
    "bucket is still empty, wait_for_delivery() polls until files arrive.",
    "labs.item.demo_vpc": "demo VPC and bastion host",
    "labs.item.bucket": "flow-log S3 bucket",
    "labs.item.s3_flow_log": "flow log DemoS3FlowLog (to S3)",
    "labs.item.role": "IAM role flowlogsrole",
    "labs.item.log_group": "log group VPCFlowLogs (1-day retention)",
    "labs.item.cwl_flow_log": "flow log DemoFlowLog CloudWatch Logs",
    "labs.item.traffic": "traffic delivered by the flow logs",
    "labs.waiting": "Waiting for AWS to deliver {files} new flow-log file(s) to s3://{bucket}/ (about 10 minutes; "
    "giving up after {minutes} min).",
    "labs.still_waiting": "  {bar} {minutes} of {limit} min: {files} file(s) so far",
    "labs.delivered": "Delivered: {files} flow-log file(s) in the bucket.",
    "labs.alarm_waiting": "Waiting for alarm {name} to be {state}: on AWS real attackers come by themselves, and "
    "their records reach CloudWatch Logs minutes later (giving up after {minutes} min).",
    "labs.alarm_still_waiting": "  … {minutes} min: the alarm is {state}",
    "labs.alarm_reached": "Alarm {name} is {state}.",
    "labs.alarm_not_yet": "Alarm {name} is still {state} after {minutes} min: no attack big enough yet. Run this cell "
    "again later.",
    "labs.not_delivered_yet": "No new file after {minutes} min. Is the flow log ACTIVE and the instance running? Run "
    "this cell again later.",
}
