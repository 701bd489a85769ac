"""What an AWS Glue crawler finds under an S3 include path: one table, its partitions, its schema.

Pure logic over S3 objects (knows nothing of HTTP or of moto's crawler state, see models.py):

    >>> found = crawl_target(objects, "s3://bkt/AWSLogs/123456789012/vpcflowlogs/us-east-1/", read, [])
    >>> found.name, [k["Name"] for k in found.partition_keys], found.classification
    ('us_east_1', ['partition_0', 'partition_1', 'partition_2'], 'UNKNOWN')

How AWS's crawler decides, and what this one does the same way (AWS Glue developer guide:
"Defining and managing classifiers", "Built-in classifiers", "How does a crawler determine when to
create partitions?"):
- The include path is the table's root and location; the table is named after its last folder
  (after the bucket when the path is the bucket), lower case, other characters than [a-z0-9_] as `_`,
  after the crawler's TablePrefix.
- Each folder level between the root and the files is a partition key: `key=value` folders give
  `key` (Hive style: the flow-log option HiveCompatiblePartitions), any other folder
  `partition_0`, `partition_1`, ... Values are the folder names; keys are typed string.
  The AWS flow-log layout `YYYY/MM/DD/` under the region folder gives partition_0..2.
- Objects whose names start with `_` or `.` are skipped, as Hive skips them; so are those matching
  an Exclusions glob of the target.
- Custom classifiers run first, in the crawler's order; the first that recognises the data is used.
  Then the built-in ones: Parquet (the flow-log Parquet option: the file's own schema, Parquet SerDe)
  and CSV, whose delimiters are only comma, pipe, tab, semicolon and Ctrl-A, and which needs at
  least two columns. A flow log's plain text is separated by spaces: no built-in classifier
  recognises it, so the crawler writes a table classified UNKNOWN, with no columns, that Athena
  cannot read. A custom CSV classifier with Delimiter ' ' and ContainsHeader PRESENT makes it a
  `csv` table: columns named by the header line, typed from the values (bigint, double, boolean,
  string: a column with `-` in it is string), LazySimpleSerDe with field.delim ' ' and
  skip.header.line.count 1, as the Athena user guide's own DDL reads the files.
- Files are sampled (the first file of each partition, its first SAMPLE_BYTES of text, decompressed
  when gzip; all of a Parquet file's footer); their schemas are merged (bigint and double make double, anything else mixed makes string).
"""

from __future__ import annotations

import fnmatch
import io
from csv import Error as csv_error
from csv import reader as csv_reader
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..athena.sql.scan import OPEN_CSV_SERDE, PARQUET_FORMAT, TEXT_FORMAT

SAMPLE_BYTES = 1024 * 1024  # what of a file is classified (AWS: its first megabyte, decompressed)
BUILT_IN_DELIMITERS = (",", "|", "\t", ";", "\x01")

TEXT_INPUT, TEXT_OUTPUT, LAZY_SIMPLE = (TEXT_FORMAT[k] for k in ("InputFormat", "OutputFormat", "SerializationLibrary"))
PARQUET_INPUT, PARQUET_OUTPUT, PARQUET_SERDE = (
    PARQUET_FORMAT[k] for k in ("InputFormat", "OutputFormat", "SerializationLibrary")
)
OPEN_CSV = OPEN_CSV_SERDE

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?")
_COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_ -]*")


@dataclass(frozen=True)
class S3Item:
    key: str  # the object's key in its bucket
    size: int


@dataclass
class Schema:
    """What a classifier recognised in one file."""

    classification: str
    columns: list[dict] = field(default_factory=list)  # [{"Name", "Type"}]
    serde: dict = field(default_factory=dict)  # SerdeInfo
    input_format: str = ""
    output_format: str = ""
    parameters: dict = field(default_factory=dict)  # table parameters the classifier sets


@dataclass
class FoundTable:
    """A table as the crawler writes it: Glue TableInput and PartitionInputs."""

    name: str
    location: str
    classification: str
    partition_keys: list[dict]
    table_input: dict
    partitions: list[dict]


class CrawlError(Exception):
    """A crawl that fails (LastCrawl.Status FAILED with this message)."""


def table_name(include_path: str, prefix: str = "") -> str:
    """The name AWS's crawler gives the table rooted at include_path."""
    bucket, _, key = include_path[len("s3://") :].partition("/")
    folders = [part for part in key.split("/") if part]
    base = folders[-1] if folders else bucket
    return (prefix or "").lower() + re.sub(r"[^a-z0-9_]", "_", base.lower())


def crawl_target(
    items: list[S3Item],
    include_path: str,
    read: Callable[[str, int], bytes],
    classifiers: list[dict],
    exclusions: list[str] | None = None,
    table_prefix: str = "",
) -> FoundTable | None:
    """The table one S3 target yields, or None when it holds no visible object.

    `items` are the bucket's objects under the include path's prefix; `read(key, size)` returns the
    first `size` bytes of an object; `classifiers` are the crawler's custom classifiers, in order,
    as CreateClassifier stored them ({"CsvClassifier": {...}}, ...).
    """
    bucket, _, prefix = include_path[len("s3://") :].partition("/")
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    files = [item for item in items if _visible(item, prefix, exclusions or [])]
    if not files:
        return None
    depth = Counter(item.key[len(prefix) :].count("/") for item in files).most_common(1)[0][0]
    files = [item for item in files if item.key[len(prefix) :].count("/") == depth]
    by_folder: dict[tuple[str, ...], list[S3Item]] = {}
    for item in files:
        folders = tuple(item.key[len(prefix) :].split("/")[:-1])
        by_folder.setdefault(folders, []).append(item)
    schemas = [
        classify(_sample(min(group, key=lambda i: i.key), read), classifiers) for _, group in sorted(by_folder.items())
    ]
    schema = merge(schemas)
    keys = _partition_keys(sorted(by_folder))
    location = f"s3://{bucket}/{prefix}"
    compression = "gzip" if any(i.key.endswith(".gz") for i in files) else "none"
    parameters = {
        "classification": schema.classification,
        "compressionType": compression,
        "typeOfData": "file",
        **schema.parameters,
        "objectCount": str(len(files)),
        "sizeKey": str(sum(i.size for i in files)),
        "CrawlerSchemaSerializerVersion": "1.0",
        "CrawlerSchemaDeserializerVersion": "1.0",
    }
    storage = {
        "Columns": schema.columns,
        "Location": location,
        "InputFormat": schema.input_format,
        "OutputFormat": schema.output_format,
        "Compressed": compression != "none",
        "NumberOfBuckets": -1,
        "SerdeInfo": schema.serde,
        "BucketColumns": [],
        "SortColumns": [],
        "Parameters": dict(parameters),
        "StoredAsSubDirectories": False,
    }
    table_input = {
        "Name": table_name(include_path, table_prefix),
        "TableType": "EXTERNAL_TABLE",
        "Parameters": parameters,
        "PartitionKeys": keys,
        "StorageDescriptor": storage,
        "Retention": 0,
    }
    partitions = []
    for folders, group in sorted(by_folder.items()):
        if not folders:
            continue
        values = [folder.partition("=")[2] if "=" in folder else folder for folder in folders]
        partitions.append(
            {
                "Values": values,
                "Parameters": dict(parameters, objectCount=str(len(group))),
                "StorageDescriptor": dict(storage, Location=location + "/".join(folders) + "/"),
            }
        )
    return FoundTable(table_input["Name"], location, schema.classification, keys, table_input, partitions)


def _sample(item: S3Item, read: Callable[[str, int], bytes]) -> bytes:
    """The first SAMPLE_BYTES of a file; all of a Parquet file, whose schema is in its footer."""
    sample = read(item.key, SAMPLE_BYTES)
    if sample[:4] == b"PAR1" and item.size > len(sample):
        sample = read(item.key, item.size)
    return sample


def _visible(item: S3Item, prefix: str, exclusions: list[str]) -> bool:
    rest = item.key[len(prefix) :]
    if not item.key.startswith(prefix) or not rest or rest.endswith("/"):
        return False
    if any(part.startswith(("_", ".")) for part in rest.split("/")):
        return False
    # Glue's exclude patterns are globs relative to the include path (`**` crosses folders).
    return not any(fnmatch.fnmatchcase(rest, pattern.replace("**", "*")) for pattern in exclusions)


def _partition_keys(folder_lists: list[tuple[str, ...]]) -> list[dict]:
    depth = max((len(f) for f in folder_lists), default=0)
    keys = []
    for level in range(depth):
        names = {f[level].partition("=")[0] for f in folder_lists if len(f) > level and "=" in f[level]}
        hive = len(names) == 1 and all(len(f) > level and "=" in f[level] for f in folder_lists)
        keys.append({"Name": names.pop().lower() if hive else f"partition_{level}", "Type": "string"})
    return keys


# --- classifiers ----------------------------------------------------------------------------------


def classify(sample: bytes, classifiers: list[dict]) -> Schema:
    """The schema of one file's first bytes: custom classifiers first, then the built-in ones."""
    text = _text(sample)
    for classifier in classifiers:
        csv = classifier.get("CsvClassifier")
        if csv is not None and text is not None:
            found = _csv(
                text,
                csv.get("Delimiter") or ",",
                csv.get("QuoteSymbol") or '"',
                csv.get("ContainsHeader") or "UNKNOWN",
                csv.get("Header") or [],
                bool(csv.get("AllowSingleColumn")),
                csv.get("Serde"),
            )
            if found is not None:
                return found
    if sample[:4] == b"PAR1":
        parquet = _parquet(sample)
        if parquet is not None:
            return parquet
    if text is not None:
        for delimiter in BUILT_IN_DELIMITERS:
            found = _csv(text, delimiter, '"', "UNKNOWN", [], False, None)
            if found is not None:
                return found
    return Schema("UNKNOWN")


def merge(schemas: list[Schema]) -> Schema:
    """One table schema from the files' schemas: the most common classification; columns in order of
    first appearance, types widened where files disagree."""
    if not schemas:
        return Schema("UNKNOWN")
    classification = Counter(s.classification for s in schemas).most_common(1)[0][0]
    chosen = [s for s in schemas if s.classification == classification]
    base = chosen[0]
    types: dict[str, str] = {}
    for schema in chosen:
        for column in schema.columns:
            name = column["Name"]
            types[name] = column["Type"] if name not in types else _wider(types[name], column["Type"])
    return Schema(
        classification,
        [{"Name": n, "Type": t} for n, t in types.items()],
        base.serde,
        base.input_format,
        base.output_format,
        base.parameters,
    )


def _wider(a: str, b: str) -> str:
    if a == b:
        return a
    if {a, b} <= {"bigint", "double"}:
        return "double"
    return "string"


def _text(sample: bytes) -> str | None:
    """The sample as text (gunzipped when gzip; a cut-off last line dropped); None for binary data."""
    if sample[:2] == b"\x1f\x8b":
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            sample = decompressor.decompress(sample, SAMPLE_BYTES)
        except zlib.error:
            return None
    if b"\x00" in sample:
        return None
    text = sample.decode("utf-8", errors="replace")
    if "\n" in text and not text.endswith("\n"):
        text = text[: text.rindex("\n") + 1]
    return text


def _value_type(values: list[str]) -> str:
    present = [v for v in values if v != ""]
    if not present:
        return "string"
    if all(_INTEGER.fullmatch(v) and -(2**63) <= int(v) < 2**63 for v in present):
        return "bigint"
    if all(_DECIMAL.fullmatch(v) for v in present):
        return "double"
    if all(v.lower() in ("true", "false") for v in present):
        return "boolean"
    return "string"


def _csv(
    text: str,
    delimiter: str,
    quote: str,
    contains_header: str,
    header: list[str],
    single_column: bool,
    serde: str | None,
) -> Schema | None:
    lines = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    try:  # a quoted field may hold the delimiter and doubled quotes
        rows = list(csv_reader(lines, delimiter=delimiter, quotechar=quote or None, strict=True))
    except csv_error:
        return None
    width = len(rows[0])
    if width < 2 and not single_column:
        return None
    if any(len(row) != width for row in rows):
        return None
    quoted = bool(quote) and any(line.startswith(quote) or (delimiter + quote) in line for line in lines)
    first, data = rows[0], rows[1:]
    if contains_header == "PRESENT":
        has_header = True
    elif contains_header == "ABSENT":
        has_header = False
    else:  # AWS: a header when every value names a column and some column of the data is not string
        has_header = (
            all(_COLUMN_NAME.fullmatch(v.strip()) for v in first)
            and bool(data)
            and any(_value_type([r[i] for r in data]) != "string" for i in range(width))
        )
        if not has_header and contains_header == "UNKNOWN" and not data:
            return None
    if not has_header:
        data = rows
    names = header or ([v.strip().lower() for v in first] if has_header else [f"col{i}" for i in range(width)])
    if len(names) != width:
        return None
    columns = [{"Name": name, "Type": _value_type([row[i] for row in data])} for i, name in enumerate(names)]
    use_open_csv = serde == "OpenCSVSerDe" or (serde in (None, "None") and quoted)
    serde_info = (
        {"SerializationLibrary": OPEN_CSV, "Parameters": {"separatorChar": delimiter, "quoteChar": quote}}
        if use_open_csv
        else {"SerializationLibrary": LAZY_SIMPLE, "Parameters": {"field.delim": delimiter}}
    )
    if use_open_csv:  # OpenCSVSerde reads every column as string
        columns = [{"Name": c["Name"], "Type": "string"} for c in columns]
    parameters = {"delimiter": delimiter, "areColumnsQuoted": str(quoted).lower(), "columnsOrdered": "true"}
    if has_header:
        parameters["skip.header.line.count"] = "1"
    return Schema("csv", columns, serde_info, TEXT_INPUT, TEXT_OUTPUT, parameters)


def _parquet(sample: bytes) -> Schema | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        arrow_schema = pq.read_schema(io.BytesIO(sample))
    except (pa.ArrowException, OSError, ValueError):
        return None  # a footer beyond the sample, or not Parquet after all
    columns = [{"Name": f.name.lower(), "Type": _hive_type(f.type)} for f in arrow_schema]
    return Schema(
        "parquet",
        columns,
        {"SerializationLibrary": PARQUET_SERDE, "Parameters": {"serialization.format": "1"}},
        PARQUET_INPUT,
        PARQUET_OUTPUT,
        {},
    )


def _hive_type(arrow_type) -> str:
    import pyarrow as pa

    if pa.types.is_int8(arrow_type):
        return "tinyint"
    if pa.types.is_int16(arrow_type):
        return "smallint"
    if pa.types.is_int32(arrow_type) or pa.types.is_uint8(arrow_type) or pa.types.is_uint16(arrow_type):
        return "int"
    if pa.types.is_integer(arrow_type):
        return "bigint"
    if pa.types.is_float32(arrow_type):
        return "float"
    if pa.types.is_floating(arrow_type):
        return "double"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_timestamp(arrow_type):
        return "timestamp"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_decimal(arrow_type):
        return f"decimal({arrow_type.precision},{arrow_type.scale})"
    if pa.types.is_binary(arrow_type) or pa.types.is_large_binary(arrow_type):
        return "binary"
    return "string"
