"""What a VPC flow log is, whoever makes or reads one: the record the flow-logs service knows
(record.py), the fields a LogFormat may name, with the default format (fields.py), where its files go in
S3 and who may write them there (s3_layout.py), and the AWS service principals below.

The traffic model makes records, delivery formats them, the sandbox's flow-logs service checks a
LogFormat, the checks read delivered files: all of them take these facts from here.
"""

FLOW_LOGS_SERVICE = "vpc-flow-logs.amazonaws.com"  # assumes a flow log's role (CloudWatch Logs destinations)
LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com"  # writes a flow log's files into S3
