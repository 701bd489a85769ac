"""Athena's state and operations: query executions, workgroups, named queries, catalog metadata.

The protocol layer (responses.py) hands each operation's JSON body here; the engine runs SQL.

Memory stays bounded however long the sandbox runs: a query's rows live only in its result file in
S3 (GetQueryResults reads each page from there, results.read_records), and only the newest
KEEP_IN_FULL finished executions are kept whole; older ones are plain records, forgotten after
45 days as Athena forgets its query history.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import io
import json
import logging
import os
import re
import threading
import time
from dataclasses import dataclass, field, fields

from ...config import SANDBOX_ACCOUNT
from .errors import ApiError
from .sql.ddl import StatementResult
from .sql.engine import Engine, QueryContext, clean_statement, is_create_table_as
from .sql.errors import QueryFailed
from .sql.results import CSV, TEXT, DamagedResult, read_records, write_csv, write_text
from .sql.storage import split_s3_uri

PAGE_SIZE = 1000
KEEP_IN_FULL = 500  # finished executions kept whole; older ones become records
HISTORY_SECONDS = 45 * 24 * 3600  # Athena keeps query history for 45 days
WAIT_FOR_FAST_QUERIES = 2.0  # seconds StartQueryExecution waits, so a quick query is done at the first poll
NO_OUTPUT_LOCATION = (
    "No output location provided. An output location is required either through the "
    "Workgroup result configuration setting or as an API input."
)
ENGINE_VERSION = {"SelectedEngineVersion": "AUTO", "EffectiveEngineVersion": "Athena engine version 3"}
# What Athena says when its engine fails for a reason of its own (ErrorCategory 1, system).
INTERNAL_ERROR = (
    "[ErrorCode: INTERNAL_ERROR_QUERY_ENGINE] Amazon Athena experienced an internal error while "
    "executing this query. Please contact AWS support for further assistance. You will not be "
    "charged for this query. We apologize for the inconvenience."
)

log = logging.getLogger(__name__)


def _new_id() -> str:
    from moto.moto_api._internal import mock_random  # seeded with the sandbox: deterministic ids

    return str(mock_random.uuid4())


@dataclass
class Execution:
    id: str
    query: str
    database: str
    catalog: str
    workgroup: str
    region: str
    output_location: str
    parameters: list[str] = field(default_factory=list)
    state: str = "QUEUED"
    reason: str | None = None
    error: dict | None = None
    submitted: float = field(default_factory=time.time)
    completed: float | None = None
    engine_ms: int = 0
    statement_type: str = "DML"
    # The result file's shape; its rows are in S3 only (results.py reads them back).
    columns: list[tuple[str, str]] = field(default_factory=list)  # (name, trino type)
    row_count: int = 0  # rows in the result file, a query's header row not counted
    update_count: int = 0  # rows a CREATE TABLE AS SELECT wrote (GetQueryResults' UpdateCount)
    result_size: int | None = None  # its size in bytes when written (None: not known)
    bytes_scanned: int = 0
    data_manifest: str | None = None  # UNLOAD: where the list of the files it wrote is (Statistics)
    done: threading.Event = field(default_factory=threading.Event)
    cancelled: threading.Event = field(default_factory=threading.Event)

    @property
    def result_key(self) -> str:
        suffix = ".csv" if self.statement_type == "DML" else ".txt"
        return f"{self.output_location.rstrip('/')}/{self.id}{suffix}"

    @property
    def result_records(self) -> int:
        """Records in the result file: a query's CSV starts with its header row."""
        return self.row_count + (1 if self.statement_type == "DML" else 0)

    def record(self) -> dict:
        """The execution as plain data (no events): what the history and snapshots keep."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("done", "cancelled")}

    @classmethod
    def from_record(cls, record: dict) -> Execution:
        """A finished execution again, from record() (or from a snapshot of an older labkit, whose
        `result` held the rows themselves)."""
        known = {f.name for f in fields(cls)} - {"done", "cancelled"}
        values = {k: v for k, v in record.items() if k in known}
        old = record.get("result")
        if old is not None and "columns" not in record:
            values.update(columns=old["columns"], row_count=len(old["rows"]), bytes_scanned=old["bytes_scanned"])
        execution = cls(**values)
        execution.done.set()
        return execution

    def describe(self) -> dict:
        status = {"State": self.state, "SubmissionDateTime": self.submitted}
        if self.completed is not None:
            status["CompletionDateTime"] = self.completed
        if self.reason:
            status["StateChangeReason"] = self.reason
        if self.error:
            status["AthenaError"] = self.error
        total_ms = int(((self.completed or time.time()) - self.submitted) * 1000)
        return {
            "QueryExecutionId": self.id,
            "Query": self.query,
            "StatementType": self.statement_type,
            "ResultConfiguration": {"OutputLocation": self.result_key},
            "ResultReuseConfiguration": {"ResultReuseByAgeConfiguration": {"Enabled": False}},
            "QueryExecutionContext": {"Database": self.database, "Catalog": self.catalog},
            "Status": status,
            "Statistics": {
                "EngineExecutionTimeInMillis": self.engine_ms,
                "DataScannedInBytes": self.bytes_scanned,
                "TotalExecutionTimeInMillis": total_ms,
                "QueryQueueTimeInMillis": 0,
                "ServicePreProcessingTimeInMillis": 0,
                "QueryPlanningTimeInMillis": 0,
                "ServiceProcessingTimeInMillis": max(0, total_ms - self.engine_ms),
                "ResultReuseInformation": {"ReusedPreviousResult": False},
                **({"DataManifestLocation": self.data_manifest} if self.data_manifest else {}),
            },
            "WorkGroup": self.workgroup,
            "EngineVersion": ENGINE_VERSION,
            "SubstatementType": _substatement(self.query),
            **({"ExecutionParameters": self.parameters} if self.parameters else {}),
        }


def bind_parameters(query: str, parameters: list[str]) -> str:
    """Fill each `?` outside quotes and comments with the next ExecutionParameter (SQL literals), in order."""
    if not parameters and "?" not in query:
        return query
    out, index, i, quote = [], 0, 0, None
    while i < len(query):
        char = query[i]
        if quote:
            out.append(char)
            quote = None if char == quote else quote
        elif char in ("'", '"'):
            quote = char
            out.append(char)
        elif query.startswith("--", i):
            end = query.find("\n", i)
            end = len(query) if end < 0 else end
            out.append(query[i:end])
            i = end
            continue
        elif query.startswith("/*", i):  # a ? in a block comment is no parameter either
            end = query.find("*/", i + 2)
            end = len(query) if end < 0 else end + 2
            out.append(query[i:end])
            i = end
            continue
        elif char == "?":
            if index >= len(parameters):
                raise QueryFailed(
                    "INVALID_PARAMETER_USAGE",
                    "line 1:1: Incorrect number of parameters: "
                    f"expected at least {index + 1} but found {len(parameters)}",
                )
            out.append(parameters[index])
            index += 1
        else:
            out.append(char)
        i += 1
    if index != len(parameters):
        raise QueryFailed(
            "INVALID_PARAMETER_USAGE",
            f"line 1:1: Incorrect number of parameters: expected {index} but found {len(parameters)}",
        )
    return "".join(out)


# SubstatementType as Athena names it: the statement's leading words, in Athena's vocabulary
# (PyAthena reads it: CREATE_TABLE_AS_SELECT and INSERT tell it to report UpdateCount as rowcount).
_SUBSTATEMENTS = [
    (re.compile(r"(SELECT|WITH|VALUES|TABLE)\b|\("), "SELECT"),
    (re.compile(r"CREATE\s+TABLE\b.*?\bAS\s*\(?\s*(SELECT|WITH|VALUES|TABLE)\b", re.S), "CREATE_TABLE_AS_SELECT"),
    (re.compile(r"CREATE\s+(EXTERNAL\s+)?TABLE\b"), "CREATE_TABLE"),
    (re.compile(r"CREATE\s+(DATABASE|SCHEMA)\b"), "CREATE_DATABASE"),
    (re.compile(r"CREATE\s+(OR\s+REPLACE\s+)?VIEW\b"), "CREATE_VIEW"),
    (re.compile(r"DROP\s+(DATABASE|SCHEMA)\b"), "DROP_DATABASE"),
    (re.compile(r"DROP\s+TABLE\b"), "DROP_TABLE"),
    (re.compile(r"DROP\s+VIEW\b"), "DROP_VIEW"),
    (re.compile(r"ALTER\s+TABLE\s+\S+\s+ADD\s+(IF\s+NOT\s+EXISTS\s+)?PARTITION\b"), "ALTER_TABLE_ADD_PARTITION"),
    (re.compile(r"ALTER\s+TABLE\s+\S+\s+DROP\s+(IF\s+EXISTS\s+)?PARTITION\b"), "ALTER_TABLE_DROP_PARTITION"),
    (re.compile(r"MSCK\s+REPAIR\s+TABLE\b"), "MSCK_REPAIR_TABLE"),
    (re.compile(r"SHOW\s+CREATE\s+(TABLE|VIEW)\b"), "SHOW_CREATE_TABLE"),
    (re.compile(r"(DESCRIBE|DESC)\b"), "DESCRIBE_TABLE"),
    (re.compile(r"INSERT\s+INTO\b"), "INSERT"),
]


def _substatement(query: str) -> str:
    statement = clean_statement(query).upper()
    for pattern, name in _SUBSTATEMENTS:
        if pattern.match(statement):
            return name
    words = re.findall(r"[A-Z]+", statement)[:2]  # SHOW TABLES -> SHOW_TABLES, EXPLAIN, UNLOAD, ...
    if words and words[0] != "SHOW":
        words = words[:1]
    return "_".join(words) if words else "UNKNOWN"


def _statement_type(query: str) -> str:
    words = re.findall(r"[A-Za-z]+", clean_statement(query))  # a query after a /* comment */ is DML too
    head = words[0].upper() if words else ""
    if head in ("SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UPDATE", "DELETE", "MERGE"):
        return "DML"
    # Athena: UTILITY is "other than DDL and DML, such as SHOW CREATE TABLE, or DESCRIBE TABLE";
    # CREATE TABLE AS SELECT is DML.
    if head in ("EXPLAIN", "SHOW", "DESCRIBE", "DESC"):
        return "UTILITY"
    if is_create_table_as(clean_statement(query)):
        return "DML"
    return "DDL"


def _workgroup(name: str, description: str = "", configuration: dict | None = None) -> dict:
    return {
        "Name": name,
        "State": "ENABLED",
        "Description": description,
        "Configuration": configuration
        or {
            "ResultConfiguration": {},
            "EnforceWorkGroupConfiguration": False,
            "PublishCloudWatchMetricsEnabled": False,
            "RequesterPaysEnabled": False,
            "EngineVersion": ENGINE_VERSION,
        },
        "CreationTime": time.time(),
    }


class AthenaBackend:
    def __init__(self, engine: Engine | None = None, account: str = SANDBOX_ACCOUNT):
        self.engine = engine or Engine(account)
        self.account = account
        self.executions: dict[str, Execution] = {}  # running, and the newest finished ones
        self.history: dict[str, dict] = {}  # older finished ones, as Execution.record()
        self.keep_in_full = KEEP_IN_FULL
        self.token_key = os.urandom(32)  # signs GetQueryResults' NextTokens
        self.workgroups: dict[str, dict[str, dict]] = {}
        self.named_queries: dict[str, dict] = {}
        self.lock = threading.Lock()

    def dispatch(self, operation: str, body: dict, region: str) -> dict:
        """Run one API operation by its Athena name ('StartQueryExecution'); only those in OPERATIONS."""
        handler = OPERATIONS.get(operation)
        if handler is None:
            raise ApiError(None, "UnknownOperationException")
        return handler(self, body, region)

    # --- workgroups ---
    def _workgroups(self, region: str) -> dict[str, dict]:
        return self.workgroups.setdefault(region, {"primary": _workgroup("primary")})

    def _get_workgroup(self, name: str, region: str) -> dict:
        group = self._workgroups(region).get(name)
        if group is None:
            raise ApiError(f"WorkGroup {name} is not found.")
        return group

    def create_work_group(self, body: dict, region: str) -> dict:
        name = body["Name"]
        if name in self._workgroups(region):
            raise ApiError(f"WorkGroup {name} is already created")
        config = _workgroup(name)["Configuration"]
        config.update(body.get("Configuration", {}))
        self._workgroups(region)[name] = _workgroup(name, body.get("Description", ""), config)
        return {}

    def get_work_group(self, body: dict, region: str) -> dict:
        return {"WorkGroup": self._get_workgroup(body["WorkGroup"], region)}

    def list_work_groups(self, body: dict, region: str) -> dict:
        return {
            "WorkGroups": [
                {
                    "Name": g["Name"],
                    "State": g["State"],
                    "Description": g["Description"],
                    "CreationTime": g["CreationTime"],
                    "EngineVersion": ENGINE_VERSION,
                }
                for g in self._workgroups(region).values()
            ]
        }

    def update_work_group(self, body: dict, region: str) -> dict:
        group = self._get_workgroup(body["WorkGroup"], region)
        updates = body.get("ConfigurationUpdates", {})
        config = group["Configuration"]
        result_updates = updates.get("ResultConfigurationUpdates", {})
        if result_updates.get("RemoveOutputLocation"):
            config.setdefault("ResultConfiguration", {}).pop("OutputLocation", None)
        if "OutputLocation" in result_updates:
            config.setdefault("ResultConfiguration", {})["OutputLocation"] = result_updates["OutputLocation"]
        for key in (
            "EnforceWorkGroupConfiguration",
            "PublishCloudWatchMetricsEnabled",
            "RequesterPaysEnabled",
            "BytesScannedCutoffPerQuery",
        ):
            if key in updates:
                config[key] = updates[key]
        if "Description" in body:
            group["Description"] = body["Description"]
        if "State" in body:
            group["State"] = body["State"]
        return {}

    def delete_work_group(self, body: dict, region: str) -> dict:
        if body["WorkGroup"] == "primary":
            raise ApiError("Cannot delete the primary workgroup")
        self._get_workgroup(body["WorkGroup"], region)
        del self._workgroups(region)[body["WorkGroup"]]
        return {}

    # --- query executions ---
    def start_query_execution(self, body: dict, region: str) -> dict:
        query = body.get("QueryString", "")
        if not query.strip():
            raise ApiError(
                "1 validation error detected: Value at 'queryString' failed to satisfy constraint: "
                "Member must have length greater than or equal to 1"
            )
        workgroup_name = body.get("WorkGroup") or "primary"
        group = self._get_workgroup(workgroup_name, region)
        config = group["Configuration"]
        given = body.get("ResultConfiguration", {}).get("OutputLocation")
        configured = config.get("ResultConfiguration", {}).get("OutputLocation")
        location = configured if (config.get("EnforceWorkGroupConfiguration") and configured) else (given or configured)
        if not location:
            raise ApiError(NO_OUTPUT_LOCATION)
        context = body.get("QueryExecutionContext", {})
        execution = Execution(
            id=_new_id(),
            query=query,
            database=(context.get("Database") or "default").lower(),
            catalog=context.get("Catalog") or "AwsDataCatalog",
            workgroup=workgroup_name,
            region=region,
            output_location=location,
            statement_type=_statement_type(query),
            parameters=list(body.get("ExecutionParameters") or []),
        )
        with self.lock:
            self.executions[execution.id] = execution
        threading.Thread(target=self._run, args=(execution,), daemon=True, name=f"athena-{execution.id}").start()
        execution.done.wait(WAIT_FOR_FAST_QUERIES)
        return {"QueryExecutionId": execution.id}

    def _run(self, execution: Execution) -> None:
        execution.state = "RUNNING"
        started = time.time()
        try:
            bucket, _ = split_s3_uri(execution.output_location)
            if not self.engine.storage.bucket_exists(bucket):
                raise QueryFailed("GENERIC_USER_ERROR", f"Unable to verify/create output bucket {bucket}", 1)
            context = QueryContext(
                database=execution.database,
                region=execution.region,
                query_id=execution.id,
                output_location=execution.output_location,
                cancelled=execution.cancelled,
            )
            result = self.engine.execute(bind_parameters(execution.query, execution.parameters), context)
            try:
                if execution.cancelled.is_set():
                    raise QueryFailed("USER_CANCELLED", "Query was cancelled by user")
                self._write_results(execution, result)
            finally:
                if result.data is not None:
                    result.data.close()
            execution.state = "SUCCEEDED"
        except QueryFailed as failure:
            execution.state = "CANCELLED" if execution.cancelled.is_set() else "FAILED"
            execution.reason = failure.reason
            execution.error = failure.as_athena_error()
        except Exception:  # a bug of the sandbox: logged for us, Athena's words for the student
            log.exception("Athena query %s failed inside the engine", execution.id)
            execution.state = "FAILED"
            failure = QueryFailed("INTERNAL_ERROR_QUERY_ENGINE", INTERNAL_ERROR, 1)
            execution.reason = failure.reason
            execution.error = failure.as_athena_error()
        finally:
            execution.engine_ms = int((time.time() - started) * 1000)
            execution.completed = time.time()
            execution.done.set()
            self._trim()

    def _write_results(self, execution: Execution, result: StatementResult) -> None:
        """Put the result file (and its .metadata) in S3; the execution keeps its shape, not its rows."""
        data, count, rows = result.data, result.row_count, result.rows
        columns = list(result.columns)
        if result.statement_type == "DDL":  # Hive DDL output (SHOW COLUMNS, ...) is typed as Hive types
            columns = [(name, "string" if kind == "varchar" else kind) for name, kind in columns]
        if (
            _substatement(execution.query) in ("CREATE_TABLE_AS_SELECT", "INSERT")
            and columns == [("rows", "bigint")]
            and rows
        ):  # Athena: the count is GetQueryResults' UpdateCount; the result file has the header only
            execution.update_count, rows = int(rows[0][0]), []
        if data is None:  # a small result, in memory: a CTAS row count, DDL and utility output
            data = io.BytesIO()
            if execution.statement_type == "DML":
                count = write_csv(data, [name for name, _ in columns], [rows])
            else:
                count = write_text(data, rows)
        size = self.engine.storage.put_file(execution.result_key, data)
        metadata = {
            "columnInfo": [_column_info(n, t) for n, t in columns],
            "note": "labkit sandbox: JSON, not Athena's binary metadata format",
        }
        self.engine.storage.put(execution.result_key + ".metadata", json.dumps(metadata).encode())
        execution.columns, execution.row_count, execution.result_size = columns, count, size
        execution.bytes_scanned, execution.data_manifest = result.bytes_scanned, result.manifest

    def _trim(self) -> None:
        """Keep the newest `keep_in_full` finished executions whole and turn older ones into records
        (all GetQueryExecution, the listings and GetQueryResults need); forget those that finished
        more than 45 days ago, as Athena does."""
        with self.lock:
            finished = sorted(
                (e for e in self.executions.values() if e.done.is_set()), key=lambda e: e.completed or e.submitted
            )
            oldest = time.time() - HISTORY_SECONDS
            excess = len(finished) - self.keep_in_full
            for index, execution in enumerate(finished):
                if index < excess or (execution.completed or execution.submitted) < oldest:
                    self.history[execution.id] = execution.record()  # first: _execution() reads without the lock
                    del self.executions[execution.id]
            for query_id in [i for i, r in self.history.items() if (r["completed"] or r["submitted"]) < oldest]:
                del self.history[query_id]

    def _execution(self, query_id: str) -> Execution:
        execution = self.executions.get(query_id)
        if execution is None:
            record = self.history.get(query_id)
            if record is None:
                raise ApiError(f"QueryExecution {query_id} was not found")
            execution = Execution.from_record(record)
        return execution

    def get_query_execution(self, body: dict, region: str) -> dict:
        return {"QueryExecution": self._execution(body["QueryExecutionId"]).describe()}

    def batch_get_query_execution(self, body: dict, region: str) -> dict:
        found, missing = [], []
        for query_id in body.get("QueryExecutionIds", []):
            try:
                found.append(self._execution(query_id).describe())
            except ApiError as error:
                missing.append(
                    {"QueryExecutionId": query_id, "ErrorCode": "INVALID_INPUT", "ErrorMessage": error.message}
                )
        return {"QueryExecutions": found, "UnprocessedQueryExecutionIds": missing}

    def list_query_executions(self, body: dict, region: str) -> dict:
        group = body.get("WorkGroup") or "primary"
        with self.lock:
            records = [vars(e) for e in self.executions.values()] + list(self.history.values())
        ids = [
            r["id"]
            for r in sorted(records, key=lambda r: r["submitted"], reverse=True)
            if r["workgroup"] == group and r["region"] == region
        ]
        return _paged(ids, body, "QueryExecutionIds", 50)

    def stop_query_execution(self, body: dict, region: str) -> dict:
        execution = self._execution(body["QueryExecutionId"])
        if not execution.done.is_set():
            execution.cancelled.set()
            self.engine.cancel(execution.id)
            execution.done.wait(5)
        return {}

    def get_query_results(self, body: dict, region: str) -> dict:
        """One page of the result file in S3, from where the NextToken says (a query's first page
        starts with its header row)."""
        execution = self._execution(body["QueryExecutionId"])
        if execution.state != "SUCCEEDED":
            if execution.state == "FAILED":
                raise ApiError(execution.reason or "Query has failed", athena_code=None)
            raise ApiError(f"Query has not yet finished. Current state: {execution.state}")
        size = _page_size(body, PAGE_SIZE)
        if size > PAGE_SIZE:
            raise ApiError(
                f"1 validation error detected: Value '{size}' at 'maxResults' failed to satisfy "
                f"constraint: Member must have value less than or equal to {PAGE_SIZE}"
            )
        offset, row = self._page_start(body.get("NextToken"), execution.id)
        page, offset = self._read_page(execution, offset, min(size, execution.result_records - row))
        row += len(page)
        response = {
            "UpdateCount": execution.update_count,
            "ResultSet": {
                "Rows": [{"Data": [{} if v is None else {"VarCharValue": v} for v in record]} for record in page],
                "ResultSetMetadata": {"ColumnInfo": [_column_info(n, t) for n, t in execution.columns]},
            },
        }
        if row < execution.result_records:
            response["NextToken"] = self._page_token(execution.id, offset, row)
        return response

    def _read_page(self, execution: Execution, offset: int, count: int) -> tuple[list, int]:
        """`count` records of the execution's result file from `offset`, and the offset after them."""
        storage, uri = self.engine.storage, execution.result_key
        if count <= 0:
            return [], offset
        unreadable = ApiError(
            f"Unable to read the results of query {execution.id}: {uri} was deleted or "
            "replaced after the query ran. Run the query again."
        )
        size = storage.size(uri)
        if size is None or execution.result_size not in (None, size):
            raise unreadable
        kind = CSV if execution.statement_type == "DML" else TEXT
        try:
            return read_records(
                lambda at, n: storage.read_range(uri, at, n), offset, count, kind, len(execution.columns)
            )
        except DamagedResult:
            raise unreadable from None

    # A NextToken of GetQueryResults: where the next page starts in the result file (byte offset of a
    # record, and its index), for one query, signed so that no other offset is ever read.
    def _page_token(self, query_id: str, offset: int, row: int) -> str:
        payload = json.dumps({"q": query_id, "o": offset, "r": row}, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(payload + self._seal(payload)).decode()

    def _page_start(self, token, query_id: str) -> tuple[int, int]:
        """(offset, row) from a NextToken this backend handed out for this query; (0, 0) without one."""
        if not token:
            return 0, 0
        try:
            raw = base64.urlsafe_b64decode(token.encode())
            payload, seal = raw[:-16], raw[-16:]
            if hmac.compare_digest(seal, self._seal(payload)):
                where = json.loads(payload)
                if where["q"] == query_id:
                    return int(where["o"]), int(where["r"])
        except (AttributeError, TypeError, ValueError, KeyError, binascii.Error):
            pass
        raise ApiError("Invalid NextToken")

    def _seal(self, payload: bytes) -> bytes:
        return hmac.new(self.token_key, payload, hashlib.sha256).digest()[:16]

    # --- named queries ---
    def create_named_query(self, body: dict, region: str) -> dict:
        query_id = _new_id()
        self.named_queries[query_id] = {
            "Name": body["Name"],
            "Description": body.get("Description", ""),
            "Database": body["Database"],
            "QueryString": body["QueryString"],
            "NamedQueryId": query_id,
            "WorkGroup": body.get("WorkGroup") or "primary",
            "_region": region,
        }
        return {"NamedQueryId": query_id}

    def _named(self, query_id: str) -> dict:
        if query_id not in self.named_queries:
            raise ApiError(f"NamedQuery {query_id} was not found")
        return {k: v for k, v in self.named_queries[query_id].items() if not k.startswith("_")}

    def get_named_query(self, body: dict, region: str) -> dict:
        return {"NamedQuery": self._named(body["NamedQueryId"])}

    def batch_get_named_query(self, body: dict, region: str) -> dict:
        ids = body.get("NamedQueryIds", [])
        return {
            "NamedQueries": [self._named(i) for i in ids if i in self.named_queries],
            "UnprocessedNamedQueryIds": [
                {"NamedQueryId": i, "ErrorCode": "INVALID_INPUT", "ErrorMessage": "NamedQuery was not found"}
                for i in ids
                if i not in self.named_queries
            ],
        }

    def list_named_queries(self, body: dict, region: str) -> dict:
        group = body.get("WorkGroup") or "primary"
        ids = [i for i, q in self.named_queries.items() if q["WorkGroup"] == group and q["_region"] == region]
        return _paged(ids, body, "NamedQueryIds", 50)

    def delete_named_query(self, body: dict, region: str) -> dict:
        self._named(body["NamedQueryId"])
        del self.named_queries[body["NamedQueryId"]]
        return {}

    # --- catalog metadata ---
    def list_data_catalogs(self, body: dict, region: str) -> dict:
        return {"DataCatalogsSummary": [{"CatalogName": "AwsDataCatalog", "Type": "GLUE"}]}

    def get_data_catalog(self, body: dict, region: str) -> dict:
        self._require_catalog(body.get("Name", ""))
        return {
            "DataCatalog": {
                "Name": "AwsDataCatalog",
                "Type": "GLUE",
                "Description": "AWS Glue Data Catalog",
                "Parameters": {"catalog-id": self.account},
            }
        }

    def _require_catalog(self, name: str) -> None:
        if name.lower() != "awsdatacatalog":
            raise ApiError(f"Catalog {name} was not found", "MetadataException")

    def list_databases(self, body: dict, region: str) -> dict:
        self._require_catalog(body.get("CatalogName", ""))
        return _paged(self.engine.catalog(region).databases(), body, "DatabaseList", 50)

    def get_database(self, body: dict, region: str) -> dict:
        self._require_catalog(body.get("CatalogName", ""))
        found = [d for d in self.engine.catalog(region).databases() if d["Name"] == body["DatabaseName"].lower()]
        if not found:
            raise ApiError(f"Database {body['DatabaseName']} not found.", "MetadataException")
        return {"Database": found[0]}

    def list_table_metadata(self, body: dict, region: str) -> dict:
        self._require_catalog(body.get("CatalogName", ""))
        catalog = self.engine.catalog(region)
        database = body["DatabaseName"].lower()
        if not catalog.database_exists(database):
            raise ApiError(f"Database {database} not found.", "MetadataException")
        tables = [_table_metadata(t) for t in sorted(catalog.tables(database), key=lambda t: t["Name"])]
        pattern = body.get("Expression")
        if pattern:
            try:
                matcher = re.compile(pattern.replace("*", ".*"))
            except re.error:
                raise ApiError(f"Invalid Expression: {pattern}") from None
            tables = [t for t in tables if matcher.fullmatch(t["Name"])]
        return _paged(tables, body, "TableMetadataList", 50)

    def get_table_metadata(self, body: dict, region: str) -> dict:
        self._require_catalog(body.get("CatalogName", ""))
        table = self.engine.catalog(region).table(body["DatabaseName"].lower(), body["TableName"].lower())
        if table is None:  # Athena passes Glue's error on; PyAthena's has_table relies on MetadataException
            raise ApiError(
                f"Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error Code: "
                f"EntityNotFoundException; Request ID: {_new_id()}; Proxy: null)",
                "MetadataException",
            )
        return {"TableMetadata": _table_metadata(table)}

    def list_engine_versions(self, body: dict, region: str) -> dict:
        return {"EngineVersions": [ENGINE_VERSION]}

    # --- snapshot (labkit.sandbox.persistence): plain data only; events, locks and DuckDB are rebuilt ---
    def snapshot_state(self) -> dict:
        """Query executions (Execution.record(), the history's included), workgroups, named queries
        and the key of NextTokens, as plain picklable data."""
        import copy

        with self.lock:
            executions = list(self.history.values())
            for execution in self.executions.values():
                data = execution.record()
                if not execution.done.is_set():  # its thread does not survive a restart
                    failure = QueryFailed("INTERNAL_ERROR", "Query was interrupted: the sandbox stopped", 1)
                    data.update(
                        state="FAILED",
                        reason=failure.reason,
                        error=failure.as_athena_error(),
                        completed=time.time(),
                        columns=[],
                        row_count=0,
                        result_size=None,
                    )
                executions.append(data)
            return copy.deepcopy(
                {
                    "executions": executions,
                    "workgroups": self.workgroups,
                    "named_queries": self.named_queries,
                    "token_key": self.token_key,
                }
            )

    def restore_state(self, data: dict) -> None:
        """Replace executions, workgroups and named queries with what snapshot_state() returned ({}: none)."""
        executions = {}
        for item in data.get("executions", []):
            execution = Execution.from_record(item)
            executions[execution.id] = execution
        with self.lock:
            self.executions = executions
            self.history = {}
            self.workgroups = data.get("workgroups", {})
            self.named_queries = data.get("named_queries", {})
            self.token_key = data.get("token_key") or os.urandom(32)  # tokens handed out before stay good
        self._trim()


def _table_metadata(table: dict) -> dict:
    storage = table.get("StorageDescriptor", {})
    parameters = dict(table.get("Parameters", {}))
    parameters.update(
        {
            "location": storage.get("Location", ""),
            "inputformat": storage.get("InputFormat", ""),
            "outputformat": storage.get("OutputFormat", ""),
            "serde.serialization.lib": storage.get("SerdeInfo", {}).get("SerializationLibrary", ""),
        }
    )
    parameters.update({f"serde.param.{k}": v for k, v in storage.get("SerdeInfo", {}).get("Parameters", {}).items()})
    return {
        "Name": table["Name"],
        "CreateTime": table.get("CreateTime"),
        "TableType": table.get("TableType", ""),
        "Columns": [{"Name": c["Name"], "Type": c["Type"]} for c in storage.get("Columns", [])],
        "PartitionKeys": [{"Name": c["Name"], "Type": c["Type"]} for c in table.get("PartitionKeys", [])],
        "Parameters": parameters,
    }


def _column_info(name: str, trino_type: str) -> dict:
    decimal = re.fullmatch(r"decimal\((\d+),\s*(\d+)\)", trino_type)
    if decimal:
        return {
            "CatalogName": "hive",
            "SchemaName": "",
            "TableName": "",
            "Name": name,
            "Label": name,
            "Type": "decimal",
            "Precision": int(decimal.group(1)),
            "Scale": int(decimal.group(2)),
            "Nullable": "UNKNOWN",
            "CaseSensitive": False,
        }
    if trino_type == "string":  # a Hive DDL statement's output column (SHOW COLUMNS' `field`)
        return {
            "CatalogName": "hive",
            "SchemaName": "",
            "TableName": "",
            "Name": name,
            "Label": name,
            "Type": "string",
            "Precision": 0,
            "Scale": 0,
            "Nullable": "UNKNOWN",
            "CaseSensitive": False,
        }
    precision = {
        "integer": 10,
        "bigint": 19,
        "smallint": 5,
        "tinyint": 3,
        "double": 17,
        "real": 17,
        "boolean": 0,
        "date": 0,
        "timestamp": 3,
        "timestamp with time zone": 3,
    }.get(trino_type, 2147483647)
    return {
        "CatalogName": "hive",
        "SchemaName": "",
        "TableName": "",
        "Name": name,
        "Label": name,
        "Type": trino_type,
        "Precision": precision,
        "Scale": 0,
        "Nullable": "UNKNOWN",
        "CaseSensitive": trino_type == "varchar",
    }


def _paged(items: list, body: dict, key: str, default_size: int) -> dict:
    start, size = _page_window(body, default_size)
    response = {key: items[start : start + size]}
    if start + size < len(items):
        response["NextToken"] = str(start + size)
    return response


def _page_window(body: dict, default_size: int) -> tuple[int, int]:
    """(first item, page size) from NextToken and MaxResults; a token this sandbox did not hand out
    is refused as Athena refuses it, not read as page one."""
    token = body.get("NextToken") or "0"
    if not (isinstance(token, str) and re.fullmatch(r"[0-9]{1,12}", token)):
        raise ApiError("Invalid NextToken")
    return int(token), _page_size(body, default_size)


def _page_size(body: dict, default_size: int) -> int:
    size = body.get("MaxResults") or default_size
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ApiError("Invalid MaxResults")
    return size


# The Athena operations the sandbox implements, by their API name: nothing else is ever called.
OPERATIONS = {
    "CreateWorkGroup": AthenaBackend.create_work_group,
    "GetWorkGroup": AthenaBackend.get_work_group,
    "ListWorkGroups": AthenaBackend.list_work_groups,
    "UpdateWorkGroup": AthenaBackend.update_work_group,
    "DeleteWorkGroup": AthenaBackend.delete_work_group,
    "StartQueryExecution": AthenaBackend.start_query_execution,
    "GetQueryExecution": AthenaBackend.get_query_execution,
    "BatchGetQueryExecution": AthenaBackend.batch_get_query_execution,
    "ListQueryExecutions": AthenaBackend.list_query_executions,
    "StopQueryExecution": AthenaBackend.stop_query_execution,
    "GetQueryResults": AthenaBackend.get_query_results,
    "CreateNamedQuery": AthenaBackend.create_named_query,
    "GetNamedQuery": AthenaBackend.get_named_query,
    "BatchGetNamedQuery": AthenaBackend.batch_get_named_query,
    "ListNamedQueries": AthenaBackend.list_named_queries,
    "DeleteNamedQuery": AthenaBackend.delete_named_query,
    "ListDataCatalogs": AthenaBackend.list_data_catalogs,
    "GetDataCatalog": AthenaBackend.get_data_catalog,
    "ListDatabases": AthenaBackend.list_databases,
    "GetDatabase": AthenaBackend.get_database,
    "ListTableMetadata": AthenaBackend.list_table_metadata,
    "GetTableMetadata": AthenaBackend.get_table_metadata,
    "ListEngineVersions": AthenaBackend.list_engine_versions,
}
