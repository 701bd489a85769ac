"""Where moto differs from AWS in ways the course shows, labkit patches it here, once.

Each patch says which gap it closes (see shared/reference/moto.md). Patches of a service are
installed when moto first loads that service's backend, so the sandbox starts without importing
moto's EC2 (seconds of start-up) until the first EC2 request.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

_applied = False


def when_backend_loads(service: str, module: str, patch: Callable[[], None]) -> None:
    """Run `patch` once, just before moto hands out `service`'s backend (now if `module` is loaded)."""
    from moto import backends

    if module in sys.modules:
        patch()
        return
    original = backends.get_backend
    done = False

    def get_backend(name, *args, **kwargs):
        nonlocal done
        if name == service and not done:
            done = True
            patch()
        return original(name, *args, **kwargs)

    backends.get_backend = get_backend


def _patch_flow_logs() -> None:
    from . import flow_log_patches

    flow_log_patches.apply()


def _share_region_lookups() -> None:
    """Answer `boto3.Session().get_available_regions(...)` from one shared session, once per question.

    moto asks it with a new Session each time (three times while importing its EC2 models, once per
    backend), and each new Session parses botocore's endpoint data and the service's whole model
    again: about 0.8 CPU s of the sandbox's start. boto3's default session answers instead: the
    sandbox's own clients (delivery, checks) use it too, so each model is parsed once. The answer comes from the same installed files, so
    it never changes within a process.
    """
    import boto3.session

    original = boto3.session.Session.get_available_regions
    shared = boto3._get_default_session()  # the sandbox's own clients then reuse the models it parsed
    answers: dict[tuple, list[str]] = {}

    def get_available_regions(self, service_name, partition_name="aws", allow_non_regional=False):
        question = (service_name, partition_name, allow_non_regional)
        if question not in answers:
            answers[question] = original(shared, service_name, partition_name, allow_non_regional)
        return list(answers[question])

    boto3.session.Session.get_available_regions = get_available_regions


def _look_up_keys_without_building_partitions() -> None:
    """Find the account of an access key among the IAM backends that exist, without creating the rest.

    moto's `get_account_id_from` runs on every request and indexes all six partitions of the account,
    which builds an IAM backend for each (every one parsing and holding AWS's 1,500 managed policies:
    seconds of CPU and most of a snapshot's size). A backend that does not exist holds no keys, so
    the answer is the same.
    """
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam import models

    def get_account_id_from(access_key: str) -> str:
        for account_id, account in list(models.iam_backends.items()):
            for partition in list(account.keys()):
                if access_key in account[partition].access_keys:
                    return account_id
        return DEFAULT_ACCOUNT_ID

    models.get_account_id_from = get_account_id_from


def _parse_aws_managed_policies_once() -> None:
    """Make each IAM backend's AWS managed policies from one reading of moto's data.

    moto parses its JSON of AWS's ~1,300 managed policies for every IAM backend it creates (a new
    sandbox, every reset, a grader's sandbox per submission) and writes each policy's document back to
    JSON: about a quarter of a CPU second each time, several percent of `make test`. The data is
    moto's installed file: it is read once per installation (`json_cache`), dated once per process. The policies are still new objects for each
    backend (they count their attachments), made in the same order, so their random ids stay as
    deterministic as before.
    """
    import functools
    import json
    from datetime import datetime

    from moto.iam import aws_managed_policies, models

    from . import json_cache

    source = aws_managed_policies.__file__  # the module that holds the JSON, as one string

    def parse() -> list[list]:
        return [
            [
                name,
                data.get("DefaultVersionId"),
                data.get("Path"),
                json.dumps(data.get("Document")),
                data["CreateDate"],
                data["UpdateDate"],
            ]
            for name, data in json.loads(models.aws_managed_policies_data).items()
        ]

    @functools.cache
    def policies() -> tuple[tuple, ...]:  # parsed once per installation (json_cache), dated once per process
        return tuple(
            (name, version, path, document, datetime.fromisoformat(created), datetime.fromisoformat(updated))
            for name, version, path, document, created, updated in json_cache.load(
                source, parse, kind="aws-managed-policies-1"
            )
        )

    def _init_aws_policies(self):
        if not models.load_iam_aws_managed_policies():
            return []
        return [
            models.AWSManagedPolicy(
                name,
                account_id=self.account_id,
                region=self.region_name,
                default_version_id=version,
                path=path,
                document=document,
                create_date=created,
                update_date=updated,
            )
            for name, version, path, document, created, updated in policies()
        ]

    models.IAMBackend._init_aws_policies = _init_aws_policies


def _list_moto_modules_once() -> None:
    """List moto's service folders once, not on every request.

    moto's server asks `list_of_moto_modules()` for each request's host: a directory listing and a
    `stat` of each of its ~170 entries, about a tenth of the CPU the sandbox spends answering a lab's
    requests. The installed folders do not change while the sandbox runs.
    """
    from moto import backends

    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules


def _parse_models_into_plain_dicts() -> None:
    """Parse botocore's model files (and moto's, read by the same loader) into plain dicts, once per
    installation (`json_cache`).

    botocore builds every JSON object of a model as an OrderedDict: twice the time of a plain dict,
    which keeps its keys in order too. The models are most of the JSON a sandbox reads as it starts
    (EC2's alone, once for moto and once for the sandbox's own client). Nothing reads them but through
    their keys and their order.
    """
    import json

    from botocore import loaders

    from . import json_cache

    def _load_file(self, full_path, open_method):
        if not os.path.isfile(full_path):
            return None

        def parse():
            with open_method(full_path, "rb") as handle:
                return json.loads(handle.read().decode("utf-8"))

        return json_cache.load(full_path, parse)

    loaders.JSONFileLoader._load_file = _load_file


def _read_moto_resources_once() -> None:
    """moto's EC2 reads its instance types and their offerings in every region (a hundred gzipped JSON
    files) each time a process imports it: parsed once per installation instead (`json_cache`). Must
    come before moto's EC2 is imported (its modules import `load_resource` by name)."""
    from pathlib import Path

    import moto
    from moto.utilities import utils

    from . import json_cache

    original = utils.load_resource
    root = Path(moto.__file__).parent

    def load_resource(resource: str):
        for path in (root / f"{resource.removesuffix('.gz')}.gz", root / resource):
            if path.is_file():
                return json_cache.load(str(path), lambda: original(resource))
        return original(resource)

    utils.load_resource = load_resource


def _look_up_actions_by_name() -> None:
    """Look a request's action up by its name, not in a list of the response class's every method.

    moto lists `inspect.getmembers(ResponseClass)` (a walk over a few hundred attributes) on every
    request only to ask whether the action is among them: about 3 % of the CPU a sandbox spends
    answering. The answer is the same for one name, and it stays right for methods a labkit patch adds
    to a class later (a cache by class would not).
    """
    import inspect

    from moto.core import responses

    class MethodNames:  # moto only asks `action in method_names`
        def __init__(self, clazz):
            self.clazz = clazz

        def __contains__(self, name) -> bool:
            return isinstance(name, str) and inspect.isfunction(getattr(self.clazz, name, None))

    responses.method_names_from_class = MethodNames


def _patch_glue() -> None:
    from .glue import models, responses

    models.apply()
    responses.apply()


def _patch_cloudwatch() -> None:
    from .cloudwatch import patches

    patches.apply()


def apply_moto_patches() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    from moto.core.config import default_user_config

    _parse_models_into_plain_dicts()
    _read_moto_resources_once()
    _share_region_lookups()
    _look_up_keys_without_building_partitions()
    _parse_aws_managed_policies_once()
    _list_moto_modules_once()
    _look_up_actions_by_name()

    # IAM: load AWS managed policies, so CloudWatchLogsFullAccess & co. can be attached as in AWS
    default_user_config.setdefault("iam", {})["load_aws_managed_policies"] = True
    # EC2 flow logs: DestinationOptions, S3 subfolders, bucket policy, CWL status, EC2's errors
    when_backend_loads("ec2", "moto.ec2.models", _patch_flow_logs)
    # CloudWatch Logs and CloudWatch: filter patterns, metric filters that publish, alarms that evaluate
    when_backend_loads("logs", "moto.logs.models", _patch_cloudwatch)
    when_backend_loads("cloudwatch", "moto.cloudwatch.models", _patch_cloudwatch)
    # Glue: crawlers that crawl S3 (READY -> RUNNING -> STOPPING -> READY), custom classifiers
    when_backend_loads("glue", "moto.glue.models", _patch_glue)
