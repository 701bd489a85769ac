"""What a colleague did to the account before a lab's debugging exercise, as a cell calls it.

    >>> colleague_hardens_network_acl(env.network_acl_id)   # lab 02: something now fails; find what
"""
from __future__ import annotations

from botocore.exceptions import ClientError

from .. import aws

HARDENING_RULE = 50
HIGH_PORTS = {"From": 1024, "To": 65535}


def colleague_hardens_network_acl(network_acl_id: str) -> None:
    """A colleague's "hardening" of the subnet: outbound TCP to ports 1024-65535 denied (rule 50), meant to
    stop reverse shells. Running it again changes nothing."""
    try:
        aws.client("ec2").create_network_acl_entry(
            NetworkAclId=network_acl_id, RuleNumber=HARDENING_RULE, Protocol="6", RuleAction="deny", Egress=True,
            CidrBlock="0.0.0.0/0", PortRange=HIGH_PORTS)
    except ClientError as error:
        if error.response["Error"]["Code"] != "NetworkAclEntryAlreadyExists":
            raise
