"""`%%sql` cells over Athena: the SQLAlchemy URL JupySQL connects with (PyAthena's `awsathena+rest` dialect).

The URL names only what Athena itself needs (region, workgroup or staging directory, database), so the
same URL serves the sandbox and a real account: credentials and the sandbox's endpoint come from the
kernel's environment (AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL, ... set by `labkit.start`), which boto3
reads when PyAthena opens its connection. An endpoint goes into the URL only when one is given.

    >>> athena_url("us-east-1", work_group="primary")
    'awsathena+rest://:@athena.us-east-1.amazonaws.com:443/default?work_group=primary'
    >>> athena_url("ap-northeast-2", s3_staging_dir="s3://results/", endpoint_url="http://127.0.0.1:4566")
    'awsathena+rest://:@athena.ap-northeast-2.amazonaws.com:443/default?s3_staging_dir=s3%3A%2F%2Fresults%2F&endpoint_url=http%3A%2F%2F127.0.0.1%3A4566'

Importing this module never imports JupySQL (only lab 03 loads it, with `%load_ext sql`); it turns off
what JupySQL's helper package (ploomber-core) could send over the network: usage statistics and its
check for a newer version on PyPI. JupySQL 0.11 itself sends nothing.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

__all__ = ["athena_url", "NO_NETWORK_ENVIRONMENT"]

# ploomber-core's switches (read when JupySQL's plotting and connection helpers load): no statistics,
# no version check against pypi.org. Set before `%load_ext sql`, by importing this module.
NO_NETWORK_ENVIRONMENT = {"PLOOMBER_STATS_ENABLED": "false", "PLOOMBER_VERSION_CHECK_DISABLED": "true"}
os.environ.update(NO_NETWORK_ENVIRONMENT)


def athena_url(
    region: str,
    work_group: str | None = None,
    s3_staging_dir: str | None = None,
    database: str = "default",
    endpoint_url: str | None = None,
) -> str:
    """The `awsathena+rest://` URL for `%sql` (or `sqlalchemy.create_engine`) in `region`.

    Give the workgroup whose result location Athena uses, or an S3 staging directory (or both);
    `endpoint_url` only to override the environment's endpoint.
    """
    options = {"work_group": work_group, "s3_staging_dir": s3_staging_dir, "endpoint_url": endpoint_url}
    query = urlencode({key: value for key, value in options.items() if value})
    return f"awsathena+rest://:@athena.{region}.amazonaws.com:443/{database}" + (f"?{query}" if query else "")
