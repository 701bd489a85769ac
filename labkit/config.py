"""Where labkit works, decided in one place: its home folder, the region, the account, the target.

    >>> os.environ["LABKIT_HOME"] = "~/lk"
    >>> labkit_home()
    PosixPath('/home/student/lk')
    >>> target()                       # LABKIT_TARGET=aws chooses a real account; anything else the sandbox
    'sandbox'
    >>> target_in_use()                # what is really called: a loopback endpoint is the sandbox, whatever was chosen
    'sandbox'

Every module asks here; none reads these variables itself (they once disagreed: `~` expanded in one
place and not in another).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_REGION = "us-east-1"
SANDBOX_ACCOUNT = "123456789012"  # moto's default account: the sandbox's one account
DEFAULT_HOME = "~/.labkit"
MINUTE = 60  # seconds: the simulation's step, CloudWatch's finest period, a flow log's finest aggregation
LOOPBACK = "127.0.0.1"  # where the sandbox listens: never any other interface


def labkit_home(create: bool = False) -> Path:
    """$LABKIT_HOME (default ~/.labkit), `~` expanded, absolute; created (mode 0700) when asked."""
    path = Path(os.environ.get("LABKIT_HOME") or DEFAULT_HOME).expanduser().absolute()
    if create and not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def region() -> str:
    """The AWS region boto3 will use: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1."""
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION


def is_loopback_url(url: str) -> bool:
    """True for http://127.x.x.x, localhost and [::1]: the only addresses labkit ever calls itself."""
    from urllib.parse import urlparse

    host = urlparse(url).hostname or ""
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def target() -> str:
    """'aws' when the learner chose a real account (LABKIT_TARGET=aws), else 'sandbox'."""
    return "aws" if os.environ.get("LABKIT_TARGET", "").strip().lower() == "aws" else "sandbox"


def endpoint_overrides() -> list[str]:
    """The endpoint URLs boto3 will use instead of AWS's: AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>."""
    return [
        value
        for name, value in sorted(os.environ.items())
        if (name == "AWS_ENDPOINT_URL" or name.startswith("AWS_ENDPOINT_URL_")) and value.strip()
    ]


def without_aws_redirects(environment: dict[str, str]) -> dict[str, str]:
    """`environment` without what would send a process's AWS calls anywhere but where labkit points them
    (endpoint overrides, credentials, a profile, LABKIT_TARGET): for the processes labkit starts in the
    sandbox (the sandbox itself, the kernels that release the notebooks)."""
    dropped = (
        "AWS_ENDPOINT_URL",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_SECURITY_TOKEN",
        "LABKIT_TARGET",
    )
    return {
        name: value
        for name, value in environment.items()
        if name not in dropped and not name.startswith("AWS_ENDPOINT_URL_")
    }


def target_in_use() -> str:
    """The AWS really called, for the record (the XP ledger): 'aws' only when LABKIT_TARGET=aws and no
    endpoint override points at a loopback address, which is always the sandbox."""
    if target() != "aws" or any(is_loopback_url(url) for url in endpoint_overrides()):
        return "sandbox"
    return "aws"
