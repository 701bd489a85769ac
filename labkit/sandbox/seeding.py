"""A new sandbox the same way every time: a new world, moto's resource ids seeded, its EC2 backend built
by one first request. The endpoint does it at start, the admin API's reset again (so ids after a reset are a new
sandbox's with that seed).
"""

from __future__ import annotations

from ..world import World
from .auth import Credentials

WARM_UP_AGENT = "labkit-warm-up"  # the warm-up's request: not a student's (the endpoint does not count it)


def new_world(seed: int, instance: str | None = None) -> World:
    """A new sandbox's world: nothing attempted or built yet, the truth of no traffic."""
    from ..traffic.truth import empty_truth

    return World(seed=seed, truth=empty_truth(), **({"instance": instance} if instance else {}))


def seed_resource_ids(seed: int) -> None:
    """Make moto's resource IDs (vpc-…, eni-…, fl-…) the same for the same seed."""
    from moto.moto_api._internal import mock_random

    mock_random.seed(seed)


def warm_up(url: str, credentials: Credentials) -> None:
    """One DescribeVpcs through the endpoint: moto builds its EC2 backend (seconds: AMIs, instance types,
    the default VPC). Always first after seeding, the same way, so resource ids are the same for the
    same seed whatever the first request is; AWS requests wait for it (the sandbox's own API does not).
    """
    import boto3
    from botocore.config import Config

    from ..config import region

    boto3.client(
        "ec2",
        region_name=region(),
        endpoint_url=url,
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        config=Config(user_agent_extra=WARM_UP_AGENT),
    ).describe_vpcs()
