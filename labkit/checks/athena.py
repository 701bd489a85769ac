"""Lab 03: result location, the table in the Glue catalog, partitions (by hand, by a Glue crawler, by
projection), and answers to questions the student writes a query for: the rejected count, the top attacker,
the most probed port."""

from __future__ import annotations

from collections import Counter

from botocore.exceptions import ClientError

from . import delivered, names, reading
from .answers import as_address, as_int, normalize, same_answer
from .delivered import ranked
from .context import Context
from .verdict import Verdict

INT_TYPES = {"int", "integer", "bigint", "smallint", "tinyint"}
STRING_TYPES = {"string", "varchar"}
NUMERIC_FIELDS = {"version", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end"}
PARTITION_KEYS = {"date": {"date"}, "day": STRING_TYPES}


def _workgroup_location(ctx: Context, name: str) -> str | None:
    """The result location set on workgroup `name`; None when it has none or does not exist (Athena answers
    InvalidRequestException for a workgroup that does not exist)."""
    try:
        workgroup = ctx.client("athena").get_work_group(WorkGroup=name).get("WorkGroup") or {}
    except ClientError:
        return None
    return ((workgroup.get("Configuration") or {}).get("ResultConfiguration") or {}).get("OutputLocation")


def accepted_workgroups(ctx: Context) -> tuple[str, ...]:
    """Where a result location counts: the course's workgroup; in the sandbox also `primary`, where the lab
    set it before it had a workgroup of its own (a real account's `primary` is never the course's to change)."""
    from ..config import target

    return (names.WORKGROUP,) if target() == "aws" else (names.WORKGROUP, names.ACCOUNT_WORKGROUP)


def result_location(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    found = [(name, _workgroup_location(ctx, name)) for name in accepted_workgroups(ctx)]
    workgroup, location = next(((name, loc) for name, loc in found if loc), (names.WORKGROUP, None))
    if not v.require(bool(location), "no_workgroup_location", workgroup=names.WORKGROUP):
        v.note("create_course_workgroup", workgroup=names.WORKGROUP)
        return v
    v.evidence.update(workgroup=workgroup, output_location=location)
    parsed = names.parse_s3_url(location)
    v.require(parsed is not None and ctx.bucket_exists(parsed[0]), "result_location_bucket", location=location)
    return v


def _databases(ctx: Context) -> list[str]:
    found = [
        d["Name"] for page in ctx.client("glue").get_paginator("get_databases").paginate() for d in page["DatabaseList"]
    ]
    return sorted(found, key=lambda name: name != names.DATABASE_NAME)


def _tables(ctx: Context) -> list[dict]:
    glue = ctx.client("glue")
    return [
        t
        for db in _databases(ctx)
        for page in glue.get_paginator("get_tables").paginate(DatabaseName=db)
        for t in page["TableList"]
    ]


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


def synthetic_location(ctx: Context) -> str | None:
    """On AWS, where lab 03 uploads synthetic attack records (labs.attack_records): the flow log's layout
    under `labkit-synthetic/` of its bucket. None in the sandbox, whose attackers are delivered."""
    from ..config import target
    from ..flowlog.s3_layout import s3_base_prefix

    if target() != "aws" or ctx.delivery_prefix() is None:
        return None
    return f"s3://{ctx.flow_log_bucket}/{names.SYNTHETIC_PREFIX}{s3_base_prefix(ctx.account, ctx.region)}"


def expected_locations(ctx: Context) -> list[str]:
    """Where the lab's tables and crawler may read: the S3 flow log's folder, and on AWS the synthetic one."""
    return [found for found in (expected_location(ctx), synthetic_location(ctx)) if found]


def table_files(ctx: Context):
    """The files the student's table reads (a checks.delivered.Delivered), or None without an S3 flow log:
    on AWS the synthetic records when the table reads those, else what the flow log delivered."""
    from .delivered import Delivered, named_as_delivered

    synthetic = synthetic_location(ctx)
    found = _flow_log_table(ctx) if synthetic else None
    if found and _s3_dir(found.get("StorageDescriptor", {}).get("Location", "")) == synthetic:
        bucket, prefix = names.parse_s3_url(synthetic)
        return Delivered(ctx.client("s3"), bucket, prefix, lambda key, etag: named_as_delivered(key))
    return ctx.delivered_files()


def _no_table(ctx: Context, v: Verdict) -> Verdict:
    v.fail("no_table", table=names.TABLE_NAME, databases=", ".join(_databases(ctx)) or "-")
    near = names.close_match(names.TABLE_NAME, [t["Name"] for t in _tables(ctx)])
    if near:
        v.note("did_you_mean", found=near, wanted=names.TABLE_NAME)
    return v


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
    v.require(
        len(keys) == 1 and keys[0][1] in PARTITION_KEYS.get(keys[0][0], ()),
        "table_partition_key",
        table=name,
        found=", ".join(f"{k} {t}" for k, t in keys) or "-",
    )
    location = found.get("StorageDescriptor", {}).get("Location", "")
    v.evidence["location"] = location
    expected = expected_locations(ctx)
    if not v.require(bool(expected), "no_flow_log_bucket"):
        return v
    v.require(
        _s3_dir(location) in expected,
        "table_location",
        table=name,
        found=location or "-",
        expected=" | ".join(expected),
    )
    v.require(str(_parameter(found, "skip.header.line.count")) == "1", "table_header", table=name)
    if not v.passed:
        v.note("fix_table", table=name)  # CREATE ... IF NOT EXISTS does nothing while the wrong table exists
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


def _partition_locations(ctx: Context, table: dict) -> list[str]:
    pages = (
        ctx.client("glue")
        .get_paginator("get_partitions")
        .paginate(DatabaseName=table["DatabaseName"], TableName=table["Name"])
    )
    return [p.get("StorageDescriptor", {}).get("Location", "") for page in pages for p in page["Partitions"]]


def partition(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    found = _flow_log_table(ctx)
    if found is None:
        return _no_table(ctx, v)
    name = f"{found['DatabaseName']}.{found['Name']}"
    locations = _partition_locations(ctx, found)
    v.evidence["partitions"] = len(locations)
    if not v.require(bool(locations), "no_partitions", table=name):
        return v
    expected = tuple(expected_locations(ctx))
    good = [loc for loc in locations if expected and _s3_dir(loc).startswith(expected) and _has_objects(ctx, loc)]
    v.evidence["with_objects"] = len(good)
    v.require(bool(good), "partitions_empty", table=name, locations=", ".join(sorted(locations)[:3]))
    return v


def _crawlers(ctx: Context) -> list[dict]:
    pages = ctx.client("glue").get_paginator("get_crawlers").paginate()
    return [c for page in pages for c in page["Crawlers"]]


def _crawler_paths(crawler: dict) -> list[str]:
    return [_s3_dir(t.get("Path", "")) for t in (crawler.get("Targets") or {}).get("S3Targets", [])]


def _crawled_tables(ctx: Context, crawler: dict, location: str) -> list[dict]:
    """The tables the crawler wrote (Glue marks them UPDATED_BY_CRAWLER) rooted at `location`."""
    glue = ctx.client("glue")
    try:
        pages = glue.get_paginator("get_tables").paginate(DatabaseName=crawler.get("DatabaseName") or "")
        tables = [t for page in pages for t in page["TableList"]]
    except ClientError:  # its database was deleted
        return []
    return [
        t
        for t in tables
        if (t.get("Parameters") or {}).get("UPDATED_BY_CRAWLER") == crawler["Name"]
        and _s3_dir(t.get("StorageDescriptor", {}).get("Location", "")) == location
    ]


def _crawl_problem(ctx: Context, crawler: dict, location: str) -> tuple[str, dict] | None:
    """Why this crawler has not (yet) given Athena a readable, partitioned table of the flow logs."""
    name = crawler["Name"]
    last = crawler.get("LastCrawl") or {}
    if crawler.get("State") != "READY" and not last:
        return "crawler_running", dict(crawler=name)
    if not last:
        return "crawler_never_ran", dict(crawler=name)
    if last.get("Status") != "SUCCEEDED":
        return "crawler_failed", dict(
            crawler=name, status=last.get("Status", "-"), error=last.get("ErrorMessage") or "-"
        )
    tables = _crawled_tables(ctx, crawler, location)
    if not tables:
        return "crawler_no_table", dict(crawler=name, database=crawler.get("DatabaseName") or "-")
    table = tables[0]
    classification = (table.get("Parameters") or {}).get("classification", "")
    full_name = f"{table['DatabaseName']}.{table['Name']}"
    if classification.lower() != "csv" or not table.get("StorageDescriptor", {}).get("Columns"):
        return "crawler_unknown_format", dict(table=full_name, classification=classification or "-")
    if not any(_has_objects(ctx, folder) for folder in _partition_locations(ctx, table)):
        return "crawler_no_partitions", dict(table=full_name)
    return None


def crawler(ctx: Context, answer=None) -> Verdict:
    """A Glue crawler over the flow log's region folder has crawled it into a partitioned table Athena can
    read: its last crawl succeeded, and its table is a space-delimited text table (a custom classifier:
    no built-in one reads flow logs) with partitions that hold the delivered files."""
    v = Verdict()
    expected = expected_locations(ctx)
    if not v.require(bool(expected), "no_flow_log_bucket"):
        return v
    crawlers = _crawlers(ctx)
    aimed = [c for c in crawlers if set(expected) & set(_crawler_paths(c))]
    if not aimed:
        v.fail("no_crawler", expected=" | ".join(expected))
        others = sorted(path for c in crawlers for path in _crawler_paths(c))
        if others:
            v.note("crawler_paths", found=", ".join(others[:3]))
        return v
    problems = [_crawl_problem(ctx, c, next(p for p in _crawler_paths(c) if p in expected)) for c in aimed]
    if None in problems:
        v.evidence["crawler"] = aimed[problems.index(None)]["Name"]
        return v
    why, fields = problems[0]
    return v.fail(why, **fields)


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
        if not (
            template.startswith(expected)
            or (template.startswith(account_level) and "${" in template and "/vpcflowlogs/" in template)
        ):
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
    if reasons:
        v.note("fix_table", table=reasons[0][1]["table"])
    return v


def _delivered_rejects(ctx: Context) -> list[dict]:
    files = table_files(ctx)
    return [] if files is None else [r for r in files.records() if r.get("action") == "REJECT"]


def delivered_tally(ctx: Context) -> dict:
    """Counts of the delivered files' records, and what typical wrong counts would be: every record,
    REJECT by protocol (TCP, ICMP) and by day, ICMP of any action (one pass over the files)."""
    files = table_files(ctx)
    tally = {
        "all": 0,
        "reject": 0,
        "accept": 0,
        "reject_tcp": 0,
        "reject_icmp": 0,
        "icmp": 0,
        "reject_by_day": Counter(),
        "unreadable": [],
    }
    if files is None:
        return tally
    for key, records in files.files():
        day = key[len(files.prefix) :].rsplit("/", 1)[0]  # YYYY/MM/DD: the folder a partition points at
        for record in records:
            tally["all"] += 1
            if record.get("action") == "ACCEPT":
                tally["accept"] += 1
            tally["icmp"] += record.get("protocol") == "1"
            if record.get("action") != "REJECT":
                continue
            tally["reject"] += 1
            tally["reject_tcp"] += record.get("protocol") == "6"
            tally["reject_icmp"] += record.get("protocol") == "1"
            tally["reject_by_day"][day] += 1
    tally["unreadable"] = files.unreadable
    return tally


LIMITS = (10, 100, 1000)  # what a query's LIMIT usually is


def _why_not_count(answer, tally: dict) -> tuple[str, dict]:
    text = normalize(answer)
    given = as_int(answer)
    fields = {"answer": text}
    if given is None:
        return ("answer_address_not_count" if as_address(answer) else "answer_not_number"), fields
    if given in LIMITS and given < tally["reject"]:
        return "answer_limit", dict(fields, limit=given)
    if given == tally["reject_tcp"] and tally["reject_tcp"] < tally["reject"]:
        return "answer_tcp_only", fields
    if given == tally["all"]:
        return "answer_all_records", fields
    if given == tally["accept"]:
        return "answer_accept_count", fields
    days = tally["reject_by_day"]
    if len(days) > 1 and given in days.values():
        return "answer_one_day", dict(fields, days=len(days))
    return "answer_not_the_count", fields


def rejects_tally(ctx: Context, v: Verdict) -> dict | None:
    """The tally of every delivered file (unreadable ones noted on `v`), or None with `v` failed when
    there is no flow-log bucket or no REJECT record in it."""
    if not v.require(ctx.delivery_prefix() is not None, "no_flow_log_bucket"):
        return None
    tally = delivered_tally(ctx)
    if tally["unreadable"]:
        v.note("unreadable_objects", count=len(tally["unreadable"]), keys=", ".join(tally["unreadable"][:3]))
    if not v.require(tally["reject"] > 0, "no_records", bucket=ctx.flow_log_bucket, prefix=ctx.delivery_prefix()):
        return None
    return tally


def rejected_count(ctx: Context, answer=None) -> Verdict:
    """Expected value: REJECT records in every file the S3 flow log delivered, read through S3 here."""
    v = Verdict()
    tally = rejects_tally(ctx, v)
    if tally is None:
        return v
    expected = tally["reject"]
    v.evidence["answer"] = normalize(answer)
    if as_int(answer) != expected:
        why, fields = _why_not_count(answer, tally)
        v.fail(why, **fields)
    return v


def top_attacker(ctx: Context, answer=None) -> Verdict:
    """The outside address with the most rejected records toward the bastion, over everything the table
    holds. Judged as lab 02's busiest attacker is: the truth counts every minute of traffic since the flow
    logs began (on a real account, every delivered file), which is what a query over all partitions reads."""
    return reading.top_attacker(ctx, answer)


def _port_counts(ctx: Context, v: Verdict) -> tuple[Counter, Counter]:
    """(rejected records by dstport, by srcport) toward the bastion: the truth's, else the delivered logs'."""
    by_src: Counter = Counter()
    if ctx.truth:
        counts = ctx.truth.get("rejected_by_port") or {}
        by_dst = Counter({str(k): n for k, n in counts.items() if isinstance(n, int) and not isinstance(n, bool)})
        return by_dst, by_src
    interface = ctx.bastion_interface or {}
    by_dst = Counter()
    for r in _delivered_rejects(ctx):
        if r.get("interface_id") == interface.get("NetworkInterfaceId") and r.get("dstaddr") == interface.get(
            "PrivateIpAddress"
        ):
            by_dst[r.get("dstport")] += 1
            by_src[r.get("srcport")] += 1
    return by_dst, by_src


def _why_not_port(answer, by_dst: Counter, by_src: Counter) -> tuple[str, dict]:
    text = normalize(answer)
    fields = {"answer": text}
    port = as_int(answer)
    if port is None:
        return ("answer_address_not_port" if as_address(answer) else "answer_not_number"), fields
    if port > 65535:
        return "answer_not_port", fields
    order = ranked(by_dst)
    if str(port) in order:
        return ("answer_ascending" if len(order) > 1 and str(port) == order[-1] else "answer_not_top"), fields
    if by_dst and port in by_dst.values():
        return "answer_count_not_port", fields
    if str(port) in by_src:
        return "answer_srcport", fields
    return "answer_port_not_probed", fields


def top_port(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    by_dst, by_src = Counter(), Counter()
    if ctx.truth:
        expected = ctx.truth.get("top_rejected_port")
    else:
        v.note("answer_from_delivered")
        by_dst, by_src = _port_counts(ctx, v)
        expected = delivered.top(by_dst)
    if not v.require(expected is not None, "no_truth"):
        return v
    v.evidence["answer"] = normalize(answer)
    if not same_answer(answer, expected):
        if ctx.truth:
            by_dst, by_src = _port_counts(ctx, v)
        why, fields = _why_not_port(answer, by_dst, by_src)
        v.fail(why, **fields)
    return v
