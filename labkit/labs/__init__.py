"""What the lab notebooks share: rebuilding earlier labs' state, and waiting for AWS to deliver.

Each notebook kernel starts its own sandbox, so lab 02 opens on an empty account. `prepare` rebuilds
(idempotently, awarding no XP) what the earlier labs built:

    >>> from labkit.labs import prepare
    >>> prepare("03-athena")        # demo VPC, bucket, both flow logs, role, log group, delivered traffic
"""

from __future__ import annotations

from .alarm import wait_for_alarm
from .attack_records import attack_records
from .delivery import delivered_keys, wait_for_delivery
from .incidents import colleague_hardens_network_acl, scripted_client_plays
from .prerequisites import NEEDS, Prepared, prepare

__all__ = [
    "NEEDS",
    "Prepared",
    "attack_records",
    "colleague_hardens_network_acl",
    "delivered_keys",
    "prepare",
    "scripted_client_plays",
    "wait_for_alarm",
    "wait_for_delivery",
]
