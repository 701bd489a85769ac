"""Checks: lab and step titles, hints, what is missing, and how a result reads."""

MESSAGES = {
    # Lab titles.
    "checks.lab.00-welcome": "Welcome: flow logs, the sandbox and XP",
    "checks.lab.01-flow-logs": "Creating flow logs",
    "checks.lab.02-reading-flow-logs": "Reading flow logs",
    "checks.lab.03-athena": "Querying flow logs with Athena",
    "checks.lab.04-cleanup": "Cleaning up",
    # Each step's title and hint (checks.<step>.title, checks.<step>.hint).
    "checks.welcome.connected.title": "Connected to AWS (sandbox or your account): which account",
    "checks.welcome.connected.hint": "Run `lab = labkit.start(...)` first (for a real account set LABKIT_TARGET=aws "
    "and unset AWS_ENDPOINT_URL), then ask STS: "
    "boto3.client('sts').get_caller_identity()['Account'] is the answer.",
    "checks.flowlogs.demo_vpc.title": "Demo VPC with its bastion host",
    "checks.flowlogs.demo_vpc.hint": "Build the demo environment (VPC tagged Name=labkit-demo-vpc, instance "
    "labkit-bastion with a public IP).",
    "checks.flowlogs.bucket.title": "S3 bucket for flow logs",
    "checks.flowlogs.bucket.hint": "Create the bucket in the lab's region: s3.create_bucket(Bucket=bucket_name) "
    "(outside us-east-1 add a CreateBucketConfiguration).",
    "checks.flowlogs.s3_flow_log.title": "Flow log DemoS3FlowLog to S3",
    "checks.flowlogs.s3_flow_log.hint": "ec2.create_flow_logs on the demo VPC with LogDestinationType='s3', the "
    "bucket's ARN, TrafficType ALL (or REJECT), MaxAggregationInterval=60, the "
    "default format, and a Name tag DemoS3FlowLog.",
    "checks.flowlogs.bucket_policy.title": "Where the bucket policy lets log delivery write",
    "checks.flowlogs.bucket_policy.hint": "Read the policy, "
    "json.loads(s3.get_bucket_policy(Bucket=bucket)['Policy']), find the "
    "statement whose Action is s3:PutObject, and answer with its Resource. AWS "
    "attached the policy when you created DemoS3FlowLog; if it is gone or "
    "changed, delete that flow log and create it again.",
    "checks.flowlogs.role.title": "IAM role flowlogsrole for CloudWatch Logs delivery",
    "checks.flowlogs.role.hint": "Create role flowlogsrole whose trust policy lets the service "
    "vpc-flow-logs.amazonaws.com call sts:AssumeRole, and attach "
    "CloudWatchLogsFullAccess (or a policy with logs:CreateLogStream and "
    "logs:PutLogEvents).",
    "checks.flowlogs.log_group.title": "Log group VPCFlowLogs with 1-day retention",
    "checks.flowlogs.log_group.hint": "logs.create_log_group(logGroupName='VPCFlowLogs'), then "
    "logs.put_retention_policy(logGroupName='VPCFlowLogs', retentionInDays=1).",
    "checks.flowlogs.cwl_flow_log.title": "Flow log 'DemoFlowLog CloudWatch Logs'",
    "checks.flowlogs.cwl_flow_log.hint": "ec2.create_flow_logs on the demo VPC with "
    "LogDestinationType='cloud-watch-logs', LogGroupName='VPCFlowLogs', "
    "DeliverLogsPermissionArn of flowlogsrole, TrafficType ALL, "
    "MaxAggregationInterval=60, Name tag 'DemoFlowLog CloudWatch Logs'.",
    "checks.reading.s3_objects.title": "A delivered flow-log object in S3",
    "checks.reading.s3_objects.hint": "List the bucket under AWSLogs/ with s3.list_objects_v2 and give the Key of one "
    ".log.gz file as the answer.",
    "checks.reading.bastion_eni.title": "The bastion's network interface",
    "checks.reading.bastion_eni.hint": "ec2.describe_instances with the filter tag:Name=labkit-bastion; the answer is "
    "NetworkInterfaces[0]['NetworkInterfaceId'].",
    "checks.reading.top_attacker.title": "The address with the most rejected attempts",
    "checks.reading.top_attacker.hint": "Count REJECT records on the bastion's ENI by srcaddr (the CloudWatch Logs "
    "stream or the S3 files) and answer with the top address.",
    "checks.reading.nacl_block.title": "Network ACL blocks the worst attacker, and only it",
    "checks.reading.nacl_block.hint": "Add an inbound DENY entry for ATTACKER/32 to the bastion subnet's network ACL "
    "with a rule number lower than the ALLOW rules (e.g. 90); keep SSH from the "
    "admin and the return traffic on ports 1024-65535 allowed. A rule number is "
    "used once: to change an entry, ec2.replace_network_acl_entry.",
    "checks.firewall.sg_revoked.title": "The stolen laptop's security-group rule removed, its open session still "
    "flowing",
    "checks.firewall.sg_revoked.hint": "Revoke the inbound rule that lets 198.51.100.23/32 reach port 22 "
    "(ec2.revoke_security_group_ingress), then run the traffic again: the session "
    "the security group already tracks keeps flowing, new connections are refused.",
    "checks.firewall.nacl_cut.title": "A network ACL deny that cuts the stolen laptop's session at once",
    "checks.firewall.nacl_cut.hint": "Add an inbound DENY entry for 198.51.100.23/32 to the bastion subnet's network "
    "ACL with a number below its ALLOW rules (ec2.create_network_acl_entry), then "
    "run the traffic again.",
    "checks.firewall.reject_flow_log.title": "A flow log that records only REJECT traffic",
    "checks.firewall.reject_flow_log.hint": "ec2.create_flow_logs on the demo VPC with TrafficType='REJECT', to S3 in "
    "a folder of its own (LogDestination 'arn:aws:s3:::BUCKET/rejects'), "
    "MaxAggregationInterval=60 and a Name tag.",
    "checks.firewall.blocking_rule.title": "The network ACL rule that refuses the office backup",
    "checks.firewall.blocking_rule.hint": "In the REJECT-only records of the office's address, see which direction is "
    "refused and to which port; then read the ACL's rules of that direction in "
    "number order: the first that matches decides. Answer with its rule number.",
    "checks.firewall.office_fixed.title": "The office backup goes through again",
    "checks.firewall.office_fixed.hint": "Let the bastion's replies out to the office's ephemeral ports: an outbound "
    "ALLOW for TCP 1024-65535 to 198.51.100.7/32 numbered before the rule that "
    "denies them, then run the traffic again.",
    "checks.athena.result_location.title": "Athena query result location",
    "checks.athena.result_location.hint": "Create a bucket for results and the course's own workgroup writing there "
    "(the account's primary stays as it is): athena.create_work_group("
    "Name='labkit-flow-logs', Configuration={{'ResultConfiguration': "
    "{{'OutputLocation': 's3://BUCKET/'}}}}).",
    "checks.athena.table.title": "Partitioned table vpc_flow_logs",
    "checks.athena.table.hint": "Run the tutorial's CREATE EXTERNAL TABLE vpc_flow_logs with the 14 default columns, "
    "PARTITIONED BY (`date` date), LOCATION "
    "'s3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/' and skip.header.line.count=1.",
    "checks.athena.partition.title": "A partition that holds flow logs",
    "checks.athena.partition.hint": "ALTER TABLE vpc_flow_logs ADD PARTITION (`date`='YYYY-MM-DD') LOCATION "
    "'s3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/YYYY/MM/DD' for a day that has "
    "log files.",
    "checks.athena.crawler.title": "A Glue crawler that found the partitions",
    "checks.athena.crawler.hint": "Create a CSV classifier that reads flow logs "
    "(glue.create_classifier(CsvClassifier={{'Name': ..., 'Delimiter': ' ', "
    "'ContainsHeader': 'PRESENT'}})), a crawler with that classifier, a role Glue can "
    "assume and the S3 target 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/' "
    "(glue.create_crawler), then glue.start_crawler and wait until its State is READY "
    "again.",
    "checks.athena.projection.title": "A table with partition projection",
    "checks.athena.projection.hint": "Create a table with TBLPROPERTIES projection.enabled=true, a "
    "projection.<key>.type for each partition key, and storage.location.template "
    "'s3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/${{day}}'.",
    "checks.athena.rejected_count.title": "How many REJECT records the S3 flow log delivered",
    "checks.athena.rejected_count.hint": "SELECT count(*) FROM vpc_flow_logs WHERE action = 'REJECT' over every "
    "delivered day, and answer with the number.",
    "checks.athena.top_attacker.title": "The address with the most rejected records, over every day",
    "checks.athena.top_attacker.hint": "Over every partition, count the REJECT records coming in to the bastion per "
    "srcaddr, sort largest first, and answer with the first address.",
    "checks.athena.top_port.title": "The most probed destination port",
    "checks.athena.top_port.hint": "GROUP BY dstport the REJECT records toward the bastion, ORDER BY count(*) DESC, "
    "and answer with the top port.",
    "checks.analyst.icmp_share.title": "ICMP's share of the rejected traffic",
    "checks.analyst.icmp_share.hint": "SELECT count_if(protocol = 1), count(*) FROM vpc_flow_logs WHERE action = "
    "'REJECT' over every partition, and answer the first divided by the second "
    "(0.25, or 25 for a percentage).",
    "checks.analyst.ssh_guesser.title": "Who is guessing SSH passwords",
    "checks.analyst.ssh_guesser.hint": "Count the ACCEPT records coming in to the bastion with protocol 6 and dstport "
    "22 per srcaddr, leave out the administrator (198.51.100.7), sort largest "
    "first, and answer with the first address.",
    "checks.analyst.guesser_got_in.title": "Did the password guesser get in?",
    "checks.analyst.guesser_got_in.hint": 'Look at the guesser\'s accepted SSH records: how long each lasts ("end" - '
    "start) and how many packets it carries at most. A password try is one "
    "short connection; a login, a session that fills minute after minute. "
    "Answer True or False.",
    "checks.analyst.month_cost.title": "What a month of flow logs costs to scan",
    "checks.analyst.month_cost.hint": "Take the bytes a one-day query scanned (DataScannedInBytes with a filter on "
    "the partition), times 30 days, divided by 10^12 bytes per TB, times $5; leave "
    "Athena's 10 MB minimum aside.",
    "checks.cleanup.done.title": "Nothing billable left behind",
    "checks.cleanup.done.hint": "Delete the flow logs (ec2.delete_flow_logs), then the demo with its two instances "
    "(labkit.environment.teardown_demo_environment()), any NAT gateway or Elastic IP the "
    "lab created, lab 02's alarm (cloudwatch.delete_alarms), the log group "
    "(logs.delete_log_group), lab 03's crawler, crawled tables and workgroup "
    "(glue.delete_crawler, glue.delete_table, athena.delete_work_group), the roles "
    "flowlogsrole and flowlogs-crawler-role (iam.delete_role, after their policies) and "
    "both buckets, each emptied first (s3.delete_objects, s3.delete_bucket).",
    # Why a check did not pass (shown as a list under the result).
    "checks.why.answer_needed": 'This step needs an answer: lab.check("{step}", answer=...).',
    "checks.why.aws_error": "The check could not run: AWS did not answer its request ({error}). Nothing was recorded; "
    "run the check again.",
    "checks.why.check_failed": "The check could not run: {error}. Nothing was recorded; run the check again (if this "
    "keeps happening, run labkit.start(...) again to restart the sandbox).",
    "checks.why.ledger_failed": "Your work passes, but its XP could not be saved in {path} ({error}). Free some disk "
    "space or make LABKIT_HOME writable, then run this check again: the XP is awarded "
    "then.",
    "checks.why.truth_damaged": "The sandbox's record of the traffic is damaged ({part}), so this answer cannot be "
    "judged. Run the lab's traffic cell again to record the traffic anew, then check "
    "again.",
    "checks.why.answer_too_big": "That number has about {digits} digits: no count, port or address in this lab is "
    "anywhere near that. Look at your query's result again.",
    "checks.why.answer_arn_not_account": "{answer} is the ARN of who you are; the account id is the 12-digit Account "
    "of the same answer.",
    "checks.why.answer_user_id_not_account": "{answer} is the UserId; the account id is the 12-digit Account.",
    "checks.why.answer_other_account": "{answer} is an account id, but not the one your calls reach: ask STS rather "
    "than typing it.",
    "checks.why.answer_not_account": "{answer} is not an account id: that is a 12-digit number, the Account in what "
    "sts.get_caller_identity() returns.",
    "checks.why.sts_failed": "STS GetCallerIdentity failed: {error}",
    "checks.why.endpoint_not_sandbox": "AWS_ENDPOINT_URL does not name a local sandbox; run labkit.start(...) first.",
    "checks.why.endpoint_set_on_aws": "LABKIT_TARGET=aws, but AWS_ENDPOINT_URL={url} still sends every call to a "
    "sandbox: unset it.",
    "checks.why.no_demo_vpc": "No VPC tagged Name={name} was found.",
    "checks.why.no_bastion": "No running instance tagged Name={name} in the demo VPC.",
    "checks.why.bastion_no_public_ip": "The bastion {instance} has no public IP address.",
    "checks.why.no_bucket": "Bucket {bucket} does not exist.",
    "checks.why.bucket_wrong_region": "Bucket {bucket} is in {found}; the flow logs and the lab are in {expected}. A "
    "bucket cannot move: empty and delete it (s3.delete_objects, s3.delete_bucket), "
    "then create it in {expected}.",
    "checks.why.no_flow_log": "No flow log tagged Name={name} on the demo VPC.",
    "checks.why.flow_log_untagged": "Flow log {id} on the demo VPC has the right destination but no Name tag {name}: "
    "add it with ec2.create_tags(Resources=['{id}'], Tags=[{{'Key': 'Name', 'Value': "
    "'{name}'}}]).",
    "checks.why.flow_log_wrong_resource": "Flow log {name} watches {found}, not the demo VPC {expected}.",
    "checks.why.flow_log_wrong_destination_type": "Flow log {name} delivers to {found}; this step needs {expected}.",
    "checks.why.flow_log_wrong_traffic": "Flow log {name} captures {found} traffic; this step needs {expected}.",
    "checks.why.flow_log_wrong_interval": "Flow log {name} aggregates over {found} s; the lab uses {expected} s.",
    "checks.why.flow_log_custom_format": "Flow log {name} uses a custom format; the lab's table expects the default "
    "format.",
    "checks.why.flow_log_file_format": "Flow log {name} writes {found} files; the lab reads plain-text files.",
    "checks.why.flow_log_hive": "Flow log {name} uses Hive-compatible prefixes; the lab's table expects "
    "AWSLogs/ACCOUNT/vpcflowlogs/REGION/.",
    "checks.why.flow_log_bucket_missing": "Flow log {name} points at bucket {bucket}, which does not exist.",
    "checks.why.flow_log_wrong_log_group": "Flow log {name} writes to log group {found}, not {expected}.",
    "checks.why.flow_log_wrong_role": "Flow log {name} delivers with role {found}, not {expected}.",
    "checks.why.flow_log_delivery": "Flow log {name} cannot deliver: status {status} ({error}).",
    "checks.why.no_bucket_policy": "Bucket {bucket} has no bucket policy.",
    "checks.why.bucket_policy_no_write": "No Allow statement lets delivery.logs.amazonaws.com s3:PutObject on "
    "{resource}. Replace the policy with s3.put_bucket_policy(Bucket='{bucket}', "
    "Policy=json.dumps(policy)).",
    "checks.why.bucket_policy_denied": "Statement {sid} of the bucket policy denies delivery.logs.amazonaws.com "
    "s3:PutObject on {resource}, and an explicit Deny wins over every Allow: no "
    "file could be delivered. Remove that statement with "
    "s3.put_bucket_policy(Bucket='{bucket}', Policy=...).",
    "checks.why.bucket_policy_condition": "The bucket policy allows the write only under a Condition the log-delivery "
    "service does not meet: it presents aws:SourceAccount={account}, an "
    "aws:SourceArn under arn:aws:logs:{region}:{account}: and "
    "s3:x-amz-acl=bucket-owner-full-control. Fix the Condition with "
    "s3.put_bucket_policy(Bucket='{bucket}', Policy=...).",
    "checks.why.answer_policy_other_resource": "{answer} is the Resource of another statement, one that lets the "
    "service look at the bucket, not write into it: which statement allows "
    "s3:PutObject?",
    "checks.why.answer_policy_principal": "{answer} is who may write (the Principal); the question asks where: that "
    "statement's Resource.",
    "checks.why.answer_policy_sid": "{answer} is a statement's name (Sid); the answer is what it applies to, its "
    "Resource.",
    "checks.why.answer_policy_action": "{answer} is an action; the answer is the Resource the s3:PutObject statement "
    "applies to.",
    "checks.why.answer_policy_not_resource": "{answer} is not the Resource of the statement that allows s3:PutObject: "
    "read it from the policy (s3.get_bucket_policy).",
    "checks.why.bucket_policy_unreadable": "The policy of bucket {bucket} is not a JSON policy document.",
    "checks.why.no_role": "IAM role {role} does not exist.",
    "checks.why.role_trust": "The trust policy of {role} does not let {service} call sts:AssumeRole. The role exists, "
    "so create_role again fails (EntityAlreadyExists): change its trust with "
    "iam.update_assume_role_policy(RoleName='{role}', PolicyDocument=json.dumps(trust)).",
    "checks.why.role_trust_denied": "Statement {sid} of {role}'s trust policy denies {service} sts:AssumeRole, and an "
    "explicit Deny wins. Remove it with "
    "iam.update_assume_role_policy(RoleName='{role}', PolicyDocument=...).",
    "checks.why.role_trust_condition": "The trust policy of {role} lets {service} in only under a Condition it does "
    "not meet: the service presents aws:SourceAccount={account} and "
    "aws:SourceArn={source_arn}. Fix the Condition with "
    "iam.update_assume_role_policy(RoleName='{role}', PolicyDocument=...).",
    "checks.why.role_permissions": "Role {role} lacks permission for: {actions}. Add it with "
    "iam.attach_role_policy(RoleName='{role}', "
    "PolicyArn='arn:aws:iam::aws:policy/CloudWatchLogsFullAccess') or "
    "iam.put_role_policy.",
    "checks.why.role_denied": "Statement {sid} of a policy on {role} denies {action}, and an explicit Deny wins over "
    "every Allow. Remove it (iam.delete_role_policy or iam.detach_role_policy).",
    "checks.why.no_log_group": "Log group {group} does not exist.",
    "checks.why.log_group_retention": "Log group {group} keeps events for {found}; the lab asks for {expected} day. "
    "Change it with logs.put_retention_policy(logGroupName='{group}', "
    "retentionInDays={expected}).",
    "checks.why.retention_forever": "ever (never expires)",
    "checks.why.no_flow_log_bucket": "There is no S3 flow log yet, so there is no bucket to look in.",
    "checks.why.object_not_flow_log": "{key} is not under {prefix}.",
    "checks.why.object_missing": "There is no object {key} in bucket {bucket}.",
    "checks.why.object_not_gz": "{key} is not a delivered flow-log file (.log.gz).",
    "checks.why.wrong_answer": "{answer} is not the answer yet; look again.",
    "checks.why.object_not_delivered": "{key} exists, but the flow-logs service did not write it (it was uploaded or "
    "changed by hand). Answer with the Key of a file the S3 flow log delivered: "
    "s3.list_objects_v2(Bucket=..., Prefix='AWSLogs/').",
    "checks.why.answer_bucket_not_key": "{answer} is the bucket; the answer is the Key of one object in it "
    "(AWSLogs/...log.gz).",
    "checks.why.answer_file_name_only": "{answer} is only the file's name: the Key is the whole path, starting with "
    "{prefix}.",
    "checks.why.answer_log_stream": "{answer} is a log-stream name: the ENI id is the part before -all.",
    "checks.why.answer_address_not_eni": "{answer} is an IP address; the question asks for the network interface's id "
    "(eni-...).",
    "checks.why.answer_wrong_kind": "{answer} is the id of {kind}, not of a network interface: look in the instance's "
    "NetworkInterfaces for NetworkInterfaceId (eni-...).",
    "checks.why.answer_typo": "{answer} is one or two characters away from the right id: copy it rather than typing "
    "it.",
    "checks.why.answer_other_eni": "{answer} is a network interface of this account, but not the one of the instance "
    "tagged {name}.",
    "checks.why.answer_no_such_eni": "There is no network interface {answer} in this account: copy the id from "
    "ec2.describe_instances.",
    "checks.why.answer_count_not_address": "{answer} is a number, probably a count; the question asks for the source "
    "address (srcaddr) with the most REJECT records.",
    "checks.why.answer_id_not_address": "{answer} is a resource id; the question asks for an IP address (srcaddr).",
    "checks.why.answer_not_address": "{answer} is not an IP address; the answer is a srcaddr such as 203.0.113.7.",
    "checks.why.answer_own_address": "{answer} is the bastion's own address (the dstaddr of what it receives): the "
    "attacker is the srcaddr.",
    "checks.why.answer_ascending": "{answer} is the least frequent, not the most: sort by the count in descending "
    "order (ORDER BY count(*) DESC, or most_common()) and take the first.",
    "checks.why.answer_not_top": "{answer} is among the rejected records, but not the most frequent: count them all, "
    "sort by the count in descending order and take the first.",
    "checks.why.answer_accepted_source": "{answer}'s traffic to the bastion was accepted (ACCEPT): the question is "
    "about REJECT records.",
    "checks.why.answer_not_rejected": "{answer} has no REJECT record toward the bastion: filter action = 'REJECT' and "
    "the bastion's ENI.",
    "checks.why.answer_not_number": "{answer} is not a whole number; this question asks for one.",
    "checks.why.answer_address_not_count": "{answer} is an address; the question asks for a count of records.",
    "checks.why.answer_limit": "{answer} is exactly your query's LIMIT {limit}: the query stopped there. Count with "
    "count(*) instead of counting the rows shown.",
    "checks.why.answer_tcp_only": "{answer} counts TCP only: ICMP and UDP rejects count too (leave protocol out of "
    "the WHERE).",
    "checks.why.answer_all_records": "{answer} counts every record, ACCEPT too: keep only action = 'REJECT'.",
    "checks.why.answer_accept_count": "{answer} is the count of ACCEPT records; the question asks for REJECT.",
    "checks.why.answer_one_day": "{answer} counts one day only; the S3 flow log delivered {days} days: count over "
    "every partition.",
    "checks.why.answer_not_the_count": "{answer} is not the number of REJECT records delivered yet: SELECT count(*) "
    "FROM vpc_flow_logs WHERE action = 'REJECT', over every partition.",
    "checks.why.answer_address_not_port": "{answer} is an address; the question asks for a destination port (dstport).",
    "checks.why.answer_not_port": "{answer} is no port: ports go from 0 to 65535.",
    "checks.why.answer_count_not_port": "{answer} looks like a count, not a port: answer with the dstport of the "
    "first row.",
    "checks.why.answer_srcport": "{answer} is a source port (srcport): the attackers' ports change every time; group "
    "by dstport.",
    "checks.why.answer_port_not_probed": "No rejected record toward the bastion has destination port {answer}: GROUP "
    "BY dstport over action = 'REJECT'.",
    "checks.why.no_guesser": "No accepted SSH connection to the bastion from anyone but the administrator has been "
    "recorded yet: run lab 02's traffic first (SSH was open to the world then).",
    "checks.why.answer_count_not_guesser": "{answer} is a number, probably a count; the question asks for the "
    "guesser's address (srcaddr).",
    "checks.why.answer_guesser_admin": "{answer} is the administrator, who logs in and stays: few connections, each a "
    "long session. The guesser makes many short ones.",
    "checks.why.answer_guesser_scanner": "{answer} is the scanner that probes every port and is mostly turned away; "
    "the guesser's connections to port 22 were accepted, one password try each: "
    "count the ACCEPT records to port 22 per source.",
    "checks.why.answer_guesser_not_top": "{answer} made accepted SSH connections, but not the most: count them per "
    "source and sort, largest first.",
    "checks.why.answer_guesser_rejected_only": "Every SSH attempt of {answer} was rejected: the question is about the "
    "connections that got through (action = 'ACCEPT').",
    "checks.why.answer_guesser_no_ssh": "{answer} made no accepted SSH connection to the bastion: keep action = "
    "'ACCEPT', protocol = 6 and dstport = 22 toward the bastion.",
    "checks.why.answer_not_yes_no": "{answer} is neither yes nor no: answer True or False (or 'yes' / 'no').",
    "checks.why.answer_got_in_yes": "Not what their connections show: a password try is one short connection (a few "
    "dozen packets, a few seconds), a login a session that fills whole minutes. Look "
    "at how long their records last and how many packets they carry.",
    "checks.why.answer_got_in_no": "Look again: one of their connections goes on like a session, far longer than a "
    "password try.",
    "checks.why.answer_not_a_share": "{answer} is not a share: answer a fraction between 0 and 1 (0.25) or a "
    "percentage (25).",
    "checks.why.answer_icmp_count_not_share": "{answer} is the number of rejected ICMP records; the question asks for "
    "their share of all rejected records.",
    "checks.why.answer_icmp_share_of_all": "{answer} is the rejected ICMP records' share of every record, ACCEPT too: "
    "divide by the REJECT records only.",
    "checks.why.answer_icmp_rejected_share": "{answer} is the share of ICMP that was rejected; the question is the "
    "other way round: of the rejected records, how many are ICMP?",
    "checks.why.answer_icmp_not_the_share": "{answer} is not ICMP's share of the REJECT records yet: count the REJECT "
    "records with protocol = 1 and divide by every REJECT record, over every "
    "partition.",
    "checks.why.answer_not_a_cost": "{answer} is not an amount: answer the dollars as a number (0.0025).",
    "checks.why.answer_month_one_day": "{answer} is what one day costs: the question is a month, 30 such days.",
    "checks.why.answer_month_bytes": "{answer} is the bytes a month scans; the question asks for dollars, at $5 per "
    "TB (10^12 bytes).",
    "checks.why.answer_month_unit": "{answer} is off by a factor of 1,000: a TB is 10^12 bytes (1,000 GB), and the "
    "price is $5 per TB.",
    "checks.why.answer_month_minimum": "{answer} is Athena's minimum charge for a query (10 MB): the question leaves "
    "the minimum aside.",
    "checks.why.answer_month_everything": "{answer} is what scanning the {days} days the bucket holds now costs; the "
    "question is a month of 30 days, each the size of the day you measured.",
    "checks.why.answer_not_the_cost": "{answer} is not the cost of scanning a month yet: 30 times the bytes one day's "
    "partition scans, divided by 10^12, times $5.",
    "checks.why.no_truth": "No traffic has been recorded yet: run the lab's traffic cell first.",
    "checks.why.no_records": "No delivered flow-log records were found under s3://{bucket}/{prefix}.",
    "checks.why.no_nacl": "No network ACL is associated with subnet {subnet}.",
    "checks.why.nacl_attacker_allowed": "Network ACL {acl} still lets the top attacker in: {probes}. Add an inbound "
    "deny with ec2.create_network_acl_entry; if its rule number is taken "
    "(NetworkAclEntryAlreadyExists), pick a free one or use "
    "ec2.replace_network_acl_entry.",
    "checks.why.nacl_deny_too_late": "Your DENY rule {deny_rule} for the top attacker comes after ALLOW rule "
    "{allow_rule}, which matches first. Delete it "
    "(ec2.delete_network_acl_entry(NetworkAclId='{acl}', RuleNumber={deny_rule}, "
    "Egress=False)) and create it again with a number below {allow_rule}.",
    "checks.why.nacl_admin_blocked": "Network ACL {acl} now blocks the admin's SSH ({address}): {probes}. Remove or "
    "narrow that entry with ec2.delete_network_acl_entry or "
    "ec2.replace_network_acl_entry.",
    "checks.why.nacl_https_blocked": "Network ACL {acl} blocks the bastion's HTTPS to the internet: {probes}. Allow "
    "the return ports 1024-65535 again (ec2.replace_network_acl_entry or "
    "ec2.delete_network_acl_entry).",
    "checks.why.nacl_invalid_entry": "Network ACL {acl} has {direction} rule {rule} with CIDR {cidr}, which is not a "
    "valid network: AWS refuses it (this sandbox let it in), so it matches nothing. "
    "Replace it with ec2.replace_network_acl_entry(NetworkAclId='{acl}', "
    "RuleNumber={rule}, ...) and a CIDR such as 203.0.113.7/32.",
    "checks.why.scenario_not_run": "The sandbox has not run the scenario {scenario} yet: run the lab's cell that "
    'starts it (run_traffic(..., scenario="{scenario}")). It runs only in the '
    "sandbox.",
    "checks.why.thief_still_allowed": "The bastion's security group still lets {address} in on SSH: {rules}. Revoke "
    "that rule (ec2.revoke_security_group_ingress).",
    "checks.why.session_not_seen_flowing": "No traffic since showed the open session of {address} flowing while its "
    "new connections were refused: revoke its rule first, then run the traffic "
    "again.",
    "checks.why.thief_not_denied": "Network ACL {acl} does not deny {address} by a rule of its own: add an inbound "
    "DENY entry for {address}/32 numbered below the ALLOW rules.",
    "checks.why.session_not_seen_cut": "No traffic since showed the session of {address} refused: run the traffic "
    "again after adding the ACL entry.",
    "checks.why.no_reject_flow_log": "No flow log of the demo VPC, the bastion's subnet or its ENI records only "
    "REJECT traffic (traffic types found: {types}). Create one with "
    "TrafficType='REJECT'.",
    "checks.why.flow_log_not_active": "Flow log {id} is not ACTIVE.",
    "checks.why.reject_log_in_athena_folder": "Flow log {id} delivers to the top of bucket {bucket}, into the same "
    "AWSLogs/ folder the Athena table of lab 03 reads: every REJECT would "
    "be counted twice. Delete it and create it with a folder of its own "
    "(LogDestination 'arn:aws:s3:::{bucket}/rejects').",
    "checks.why.backup_never_failed": "The office backup from {address} has not failed yet in the traffic the sandbox "
    "ran: run the lab's cell that starts the scenario.",
    "checks.why.answer_not_rule_number": "{answer} is not a rule number: a network ACL rule has a number from 1 to "
    "32766, and `*` for the last one.",
    "checks.why.answer_port_not_rule": "{answer} looks like a port of the rejected records, not a rule number: find "
    "the ACL rule whose port range holds that port.",
    "checks.why.answer_acl_not_to_blame": "No network ACL rule refused the office's traffic: the security group did. "
    "Rule {answer} is not the answer.",
    "checks.why.answer_not_blocking_rule": "Rule {answer} is not the one that refused the office's traffic. Which "
    "direction do the REJECT records show, and which rule of that direction "
    "matches first?",
    "checks.why.office_still_blocked": "Network ACL {acl} still blocks the office's SSH ({address}): {probes}. The "
    "replies leave from port 22 to the office's ephemeral ports (1024-65535): "
    "allow them outbound with a rule numbered before the one that denies them.",
    "checks.why.office_not_in_security_group": "The bastion's security group no longer lets the office ({address}) in "
    "on SSH: put its rule back (ec2.authorize_security_group_ingress).",
    "checks.why.backup_not_seen_working": "No traffic since showed the office backup from {address} going through: "
    "run the traffic again after the fix.",
    "checks.why.no_workgroup_location": "Workgroup {workgroup} has no query result location "
    "(ResultConfiguration.OutputLocation).",
    "checks.why.result_location_bucket": "The result location {location} is not in an existing bucket: create it "
    "(s3.create_bucket) or point the workgroup at another "
    "(athena.update_work_group on the course's workgroup).",
    "checks.why.no_table": "No table {table} in the Glue catalog (databases looked at: {databases}).",
    "checks.why.table_columns": "Table {table} does not have the 14 default-format columns: {problems}.",
    "checks.why.table_partition_key": "Table {table} is partitioned by {found}; the lab uses `date` (date) or `day` "
    "(string).",
    "checks.why.table_location": "Table {table} reads {found}; it should read {expected}.",
    "checks.why.table_header": "Table {table} does not skip the header line (skip.header.line.count=1).",
    "checks.why.no_partitions": "Table {table} has no partitions yet.",
    "checks.why.partitions_empty": "No partition of {table} points at flow-log files: {locations}. Drop a wrong one "
    "(ALTER TABLE {table} DROP PARTITION (...)) and ADD PARTITION with a day that has "
    "files.",
    "checks.why.no_crawler": "No Glue crawler crawls {expected}: give glue.create_crawler that S3 target "
    "(Targets={{'S3Targets': [{{'Path': ...}}]}}).",
    "checks.why.crawler_running": "Crawler {crawler} is still crawling: look at it again (glue.get_crawler) until its "
    "State is READY, then check.",
    "checks.why.crawler_never_ran": "Crawler {crawler} has never run: glue.start_crawler(Name='{crawler}'), then wait "
    "until its State is READY.",
    "checks.why.crawler_failed": "The last crawl of {crawler} ended {status}: {error}. Fix it and start the crawler "
    "again.",
    "checks.why.crawler_no_table": "Crawler {crawler} wrote no table of the flow logs in database {database}: crawl "
    "the region folder of the flow log, where its day folders are.",
    "checks.why.crawler_unknown_format": "Table {table} is classified {classification}, which Athena cannot read: no "
    "built-in classifier reads space-separated flow logs. Give the crawler a CSV "
    "classifier with Delimiter ' ' and ContainsHeader PRESENT "
    "(glue.update_crawler(Classifiers=[...])), then crawl again.",
    "checks.why.crawler_no_partitions": "Table {table} has no partition that holds flow-log files: crawl again now "
    "that the flow log has delivered.",
    "checks.why.no_projection": "No table in the catalog has projection.enabled=true.",
    "checks.why.projection_template": "Table {table}'s storage.location.template is {found}; it should start with "
    "{expected}.",
    "checks.why.projection_key": "Table {table} projects partition key {key} without projection.{key}.type or without "
    "${{{key}}} in the template.",
    "checks.why.flow_logs_left": "Flow logs still on the demo VPC: {ids}. Delete them with "
    "ec2.delete_flow_logs(FlowLogIds=[...]).",
    "checks.why.instances_left": "The demo's instances still exist: {ids}. An instance bills while it runs (its disk "
    "even when stopped): labkit.environment.teardown_demo_environment() deletes the "
    "demo, or ec2.terminate_instances(InstanceIds=[...]).",
    "checks.why.nat_left": "NAT gateways still in the demo VPC: {ids}.",
    "checks.why.too_many_tries": "Several wrong answers in a row: this answer was not judged. Wait {seconds} s, "
    "re-read the question and your query's result, then try again.",
    "checks.why.built_by_prepare": "{what} was built for you by prepare(), so it earns no XP. To earn it, do the step "
    "yourself: {how}",
    "checks.why.nothing_ever_built": "No flow log ever existed in this sandbox, so there is nothing to clean up yet: "
    "do lab 01 first.",
    "checks.why.alarms_left": "CloudWatch alarms still there: {names}. An alarm bills every month it exists: delete "
    "it with cloudwatch.delete_alarms(AlarmNames=[...]).",
    "checks.why.buckets_left": "Still stored, and billed by size on AWS: buckets {buckets}. Empty each one, then "
    "delete it (s3.delete_objects, s3.delete_bucket): a bucket must be empty before it can "
    "be deleted.",
    "checks.why.log_group_left": "Still stored, and billed by size on AWS: log group {group} (logs.delete_log_group).",
    "checks.why.eips_left": "Elastic IPs still allocated for the lab: {ids}. Release them with "
    "ec2.release_address(AllocationId=...).",
    # What prepare() built, and how a student undoes it to do the step themselves (checks.why.built_by_prepare).
    "checks.prepared.vpc.what": "The demo VPC",
    "checks.prepared.vpc.how": "labkit.environment.teardown_demo_environment(), then run lab 01's "
    "build_demo_environment() cell.",
    "checks.prepared.bucket.what": "The flow-log bucket",
    "checks.prepared.bucket.how": "empty and delete the bucket (s3.delete_objects, s3.delete_bucket), then create it "
    "in lab 01.",
    "checks.prepared.flow-log.what": "This flow log",
    "checks.prepared.flow-log.how": "ec2.delete_flow_logs(FlowLogIds=[...]), then create it with lab 01's cell.",
    "checks.prepared.role.what": "The role flowlogsrole",
    "checks.prepared.role.how": "iam.detach_role_policy(...) and iam.delete_role(RoleName='flowlogsrole'), then "
    "create it in lab 01.",
    "checks.prepared.log-group.what": "The log group VPCFlowLogs",
    "checks.prepared.log-group.how": "logs.delete_log_group(logGroupName='VPCFlowLogs'), then create it in lab 01.",
    # Notes shown under a result.
    "checks.note.traffic_filter": "Flow log {name} captures {filter} traffic.",
    "checks.note.options_assumed": "DestinationOptions were not reported; plain text (the default) is assumed.",
    "checks.note.status_unreported": "DeliverLogsStatus was not reported; delivery could not be confirmed.",
    "checks.note.answer_from_delivered": "No traffic record on this machine: the answer is compared with the "
    "delivered flow logs.",
    "checks.note.demo_vpc_gone": "The demo VPC is already deleted.",
    "checks.note.crawler_paths": "Crawlers found crawl {found}.",
    "checks.note.did_you_mean": "Did you mean {found}? Names must match exactly: this step looks for {wanted}.",
    "checks.note.did_you_mean_tag": "Flow log {id} is tagged Name={found}: did you mean {wanted}? Fix the tag with "
    "ec2.create_tags(Resources=['{id}'], Tags=[{{'Key': 'Name', 'Value': "
    "'{wanted}'}}]).",
    "checks.note.fix_flow_log": "A flow log cannot be changed, and creating the same one again fails "
    "(FlowLogAlreadyExists): delete it with ec2.delete_flow_logs(FlowLogIds=['{id}']), "
    "then create it again.",
    "checks.note.fix_table": "CREATE EXTERNAL TABLE IF NOT EXISTS does nothing while {table} exists: run DROP TABLE "
    "{table} first, then create it again (dropping an external table deletes no flow-log "
    "file).",
    "checks.note.unreadable_objects": "Skipped {count} object(s) that are not readable gzip text: {keys}.",
    "checks.note.metric_filters_left": "Still on log group {group}: metric filters {filters} (they go with the log "
    "group, or logs.delete_metric_filter).",
    "checks.note.alerts_left": "Still there, free while idle: {resources} (sns.delete_topic, sqs.delete_queue).",
    # Words placed into reasons (each language gets its own).
    "checks.direction.inbound": "inbound",
    "checks.direction.outbound": "outbound",
    "checks.kind.instance": "an instance",
    "checks.kind.subnet": "a subnet",
    "checks.kind.vpc": "a VPC",
    "checks.kind.security-group": "a security group",
    "checks.kind.network-acl": "a network ACL",
    "checks.kind.flow-log": "a flow log",
    "checks.kind.internet-gateway": "an internet gateway",
    "checks.kind.route-table": "a route table",
    "checks.kind.elastic-ip": "an Elastic IP",
    # How a result reads.
    "checks.result.passed": "✔ {title}: passed, +{xp} XP",
    "checks.result.already": "✔ {title}: passed (its {xp} XP were already earned)",
    "checks.result.not_yet": "✘ {title}: not yet, 0 XP",
    "checks.result.hint": "Hint: {hint}",
    "checks.result.missing": "What is missing:",
    "checks.result.notes": "Noted:",
    "checks.hint.line": "Hint for {title}: {hint}",
    "checks.step.line": "{mark} {step} · {title} · worth {xp} XP",
    "checks.unknown_step": "There is no step {step}. Steps: {steps}",
    "checks.unknown_reason": "The sandbox answered with reasons this labkit does not know ({keys}): restart the "
    "kernel so that both run the same labkit.",
    "checks.forged_result": "A check result can only come from running the check (lab.check).",
}
