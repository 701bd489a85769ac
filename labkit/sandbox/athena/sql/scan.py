"""How a Glue table becomes rows: DuckDB SQL reading the table's files with Hive SerDe semantics.

Text tables follow LazySimpleSerDe: every field is read as text, then a value that does not parse
as the column's type is NULL (`-` in an int column), while a string column keeps `-` as `-`;
`\\N` is NULL; missing trailing fields are NULL, extra fields are ignored.
Parquet tables map columns by name, case-insensitively; a column absent from the files is NULL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import QueryFailed
from .types import hive_base, hive_to_duckdb, split_type_arguments

UNION_LIMIT = 32  # above this many partitions, one scan joined to a partition map beats a UNION


PATH_COLUMN = "$path"  # Athena's hidden column: the S3 object a row was read from


@dataclass
class PartitionFiles:
    values: dict[str, str]  # partition column -> value as stored in Glue (a string)
    paths: list[str] = field(default_factory=list)
    uris: list[str] = field(default_factory=list)  # each path's s3:// object (for "$path")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# The Hive formats of the tables the sandbox reads (and that its DDL and Glue crawlers write).
TEXT_FORMAT = {
    "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
    "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
    "SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
}
PARQUET_FORMAT = {
    "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
}
OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde"


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def is_parquet(table: dict) -> bool:
    storage = table.get("StorageDescriptor", {})
    names = " ".join([storage.get("InputFormat", ""), storage.get("SerdeInfo", {}).get("SerializationLibrary", "")])
    return "parquet" in names.lower()


def columns(table: dict) -> list[dict]:
    return table.get("StorageDescriptor", {}).get("Columns", [])


def partition_keys(table: dict) -> list[dict]:
    return table.get("PartitionKeys", []) or []


def text_value(expr: str, hive_type: str, depth: int = 0) -> str:
    """LazySimpleSerDe: unparseable → NULL for non-strings; strings as they are; collections split on
    its separators (\\002 between items or a struct's fields, \\003 between a map's key and value, one
    level deeper each nesting); binary as base64."""
    base = hive_base(hive_type)
    if base in ("string", "varchar", "char"):
        return expr
    if base == "binary":
        return f"TRY(from_base64({expr}))"
    if base in ("array", "map"):
        items, pair = _SEPARATORS[min(depth, 5)], _SEPARATORS[min(depth + 1, 6)]
        inner = hive_type.strip()[len(base) + 1 : -1]
        var = f"__e{depth}"
        if base == "array":
            element = text_value(var, inner, depth + 1)
            return f"CASE WHEN {expr} IS NOT NULL THEN list_transform(string_split({expr}, {items}), lambda {var}: {element}) END"
        key_type, value_type = split_type_arguments(inner)
        key = text_value(f"split_part({var}, {pair}, 1)", key_type, depth + 2)
        value = text_value(f"nullif(split_part({var}, {pair}, 2), '\\N')", value_type, depth + 2)
        return (
            f"CASE WHEN {expr} IS NOT NULL AND {expr} <> '' THEN map_from_entries(list_transform("
            f"string_split({expr}, {items}), lambda {var}: struct_pack(key := {key}, value := {value}))) END"
        )
    if base == "struct":  # fields on the items' separator, in order; a missing or \\N field is NULL
        items = _SEPARATORS[min(depth, 5)]
        fields = [f.split(":", 1) for f in split_type_arguments(hive_type.strip()[7:-1])]
        values = ", ".join(
            f"{quote_ident(name.strip())} := "
            + text_value(
                f"CASE WHEN len(string_split({expr}, {items})) >= {i} THEN nullif(split_part({expr}, {items}, {i}), "
                f"'\\N') END",
                kind,
                depth + 1,
            )
            for i, (name, kind) in enumerate(fields, 1)
        )
        return f"CASE WHEN {expr} IS NOT NULL THEN struct_pack({values}) END"
    if base == "boolean":
        return f"CASE lower({expr}) WHEN 'true' THEN true WHEN 'false' THEN false END"
    # NULLIF keeps DuckDB from pushing the cast into the CSV reader, where it would become strict.
    return f"TRY_CAST(NULLIF({expr}, '') AS {hive_to_duckdb(hive_type)})"


_SEPARATORS = ["chr(2)", "chr(3)", "chr(4)", "chr(5)", "chr(6)", "chr(7)", "chr(8)"]


def partition_value(value: str, hive_type: str) -> str:
    if hive_base(hive_type) in ("string", "varchar", "char"):
        return quote_literal(value)
    return f"TRY_CAST({quote_literal(value)} AS {hive_to_duckdb(hive_type)})"


def empty_sql(table: dict) -> str:
    cols = [
        f"CAST(NULL AS {hive_to_duckdb(c['Type'])}) AS {quote_ident(c['Name'])}"
        for c in columns(table) + partition_keys(table)
    ]
    return f"SELECT {', '.join(cols)} WHERE false"


def _path_list(paths: list[str]) -> str:
    return "[" + ", ".join(quote_literal(p) for p in paths) + "]"


def field_delimiter(table: dict) -> str:
    """LazySimpleSerDe's field separator: field.delim, else serialization.format, where a number is
    the byte of that value (Hive's default, '1', is Ctrl-A)."""
    serde = table["StorageDescriptor"].get("SerdeInfo", {}).get("Parameters", {}) or {}
    delimiter = serde.get("field.delim", serde.get("serialization.format", "\x01"))
    return chr(int(delimiter)) if delimiter.isdigit() else delimiter


def serde_library(table: dict) -> str:
    return table.get("StorageDescriptor", {}).get("SerdeInfo", {}).get("SerializationLibrary", "") or ""


def _csv_options(table: dict) -> str:
    """read_csv's options for a text table: LazySimpleSerDe splits on its separator and knows no
    quotes (\\N is NULL); OpenCSVSerde reads quoted fields (separatorChar, quoteChar; a quote is
    doubled inside one) and has no NULL: an empty field is an empty string."""
    if serde_library(table) == OPEN_CSV_SERDE:
        params = table["StorageDescriptor"].get("SerdeInfo", {}).get("Parameters", {}) or {}
        delimiter, quote = params.get("separatorChar", ","), params.get("quoteChar", '"')
        escape = params.get("escapeChar", quote)
        return (
            f"delim={quote_literal(delimiter)}, quote={quote_literal(quote)}, escape={quote_literal(escape)}, "
            "nullstr=chr(0)"
        )
    return f"delim={quote_literal(field_delimiter(table))}, nullstr='\\N', quote='', escape=''"


def _text_reader(table: dict, paths: list[str], with_filename: bool) -> str:
    skip = int(table.get("Parameters", {}).get("skip.header.line.count", "0") or 0)
    names = [f"c{i}" for i in range(len(columns(table)))]
    spec = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    readers = []
    for compression, group in (
        ("gzip", [p for p in paths if p.endswith(".gz")]),
        ("none", [p for p in paths if not p.endswith(".gz")]),
    ):
        if group:
            readers.append(
                f"SELECT * FROM read_csv({_path_list(group)}, {_csv_options(table)}, header=false, "
                f"skip={skip}, columns={spec}, null_padding=true, "
                f"strict_mode=false, auto_detect=false, compression='{compression}', "
                f"filename={'true' if with_filename else 'false'})"
            )
    return " UNION ALL ".join(readers)


def _text_select(table: dict) -> list[str]:
    return [f"{text_value(f'c{i}', c['Type'])} AS {quote_ident(c['Name'])}" for i, c in enumerate(columns(table))]


def _parquet_select(table: dict, present: set[str]) -> list[str]:
    out = []
    for c in columns(table):
        name = c["Name"]
        source = next((p for p in present if p.lower() == name.lower()), None)
        expr = quote_ident(source) if source else "NULL"
        out.append(f"TRY_CAST({expr} AS {hive_to_duckdb(c['Type'])}) AS {quote_ident(name)}")
    return out


def _parquet_reader(paths: list[str], with_filename: bool) -> str:
    return (
        f"SELECT * FROM read_parquet({_path_list(paths)}, union_by_name=true, "
        f"filename={'true' if with_filename else 'false'})"
    )


def scan_sql(table: dict, parts: list[PartitionFiles], parquet_columns=None, with_path: bool = False) -> str:
    """DuckDB SQL yielding the table's declared columns, then its partition columns, over `parts`
    (and "$path", each row's S3 object, when asked).

    parquet_columns(paths) -> set of column names present in the files (asked only for Parquet).
    """
    if not columns(table):  # what a Glue crawler writes for data no classifier knew (classification UNKNOWN)
        raise QueryFailed("HIVE_UNSUPPORTED_FORMAT", "Unable to create input format")
    library = serde_library(table)
    if not is_parquet(table) and library not in ("", TEXT_FORMAT["SerializationLibrary"], OPEN_CSV_SERDE):
        raise QueryFailed(
            "NOT_SUPPORTED",
            f"line 1:1: Tables read with {library.rsplit('.', 1)[-1]} are not "
            "supported by the labkit sandbox; LazySimpleSerDe, OpenCSVSerde and "
            "ParquetHiveSerDe are",
        )
    parts = [p for p in parts if p.paths]
    if not parts:
        empty = empty_sql(table)
        return (
            empty.replace(" WHERE false", f", CAST(NULL AS VARCHAR) AS {quote_ident(PATH_COLUMN)} WHERE false")
            if with_path
            else empty
        )
    keys = partition_keys(table)
    parquet = is_parquet(table)
    all_paths = [path for p in parts for path in p.paths]
    select = _parquet_select(table, parquet_columns(all_paths)) if parquet else _text_select(table)

    def reader(paths: list[str], with_filename: bool) -> str:
        return _parquet_reader(paths, with_filename) if parquet else _text_reader(table, paths, with_filename)

    if not keys and not with_path:
        return f"SELECT {', '.join(select)} FROM ({reader(all_paths, False)})"
    if len(parts) <= UNION_LIMIT and not with_path:
        branches = []
        for part in parts:
            values = [f"{partition_value(part.values[k['Name']], k['Type'])} AS {quote_ident(k['Name'])}" for k in keys]
            branches.append(f"SELECT {', '.join(select + values)} FROM ({reader(part.paths, False)})")
        return " UNION ALL ".join(branches)
    # Many partitions: one scan, each row's partition values found through its file name.
    rows = []
    for part in parts:
        for path, uri in zip(part.paths, part.uris or [""] * len(part.paths)):
            rows.append(
                "("
                + ", ".join(
                    [quote_literal(path)]
                    + ([quote_literal(uri)] if with_path else [])
                    + [partition_value(part.values[k["Name"]], k["Type"]) for k in keys]
                )
                + ")"
            )
    extra = [PATH_COLUMN] if with_path else []
    map_columns = ", ".join(["__file"] + [quote_ident(c) for c in extra] + [quote_ident(k["Name"]) for k in keys])
    partition_cols = [f"__parts.{quote_ident(k['Name'])}" for k in keys] + [f"__parts.{quote_ident(c)}" for c in extra]
    return (
        f"SELECT {', '.join(select + partition_cols)} FROM ({reader(all_paths, True)}) AS __rows "
        f"JOIN (VALUES {', '.join(rows)}) AS __parts({map_columns}) ON __rows.filename = __parts.__file"
    )
