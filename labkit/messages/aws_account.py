"""A real AWS account: who and where, what the labs cost, the one confirmation, and `labkit cleanup`.

Korean: "confirm" is 승인 (확인 is the course's word for a check); identity is 자격 증명, as in IAM's
Korean documentation.
"""

MESSAGES = {
    "aws_account.refused_in_ci": "CI is set: labkit does not use a real AWS account in a CI run. Unset LABKIT_TARGET, "
    "or set {variable}=1 if this run really must create billable resources.",
    "aws_account.not_confirmed": "Nothing billable is created in AWS account {account}, region {region} until you "
    "confirm once: run `labkit.confirm_aws()` (or `labkit.start(lab, confirm_aws=True)`; "
    "in a terminal `labkit confirm-aws`).",
    "aws_account.no_identity": "labkit cannot tell which AWS account these credentials belong to ({detail}). Sign in "
    "as you usually do (AWS_PROFILE, `aws sso login`, or access keys) and check with `aws "
    "sts get-caller-identity`.",
    "aws_account.sandbox_nothing_to_confirm": "You are on the local sandbox: nothing costs money, so there is nothing "
    "to confirm.",
    "aws_account.notice_title": "These labs run on a real AWS account: they create resources that cost money.",
    "aws_account.identity": "Account {account}, region {region}, identity {arn}.",
    "aws_account.costs_title": "What each lab costs, roughly (us-east-1 on-demand prices; an account in its free tier "
    "pays less):",
    "aws_account.lab_cost": "  Lab {lab}: {cost}. {why}",
    "aws_account.course_cost": "The whole course in one sitting, cleaned up at the end: {total}.",
    "aws_account.left_running": "Left running, the demo environment costs {day} a day: clean up when you are done "
    "(lab 04, or `labkit cleanup`).",
    "aws_account.tagged": "Everything the labs create is tagged labkit:course=vpc-flow-logs; `labkit cleanup` deletes "
    "exactly that (`labkit cleanup --dry-run` lists it first).",
    "aws_account.how_to_confirm": "Nothing billable is created until you confirm once for this account and region: "
    'run `labkit.confirm_aws()`, or start with `labkit.start("{lab}", '
    "confirm_aws=True)`.",
    "aws_account.confirmed": "Using AWS account {account}, region {region}, as {arn} (confirmed {time}): the labs "
    "create real, billable resources here.",
    "aws_account.just_confirmed": "Confirmed: the labs may now create resources in AWS account {account}, region "
    "{region} (as {arn}, {time}). This LABKIT_HOME remembers it for this account and "
    "region.",
    "aws_account.bucket_untagged": "Could not tag bucket {bucket} ({code}): `labkit cleanup` will not find it, so "
    "delete it yourself when you are done.",
    "aws_account.cleanup.title": "Removing what the course created in account {account}, region {region}:",
    "aws_account.cleanup.title_dry": "Dry run, nothing is deleted. In account {account}, region {region}, cleanup "
    "would remove:",
    "aws_account.cleanup.removed": "  removed {kind} {name}{objects}",
    "aws_account.cleanup.would_remove": "  would remove {kind} {name}{objects}",
    "aws_account.cleanup.failed": "  could not remove {kind} {name}: {code} {detail}",
    "aws_account.cleanup.search_failed": "  could not list {name}: {code} {detail} (what it would have found is not "
    "removed)",
    "aws_account.cleanup.objects": " ({count} object versions)",
    "aws_account.cleanup.nothing": "Nothing tagged labkit:course=vpc-flow-logs is left in account {account}, region "
    "{region}: nothing to remove.",
    "aws_account.cleanup.summary_ok": "{removed} removed; nothing the course created is left here.",
    "aws_account.cleanup.summary": "{removed} removed, {failed} could not be removed.",
    "aws_account.cleanup.summary_dry": "{count} would be removed: run `labkit cleanup` without --dry-run to remove "
    "them.",
    "aws_account.cleanup.retry": "Run `labkit cleanup` again once the cause is fixed: it removes only what is still "
    "there.",
    # Kinds of resource (aws_account.kind.<kind>).
    "aws_account.kind.flow_log": "flow log",
    "aws_account.kind.alarm": "alarm",
    "aws_account.kind.topic": "SNS topic",
    "aws_account.kind.queue": "SQS queue",
    "aws_account.kind.metric_filter": "metric filter",
    "aws_account.kind.log_group": "log group",
    "aws_account.kind.crawler": "Glue crawler",
    "aws_account.kind.glue_table": "Glue table",
    "aws_account.kind.glue_database": "Glue database",
    "aws_account.kind.workgroup": "Athena workgroup",
    "aws_account.kind.instance": "EC2 instance",
    "aws_account.kind.elastic_ip": "Elastic IP address",
    "aws_account.kind.network_interface": "network interface",
    "aws_account.kind.volume": "EBS volume",
    "aws_account.kind.security_group": "security group",
    "aws_account.kind.subnet": "subnet",
    "aws_account.kind.route_table": "route table",
    "aws_account.kind.network_acl": "network ACL",
    "aws_account.kind.internet_gateway": "internet gateway",
    "aws_account.kind.vpc": "VPC",
    "aws_account.kind.role": "IAM role",
    "aws_account.kind.bucket": "S3 bucket",
    "aws_account.kind.search": "listing",
    # What each lab creates on a real account, and what it costs.
    "aws_account.cost_why.00-welcome": "Reads only (who you are, your bucket list): free.",
    "aws_account.cost_why.01-flow-logs": "Builds the demo VPC without a NAT gateway, two t3.micro instances with a "
    "public IPv4 address for the bastion, two flow logs, a bucket, a role and a "
    "log group: about an hour of instances and log data.",
    "aws_account.cost_why.02-reading-flow-logs": "About an hour more of the same environment; reading S3 and "
    "CloudWatch Logs, one network ACL entry, a metric filter, an alarm "
    "($0.10 a month), an SNS topic, an SQS queue and a few Logs Insights "
    "queries cost next to nothing.",
    "aws_account.cost_why.03-athena": "About an hour more, Athena at $5 per TB scanned with a 10 MB minimum per "
    "query (100 queries cost about half a cent), and one Glue crawler run, billed at least 10 minutes at "
    "$0.44 per DPU-hour (about $0.15 at 2 DPUs).",
    "aws_account.cost_why.04-cleanup": "Deleting is free; the instances run for a last quarter of an hour.",
}
