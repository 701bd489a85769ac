"""A result of millions of rows: the sandbox's memory, and paging through the result.

    .venv/bin/python benchmarks/bench_results.py [--rows 5000000] [--pages N] [--no-pandas] [--json]

Starts a sandbox in a child process, so that its RSS (read from /proc/<pid>/status) is the sandbox's
alone, runs a query of --rows rows of two columns (a number and a text) through boto3 from this
process, and measures:
- the sandbox's RSS growth: VmRSS after the query, after paging and after the pandas read, minus
  VmRSS before the query (a `SELECT 1` has loaded the engine), and its peak (VmHWM minus that VmRSS);
- the query's seconds to SUCCEEDED;
- seconds to page through the whole result with GetQueryResults (MaxResults 1000; only the first
  N pages with --pages N);
- seconds for PyAthena's pandas cursor to read it (the result CSV, from the sandbox's S3).
Target (issue "sandbox as a service", item 7): RSS growth ≤ 200 MB for 5,000,000 rows (before the
change: about +1 GB). Exit status 1 when missed. tests/test_athena_results.py runs `measure` with
2,000,000 rows and three pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = "bench-results"
TARGET_MB = 200


def result_query(rows: int) -> str:
    """Trino SQL for `rows` rows (a multiple of 1000): n = 1..rows and a text of about 20 characters."""
    n = "(a.x - 1) * 1000 + b.y"
    return (
        f"SELECT {n} AS n, 'some text ' || CAST({n} AS varchar) AS label "
        f"FROM UNNEST(sequence(1, {rows // 1000})) AS a(x) CROSS JOIN UNNEST(sequence(1, 1000)) AS b(y)"
    )


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) / 1024
    return found


def serve() -> None:
    """The child: a sandbox in this process until stdin closes; its environment on the first line."""
    from labkit.sandbox import start_sandbox

    sandbox = start_sandbox(seed=0)
    print(json.dumps(sandbox.environment()), flush=True)
    sys.stdin.read()
    sandbox.stop()


def run(athena, sql: str) -> tuple[float, str]:
    """Seconds from StartQueryExecution to SUCCEEDED (polling every 20 ms), and the query id."""
    t0 = time.perf_counter()
    query_id = athena.start_query_execution(
        QueryString=sql, ResultConfiguration={"OutputLocation": f"s3://{RESULTS}/"}
    )["QueryExecutionId"]
    while True:
        status = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]
        if status["State"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            break
        time.sleep(0.02)
    if status["State"] != "SUCCEEDED":
        raise SystemExit(f"{sql!r}: {status['State']} {status.get('StateChangeReason')}")
    return time.perf_counter() - t0, query_id


def page_through(athena, query_id: str, pages: int | None) -> tuple[int, int, int]:
    """(pages read, data rows read, sum of column n) over GetQueryResults pages of 1000."""
    read, rows, total, token = 0, 0, 0, None
    while pages is None or read < pages:
        page = athena.get_query_results(
            QueryExecutionId=query_id, MaxResults=1000, **({"NextToken": token} if token else {})
        )
        values = [r["Data"][0]["VarCharValue"] for r in page["ResultSet"]["Rows"]]
        values = values[1:] if read == 0 else values  # the header row
        read, rows, total = read + 1, rows + len(values), total + sum(map(int, values))
        token = page.get("NextToken")
        if not token:
            break
    return read, rows, total


def measure(rows: int, pages: int | None = None, pandas: bool = True) -> dict:
    """Run the benchmark against a fresh sandbox process; figures in MB and seconds."""
    import boto3

    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        environment = json.loads(child.stdout.readline())
        credentials = {
            "endpoint_url": environment["AWS_ENDPOINT_URL"],
            "region_name": "us-east-1",
            "aws_access_key_id": environment["AWS_ACCESS_KEY_ID"],
            "aws_secret_access_key": environment["AWS_SECRET_ACCESS_KEY"],
        }
        s3, athena = boto3.client("s3", **credentials), boto3.client("athena", **credentials)
        s3.create_bucket(Bucket=RESULTS)
        run(athena, "SELECT 1")  # the engine loaded: what every sandbox holds after its first query
        before = memory_mb(child.pid)["VmRSS"]
        figures = {"rows": rows, "rss_before": before}
        figures["query_s"], query_id = run(athena, result_query(rows))
        figures["growth_after_query"] = memory_mb(child.pid)["VmRSS"] - before
        t0 = time.perf_counter()
        figures["pages"], paged, total = page_through(athena, query_id, pages)
        figures["paging_s"] = time.perf_counter() - t0
        if pages is None:
            assert (paged, total) == (rows, rows * (rows + 1) // 2), (paged, total)
        figures["growth_after_paging"] = memory_mb(child.pid)["VmRSS"] - before
        figures["peak_growth_before_pandas"] = memory_mb(child.pid)["VmHWM"] - before
        if pandas:
            from pyathena import connect
            from pyathena.pandas.cursor import PandasCursor

            os.environ.update(environment)
            cursor = connect(
                s3_staging_dir=f"s3://{RESULTS}/", region_name="us-east-1", cursor_class=PandasCursor
            ).cursor()
            t0 = time.perf_counter()
            frame = cursor.execute(result_query(rows)).as_pandas()
            figures["pandas_s"] = time.perf_counter() - t0
            assert (len(frame), int(frame["n"].sum())) == (rows, rows * (rows + 1) // 2)
            figures["growth_after_pandas"] = memory_mb(child.pid)["VmRSS"] - before
        figures["peak_growth"] = memory_mb(child.pid)["VmHWM"] - before
        return figures
    finally:
        child.stdin.close()
        child.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000, help="rows of the result (a multiple of 1000)")
    parser.add_argument("--pages", type=int, default=None, help="GetQueryResults pages to read (default: all)")
    parser.add_argument("--no-pandas", dest="pandas", action="store_false", help="skip PyAthena's pandas cursor")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve()
        return 0

    figures = measure(args.rows, args.pages, args.pandas)
    load = os.getloadavg()
    figures["load"] = load
    missed = figures["growth_after_paging"] > TARGET_MB
    if args.json:
        print(json.dumps(figures))
        return 1 if missed else 0
    print(
        f"# result benchmark: {args.rows:,} rows; {os.cpu_count()} cores, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print("| what | figure |")
    print("|---|---:|")
    print(f"| sandbox RSS before the query (engine loaded) | {figures['rss_before']:.0f} MB |")
    print(f"| query to SUCCEEDED | {figures['query_s']:.1f} s |")
    print(f"| RSS growth after the query | {figures['growth_after_query']:+.0f} MB |")
    print(f"| GetQueryResults, {figures['pages']:,} pages of 1000 | {figures['paging_s']:.1f} s |")
    print(f"| RSS growth after paging | {figures['growth_after_paging']:+.0f} MB |")
    print(f"| peak RSS growth, query and paging | {figures['peak_growth_before_pandas']:+.0f} MB |")
    if args.pandas:
        print(f"| PyAthena pandas cursor (query + read) | {figures['pandas_s']:.1f} s |")
        print(f"| RSS growth after the pandas read | {figures['growth_after_pandas']:+.0f} MB |")
        print(f"| peak RSS growth, all | {figures['peak_growth']:+.0f} MB |")
    print(f"targets: {'MISSED: RSS growth' if missed else 'met'} (growth after paging ≤ {TARGET_MB} MB)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
