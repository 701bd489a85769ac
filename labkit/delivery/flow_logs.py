"""The active flow logs of an account, as DescribeFlowLogs shows them, and the ENIs each one covers.

>>> config = FlowLogConfig.from_description({"FlowLogId": "fl-1", "ResourceId": "vpc-1",
...     "TrafficType": "REJECT", "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::b"})
>>> config.interval, config.fields[:3], config.file_format
(600, ('version', 'account-id', 'interface-id'), 'plain-text')
>>> sorted(config.scope({"eni-1": Interface("eni-1", "vpc-1", "subnet-1", "1"),
...                      "eni-2": Interface("eni-2", "vpc-2", "subnet-2", "1")}))
['eni-1']
"""

from __future__ import annotations

from dataclasses import dataclass

from ..flowlog.fields import parse_log_format


@dataclass(frozen=True)
class Interface:
    interface_id: str
    vpc_id: str | None
    subnet_id: str | None
    owner_id: str


@dataclass(frozen=True)
class FlowLogConfig:
    flow_log_id: str
    resource_id: str
    traffic_type: str
    interval: int
    fields: tuple[str, ...]
    destination_type: str
    destination: str | None
    log_group: str | None
    file_format: str = "plain-text"
    hive: bool = False
    per_hour: bool = False
    status: str = "SUCCESS"
    error_message: str | None = None

    @classmethod
    def from_description(cls, flow_log: dict) -> "FlowLogConfig":
        """From one DescribeFlowLogs entry (defaults as AWS applies them)."""
        options = flow_log.get("DestinationOptions") or {}
        return cls(
            flow_log_id=flow_log["FlowLogId"],
            resource_id=flow_log["ResourceId"],
            traffic_type=flow_log.get("TrafficType") or "ALL",
            interval=int(flow_log.get("MaxAggregationInterval") or 600),
            fields=parse_log_format(flow_log.get("LogFormat")),
            destination_type=flow_log.get("LogDestinationType") or "cloud-watch-logs",
            destination=flow_log.get("LogDestination"),
            log_group=flow_log.get("LogGroupName"),
            file_format=options.get("FileFormat") or "plain-text",
            hive=bool(options.get("HiveCompatiblePartitions")),
            per_hour=bool(options.get("PerHourPartition")),
            status=flow_log.get("DeliverLogsStatus") or "SUCCESS",
            error_message=flow_log.get("DeliverLogsErrorMessage"),
        )

    def scope(self, interfaces: dict[str, Interface]) -> dict[str, Interface]:
        """The ENIs this flow log covers: all of its VPC's, all of its subnet's, or the one ENI."""
        rid = self.resource_id
        return {eni: i for eni, i in interfaces.items() if rid in (i.interface_id, i.vpc_id, i.subnet_id)}


def active_flow_logs(ec2) -> list[FlowLogConfig]:
    """Every ACTIVE flow log the EC2 client can see (a deleted one is simply absent)."""
    configs = []
    for page in ec2.get_paginator("describe_flow_logs").paginate():
        for flow_log in page["FlowLogs"]:
            if flow_log.get("FlowLogStatus", "ACTIVE") == "ACTIVE":
                configs.append(FlowLogConfig.from_description(flow_log))
    return configs


def network_interfaces(ec2) -> dict[str, Interface]:
    """All ENIs of the account and region, by id."""
    found = {}
    for page in ec2.get_paginator("describe_network_interfaces").paginate():
        for eni in page["NetworkInterfaces"]:
            found[eni["NetworkInterfaceId"]] = Interface(
                eni["NetworkInterfaceId"], eni.get("VpcId"), eni.get("SubnetId"), eni.get("OwnerId", "")
            )
    return found
