"""Delete one resource of each kind the course creates, with plain boto3 calls (sandbox and AWS alike).

Each `remove_<kind>(clients, found, wait_seconds)` returns True when it deleted the resource and False
when it was already gone; any refusal is raised as AWS gave it (a ClientError with its code), and
cleanup.py reports it and goes on. What must go first goes first inside a function too: a role's
policies before the role, a bucket's objects and versions before the bucket.
"""

from __future__ import annotations

from botocore.exceptions import ClientError

from .discovery import Found
from .retry import error_code, is_gone, while_busy

DELETE_BATCH = 1000  # S3 DeleteObjects takes at most 1000 keys


def _gone_is_false(action) -> bool:
    try:
        action()
        return True
    except ClientError as error:
        if is_gone(error_code(error)):
            return False
        raise


def remove_flow_log(clients, found: Found, wait_seconds: float) -> bool:
    # DeleteFlowLogs answers 200 and lists what it could not delete.
    failed = clients("ec2").delete_flow_logs(FlowLogIds=[found.ident]).get("Unsuccessful") or []
    if not failed:
        return True
    error = failed[0].get("Error", {})
    if is_gone(error.get("Code", "")):
        return False
    raise ClientError({"Error": error}, "DeleteFlowLogs")


def remove_alarm(clients, found: Found, wait_seconds: float) -> bool:
    cloudwatch = clients("cloudwatch")
    if not cloudwatch.describe_alarms(AlarmNames=[found.ident])["MetricAlarms"]:
        return False
    cloudwatch.delete_alarms(AlarmNames=[found.ident])
    return True


def remove_topic(clients, found: Found, wait_seconds: float) -> bool:
    sns = clients("sns")
    try:
        sns.get_topic_attributes(TopicArn=found.ident)  # DeleteTopic succeeds on a missing topic too
    except ClientError as error:
        if is_gone(error_code(error)):
            return False
        raise
    sns.delete_topic(TopicArn=found.ident)  # its subscriptions go with it
    return True


def remove_queue(clients, found: Found, wait_seconds: float) -> bool:
    sqs = clients("sqs")
    try:
        url = sqs.get_queue_url(QueueName=found.ident)["QueueUrl"]
    except ClientError as error:
        if is_gone(error_code(error)):
            return False
        raise
    sqs.delete_queue(QueueUrl=url)
    return True


def remove_metric_filter(clients, found: Found, wait_seconds: float) -> bool:
    return _gone_is_false(
        lambda: clients("logs").delete_metric_filter(logGroupName=found.parent, filterName=found.ident)
    )


def remove_log_group(clients, found: Found, wait_seconds: float) -> bool:
    return _gone_is_false(lambda: clients("logs").delete_log_group(logGroupName=found.ident))


def remove_crawler(clients, found: Found, wait_seconds: float) -> bool:
    glue = clients("glue")
    try:
        state = glue.get_crawler(Name=found.ident)["Crawler"].get("State")
    except ClientError as error:
        if is_gone(error_code(error)):
            return False
        raise
    if state == "RUNNING":
        glue.stop_crawler(Name=found.ident)
    return while_busy(lambda: glue.delete_crawler(Name=found.ident), wait_seconds)


def remove_classifier(clients, found: Found, wait_seconds: float) -> bool:
    return _gone_is_false(lambda: clients("glue").delete_classifier(Name=found.ident))


def remove_glue_table(clients, found: Found, wait_seconds: float) -> bool:
    return _gone_is_false(lambda: clients("glue").delete_table(DatabaseName=found.parent, Name=found.ident))


def remove_glue_database(clients, found: Found, wait_seconds: float) -> bool:
    return _gone_is_false(lambda: clients("glue").delete_database(Name=found.ident))


def remove_workgroup(clients, found: Found, wait_seconds: float) -> bool:
    athena = clients("athena")
    try:
        athena.get_work_group(WorkGroup=found.ident)
    except ClientError as error:
        if is_gone(error_code(error)) or error_code(error) == "InvalidRequestException":
            return False  # Athena answers InvalidRequestException for a workgroup that does not exist
        raise
    athena.delete_work_group(WorkGroup=found.ident, RecursiveDeleteOption=True)
    return True


def remove_instance(clients, found: Found, wait_seconds: float) -> bool:
    """Terminate; cleanup then waits for all of them at once (wait_for_termination)."""
    return _gone_is_false(lambda: clients("ec2").terminate_instances(InstanceIds=[found.ident]))


def wait_for_termination(clients, instance_ids: list[str], wait_seconds: float) -> None:
    """Until the instances are terminated (about a minute on AWS): their network interfaces, addresses and
    security groups are freed only then. Raises botocore's WaiterError past `wait_seconds`."""
    delay = 5
    clients("ec2").get_waiter("instance_terminated").wait(
        InstanceIds=instance_ids, WaiterConfig={"Delay": delay, "MaxAttempts": max(1, int(wait_seconds // delay))}
    )


def remove_elastic_ip(clients, found: Found, wait_seconds: float) -> bool:
    ec2 = clients("ec2")
    association = found.details.get("association")
    if association:
        _gone_is_false(lambda: ec2.disassociate_address(AssociationId=association))
    return _gone_is_false(lambda: ec2.release_address(AllocationId=found.ident))


def remove_network_interface(clients, found: Found, wait_seconds: float) -> bool:
    ec2 = clients("ec2")
    return while_busy(lambda: ec2.delete_network_interface(NetworkInterfaceId=found.ident), wait_seconds)


def remove_volume(clients, found: Found, wait_seconds: float) -> bool:
    ec2 = clients("ec2")
    return while_busy(lambda: ec2.delete_volume(VolumeId=found.ident), wait_seconds)


def _group_references(permissions: list[dict]) -> list[dict]:
    """The rules that name another security group (they keep that group in use)."""
    return [rule for rule in permissions if rule.get("UserIdGroupPairs")]


def release_group_references(clients, groups: list[Found]) -> None:
    """Before any course group is deleted, its rules naming other groups are revoked (the private group's
    rule names the bastion's); a group that is already gone is skipped."""
    ec2 = clients("ec2")
    for group in groups:
        ingress = _group_references(group.details.get("ingress", []))
        egress = _group_references(group.details.get("egress", []))
        if ingress:
            _gone_is_false(lambda: ec2.revoke_security_group_ingress(GroupId=group.ident, IpPermissions=ingress))
        if egress:
            _gone_is_false(lambda: ec2.revoke_security_group_egress(GroupId=group.ident, IpPermissions=egress))


def remove_security_group(clients, found: Found, wait_seconds: float) -> bool:
    ec2 = clients("ec2")
    return while_busy(lambda: ec2.delete_security_group(GroupId=found.ident), wait_seconds)


def remove_subnet(clients, found: Found, wait_seconds: float) -> bool:
    ec2 = clients("ec2")
    return while_busy(lambda: ec2.delete_subnet(SubnetId=found.ident), wait_seconds)


def remove_route_table(clients, found: Found, wait_seconds: float) -> bool:
    ec2 = clients("ec2")
    for association in found.details.get("associations", []):
        _gone_is_false(lambda: ec2.disassociate_route_table(AssociationId=association))
    return while_busy(lambda: ec2.delete_route_table(RouteTableId=found.ident), wait_seconds)


def remove_network_acl(clients, found: Found, wait_seconds: float) -> bool:
    """Its subnets go back to their VPC's default network ACL first (a subnet always has one)."""
    ec2 = clients("ec2")
    if found.details.get("associations"):
        defaults = ec2.describe_network_acls(
            Filters=[{"Name": "vpc-id", "Values": [found.details["vpc"]]}, {"Name": "default", "Values": ["true"]}]
        )["NetworkAcls"]
        for association in found.details["associations"]:
            _gone_is_false(
                lambda: ec2.replace_network_acl_association(
                    AssociationId=association, NetworkAclId=defaults[0]["NetworkAclId"]
                )
            )
    return while_busy(lambda: ec2.delete_network_acl(NetworkAclId=found.ident), wait_seconds)


def remove_internet_gateway(clients, found: Found, wait_seconds: float) -> bool:
    ec2 = clients("ec2")
    for vpc_id in found.details.get("vpcs", []):
        while_busy(lambda: ec2.detach_internet_gateway(InternetGatewayId=found.ident, VpcId=vpc_id), wait_seconds)
    return while_busy(lambda: ec2.delete_internet_gateway(InternetGatewayId=found.ident), wait_seconds)


def remove_vpc(clients, found: Found, wait_seconds: float) -> bool:
    ec2 = clients("ec2")
    return while_busy(lambda: ec2.delete_vpc(VpcId=found.ident), wait_seconds)


def remove_role(clients, found: Found, wait_seconds: float) -> bool:
    """Managed policies detached and inline policies deleted, then the role."""
    iam = clients("iam")

    def delete() -> None:
        for page in iam.get_paginator("list_attached_role_policies").paginate(RoleName=found.ident):
            for policy in page["AttachedPolicies"]:
                iam.detach_role_policy(RoleName=found.ident, PolicyArn=policy["PolicyArn"])
        for page in iam.get_paginator("list_role_policies").paginate(RoleName=found.ident):
            for name in page["PolicyNames"]:
                iam.delete_role_policy(RoleName=found.ident, PolicyName=name)
        iam.delete_role(RoleName=found.ident)

    return _gone_is_false(delete)


def bucket_versions(s3, bucket: str) -> list[dict]:
    """Every object version and delete marker (an unversioned bucket's objects have VersionId 'null')."""
    items = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for item in page.get("Versions", []) + page.get("DeleteMarkers", []):
            items.append({"Key": item["Key"], "VersionId": item["VersionId"]})
    return items


def remove_bucket(clients, found: Found, wait_seconds: float) -> bool:
    """Every object version and delete marker, then the bucket; files a flow log was still delivering
    when it was deleted (BucketNotEmpty) are listed and deleted again."""
    s3 = clients("s3")

    def delete() -> None:
        items = bucket_versions(s3, found.ident)
        for start in range(0, len(items), DELETE_BATCH):
            answer = s3.delete_objects(
                Bucket=found.ident, Delete={"Objects": items[start : start + DELETE_BATCH], "Quiet": True}
            )
            if answer.get("Errors"):  # e.g. an object under legal hold: the bucket cannot go
                first = answer["Errors"][0]
                raise ClientError(
                    {
                        "Error": {
                            "Code": first.get("Code", "Unknown"),
                            "Message": f"{first.get('Key')}: {first.get('Message', '')}",
                        }
                    },
                    "DeleteObjects",
                )
        s3.delete_bucket(Bucket=found.ident)

    return while_busy(delete, wait_seconds)


REMOVERS = {name[len("remove_") :]: function for name, function in globals().items() if name.startswith("remove_")}
