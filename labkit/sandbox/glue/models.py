"""Glue crawlers that crawl, and the custom classifiers they use, on top of moto's Glue backend.

moto 5.2 stores crawlers and answers Create/Get/Start/Stop/Delete/ListCrawls, but a crawl finds
nothing and its state jumps (READY, RUNNING, READY with LastCrawl "COMPLETED", which is not one of
AWS's values); CreateClassifier does not exist. Here, applied once from moto_patches:

- StartCrawler: State RUNNING. The crawler then moves one step each time it is looked at
  (GetCrawler, GetCrawlers, BatchGetCrawlers), after the answer is written, so a poller sees
  RUNNING, STOPPING, READY, whatever the machine's speed: deterministic, as the course needs.
  Leaving RUNNING it crawls (crawler.py) and writes the tables and partitions to the Data Catalog;
  at READY, LastCrawl says SUCCEEDED, FAILED (with ErrorMessage) or CANCELLED (StopCrawler while
  RUNNING: STOPPING, then READY, nothing written). ListCrawls shows COMPLETED, FAILED or STOPPED.
- UpdateCrawler (refused while the crawler runs) and GetCrawlerMetrics (what the last crawl wrote),
  which moto lacks.
- Classifiers (CreateClassifier, GetClassifier(s), UpdateClassifier, DeleteClassifier) are kept on
  the Glue backend, so a snapshot (persistence.py) keeps them with the crawlers. CSV classifiers are
  applied by crawls; Grok, XML and JSON ones are stored and never match (the sandbox cannot run them).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from moto.glue.exceptions import (
    AlreadyExistsException,
    CrawlerNotRunningException,
    CrawlerRunningException,
    EntityNotFoundException,
    InvalidInputException,
)
from moto.glue.models import FakeCrawl, FakeCrawler, GlueBackend

from .crawler import CrawlError, S3Item, crawl_target

CLASSIFIER_KINDS = ("GrokClassifier", "XMLClassifier", "JsonClassifier", "CsvClassifier")
# LastCrawl.Status (AWS's LastCrawlInfo) -> the crawl's state in ListCrawls (AWS's CrawlState).
CRAWL_STATES = {"SUCCEEDED": "COMPLETED", "FAILED": "FAILED", "CANCELLED": "STOPPED"}

_original_as_dict = FakeCrawler.as_dict


def _now() -> datetime:
    return datetime.now(timezone.utc)


# --- classifiers ----------------------------------------------------------------------------------


def classifiers_of(backend: GlueBackend) -> dict[str, dict]:
    """The backend's custom classifiers by name: {"CsvClassifier": {...}} each, as AWS returns them."""
    if not hasattr(backend, "labkit_classifiers"):
        backend.labkit_classifiers = {}
    return backend.labkit_classifiers


def _given_classifier(body: dict) -> tuple[str, dict]:
    given = [(kind, body[kind]) for kind in CLASSIFIER_KINDS if body.get(kind)]
    if len(given) != 1:
        raise InvalidInputException(
            "Classifier", "Exactly one of GrokClassifier, XMLClassifier, JsonClassifier or CsvClassifier is required."
        )
    return given[0]


def create_classifier(backend: GlueBackend, body: dict) -> None:
    kind, definition = _given_classifier(body)
    classifiers = classifiers_of(backend)
    if definition["Name"] in classifiers:
        raise AlreadyExistsException("Classifier")
    now = _now()
    classifiers[definition["Name"]] = {kind: {**definition, "CreationTime": now, "LastUpdated": now, "Version": 1}}


def get_classifier(backend: GlueBackend, name: str) -> dict:
    classifier = classifiers_of(backend).get(name)
    if classifier is None:
        raise EntityNotFoundException(f"Classifier {name} not found.")
    return classifier


def update_classifier(backend: GlueBackend, body: dict) -> None:
    kind, definition = _given_classifier(body)
    current = get_classifier(backend, definition["Name"])
    if kind not in current:
        raise EntityNotFoundException(f"Classifier {definition['Name']} is not a {kind}.")
    old = current[kind]
    current[kind] = {**old, **definition, "LastUpdated": _now(), "Version": old["Version"] + 1}


def delete_classifier(backend: GlueBackend, name: str) -> None:
    get_classifier(backend, name)
    del classifiers_of(backend)[name]


# --- crawlers -------------------------------------------------------------------------------------


def _run(crawler: FakeCrawler) -> dict | None:
    """The crawl in progress: {"state": RUNNING | STOPPING, "outcome", "error", "started"}; None when READY."""
    return getattr(crawler, "labkit_run", None)


def _status(crawler: FakeCrawler) -> str:
    run = _run(crawler)
    return run["state"] if run else "READY"


def _start_crawler(crawler: FakeCrawler) -> None:
    if _status(crawler) != "READY":
        raise CrawlerRunningException(f"Crawler with name {crawler.name} has already started")
    crawl = FakeCrawl(crawler.name)
    crawl._transitions = []  # this module moves the crawl on, not moto's state manager
    crawl.status = "RUNNING"
    crawler.crawls.append(crawl)
    crawler.labkit_run = {"state": "RUNNING", "outcome": None, "error": None, "started": _now()}


def _stop_crawler(crawler: FakeCrawler) -> None:
    run = _run(crawler)
    if run is None or run["state"] != "RUNNING":
        raise CrawlerNotRunningException(f"Crawler with name {crawler.name} isn't running")
    run.update(state="STOPPING", outcome="CANCELLED")


def _delete_crawler(backend: GlueBackend, name: str) -> None:
    crawler = backend.get_crawler(name)
    if _status(crawler) != "READY":
        raise CrawlerRunningException(f"Crawler with name {name} is running and cannot be deleted")
    del backend.crawlers[name]


def _as_dict(crawler: FakeCrawler) -> dict:
    """GetCrawler's answer as AWS gives it; then the crawler moves one step (see the module doc)."""
    data = _original_as_dict(crawler)
    run = _run(crawler)
    data["State"] = _status(crawler)
    data["CrawlElapsedTime"] = int((_now() - run["started"]).total_seconds() * 1000) if run else 0
    data.pop("LastCrawl", None)
    last = getattr(crawler, "labkit_last_crawl", None)
    if last is not None:
        data["LastCrawl"] = dict(last)
    for key in ("Description", "TablePrefix", "Configuration", "CrawlerSecurityConfiguration", "Classifiers"):
        if data.get(key) is None:
            data.pop(key, None)
    data.setdefault("Classifiers", [])
    _advance(crawler)
    return data


def _advance(crawler: FakeCrawler) -> None:
    run = _run(crawler)
    if run is None:
        return
    if run["state"] == "RUNNING":
        try:
            run["written"] = write_crawl(crawler)
            run["outcome"] = "SUCCEEDED"
        except CrawlError as error:
            run.update(outcome="FAILED", error=str(error))
        run["state"] = "STOPPING"
        return
    crawl = crawler.crawls[-1]
    crawl.status = CRAWL_STATES[run["outcome"]]
    crawl.end_time = _now()
    last = {
        "Status": run["outcome"],
        "LogGroup": crawl.log_group,
        "LogStream": crawl.log_stream,
        "MessagePrefix": crawl.message_prefix,
        "StartTime": run["started"],
    }
    if run["error"]:
        last["ErrorMessage"] = run["error"]
    crawler.labkit_last_crawl = last
    crawler.labkit_metrics = {
        "LastRuntimeSeconds": (crawl.end_time - run["started"]).total_seconds(),
        **run.get("written", {"TablesCreated": 0, "TablesUpdated": 0}),
    }
    crawler.labkit_run = None


# Members of UpdateCrawler and the FakeCrawler attributes they set.
UPDATABLE = {
    "Role": "role",
    "DatabaseName": "database_name",
    "Description": "description",
    "Targets": "targets",
    "Classifiers": "classifiers",
    "TablePrefix": "table_prefix",
    "SchemaChangePolicy": "schema_change_policy",
    "RecrawlPolicy": "recrawl_policy",
    "LineageConfiguration": "lineage_configuration",
    "Configuration": "configuration",
    "CrawlerSecurityConfiguration": "crawler_security_configuration",
    "Schedule": "schedule",
}


def update_crawler(backend: GlueBackend, body: dict) -> None:
    """UpdateCrawler: the members given replace the crawler's; refused while it runs, as AWS refuses it."""
    crawler = backend.get_crawler(body.get("Name"))
    if _status(crawler) != "READY":
        raise CrawlerRunningException(f"Crawler with name {crawler.name} has already started")
    for member, attribute in UPDATABLE.items():
        if member in body:
            setattr(crawler, attribute, body[member])
    crawler.version += 1
    crawler.last_updated = _now()


def crawler_metrics(backend: GlueBackend, names: list[str] | None) -> list[dict]:
    """GetCrawlerMetrics: each crawler's last run (what it wrote, how long it took)."""
    crawlers = [backend.get_crawler(n) for n in names] if names else backend.get_crawlers()
    metrics = []
    for crawler in crawlers:
        last = getattr(crawler, "labkit_metrics", None) or {}
        metrics.append(
            {
                "CrawlerName": crawler.name,
                "TimeLeftSeconds": 0.0,
                "StillEstimating": _status(crawler) == "RUNNING",
                "LastRuntimeSeconds": last.get("LastRuntimeSeconds", 0.0),
                "MedianRuntimeSeconds": last.get("LastRuntimeSeconds", 0.0),
                "TablesCreated": last.get("TablesCreated", 0),
                "TablesUpdated": last.get("TablesUpdated", 0),
                "TablesDeleted": 0,
            }
        )
    return metrics


# --- what a crawl writes --------------------------------------------------------------------------


def write_crawl(crawler: FakeCrawler) -> dict:
    """Crawl every S3 target of the crawler and create or update its tables and partitions; how many
    tables it created and updated ({"TablesCreated": n, "TablesUpdated": m})."""
    from moto.s3.models import s3_backends

    backend: GlueBackend = crawler.backend
    database = crawler.database_name or "default"  # AWS: no DatabaseName, the tables go to `default`
    if database == "default" and database not in backend.databases:
        backend.create_database(database, {"Name": database, "Description": "Default Hive database"})
    if database not in backend.databases:
        raise CrawlError(f"Database {database} not found.")
    classifiers = []
    for name in crawler.classifiers or []:
        classifier = classifiers_of(backend).get(name)
        if classifier is None:
            raise CrawlError(f"Classifier {name} not found.")
        classifiers.append(classifier)
    targets = crawler.targets or {}
    others = [kind for kind, listed in targets.items() if kind != "S3Targets" and listed]
    if others:
        raise CrawlError(f"The labkit sandbox crawls S3 targets only, not {', '.join(sorted(others))}.")
    s3 = s3_backends[backend.account_id]["aws"]
    policy = dict(crawler.schema_change_policy or {})
    if (crawler.recrawl_policy or {}).get("RecrawlBehavior") == "CRAWL_NEW_FOLDERS_ONLY":
        policy["UpdateBehavior"] = "LOG"  # AWS: an incremental crawl only adds partitions
    written = {"TablesCreated": 0, "TablesUpdated": 0}
    for target in targets.get("S3Targets", []):
        path = target["Path"] if target["Path"].startswith("s3://") else "s3://" + target["Path"]
        bucket_name, _, prefix = path[len("s3://") :].partition("/")
        bucket = s3.buckets.get(bucket_name)
        if bucket is None:
            raise CrawlError(f"The specified bucket does not exist: {bucket_name}")
        items = [S3Item(name, bucket.keys[name].size) for name in sorted(bucket.keys.keys()) if name.startswith(prefix)]
        found = crawl_target(
            items,
            path,
            lambda key, size: _read(s3, bucket_name, key, size),
            classifiers,
            target.get("Exclusions"),
            crawler.table_prefix or "",
        )
        if found is not None:
            outcome = _write_table(backend, database, found, crawler.name, policy)
            if outcome:
                written[outcome] += 1
    return written


def _read(s3, bucket: str, key: str, size: int) -> bytes:
    from ..athena.sql.storage import value_of

    with value_of(s3.get_object(bucket, key)) as value:
        value.seek(0)
        return value.read(size)


def _write_table(backend: GlueBackend, database: str, found, crawler_name: str, policy: dict) -> str | None:
    """Create or update the table and its partitions as the SchemaChangePolicy says (UpdateBehavior
    UPDATE_IN_DATABASE or LOG; DeleteBehavior DELETE_FROM_DATABASE removes the partitions whose
    folders are gone, LOG and DEPRECATE_IN_DATABASE keep them): "TablesCreated", "TablesUpdated" or None."""
    update_behavior = policy.get("UpdateBehavior") or "UPDATE_IN_DATABASE"
    tables = backend.databases[database].tables
    table_input = found.table_input
    name = table_input["Name"]
    existing = tables.get(name)
    if existing is not None and existing.as_dict()["StorageDescriptor"].get("Location") != found.location:
        # Another table of that name elsewhere: AWS's crawler keeps it and names its own with a hash.
        name = f"{name}_{hashlib.md5(found.location.encode()).hexdigest()[:8]}"
        table_input = {**table_input, "Name": name}
        existing = tables.get(name)
    table_input["Parameters"]["UPDATED_BY_CRAWLER"] = crawler_name
    outcome = None
    if existing is None:
        backend.create_table(database, name, table_input)
        outcome = "TablesCreated"
    elif update_behavior == "UPDATE_IN_DATABASE":
        backend.update_table(database, name, table_input)
        outcome = "TablesUpdated"
    table = backend.get_table(database, name)
    for partition in found.partitions:
        key = str(partition["Values"])
        if key in table.partitions:
            if update_behavior == "UPDATE_IN_DATABASE":
                table.update_partition(partition["Values"], partition)
        else:
            table.create_partition(partition)
    if policy.get("DeleteBehavior") == "DELETE_FROM_DATABASE":
        found_values = {str(p["Values"]) for p in found.partitions}
        for key in [k for k in table.partitions if k not in found_values]:
            del table.partitions[key]
    return outcome


def apply() -> None:
    """Install the crawler behaviour on moto's Glue classes (once, from moto_patches, with responses.apply)."""
    FakeCrawler.start_crawler = _start_crawler
    FakeCrawler.stop_crawler = _stop_crawler
    FakeCrawler.as_dict = _as_dict
    FakeCrawler.status = property(_status)
    GlueBackend.delete_crawler = _delete_crawler
