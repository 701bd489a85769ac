"""Lab 04: nothing billable left: no flow logs on the demo VPC, no NAT gateway, no lab Elastic IP."""
from __future__ import annotations

from . import names
from .context import Context, tag
from .verdict import Verdict

LIVE_NAT_STATES = {"pending", "available", "failed"}


def done(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    if not v.require(ctx.flow_log_ever_existed is not False, "nothing_ever_built"):
        return v
    ec2 = ctx.client("ec2")
    vpc = ctx.demo_vpc
    if vpc is None:
        v.note("demo_vpc_gone")
        vpc_id, watched = None, set()
    else:
        vpc_id = vpc["VpcId"]
        subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
        enis = ec2.describe_network_interfaces(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["NetworkInterfaces"]
        watched = {vpc_id} | {s["SubnetId"] for s in subnets} | {e["NetworkInterfaceId"] for e in enis}
    lab_names = {names.S3_FLOW_LOG_NAME, names.CWL_FLOW_LOG_NAME}
    left = sorted(f["FlowLogId"] for f in ctx.flow_logs if f.get("ResourceId") in watched or tag(f) in lab_names)
    v.require(not left, "flow_logs_left", ids=", ".join(left))
    if vpc_id:
        nats = ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["NatGateways"]
        live = sorted(n["NatGatewayId"] for n in nats if n.get("State") in LIVE_NAT_STATES)
        v.require(not live, "nat_left", ids=", ".join(live))
    lab_eips = sorted(a.get("AllocationId", a.get("PublicIp", "?")) for a in ec2.describe_addresses()["Addresses"]
                      if (tag(a) or "").startswith("labkit") or a.get("NetworkInterfaceId") in watched)
    v.require(not lab_eips, "eips_left", ids=", ".join(lab_eips))
    v.evidence.update(vpc_id=vpc_id, flow_logs_left=len(left))
    return v
