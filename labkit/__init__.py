"""labkit: a hands-on VPC Flow Logs and Athena course kit with a local AWS sandbox.

>>> import labkit
>>> lab = labkit.start("01-flow-logs")          # the lab session: header, lab.check(...), lab.progress()
>>> labkit.confirm_aws()                        # LABKIT_TARGET=aws only: allow billable resources, once
>>> labkit.flow_log_bucket_name("123456789012", "us-east-1")
'labkit-flow-logs-123456789012-us-east-1'
"""

from .checks.names import flow_log_bucket_name
from .session import confirm_aws, start

__all__ = ["confirm_aws", "flow_log_bucket_name", "start"]
