"""labkit: a hands-on VPC Flow Logs and Athena course kit with a local AWS sandbox.

    >>> import labkit
    >>> lab = labkit.start("01-flow-logs")
"""
from .session import start

__all__ = ["start"]
