"""CloudWatch Logs and CloudWatch as AWS runs them, on top of moto's storage of them.

`filter_pattern` (the pattern language, pure) → `metric_filters` (events to per-minute values, pure) →
`alarms` (evaluation, history, SNS actions) on `clock` (simulated time); `insights` (Logs Insights queries:
parser and evaluator, pure); `patches` hooks them into moto.
"""
