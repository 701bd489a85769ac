"""A canary for the moto, PyAthena, boto3 and sqlglot internals labkit patches or relies on by a private name:
after an upgrade, each one that is gone or takes other parameters fails here by name, with the labkit
module to read again, before a lab misbehaves.

What is checked is read in a fresh interpreter that never imports labkit: in this process a sandbox
may already have replaced moto's methods with labkit's.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# By the labkit module that patches or relies on it: each target (a dotted path from an importable
# module) with the parameter names the patch was written against (moto 5.2.5, PyAthena 4.2.1, boto3
# 1.44), or None for a value whose presence is all that matters. Methods that labkit adds (moto has no
# LogsResponse.stop_query, for example) are in ADDED below.
RELIED_ON = {
    "tests.nbval_unix_sockets": {
        "nbval.kernel.KernelManager": ["args", "kwargs"],  # replaced: nbval's kernels on Unix sockets
        "nbval.kernel.start_new_kernel": ["startup_timeout", "kernel_name", "kwargs"],
    },
    "tests.one_loader": {
        "botocore.session.create_loader": ["search_path_string"],
        "botocore.client.ClientCreator._create_client_class": ["self", "service_name", "service_model"],
        "botocore.hooks._PrefixTrie.prefix_search": ["self", "key"],
    },
    "labkit.sandbox.moto_patches": {
        "moto.backends.get_backend": ["name"],
        "moto.backends.list_of_moto_modules": [],
        "moto.core.responses.method_names_from_class": ["clazz"],  # replaced: a lookup by name
        "botocore.loaders.JSONFileLoader._load_file": ["self", "full_path", "open_method"],  # replaced: plain dicts
        "moto.utilities.utils.load_resource": ["resource"],  # replaced: parsed once per installation
        "moto.core.DEFAULT_ACCOUNT_ID": None,
        "moto.core.config.default_user_config": None,
        "moto.iam.models.get_account_id_from": ["access_key"],
        "moto.iam.models.iam_backends": None,
        "moto.iam.models.IAMBackend._init_aws_policies": ["self"],  # replaced: the data parsed once
        "moto.iam.models.aws_managed_policies_data": None,
        "moto.iam.models.load_iam_aws_managed_policies": [],
        "moto.iam.models.AWSManagedPolicy": [
            "name",
            "account_id",
            "region",
            "default_version_id",
            "description",
            "document",
            "path",
            "create_date",
            "update_date",
            "tags",
        ],
        "boto3._get_default_session": [],
        "boto3.session.Session.get_available_regions": ["self", "service_name", "partition_name", "allow_non_regional"],
    },
    "labkit.sandbox.flow_log_patches": {
        "moto.ec2.models.flow_logs.FlowLogsBackend.create_flow_logs": [
            "self",
            "resource_type",
            "resource_ids",
            "traffic_type",
            "deliver_logs_permission_arn",
            "log_destination_type",
            "log_destination",
            "log_group_name",
            "log_format",
            "max_aggregation_interval",
        ],
        "moto.ec2.models.flow_logs.FlowLogsBackend.describe_flow_logs": ["self", "flow_log_ids", "filters"],
        "moto.ec2.models.flow_logs.FlowLogsBackend._validate_request": [
            "self",
            "log_group_name",
            "log_destination",
            "log_destination_type",
            "max_aggregation_interval",
            "deliver_logs_permission_arn",
        ],
        "moto.ec2.models.flow_logs.FlowLogs.get_filter_value": ["self", "filter_name", "method_name"],
        "moto.ec2.models.validate_resource_ids": ["resource_ids"],
        "moto.ec2.responses.flow_logs.FlowLogs.create_flow_logs": ["self"],
        "moto.ec2.responses.flow_logs.FlowLogs._parse_tag_specification": ["self", "expected_type"],
        "moto.ec2.responses.flow_logs.FlowLogs._get_param": ["self", "param_name", "if_none"],
        "moto.ec2.responses.flow_logs.FlowLogs._get_int_param": ["self", "param_name", "if_none"],
        "moto.ec2.responses.flow_logs.FlowLogs.error_on_dryrun": ["self"],
    },
    "labkit.sandbox.cloudwatch.patches": {
        "moto.logs.models.EventMessageFilter": ["pattern"],
        "moto.logs.models.EventMessageFilter.matches": ["self", "message"],  # what moto calls on labkit's
        "moto.logs.models.LogEvent": ["ingestion_time", "log_event"],
        "moto.logs.models.LogsBackend.filter_log_events": [
            "self",
            "log_group_name",
            "log_stream_names",
            "start_time",
            "end_time",
            "limit",
            "next_token",
            "filter_pattern",
            "interleaved",
        ],
        "moto.logs.models.LogsBackend.start_live_tail": [
            "self",
            "log_group_identifiers",
            "log_stream_names",
            "log_stream_name_prefixes",
            "log_event_filter_pattern",
        ],
        "moto.logs.models.LogsBackend.put_metric_filter": [
            "self",
            "filter_name",
            "filter_pattern",
            "log_group_name",
            "metric_transformations",
        ],
        "moto.logs.models.LogsBackend.delete_log_group": ["self", "log_group_name"],
        "moto.logs.models.LogsBackend.put_subscription_filter": [
            "self",
            "log_group_name",
            "filter_name",
            "filter_pattern",
            "destination_arn",
            "role_arn",
        ],
        "moto.logs.models.LogsBackend.start_query": [
            "self",
            "log_group_names",
            "start_time",
            "end_time",
            "query_string",
        ],
        "moto.logs.models.LogsBackend.get_query_results": ["self", "query_id"],
        "moto.logs.models.LogsBackend.describe_queries": ["self", "log_stream_name", "status"],
        "moto.logs.models.LogStream.put_log_events": ["self", "log_events"],
        "moto.logs.models.LogStream._send_log_events": [
            "self",
            "service",
            "destination_arn",
            "filter_name",
            "log_events",
        ],
        "moto.logs.responses.LogsResponse.start_query": ["self"],
        "moto.logs.responses.LogsResponse.get_query_results": ["self"],
        "moto.logs.responses.LogsResponse.describe_queries": ["self"],
        "moto.cloudwatch.models.CloudWatchBackend.put_metric_alarm": [
            "self",
            "name",
            "namespace",
            "metric_name",
            "comparison_operator",
            "evaluation_periods",
            "period",
            "threshold",
            "statistic",
            "description",
            "dimensions",
            "alarm_actions",
            "metric_data_queries",
            "datapoints_to_alarm",
            "extended_statistic",
            "ok_actions",
            "insufficient_data_actions",
            "unit",
            "actions_enabled",
            "treat_missing_data",
            "evaluate_low_sample_count_percentile",
            "threshold_metric_id",
            "rule",
            "tags",
        ],
        "moto.cloudwatch.models.CloudWatchBackend.get_metric_data": [
            "self",
            "queries",
            "start_time",
            "end_time",
            "scan_by",
        ],
        "moto.cloudwatch.models.CloudWatchBackend.get_metric_statistics": [
            "self",
            "namespace",
            "metric_name",
            "start_time",
            "end_time",
            "period",
            "stats",
            "dimensions",
            "unit",
        ],
        "moto.cloudwatch.models.Alarm.update_state": ["self", "reason", "reason_data", "state_value"],
    },
    "labkit.sandbox.glue.models": {
        "moto.glue.models.FakeCrawler.start_crawler": ["self"],
        "moto.glue.models.FakeCrawler.stop_crawler": ["self"],
        "moto.glue.models.FakeCrawler.as_dict": ["self"],
        "moto.glue.models.FakeCrawler.status": None,  # a property, replaced by labkit's
        "moto.glue.models.GlueBackend.delete_crawler": ["self", "name"],
        "moto.glue.models.FakeCrawl": ["crawler_name"],
    },
    "labkit.sandbox_client.client_patches": {
        "pyathena.arrow.result_set.AthenaArrowResultSetMetadataReader._create_s3_file_system": ["self"],
    },
    "labkit.sandbox.persistence": {
        "moto.core.base_backend.BackendDict._instances": None,
        "moto.core.base_backend.backend_lock": None,
        "moto.moto_api._internal.mock_random.getstate": [],
        "moto.moto_api._internal.mock_random.setstate": ["state"],
    },
    "labkit.sandbox.endpoint": {
        "moto.moto_api._internal.mock_random.seed": ["a", "version"],
        "moto.moto_server.werkzeug_app.DomainDispatcherApplication": ["create_app"],
        "moto.moto_server.werkzeug_app.create_backend_app": ["service"],
        "moto.moto_server.werkzeug_app.MotoRequestHandler": ["request", "client_address", "server"],
    },
    "labkit.sandbox.admin": {
        "moto.moto_api._internal.models.moto_api_backend.reset": [],
    },
    "labkit.sandbox.athena.models": {
        "moto.moto_api._internal.mock_random.uuid4": [],
    },
    "labkit.sandbox.athena.sql.storage": {
        "moto.s3.models.S3Backend.put_object": [
            "self",
            "bucket_name",
            "key_name",
            "value",
            "storage",
            "etag",
            "multipart",
            "encryption",
            "kms_key_id",
            "bucket_key_enabled",
            "lock_mode",
            "lock_legal_status",
            "lock_until",
            "checksum_value",
            "request_method",
            "disable_notification",
        ],
        "moto.s3.notifications.send_event": ["account_id", "event_name", "bucket", "key"],
        "moto.s3.notifications.S3NotificationEvent.OBJECT_CREATED_PUT_EVENT": None,
    },
}

# What labkit adds to moto's classes, which moto does not define (moto 5.2.5). When an upgrade brings
# one, labkit's replaces moto's own without a word: read both, then keep one and move the name above.
ADDED = {
    "labkit.sandbox.flow_log_patches": ["moto.ec2.models.flow_logs.FlowLogs.destination_options"],
    "labkit.sandbox.cloudwatch.patches": [
        "moto.logs.models.LogsBackend.stop_query",
        "moto.logs.models.LogsBackend.get_log_record",
        "moto.logs.responses.LogsResponse.test_metric_filter",
        "moto.logs.responses.LogsResponse.stop_query",
        "moto.logs.responses.LogsResponse.get_log_record",
        "moto.cloudwatch.responses.CloudWatchResponse.describe_alarm_history",
    ],
    "labkit.sandbox.glue.responses": [
        f"moto.glue.responses.GlueResponse.{name}"
        for name in (
            "create_classifier",
            "get_classifier",
            "get_classifiers",
            "update_classifier",
            "delete_classifier",
            "update_crawler",
            "get_crawler_metrics",
        )
    ],
}

# Attributes moto's constructors set that labkit reads or writes on moto's objects: by labkit module,
# the class, the arguments to make one (a Python literal), and the attributes.
INSTANCE_ATTRIBUTES = {
    "labkit.sandbox.athena.sql.storage": [
        (
            "moto.s3.models.FakeKey",
            "{'name': 'k', 'value': b'', 'account_id': '123456789012', 'region_name': 'us-east-1'}",
            ["_value_buffer", "_etag", "lock", "contentsize"],
        )
    ],
    "labkit.sandbox.glue.models": [("moto.glue.models.FakeCrawl", "{'crawler_name': 'c'}", ["_transitions", "status"])],
    # Looks an access key up in the IAM backends that exist (get_account_id_from, patched).
    "labkit.sandbox.moto_patches": [
        ("moto.iam.models.IAMBackend", "{'region_name': 'global', 'account_id': '123456789012'}", ["access_keys"])
    ],
    # Keys the shared client classes by the model and the class-building handlers (share_client_classes).
    "tests.one_loader": [
        ("botocore.hooks.HierarchicalEmitter", "{}", ["_handlers"]),
        ("botocore.hooks.EventAliaser", "{'event_emitter': None}", ["_emitter"]),
        ("botocore.model.ServiceModel", "{'service_description': {'metadata': {}}}", ["_service_description"]),
    ],
    # Reads a node's meta without creating it (node.meta would).
    "labkit.sandbox.athena.sql.rewrite, query, strict": [("sqlglot.expressions.Column", "{}", ["_meta"])],
}

# Run in a fresh interpreter: reads [target, ...] and [[class, arguments, attribute], ...] as JSON on
# stdin, prints {target: parameter names, or null for a value, or "missing: why"}.
READ_INTERNALS = r"""
import ast, importlib, inspect, json, sys

def resolve(path):
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for part in parts[end:]:
            found = getattr(found, part)
        return found
    raise ImportError(path)

def parameters(path):
    try:
        found = resolve(path)
    except (ImportError, AttributeError) as error:
        return f"missing: {error}"
    if not callable(found):
        return None
    if inspect.isclass(found):  # what __init__ takes: Python 3.11.2 reports moto's BaseModel.__new__(*args, **kwargs)
        return list(inspect.signature(found.__init__).parameters)[1:]
    return list(inspect.signature(found).parameters)

def has_attribute(path, arguments, attribute):
    try:
        made = resolve(path)(**ast.literal_eval(arguments))
    except Exception as error:
        return f"missing: could not make one ({type(error).__name__}: {error})"
    return None if hasattr(made, attribute) else f"missing: no attribute {attribute!r}"

targets, attributes = json.load(sys.stdin)
found = {target: parameters(target) for target in targets}
found.update({f"{path}().{attribute}": has_attribute(path, arguments, attribute)
              for path, arguments, attribute in attributes})
print(json.dumps(found))
"""

CALLS = [(module, target, expected) for module, targets in RELIED_ON.items() for target, expected in targets.items()]
ADDITIONS = [(module, target) for module, targets in ADDED.items() for target in targets]
ATTRIBUTES = [
    (module, path, arguments, attribute)
    for module, made in INSTANCE_ATTRIBUTES.items()
    for path, arguments, attributes in made
    for attribute in attributes
]


def read_internals(targets: list[str], attributes: list[tuple[str, str, str]]) -> dict:
    """What a fresh interpreter finds at each target (see READ_INTERNALS)."""
    done = subprocess.run(
        [sys.executable, "-c", READ_INTERNALS],
        input=json.dumps([targets, attributes]),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def internals() -> dict:
    return read_internals(
        [target for _, target, _ in CALLS] + [target for _, target in ADDITIONS],
        [(path, arguments, attribute) for _, path, arguments, attribute in ATTRIBUTES],
    )


@pytest.mark.parametrize(("module", "target", "expected"), CALLS, ids=[target for _, target, _ in CALLS])
def test_patched_internal_is_still_there_with_the_same_parameters(internals, module, target, expected):
    found = internals[target]
    assert not (isinstance(found, str) and found.startswith("missing")), (
        f"{target}, which {module} patches or relies on, is gone after an upgrade ({found}): read {module} again"
    )
    assert found == expected, (
        f"{target}, which {module} patches or relies on, now takes {found}; {module} "
        f"was written for {expected}: read the patch again, then update this list"
    )


@pytest.mark.parametrize(
    ("module", "path", "arguments", "attribute"),
    ATTRIBUTES,
    ids=[f"{path}().{attribute}" for _, path, _, attribute in ATTRIBUTES],
)
def test_attribute_labkit_uses_on_moto_objects_is_still_set(internals, module, path, arguments, attribute):
    found = internals[f"{path}().{attribute}"]
    assert found is None, f"{path}().{attribute}, which {module} relies on, is gone after an upgrade ({found})"


@pytest.mark.parametrize(("module", "target"), ADDITIONS, ids=[target for _, target in ADDITIONS])
def test_what_labkit_adds_to_moto_is_still_not_moto_s_own(internals, module, target):
    found = internals[target]
    assert isinstance(found, str) and found.startswith("missing"), (
        f"moto now defines {target} ({found}), which {module} adds: labkit's replaces moto's own. Read both, "
        f"keep one, and list it in RELIED_ON if labkit's stays"
    )


def test_pyathena_s_arrow_filesystem_still_pickles_its_constructor_arguments():
    """labkit.sandbox.client_patches rebuilds the S3FileSystem PyAthena made, from its pickled arguments
    (`__reduce__()[1][0]`), with the sandbox's endpoint added: the arguments it copies must be there."""
    from pyarrow import fs

    made = fs.S3FileSystem(
        access_key="a", secret_key="b", session_token="c", region="us-east-1", connect_timeout=1.0, request_timeout=2.0
    )
    arguments = made.__reduce__()[1][0]
    assert isinstance(arguments, dict), made.__reduce__()
    copied = {"access_key", "secret_key", "session_token", "region", "connect_timeout", "request_timeout"}
    assert copied <= set(arguments), f"gone from S3FileSystem's pickle: {copied - set(arguments)}"
    assert {"endpoint_override", "scheme"} <= set(arguments)  # what the patch adds is a constructor argument


def test_the_reader_tells_a_value_from_what_is_gone():
    # What an upgrade could leave: a method, a module and an attribute gone; a value still there.
    found = read_internals(
        [
            "moto.core.responses.BaseResponse.no_such_method",
            "moto.no_such_module.thing",
            "moto.core.DEFAULT_ACCOUNT_ID",
        ],
        [("collections.Counter", "{}", "no_such_attribute")],
    )
    assert found["moto.core.responses.BaseResponse.no_such_method"].startswith("missing: ")
    assert found["moto.no_such_module.thing"].startswith("missing: ")
    assert found["moto.core.DEFAULT_ACCOUNT_ID"] is None
    assert found["collections.Counter().no_such_attribute"] == "missing: no attribute 'no_such_attribute'"
