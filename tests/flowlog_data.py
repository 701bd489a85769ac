"""Deterministic VPC flow-log files in the real S3 layout, for tests and benchmarks.

Records are drawn with numpy (vectorised, so ten million take seconds), written one object per
time window exactly as the flow-logs service delivers them: gzip text with a header line and `-`
for every value that does not apply, or Parquet; keys under `AWSLogs/...` in the default or the
Hive-compatible layout. Expected answers in tests come from `read_flow_text`, which parses the
bytes back with pandas, independently of the engine under test.

    >>> files = flow_log_files([date(2026, 11, 20)], records_per_day=200, seed=1)
    >>> files[0].key
    'AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/20/123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20261120T0000Z_....log.gz'
    >>> frame = read_files(files)          # what Athena should see, parsed by pandas
"""

from __future__ import annotations

import gzip
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd

ACCOUNT = "123456789012"
REGION = "us-east-1"
FLOW_LOG_ID = "fl-1234abcd"

V2_FIELDS = (
    "version",
    "account-id",
    "interface-id",
    "srcaddr",
    "dstaddr",
    "srcport",
    "dstport",
    "protocol",
    "packets",
    "bytes",
    "start",
    "end",
    "action",
    "log-status",
)
# The columns of the Athena guide's `vpc_flow_logs` table: versions 2 to 5, in this order.
V5_FIELDS = V2_FIELDS + (
    "vpc-id",
    "subnet-id",
    "instance-id",
    "tcp-flags",
    "type",
    "pkt-srcaddr",
    "pkt-dstaddr",
    "region",
    "az-id",
    "sublocation-type",
    "sublocation-id",
    "pkt-src-aws-service",
    "pkt-dst-aws-service",
    "flow-direction",
    "traffic-path",
)
# The guide's partition-projection table: the same without `region` (a partition key there).
PROJECTION_FIELDS = tuple(f for f in V5_FIELDS if f != "region")

INT32_FIELDS = {"version", "srcport", "dstport", "protocol", "tcp-flags", "traffic-path"}
INT64_FIELDS = {"packets", "bytes", "start", "end"}
NUMERIC_FIELDS = INT32_FIELDS | INT64_FIELDS

# Well-known addresses the AWS guide's example queries look for are in the pools on purpose.
INTERNAL = [f"10.0.{a}.{b}" for a in range(4) for b in range(1, 41)] + [f"10.117.1.{b}" for b in range(1, 31)]
EXTERNAL = [f"{net}.{b}" for net in ("203.0.113", "198.51.100", "192.0.2") for b in range(1, 51)]
DST_PORTS = np.array([443, 443, 443, 80, 22, 3389, 8080, 3306, 53, 25])
PROTOCOLS = np.array([6, 6, 6, 6, 17, 17, 1])
ENIS = [f"eni-0{hashlib.sha1(f'eni{i}'.encode()).hexdigest()[:16]}" for i in range(8)]


def column(field: str) -> str:
    """Athena column name of a flow-log field: `-` becomes `_`."""
    return field.replace("-", "_")


# Hive types of the AWS guide's tables (protocol is bigint there although AWS writes int32 in Parquet).
HIVE_TYPES = {
    "version": "int",
    "srcport": "int",
    "dstport": "int",
    "protocol": "bigint",
    "packets": "bigint",
    "bytes": "bigint",
    "start": "bigint",
    "end": "bigint",
    "tcp-flags": "int",
    "traffic-path": "int",
}


def column_types(fields: tuple[str, ...] = V2_FIELDS) -> list[tuple[str, str]]:
    """(column, Hive type) of each field, as Glue keeps them.

    >>> column_types()[:2]
    [('version', 'int'), ('account_id', 'string')]
    """
    return [(column(f), HIVE_TYPES.get(f, "string")) for f in fields]


def columns_ddl(fields: tuple[str, ...] = V2_FIELDS) -> str:
    """The column list of a CREATE EXTERNAL TABLE for `fields`: "`version` int, `account_id` string, ..."."""
    return ", ".join(f"`{name}` {kind}" for name, kind in column_types(fields))


@dataclass(frozen=True)
class FlowLogFile:
    """One delivered object: its key, its bytes, and the day/hour it belongs to."""

    key: str
    body: bytes
    day: date
    hour: int
    fields: tuple[str, ...]
    fmt: str  # "text" | "parquet"


def flow_records(
    day: date,
    count: int,
    seed: int = 0,
    *,
    window: tuple[int, int] = (0, 86400),
    account_id: str = ACCOUNT,
    region: str = REGION,
    nodata_share: float = 0.05,
) -> pd.DataFrame:
    """`count` records whose end time falls on `day` (UTC) inside `window` (seconds of the day), with
    columns named as Athena columns and None where AWS writes `-`.

    >>> flow_records(date(2026, 11, 20), 3, seed=0).columns[:3].tolist()
    ['version', 'account_id', 'interface_id']
    """
    rng = np.random.default_rng([seed, day.toordinal(), window[0], count])
    midnight = int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())
    enis = np.asarray(ENIS, dtype=object)
    eni_index = rng.integers(0, len(enis), count)
    outbound = rng.random(count) < 0.5
    # Indices, not strings, decide which side is internal: np.isin over strings would be slow.
    weights_internal = 1.0 / np.arange(1, len(INTERNAL) + 1)
    weights_external = 1.0 / np.arange(1, len(EXTERNAL) + 1)
    internal = np.asarray(INTERNAL, dtype=object)[
        rng.choice(len(INTERNAL), size=count, p=weights_internal / weights_internal.sum())
    ]
    remote_is_internal = rng.random(count) < 0.4
    external_index = rng.choice(len(EXTERNAL), size=count, p=weights_external / weights_external.sum())
    remote_internal = np.asarray(INTERNAL[::-1], dtype=object)[
        rng.choice(len(INTERNAL), size=count, p=weights_internal / weights_internal.sum())
    ]
    remote = np.where(remote_is_internal, remote_internal, np.asarray(EXTERNAL, dtype=object)[external_index])
    srcaddr = np.where(outbound, internal, remote)
    dstaddr = np.where(outbound, remote, internal)
    protocol = PROTOCOLS[rng.integers(0, len(PROTOCOLS), count)]
    icmp = protocol == 1
    srcport = np.where(icmp, 0, rng.integers(1024, 65536, count))
    dstport = np.where(icmp, 0, DST_PORTS[rng.integers(0, len(DST_PORTS), count)])
    packets = rng.integers(1, 1000, count)
    sizes = rng.integers(40, 1500, count)
    start = midnight + rng.integers(window[0], window[1] - 60, count)
    end = start + rng.integers(0, 60, count)
    action = np.where(rng.random(count) < 0.3, "REJECT", "ACCEPT").astype(object)
    status = np.full(count, "OK", dtype=object)
    no_traffic = rng.random(count) < nodata_share
    status[no_traffic] = np.where(rng.random(int(no_traffic.sum())) < 0.8, "NODATA", "SKIPDATA")
    tcp_flags = np.where(protocol == 6, np.array([2, 18, 19, 3, 0])[rng.integers(0, 5, count)], 0)
    direction = np.where(outbound, "egress", "ingress").astype(object)
    traffic_path = np.where(outbound, np.where(remote_is_internal, 1, 2), -1)
    to_amazon = outbound & ~remote_is_internal & (external_index < 50)

    def ints(values: np.ndarray, missing: np.ndarray | None = None) -> pd.Series:
        series = pd.Series(values, dtype="Int64")
        if missing is not None:
            series[missing] = pd.NA
        return series

    def strs(values, missing: np.ndarray | None = None) -> pd.Series:
        series = pd.Series(np.asarray(values, dtype=object), dtype=object)
        if missing is not None:
            series[missing] = None
        return series

    eni = enis[eni_index]
    frame = pd.DataFrame(
        {
            "version": ints(np.full(count, 5)),
            "account_id": strs(np.full(count, account_id, dtype=object)),
            "interface_id": strs(eni),
            "srcaddr": strs(srcaddr, no_traffic),
            "dstaddr": strs(dstaddr, no_traffic),
            "srcport": ints(srcport, no_traffic),
            "dstport": ints(dstport, no_traffic),
            "protocol": ints(protocol, no_traffic),
            "packets": ints(packets, no_traffic),
            "bytes": ints(packets * sizes, no_traffic),
            "start": ints(start),
            "end": ints(end),
            "action": strs(action, no_traffic),
            "log_status": strs(status),
            "vpc_id": strs(np.full(count, "vpc-0a1b2c3d4e5f60718", dtype=object)),
            "subnet_id": strs(
                np.array(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], dtype=object)[eni_index % 2]
            ),
            "instance_id": strs(
                np.array([f"i-0abc{i:013d}" for i in range(8)], dtype=object)[eni_index], eni_index == 7
            ),  # a requester-managed ENI has no instance
            "tcp_flags": ints(tcp_flags, no_traffic),
            "type": strs(np.full(count, "IPv4", dtype=object), no_traffic),
            "pkt_srcaddr": strs(srcaddr, no_traffic),
            "pkt_dstaddr": strs(dstaddr, no_traffic),
            "region": strs(np.full(count, region, dtype=object)),
            "az_id": strs(np.array(["use1-az1", "use1-az2"], dtype=object)[eni_index % 2]),
            "sublocation_type": strs(np.full(count, None, dtype=object)),
            "sublocation_id": strs(np.full(count, None, dtype=object)),
            "pkt_src_aws_service": strs(np.full(count, None, dtype=object)),
            "pkt_dst_aws_service": strs(np.where(to_amazon, "AMAZON", None), no_traffic),
            "flow_direction": strs(direction, no_traffic),
            "traffic_path": ints(traffic_path, no_traffic | (traffic_path < 0)),
        }
    )
    return frame


def _version(fields: tuple[str, ...]) -> int:
    """A record's version is the highest version among its fields."""
    v3 = {"vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr"}
    v4 = {"region", "az-id", "sublocation-type", "sublocation-id"}
    v5 = {"pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path"}
    chosen = set(fields)
    return 5 if chosen & v5 else 4 if chosen & v4 else 3 if chosen & v3 else 2


def text_body(frame: pd.DataFrame, fields: tuple[str, ...] = V2_FIELDS, compresslevel: int = 6) -> bytes:
    """gzip text as delivered: a header line of field names, then one space-separated record a line."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    arrays = []
    for field in fields:
        values = pa.array(
            frame[column(field)], type=pa.int64() if field in NUMERIC_FIELDS else pa.string(), from_pandas=True
        )
        if field == "version":
            values = pa.array(np.full(len(frame), _version(fields)))
        arrays.append(pc.fill_null(pc.cast(values, pa.string()), "-"))
    sink = io.BytesIO()
    sink.write((" ".join(fields) + "\n").encode())
    pacsv.write_csv(
        pa.table(arrays, names=list(fields)),
        sink,
        pacsv.WriteOptions(include_header=False, delimiter=" ", quoting_style="none"),
    )
    return gzip.compress(sink.getvalue(), compresslevel=compresslevel, mtime=0)


def parquet_body(frame: pd.DataFrame, fields: tuple[str, ...] = V5_FIELDS) -> bytes:
    """A Parquet object with the types AWS writes (int32 ports/protocol, int64 counters, string otherwise)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(field: str):
        return pa.int32() if field in INT32_FIELDS else pa.int64() if field in INT64_FIELDS else pa.string()

    selected = frame[[column(f) for f in fields]].copy()
    if "version" in fields:
        selected["version"] = _version(fields)
    schema = pa.schema([(column(f), arrow_type(f)) for f in fields])
    table = pa.Table.from_pandas(selected, schema=schema, preserve_index=False)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="snappy")
    return sink.getvalue()


def prefix_of(
    day: date,
    hour: int | None = None,
    *,
    layout: str = "default",
    account_id: str = ACCOUNT,
    region: str = REGION,
    prefix: str = "",
) -> str:
    """The S3 prefix the flow-logs service writes a day (or hour) to.

    >>> prefix_of(date(2026, 11, 20))
    'AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/20/'
    >>> prefix_of(date(2026, 11, 20), 5, layout="hive")
    'AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=11/day=20/hour=05/'
    """
    if layout == "hive":
        path = (
            f"{prefix}AWSLogs/aws-account-id={account_id}/aws-service=vpcflowlogs/aws-region={region}/"
            f"year={day:%Y}/month={day:%m}/day={day:%d}/"
        )
        return path + (f"hour={hour:02d}/" if hour is not None else "")
    path = f"{prefix}AWSLogs/{account_id}/vpcflowlogs/{region}/{day:%Y}/{day:%m}/{day:%d}/"
    return path + (f"{hour:02d}/" if hour is not None else "")


def flow_log_files(
    days: list[date],
    records_per_day: int,
    seed: int = 0,
    *,
    fields: tuple[str, ...] = V2_FIELDS,
    layout: str = "default",
    per_hour: bool = False,
    files_per_day: int = 4,
    fmt: str = "text",
    prefix: str = "",
    account_id: str = ACCOUNT,
    region: str = REGION,
    compresslevel: int = 6,
) -> list[FlowLogFile]:
    """The objects a flow log would have delivered for `days`; a file per time window of record end times.

    files_per_day must divide the day into whole 5-minute windows (and into hours when per_hour).
    """
    window = 86400 // files_per_day
    if window * files_per_day != 86400 or window % 300 or (per_hour and 3600 % window):
        raise ValueError(f"files_per_day={files_per_day} does not split a day into 5-minute windows per hour")
    files: list[FlowLogFile] = []
    for day in days:
        for index in range(files_per_day):
            # A file holds the records whose end time falls in its window.
            count = records_per_day // files_per_day + (index < records_per_day % files_per_day)
            if count == 0:
                continue
            part = flow_records(
                day, count, seed, window=(index * window, (index + 1) * window), account_id=account_id, region=region
            )
            minute = index * window // 60
            hour = minute // 60
            stamp = f"{day:%Y%m%d}T{hour:02d}{minute % 60:02d}Z"
            digest = hashlib.sha1(f"{seed}/{account_id}/{region}/{stamp}/{fmt}".encode()).hexdigest()[:8]
            name = f"{account_id}_vpcflowlogs_{region}_{FLOW_LOG_ID}_{stamp}_{digest}"
            directory = prefix_of(
                day, hour if per_hour else None, layout=layout, account_id=account_id, region=region, prefix=prefix
            )
            if fmt == "parquet":
                key, body = f"{directory}{name}.log.parquet", parquet_body(part, fields)
            else:
                key, body = f"{directory}{name}.log.gz", text_body(part, fields, compresslevel)
            files.append(FlowLogFile(key=key, body=body, day=day, hour=hour, fields=fields, fmt=fmt))
    return files


def read_flow_text(body: bytes, fields: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Parse one gzip text object the way LazySimpleSerDe reads it: `-` (or anything non-numeric) in a
    numeric column is NULL, strings stay as written, missing trailing fields are NULL.

    An independent reading of the bytes (pandas), for expected answers.
    """
    text = gzip.decompress(body).decode()
    header, _, rest = text.partition("\n")
    written = header.split(" ")
    frame = pd.read_csv(
        io.StringIO(rest), sep=" ", header=None, names=written, dtype=object, keep_default_na=False, na_filter=False
    )
    frame.columns = [column(f) for f in written]
    for field in written:
        if field in NUMERIC_FIELDS:
            frame[column(field)] = pd.to_numeric(frame[column(field)], errors="coerce").astype("Int64")
    for field in fields or ():
        if column(field) not in frame:
            frame[column(field)] = pd.NA if field in NUMERIC_FIELDS else None
    return frame


def read_flow_parquet(body: bytes) -> pd.DataFrame:
    """Parse one Parquet object with pyarrow; integer columns become nullable Int64."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(body))
    return table.to_pandas(types_mapper={pa.int32(): pd.Int64Dtype(), pa.int64(): pd.Int64Dtype()}.get)


def read_files(files: list[FlowLogFile], fields: tuple[str, ...] | None = None) -> pd.DataFrame:
    """All records of `files` as pandas parses them, with `day` (date) and `hour` of each file added."""
    frames = []
    for f in files:
        frame = read_flow_parquet(f.body) if f.fmt == "parquet" else read_flow_text(f.body, fields)
        frame["day"] = f.day
        frame["hour"] = f.hour
        frame["key"] = f.key
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


# --- Expected answers, as Athena would print them -------------------------------------------------


def athena_text(value) -> str | None:
    """A pandas/python value as GetQueryResults shows it (VarCharValue), None for NULL."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return str(value)


def expected_rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows of `frame` as sorted tuples of Athena text, to compare with a result set as a multiset."""
    return sorted((tuple(athena_text(v) for v in row) for row in frame[columns].itertuples(index=False)), key=_sort_key)


def result_rows(rows: list[list]) -> list[tuple]:
    return sorted((tuple(r) for r in rows), key=_sort_key)


def _sort_key(row: tuple) -> tuple:
    return tuple(("", "") if v is None else ("1", v) for v in row)


def assert_top_n(rows: list[list], expected: pd.Series, n: int) -> None:
    """rows = [[key, value], ...] from an `ORDER BY value DESC LIMIT n` query; ties may come in any order,
    so check the values in order and that each returned key has its expected value."""
    ranked = expected.sort_values(ascending=False, kind="stable")
    assert len(rows) == min(n, len(ranked)), rows
    assert [int(value) for _, value in rows] == [int(v) for v in ranked.iloc[:n]], (rows, ranked.head(n))
    for key, value in rows:
        assert int(expected[key]) == int(value), (key, value, expected[key])
