"""What a VPC flow log is, whoever makes or reads one: the record the flow-logs service knows
(record.py) and the fields a LogFormat may name, with the default format (fields.py).

The traffic model makes records, delivery formats them, the sandbox's flow-logs service checks a
LogFormat, the checks read delivered files: all of them take these facts from here.
"""
