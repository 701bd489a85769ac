"""Flow-log delivery throughput: N synthetic records delivered to sandbox S3 as gzip text.

Reports records/s, the ratio of total delivery time to gzip-compressing the same bytes alone
(target <= 2), and peak memory for two sizes (target: bounded by the open windows, so about the
same for 250k and 1M records). The sandbox runs in its own process (`labkit sandbox`), so memory
figures are the deliverer's alone; each size runs in a fresh process.

    $ .venv/bin/python benchmarks/bench_delivery.py                  # 250k and 1M records
    $ .venv/bin/python benchmarks/bench_delivery.py --records 100000 # one size
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import tempfile
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RATIO_TARGET = 2.0
PER_MINUTE = 10_000  # records per simulated minute (all ENIs)
START = 1764190800  # 2025-11-26T21:00Z, fixed so files and sizes repeat


def synthetic_pool(seed: int = 0, size: int = PER_MINUTE) -> list[tuple]:
    """One minute's worth of deterministic scan-like flows (80% one-packet REJECTs, 20% ACCEPTed sessions)."""
    rng = random.Random(seed)
    pool = []
    for _ in range(size):
        accepted = rng.random() < 0.2
        packets = rng.randint(10, 400) if accepted else 1
        offset = rng.randrange(60)
        pool.append(
            (
                f"{rng.choice(('203.0.113', '198.51.100', '192.0.2'))}.{rng.randrange(1, 255)}",
                rng.randrange(1024, 65536),
                rng.choice((22, 23, 445, 3389, 80, 443)),
                packets,
                packets * rng.randint(40, 1500),
                offset,
                min(offset + rng.randrange(30), 59),
                "ACCEPT" if accepted else "REJECT",
            )
        )
    return pool


def synthetic_minute(pool: list[tuple], minute: int, interfaces: list[str]):
    """The pool's flows as FlowRecords of `minute`, spread over the interfaces."""
    from labkit.flowlog.record import FlowRecord

    count = len(interfaces)
    return [
        FlowRecord(
            "123456789012",
            interfaces[i % count],
            src,
            "10.0.1.10",
            sport,
            dport,
            6,
            packets,
            size,
            minute + start,
            minute + end,
            action,
            tcp_flags=2,
        )
        for i, (src, sport, dport, packets, size, start, end, action) in enumerate(pool)
    ]


def setup_account() -> tuple[str, str, list[str]]:
    """A VPC with 4 ENIs, a bucket and a default-format, 60-second S3 flow log on the VPC."""
    import boto3

    ec2, s3 = boto3.client("ec2"), boto3.client("s3")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    enis = [ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"] for _ in range(4)]
    bucket = f"bench-{os.getpid()}"
    s3.create_bucket(Bucket=bucket)
    flow_log = ec2.create_flow_logs(
        ResourceType="VPC",
        ResourceIds=[vpc],
        TrafficType="ALL",
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{bucket}",
        MaxAggregationInterval=60,
    )["FlowLogIds"][0]
    return bucket, flow_log, enis


def delivered_text(bucket: str) -> list[bytes]:
    """The uncompressed content of every delivered file (the bytes gzip alone is timed on)."""
    import boto3

    s3 = boto3.client("s3")
    bodies = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            bodies.append(gzip.decompress(s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()))
    return bodies


def gzip_alone(bodies: list[bytes], level: int) -> float:
    """Seconds to gzip the same files with the same level, in 1-minute-sized chunks as delivery does."""
    began = time.perf_counter()
    for body in bodies:
        compressor = zlib.compressobj(level, zlib.DEFLATED, 31)
        step = max(1, len(body) // 5)
        for i in range(0, len(body), step):
            compressor.compress(body[i : i + step])
        compressor.flush()
    return time.perf_counter() - began


def measure(records: int, trace: bool) -> dict:
    """One size in this process: delivery seconds (generation excluded), gzip-alone seconds, memory."""
    import boto3

    from labkit.delivery import Deliverer
    from labkit.delivery.s3 import GZIP_LEVEL
    from labkit.sandbox import is_loopback_url

    if not is_loopback_url(os.environ.get("AWS_ENDPOINT_URL", "")):
        raise SystemExit("AWS_ENDPOINT_URL must name the loopback sandbox")  # never a real account

    ec2 = boto3.client("ec2")
    bucket, flow_log, enis = setup_account()
    pool = synthetic_pool()
    deliverer = Deliverer(flow_log_ids=[flow_log])  # earlier runs' flow logs share the sandbox
    if trace:
        tracemalloc.start()
    generating = delivering = 0.0
    for index in range(records // PER_MINUTE):
        minute = START + index * 60
        began = time.perf_counter()
        batch = synthetic_minute(pool, minute, enis)
        generated = time.perf_counter()
        deliverer.deliver_minute(minute, batch)
        delivering += time.perf_counter() - generated
        generating += generated - began
        del batch
    began = time.perf_counter()
    deliverer.close()
    delivering += time.perf_counter() - began
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before reading files back
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    ec2.delete_flow_logs(FlowLogIds=[flow_log])
    if trace:
        tracemalloc.stop()
        return {"records": records, "traced_peak_mb": peak / 2**20}
    bodies = delivered_text(bucket)
    lines = sum(body.count(b"\n") - 1 for body in bodies)  # minus each file's header line
    assert lines == records, (lines, records)  # every record delivered once, no NODATA (all ENIs busy)
    alone = gzip_alone(bodies, GZIP_LEVEL)
    return {
        "records": records,
        "lines": lines,
        "files": len(bodies),
        "text_mb": sum(map(len, bodies)) / 2**20,
        "generate_s": generating,
        "deliver_s": delivering,
        "gzip_alone_s": alone,
        "records_per_s": records / delivering,
        "ratio": delivering / alone,
        "max_rss_mb": max_rss,
    }


def start_sandbox_process() -> tuple[subprocess.Popen, dict]:
    """`labkit sandbox` in the foreground (its own LABKIT_HOME); returns it and the variables it printed."""
    home = tempfile.mkdtemp(prefix="labkit-bench-")
    process = subprocess.Popen(
        [sys.executable, "-m", "labkit", "sandbox"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env={**os.environ, "LABKIT_HOME": home},
    )
    variables = dict(process.stdout.readline().strip().partition("=")[::2] for _ in range(3))
    if not variables.get("AWS_ENDPOINT_URL", "").startswith("http://127.0.0.1:"):
        process.terminate()
        raise SystemExit(f"the sandbox did not start: {variables!r}")
    return process, variables


def run_child(records: int, trace: bool, variables: dict) -> dict:
    env = {**os.environ, **variables, "AWS_DEFAULT_REGION": "us-east-1"}
    args = [sys.executable, __file__, "--child", str(records)] + (["--trace"] if trace else [])
    out = subprocess.run(args, env=env, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, action="append", help="record count (repeatable)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per size (best reported)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.trace)))
        return 0
    sizes = args.records or [250_000, 1_000_000]
    repeat = max(1, args.repeat)
    process, variables = start_sandbox_process()
    try:
        print(
            f"{'records':>9} {'deliver s':>9} {'rec/s':>8} {'gzip s':>7} {'ratio':>6} {'ratio range':>11} {'text MB':>8} "
            f"{'traced peak MB':>14} {'max RSS MB':>10}"
        )
        ok = True
        for size in sizes:
            runs = [run_child(size, False, variables) for _ in range(repeat)]
            # best of N for each side on its own: the machine is shared and load only ever adds time
            timing = {
                **runs[0],
                "deliver_s": min(r["deliver_s"] for r in runs),
                "gzip_alone_s": min(r["gzip_alone_s"] for r in runs),
                "max_rss_mb": max(r["max_rss_mb"] for r in runs),
            }
            timing["ratio"] = timing["deliver_s"] / timing["gzip_alone_s"]
            timing["records_per_s"] = size / timing["deliver_s"]
            spread = f"{min(r['ratio'] for r in runs):.2f}-{max(r['ratio'] for r in runs):.2f}"
            traced = run_child(size, True, variables)
            ok = ok and timing["ratio"] <= RATIO_TARGET
            print(
                f"{size:>9} {timing['deliver_s']:>9.2f} {timing['records_per_s']:>8.0f} {timing['gzip_alone_s']:>7.2f} "
                f"{timing['ratio']:>6.2f} {spread:>11} {timing['text_mb']:>8.1f} {traced['traced_peak_mb']:>14.1f} "
                f"{timing['max_rss_mb']:>10.0f}"
            )
    finally:
        process.terminate()
        process.wait(timeout=10)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
