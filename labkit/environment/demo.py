"""Build, find and tear down the demo environment, with the same boto3 calls on the sandbox and on AWS.

>>> env = build_demo_environment()
>>> build_demo_environment() == env        # found again by Name tags, nothing new created
True
>>> teardown_demo_environment()
True
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import aws
from ..aws_account.consent import require_confirmed
from ..aws_account.retry import while_busy
from ..aws_account.tags import tag_specifications
from . import layout

LIVE_STATES = ["pending", "running", "stopping", "stopped"]
# On real AWS an ENI outlives its terminated instance for a little while; deletions wait for it.
TEARDOWN_WAIT_SECONDS = 120.0


@dataclass(frozen=True)
class Host:
    """One EC2 instance of the demo and its primary network interface."""

    name: str
    instance_id: str
    interface_id: str
    private_ip: str
    public_ip: str | None
    security_group_id: str
    subnet_id: str


@dataclass(frozen=True)
class DemoEnvironment:
    """The ids of everything the lab's demo VPC consists of."""

    account_id: str
    region: str
    vpc_id: str
    vpc_cidr: str
    public_subnet_id: str
    private_subnet_id: str
    igw_id: str
    route_table_id: str
    network_acl_id: str  # the VPC's default network ACL (both subnets use it until a student changes that)
    availability_zone: str
    az_id: str
    bastion: Host
    private: Host

    def hosts(self) -> tuple[Host, Host]:
        return (self.bastion, self.private)


# ---- finding things by Name tag -------------------------------------------------------------------


def _name_filter(name: str) -> dict:
    return {"Name": "tag:Name", "Values": [name]}


def _tags(resource_type: str, name: str) -> list[dict]:
    """Its Name (how build finds it again) and the course's tags (how `labkit cleanup` finds it)."""
    return tag_specifications(resource_type, name)


def _first(items: list[dict], key: str) -> str | None:
    return sorted(item[key] for item in items)[0] if items else None


def _find_vpc(ec2) -> dict | None:
    """The tagged VPC; if several carry the tag, the one whose bastion runs (then the lowest id)."""
    vpcs = ec2.describe_vpcs(Filters=[_name_filter(layout.VPC_NAME)])["Vpcs"]
    if len(vpcs) > 1:
        reservations = ec2.describe_instances(
            Filters=[_name_filter(layout.BASTION_NAME), {"Name": "instance-state-name", "Values": LIVE_STATES}]
        )
        with_bastion = {i["VpcId"] for r in reservations["Reservations"] for i in r["Instances"] if "VpcId" in i}
        vpcs = [v for v in vpcs if v["VpcId"] in with_bastion] or vpcs
    return sorted(vpcs, key=lambda v: v["VpcId"])[0] if vpcs else None


def _find_subnet(ec2, vpc_id: str, name: str) -> dict | None:
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, _name_filter(name)])["Subnets"]
    return sorted(subnets, key=lambda s: s["SubnetId"])[0] if subnets else None


def _find_igw(ec2, vpc_id: str) -> str | None:
    igws = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])[
        "InternetGateways"
    ]
    return _first(igws, "InternetGatewayId")


def _find_route_table(ec2, vpc_id: str) -> str | None:
    tables = ec2.describe_route_tables(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, _name_filter(layout.PUBLIC_ROUTE_TABLE_NAME)]
    )["RouteTables"]
    return _first(tables, "RouteTableId")


def _find_group(ec2, vpc_id: str, name: str) -> str | None:
    groups = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "group-name", "Values": [name]}]
    )["SecurityGroups"]
    return _first(groups, "GroupId")


def _default_nacl(ec2, vpc_id: str) -> str | None:
    nacls = ec2.describe_network_acls(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "default", "Values": ["true"]}]
    )["NetworkAcls"]
    return _first(nacls, "NetworkAclId")


def _find_instance(ec2, vpc_id: str, name: str) -> dict | None:
    reservations = ec2.describe_instances(
        Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]},
            _name_filter(name),
            {"Name": "instance-state-name", "Values": LIVE_STATES},
        ]
    )["Reservations"]
    instances = [i for r in reservations for i in r["Instances"]]
    return sorted(instances, key=lambda i: i["InstanceId"])[0] if instances else None


def _host(name: str, instance: dict) -> Host:
    eni = next(n for n in instance["NetworkInterfaces"] if n["Attachment"]["DeviceIndex"] == 0)
    return Host(
        name=name,
        instance_id=instance["InstanceId"],
        interface_id=eni["NetworkInterfaceId"],
        private_ip=eni["PrivateIpAddress"],
        public_ip=instance.get("PublicIpAddress"),
        security_group_id=eni["Groups"][0]["GroupId"],
        subnet_id=eni["SubnetId"],
    )


def find_demo_environment(ec2=None) -> DemoEnvironment | None:
    """The demo environment if it is complete, else None.

    >>> find_demo_environment() is None      # before `labkit environment build`
    True
    """
    ec2 = ec2 or aws.client("ec2")
    vpc = _find_vpc(ec2)
    if vpc is None:
        return None
    vpc_id = vpc["VpcId"]
    public = _find_subnet(ec2, vpc_id, layout.PUBLIC_SUBNET_NAME)
    private = _find_subnet(ec2, vpc_id, layout.PRIVATE_SUBNET_NAME)
    igw_id = _find_igw(ec2, vpc_id)
    route_table_id = _find_route_table(ec2, vpc_id)
    nacl_id = _default_nacl(ec2, vpc_id)
    bastion = _find_instance(ec2, vpc_id, layout.BASTION_NAME)
    private_instance = _find_instance(ec2, vpc_id, layout.PRIVATE_NAME)
    if None in (public, private, igw_id, route_table_id, nacl_id, bastion, private_instance):
        return None
    return DemoEnvironment(
        account_id=vpc["OwnerId"],
        region=aws.region(),
        vpc_id=vpc_id,
        vpc_cidr=vpc["CidrBlock"],
        public_subnet_id=public["SubnetId"],
        private_subnet_id=private["SubnetId"],
        igw_id=igw_id,
        route_table_id=route_table_id,
        network_acl_id=nacl_id,
        availability_zone=public["AvailabilityZone"],
        az_id=public["AvailabilityZoneId"],
        bastion=_host(layout.BASTION_NAME, bastion),
        private=_host(layout.PRIVATE_NAME, private_instance),
    )


# ---- building -------------------------------------------------------------------------------------


def _ensure_vpc(ec2) -> str:
    vpc = _find_vpc(ec2)
    if vpc:
        return vpc["VpcId"]
    vpc_id = ec2.create_vpc(CidrBlock=layout.VPC_CIDR, TagSpecifications=_tags("vpc", layout.VPC_NAME))["Vpc"]["VpcId"]
    ec2.get_waiter("vpc_available").wait(VpcIds=[vpc_id])
    return vpc_id


def _zone(ec2) -> str:
    zones = ec2.describe_availability_zones(
        Filters=[{"Name": "state", "Values": ["available"]}, {"Name": "zone-type", "Values": ["availability-zone"]}]
    )
    return sorted(z["ZoneName"] for z in zones["AvailabilityZones"])[0]


def _ensure_subnet(ec2, vpc_id: str, name: str, cidr: str, zone: str) -> dict:
    subnet = _find_subnet(ec2, vpc_id, name)
    if subnet:
        return subnet
    return ec2.create_subnet(
        VpcId=vpc_id, CidrBlock=cidr, AvailabilityZone=zone, TagSpecifications=_tags("subnet", name)
    )["Subnet"]


def _ensure_igw(ec2, vpc_id: str) -> str:
    igw_id = _find_igw(ec2, vpc_id)
    if igw_id:
        return igw_id
    igw_id = ec2.create_internet_gateway(TagSpecifications=_tags("internet-gateway", layout.IGW_NAME))[
        "InternetGateway"
    ]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
    return igw_id


def _ensure_public_routes(ec2, vpc_id: str, subnet_id: str, igw_id: str) -> str:
    table_id = _find_route_table(ec2, vpc_id)
    if table_id is None:
        table_id = ec2.create_route_table(
            VpcId=vpc_id, TagSpecifications=_tags("route-table", layout.PUBLIC_ROUTE_TABLE_NAME)
        )["RouteTable"]["RouteTableId"]
    table = ec2.describe_route_tables(RouteTableIds=[table_id])["RouteTables"][0]
    if not any(r.get("DestinationCidrBlock") == "0.0.0.0/0" for r in table["Routes"]):
        ec2.create_route(RouteTableId=table_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
    if not any(a.get("SubnetId") == subnet_id for a in table.get("Associations", [])):
        ec2.associate_route_table(RouteTableId=table_id, SubnetId=subnet_id)
    return table_id


def _ensure_group(ec2, vpc_id: str, name: str, description: str, ingress: list[dict]) -> str:
    group_id = _find_group(ec2, vpc_id, name)
    if group_id:
        return group_id  # a student's later edits to its rules are theirs to keep
    group_id = ec2.create_security_group(
        GroupName=name, Description=description, VpcId=vpc_id, TagSpecifications=_tags("security-group", name)
    )["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=ingress)
    return group_id


def _image_id() -> str:
    """Amazon Linux 2023 from AWS's public SSM parameter; the newest matching public image otherwise."""
    try:
        return aws.client("ssm").get_parameter(Name=layout.AMI_PARAMETER)["Parameter"]["Value"]
    except Exception:  # the parameter is unreadable (permissions, region): fall back to a name search
        images = aws.client("ec2").describe_images(
            Owners=["amazon"], Filters=[{"Name": "name", "Values": [layout.AMI_NAME_PATTERN]}]
        )["Images"]
        if not images:
            images = aws.client("ec2").describe_images(Owners=["amazon"])["Images"]
        return max(images, key=lambda i: (i.get("CreationDate", ""), i["ImageId"]))["ImageId"]


def _ensure_instance(ec2, vpc_id: str, name: str, subnet_id: str, group_id: str, ip: str, public: bool) -> dict:
    instance = _find_instance(ec2, vpc_id, name)
    if instance is None:
        instance_id = ec2.run_instances(
            ImageId=_image_id(),
            InstanceType=layout.INSTANCE_TYPE,
            MinCount=1,
            MaxCount=1,
            NetworkInterfaces=[
                {
                    "DeviceIndex": 0,
                    "SubnetId": subnet_id,
                    "Groups": [group_id],
                    "PrivateIpAddress": ip,
                    "AssociatePublicIpAddress": public,
                    "DeleteOnTermination": True,
                }
            ],
            TagSpecifications=_tags("instance", name) + _tags("network-interface", name) + _tags("volume", name),
        )["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id])
    return _find_instance(ec2, vpc_id, name)


def build_demo_environment() -> DemoEnvironment:
    """Create whatever part of the demo environment is missing, and return all of it.

        >>> env = build_demo_environment()
        >>> env.bastion.private_ip, env.vpc_cidr
        ('10.0.1.10', '10.0.0.0/16')

    Everything it creates is tagged with the course (labkit:course) and the current lab. On a real account
    (LABKIT_TARGET=aws) it first requires the student's confirmation (labkit.confirm_aws()).
    """
    require_confirmed()
    ec2 = aws.client("ec2")
    vpc_id = _ensure_vpc(ec2)
    zone = _zone(ec2)
    public = _ensure_subnet(ec2, vpc_id, layout.PUBLIC_SUBNET_NAME, layout.PUBLIC_SUBNET_CIDR, zone)
    private = _ensure_subnet(
        ec2, vpc_id, layout.PRIVATE_SUBNET_NAME, layout.PRIVATE_SUBNET_CIDR, public["AvailabilityZone"]
    )
    igw_id = _ensure_igw(ec2, vpc_id)
    _ensure_public_routes(ec2, vpc_id, public["SubnetId"], igw_id)
    bastion_sg = _ensure_group(
        ec2, vpc_id, layout.BASTION_SG_NAME, "labkit bastion: SSH from anywhere", layout.BASTION_INGRESS
    )
    private_sg = _ensure_group(
        ec2, vpc_id, layout.PRIVATE_SG_NAME, "labkit private: SSH from the bastion", layout.private_ingress(bastion_sg)
    )
    _ensure_instance(ec2, vpc_id, layout.BASTION_NAME, public["SubnetId"], bastion_sg, layout.BASTION_IP, True)
    _ensure_instance(ec2, vpc_id, layout.PRIVATE_NAME, private["SubnetId"], private_sg, layout.PRIVATE_IP, False)
    return find_demo_environment(ec2)


# ---- tearing down ---------------------------------------------------------------------------------


def _patiently(action) -> None:
    """Run a deletion, waiting while AWS still sees a dependency; already-gone is fine."""
    while_busy(action, TEARDOWN_WAIT_SECONDS)


def _delete_flow_logs(ec2, resource_ids: list[str]) -> None:
    logs = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": resource_ids}])["FlowLogs"]
    if logs:
        ec2.delete_flow_logs(FlowLogIds=[f["FlowLogId"] for f in logs])


def teardown_demo_environment() -> bool:
    """Delete the demo environment (and flow logs and custom network ACLs on it); False if none existed.

    >>> teardown_demo_environment()
    True
    """
    ec2 = aws.client("ec2")
    vpc = _find_vpc(ec2)
    if vpc is None:
        return False
    vpc_id = vpc["VpcId"]
    in_vpc = [{"Name": "vpc-id", "Values": [vpc_id]}]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=in_vpc)["Subnets"]]
    enis = [n["NetworkInterfaceId"] for n in ec2.describe_network_interfaces(Filters=in_vpc)["NetworkInterfaces"]]
    _delete_flow_logs(ec2, [vpc_id, *subnets, *enis])

    reservations = ec2.describe_instances(Filters=in_vpc + [{"Name": "instance-state-name", "Values": LIVE_STATES}])
    instance_ids = [i["InstanceId"] for r in reservations["Reservations"] for i in r["Instances"]]
    if instance_ids:
        ec2.terminate_instances(InstanceIds=instance_ids)
        ec2.get_waiter("instance_terminated").wait(InstanceIds=instance_ids)
    for eni in ec2.describe_network_interfaces(Filters=in_vpc)["NetworkInterfaces"]:
        _patiently(lambda: ec2.delete_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"]))
    groups = [g for g in ec2.describe_security_groups(Filters=in_vpc)["SecurityGroups"] if g["GroupName"] != "default"]
    for group in groups:  # the private group refers to the bastion's: drop references first
        if group["IpPermissions"]:
            ec2.revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=group["IpPermissions"])
    for group in groups:
        _patiently(lambda: ec2.delete_security_group(GroupId=group["GroupId"]))
    for table in ec2.describe_route_tables(Filters=in_vpc)["RouteTables"]:
        if any(a.get("Main") for a in table.get("Associations", [])):
            continue
        for association in table.get("Associations", []):
            ec2.disassociate_route_table(AssociationId=association["RouteTableAssociationId"])
        ec2.delete_route_table(RouteTableId=table["RouteTableId"])
    for nacl in ec2.describe_network_acls(Filters=in_vpc)["NetworkAcls"]:
        if not nacl["IsDefault"]:
            _release_nacl(ec2, vpc_id, nacl)
    igws = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])
    for igw in igws["InternetGateways"]:
        ec2.detach_internet_gateway(InternetGatewayId=igw["InternetGatewayId"], VpcId=vpc_id)
        ec2.delete_internet_gateway(InternetGatewayId=igw["InternetGatewayId"])
    for subnet_id in subnets:
        _patiently(lambda: ec2.delete_subnet(SubnetId=subnet_id))
    _patiently(lambda: ec2.delete_vpc(VpcId=vpc_id))
    return True


def _release_nacl(ec2, vpc_id: str, nacl: dict) -> None:
    """A custom network ACL goes back to the default one for its subnets before it can be deleted."""
    default_id = _default_nacl(ec2, vpc_id)
    for association in nacl.get("Associations", []):
        ec2.replace_network_acl_association(
            AssociationId=association["NetworkAclAssociationId"], NetworkAclId=default_id
        )
    ec2.delete_network_acl(NetworkAclId=nacl["NetworkAclId"])
