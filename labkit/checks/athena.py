"""Lab 03: result location, the table in the Glue catalog, partitions, projection, and two answers."""
from __future__ import annotations

from collections import Counter

from botocore.exceptions import ClientError

from . import delivered, names
from .answers import as_int, normalize, same_answer
from .context import Context
from .verdict import Verdict

INT_TYPES = {"int", "integer", "bigint", "smallint", "tinyint"}
STRING_TYPES = {"string", "varchar"}
NUMERIC_FIELDS = {"version", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end"}
PARTITION_KEYS = {"date": {"date"}, "day": STRING_TYPES}


def result_location(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    workgroup = ctx.client("athena").get_work_group(WorkGroup=names.WORKGROUP)["WorkGroup"]
    location = (workgroup.get("Configuration", {}).get("ResultConfiguration", {}) or {}).get("OutputLocation")
    if not v.require(bool(location), "no_workgroup_location", workgroup=names.WORKGROUP):
        return v
    v.evidence["output_location"] = location
    parsed = names.parse_s3_url(location)
    v.require(parsed is not None and ctx.bucket_exists(parsed[0]), "result_location_bucket", location=location)
    return v


def _databases(ctx: Context) -> list[str]:
    found = [d["Name"] for page in ctx.client("glue").get_paginator("get_databases").paginate()
             for d in page["DatabaseList"]]
    return sorted(found, key=lambda name: name != names.DATABASE_NAME)


def _tables(ctx: Context) -> list[dict]:
    glue = ctx.client("glue")
    return [t for db in _databases(ctx) for page in glue.get_paginator("get_tables").paginate(DatabaseName=db)
            for t in page["TableList"]]


def _flow_log_table(ctx: Context) -> dict | None:
    return next((t for t in _tables(ctx) if t["Name"] == names.TABLE_NAME), None)


def _base_type(glue_type: str) -> str:
    return glue_type.lower().split("(")[0].strip()


def _column_problems(columns: list[dict]) -> list[str]:
    found = [(c["Name"].lower(), _base_type(c.get("Type", ""))) for c in columns]
    problems = []
    if [n for n, _ in found] != names.DEFAULT_FIELDS:
        problems.append(" ".join(n for n, _ in found) or "-")
    for name, kind in found:
        wanted = INT_TYPES if name in NUMERIC_FIELDS else STRING_TYPES
        if name in names.DEFAULT_FIELDS and kind not in wanted:
            problems.append(f"{name} {kind}")
    return problems


def _parameter(table: dict, key: str) -> str | None:
    serde = table.get("StorageDescriptor", {}).get("SerdeInfo", {}).get("Parameters", {})
    return (table.get("Parameters") or {}).get(key) or serde.get(key)


def _s3_dir(url: str) -> str:
    return url.rstrip("/") + "/"


def expected_location(ctx: Context) -> str | None:
    prefix = ctx.delivery_prefix()
    return f"s3://{ctx.flow_log_bucket}/{prefix}" if prefix else None


def _no_table(ctx: Context, v: Verdict) -> Verdict:
    return v.fail("no_table", table=names.TABLE_NAME, databases=", ".join(_databases(ctx)) or "-")


def table(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    found = _flow_log_table(ctx)
    if found is None:
        return _no_table(ctx, v)
    name = f"{found['DatabaseName']}.{found['Name']}"
    v.evidence["table"] = name
    problems = _column_problems(found.get("StorageDescriptor", {}).get("Columns", []))
    v.require(not problems, "table_columns", table=name, problems="; ".join(problems))
    keys = [(k["Name"].lower(), _base_type(k.get("Type", ""))) for k in found.get("PartitionKeys", [])]
    v.evidence["partition_keys"] = [k for k, _ in keys]
    v.require(len(keys) == 1 and keys[0][1] in PARTITION_KEYS.get(keys[0][0], ()), "table_partition_key",
              table=name, found=", ".join(f"{k} {t}" for k, t in keys) or "-")
    location = found.get("StorageDescriptor", {}).get("Location", "")
    v.evidence["location"] = location
    expected = expected_location(ctx)
    if not v.require(expected is not None, "no_flow_log_bucket"):
        return v
    v.require(_s3_dir(location) == expected, "table_location", table=name, found=location or "-", expected=expected)
    v.require(str(_parameter(found, "skip.header.line.count")) == "1", "table_header", table=name)
    return v


def _has_objects(ctx: Context, url: str) -> bool:
    parsed = names.parse_s3_url(url)
    if not parsed:
        return False
    bucket, key = parsed
    try:
        listing = ctx.client("s3").list_objects_v2(Bucket=bucket, Prefix=_s3_dir(key) if key else "", MaxKeys=1)
    except ClientError:
        return False
    return listing.get("KeyCount", 0) > 0


def partition(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    found = _flow_log_table(ctx)
    if found is None:
        return _no_table(ctx, v)
    name = f"{found['DatabaseName']}.{found['Name']}"
    pages = ctx.client("glue").get_paginator("get_partitions").paginate(
        DatabaseName=found["DatabaseName"], TableName=found["Name"])
    locations = [p.get("StorageDescriptor", {}).get("Location", "") for page in pages for p in page["Partitions"]]
    v.evidence["partitions"] = len(locations)
    if not v.require(bool(locations), "no_partitions", table=name):
        return v
    expected = expected_location(ctx) or ""
    good = [loc for loc in locations if expected and _s3_dir(loc).startswith(expected) and _has_objects(ctx, loc)]
    v.evidence["with_objects"] = len(good)
    v.require(bool(good), "partitions_empty", table=name, locations=", ".join(sorted(locations)[:3]))
    return v


def projection(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    projected = [t for t in _tables(ctx) if str(_parameter(t, "projection.enabled")).lower() == "true"]
    if not v.require(bool(projected), "no_projection"):
        return v
    expected = f"s3://{ctx.flow_log_bucket}/{ctx.delivery_prefix() or ''}"
    account_level = expected.split("/vpcflowlogs/")[0].rsplit("/", 1)[0] + "/"  # …/AWSLogs/ (templated account)
    reasons: list[tuple[str, dict]] = []
    for found in projected:
        name = f"{found['DatabaseName']}.{found['Name']}"
        template = _parameter(found, "storage.location.template") or ""
        problems = []
        if not (template.startswith(expected) or (template.startswith(account_level) and "${" in template
                                                  and "/vpcflowlogs/" in template)):
            problems.append(("projection_template", dict(table=name, found=template or "-", expected=expected)))
        for key in found.get("PartitionKeys", []):
            k = key["Name"]
            if not _parameter(found, f"projection.{k}.type") or f"${{{k}}}" not in template:
                problems.append(("projection_key", dict(table=name, key=k)))
        if not problems:
            v.evidence.update(table=name, template=template)
            return v
        reasons = reasons or problems
    for why, fields in reasons:
        v.fail(why, **fields)
    return v


def _delivered_rejects(ctx: Context) -> list[dict]:
    prefix = ctx.delivery_prefix()
    if not prefix:
        return []
    return [r for r in delivered.records(ctx.client("s3"), ctx.flow_log_bucket, prefix) if r.get("action") == "REJECT"]


def rejected_count(ctx: Context, answer=None) -> Verdict:
    """Expected value: REJECT records in every file the S3 flow log delivered, read through S3 here."""
    v = Verdict()
    if not v.require(ctx.delivery_prefix() is not None, "no_flow_log_bucket"):
        return v
    expected = len(_delivered_rejects(ctx))
    if not v.require(expected > 0, "no_records", bucket=ctx.flow_log_bucket, prefix=ctx.delivery_prefix()):
        return v
    v.evidence["answer"] = normalize(answer)
    v.require(as_int(answer) == expected, "wrong_answer", answer=normalize(answer))
    return v


def top_port(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    if ctx.truth:
        expected = ctx.truth.get("top_rejected_port")
    else:
        interface = ctx.bastion_interface or {}
        v.note("answer_from_delivered")
        expected = delivered.top(Counter(r["dstport"] for r in _delivered_rejects(ctx)
                                         if r.get("interface_id") == interface.get("NetworkInterfaceId")
                                         and r.get("dstaddr") == interface.get("PrivateIpAddress")))
    if not v.require(expected is not None, "no_truth"):
        return v
    v.evidence["answer"] = normalize(answer)
    v.require(same_answer(answer, expected), "wrong_answer", answer=normalize(answer))
    return v
