"""What a colleague did to the account before a lab's debugging exercise, as a cell calls it, and whether
a scenario's scripted client (the stolen laptop, the office backup) can play its part here.

    >>> colleague_hardens_network_acl(env.network_acl_id)   # lab 02: something now fails; find what
    >>> if scripted_client_plays("office-backup"):            # False on AWS, with a note saying why
    ...     run_traffic(minutes=5, seed=lab.seed, scenario="office-backup")

On a real account the rules are real (a colleague's deny, a contractor's SSH rule for one address) and
the exercises change them as in the sandbox, but nobody plays the laptop or the office: their addresses
are documentation addresses (198.51.100.0/24, never routed), so no record of them is ever delivered, and
the steps judged on that traffic earn their XP in the sandbox only.
"""

from __future__ import annotations

from typing import Callable

from botocore.exceptions import ClientError

from .. import aws
from ..config import target
from ..messages import message, pair

HARDENING_RULE = 50
HIGH_PORTS = {"From": 1024, "To": 65535}


def colleague_hardens_network_acl(network_acl_id: str) -> None:
    """A colleague's "hardening" of the subnet: outbound TCP to ports 1024-65535 denied (rule 50), meant to
    stop reverse shells. Running it again changes nothing."""
    try:
        aws.client("ec2").create_network_acl_entry(
            NetworkAclId=network_acl_id,
            RuleNumber=HARDENING_RULE,
            Protocol="6",
            RuleAction="deny",
            Egress=True,
            CidrBlock="0.0.0.0/0",
            PortRange=HIGH_PORTS,
        )
    except ClientError as error:
        if error.response["Error"]["Code"] != "NetworkAclEntryAlreadyExists":
            raise


# The steps each scripted client's traffic proves (checks.firewall), named in the note on AWS.
SCENARIO_STEPS = {
    "stolen-laptop": ("firewall.sg_revoked", "firewall.nacl_cut"),
    "office-backup": ("firewall.blocking_rule", "firewall.office_fixed"),
}


def scripted_client_plays(scenario: str, show: Callable[[str], None] = print) -> bool:
    """True in the sandbox, whose traffic model plays `scenario`'s client; on AWS False, after saying (in
    both languages) that nobody plays it there and that the steps its traffic proves earn XP in the
    sandbox only."""
    if target() != "aws":
        return True
    client = pair(f"labs.client.{scenario.replace('-', '_')}")
    show(message("labs.scripted_sandbox_only", client=client, steps=", ".join(SCENARIO_STEPS[scenario])))
    return False
