"""What exists in an account, with each resource's tags: run inside a notebook kernel on moto's mock by
tests/test_notebooks_aws.py (moto's state lives in the kernel), which parses the JSON it prints.

Lists what a lab creates by a call of its own; what AWS creates along with something else and removes
with it (a VPC's default security group, network ACL and main route table, the default VPC) is left out.

    >>> print(inventory_json())
    [{"kind": "bucket", "id": "labkit-flow-logs-123456789012-us-east-1", "tags": {"labkit:course": ...}}, ...]
"""

from __future__ import annotations

import json

import boto3


def _tags(tag_list) -> dict[str, str]:
    return {tag["Key"]: tag["Value"] for tag in tag_list or []}


def _ec2(ec2) -> list[dict]:
    found = []
    vpcs = [vpc for vpc in ec2.describe_vpcs()["Vpcs"] if not vpc.get("IsDefault")]
    found += [{"kind": "vpc", "id": vpc["VpcId"], "tags": _tags(vpc.get("Tags"))} for vpc in vpcs]
    ours = [vpc["VpcId"] for vpc in vpcs]
    if ours:
        in_ours = [{"Name": "vpc-id", "Values": ours}]
        found += [
            {"kind": "subnet", "id": s["SubnetId"], "tags": _tags(s.get("Tags"))}
            for s in ec2.describe_subnets(Filters=in_ours)["Subnets"]
        ]
        found += [
            {"kind": "security_group", "id": g["GroupId"], "tags": _tags(g.get("Tags"))}
            for g in ec2.describe_security_groups(Filters=in_ours)["SecurityGroups"]
            if g["GroupName"] != "default"
        ]
        found += [
            {"kind": "route_table", "id": t["RouteTableId"], "tags": _tags(t.get("Tags"))}
            for t in ec2.describe_route_tables(Filters=in_ours)["RouteTables"]
            if not any(a.get("Main") for a in t.get("Associations", []))
        ]
        found += [
            {"kind": "network_acl", "id": a["NetworkAclId"], "tags": _tags(a.get("Tags"))}
            for a in ec2.describe_network_acls(Filters=in_ours)["NetworkAcls"]
            if not a["IsDefault"]
        ]
    found += [
        {"kind": "internet_gateway", "id": g["InternetGatewayId"], "tags": _tags(g.get("Tags"))}
        for g in ec2.describe_internet_gateways()["InternetGateways"]
        if any(a["VpcId"] in ours for a in g.get("Attachments", [])) or not g.get("Attachments")
    ]
    live = [{"Name": "instance-state-name", "Values": ["pending", "running", "stopping", "stopped"]}]
    found += [
        {"kind": "instance", "id": i["InstanceId"], "tags": _tags(i.get("Tags"))}
        for r in ec2.describe_instances(Filters=live)["Reservations"]
        for i in r["Instances"]
    ]
    found += [
        {"kind": "elastic_ip", "id": a["AllocationId"], "tags": _tags(a.get("Tags"))}
        for a in ec2.describe_addresses()["Addresses"]
    ]
    found += [
        {"kind": "flow_log", "id": f["FlowLogId"], "tags": _tags(f.get("Tags"))}
        for f in ec2.describe_flow_logs()["FlowLogs"]
    ]
    return found


def inventory(region: str = "us-east-1") -> list[dict]:
    """Every resource a lab may create, as {"kind", "id", "tags"}, in a stable order."""
    session = boto3._get_default_session()  # the kernel's: its service models are loaded already
    s3, iam, logs, cloudwatch, sns, sqs, athena, glue, sts = (
        session.client(name, region_name=region)
        for name in ("s3", "iam", "logs", "cloudwatch", "sns", "sqs", "athena", "glue", "sts")
    )
    account = sts.get_caller_identity()["Account"]
    found = _ec2(session.client("ec2", region_name=region))
    for bucket in s3.list_buckets()["Buckets"]:
        try:
            tag_set = s3.get_bucket_tagging(Bucket=bucket["Name"])["TagSet"]
        except s3.exceptions.ClientError:
            tag_set = []  # NoSuchTagSet
        found.append({"kind": "bucket", "id": bucket["Name"], "tags": _tags(tag_set)})
    for role in iam.list_roles()["Roles"]:
        if not role["Path"].startswith("/aws-service-role/"):
            found.append(
                {
                    "kind": "role",
                    "id": role["RoleName"],
                    "tags": _tags(iam.list_role_tags(RoleName=role["RoleName"])["Tags"]),
                }
            )
    for group in logs.describe_log_groups()["logGroups"]:
        found.append(
            {
                "kind": "log_group",
                "id": group["logGroupName"],
                "tags": logs.list_tags_log_group(logGroupName=group["logGroupName"])["tags"],
            }
        )
    for alarm in cloudwatch.describe_alarms()["MetricAlarms"]:
        found.append(
            {
                "kind": "alarm",
                "id": alarm["AlarmName"],
                "tags": _tags(cloudwatch.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"]),
            }
        )
    for topic in sns.list_topics()["Topics"]:
        found.append(
            {
                "kind": "topic",
                "id": topic["TopicArn"].rsplit(":", 1)[-1],
                "tags": _tags(sns.list_tags_for_resource(ResourceArn=topic["TopicArn"])["Tags"]),
            }
        )
    for url in sqs.list_queues().get("QueueUrls", []):
        found.append(
            {"kind": "queue", "id": url.rsplit("/", 1)[-1], "tags": sqs.list_queue_tags(QueueUrl=url).get("Tags", {})}
        )
    for group in athena.list_work_groups()["WorkGroups"]:
        if group["Name"] != "primary":  # every account has it
            arn = f"arn:aws:athena:{region}:{account}:workgroup/{group['Name']}"
            found.append(
                {
                    "kind": "workgroup",
                    "id": group["Name"],
                    "tags": _tags(athena.list_tags_for_resource(ResourceARN=arn)["Tags"]),
                }
            )
    for crawler in glue.get_crawlers()["Crawlers"]:
        arn = f"arn:aws:glue:{region}:{account}:crawler/{crawler['Name']}"
        found.append({"kind": "crawler", "id": crawler["Name"], "tags": glue.get_tags(ResourceArn=arn)["Tags"]})
    for database in glue.get_databases()["DatabaseList"]:
        if database["Name"] != "default":
            arn = f"arn:aws:glue:{region}:{account}:database/{database['Name']}"
            found.append(
                {"kind": "glue_database", "id": database["Name"], "tags": glue.get_tags(ResourceArn=arn)["Tags"]}
            )
    return sorted(found, key=lambda item: (item["kind"], item["id"]))


def inventory_json(region: str = "us-east-1") -> str:
    return json.dumps(inventory(region), sort_keys=True)
