"""`require_target` for the commands that import it from here; it is defined in labkit.aws_account.target
(the cleanup there needs it, and nothing in aws_account may import environment).

Once the commands import it from labkit.aws_account.target, this module can go.
"""
from ..aws_account.target import require_target

__all__ = ["require_target"]
