"""Sandbox snapshots: save and load time and file size for a sandbox holding thousands of S3 objects.

    .venv/bin/python benchmarks/bench_persistence.py [--objects 3000] [--megabytes 50]

An in-process sandbox gets what the labs build (a VPC, subnet and instance, an S3 flow log, an IAM
role, with moto's ~1,600 AWS managed policies per partition as the sandbox loads them, a log group,
a Glue table, an Athena query) and N gzip flow-log files, MB in all, put through boto3. Then:
- save_snapshot: wall time, file size and the size of each member of the archive;
- load_snapshot here after a reset (moto's own reset timed apart);
- a restarted sandbox: a fresh interpreter that starts one, loads the file (moto's service modules
  imported on the way) and reads one object back through boto3;
- the same state as one deflate stream (no blob split), at levels 1 and 6, for comparison.
No target was set for this; exit status 1 only when the restored objects differ.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUCKET = "bench-flow-logs"
PREFIX = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/01/"

RESTART_PROBE = r"""
import json, sys, time, hashlib
t0 = time.perf_counter()
from pathlib import Path
import boto3
from labkit.sandbox.endpoint import start_sandbox
from labkit.sandbox.persistence import load_snapshot
sandbox = start_sandbox(seed=0)
t1 = time.perf_counter()
import importlib, zipfile  # the moto services in the file, imported apart to tell their cost from the load's
for location in json.loads(zipfile.ZipFile(sys.argv[1]).read("header.json"))["backends"]:
    importlib.import_module(location.split(":")[0])
t_imports = time.perf_counter()
extra = load_snapshot(Path(sys.argv[1]), athena_backend=sandbox.athena)
t2 = time.perf_counter()
env = sandbox.environment()
s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=sandbox.url, aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                  aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
body = s3.get_object(Bucket=sys.argv[2], Key=sys.argv[3])["Body"].read()
t3 = time.perf_counter()
print(json.dumps({"start": t1 - t0, "imports": t_imports - t1, "load": t2 - t_imports, "first_get": t3 - t2,
                  "md5": hashlib.md5(body).hexdigest(), "extra": extra}))
sandbox.stop()
"""


def flow_log_files(count: int, megabytes: float, seed: int = 0, distinct: int = 300) -> list[bytes]:
    """`count` gzip files of flow-log lines, about `megabytes` MB in all (gzip level 6, as delivered).
    `distinct` different files, repeated: a repeat lies megabytes away, beyond what deflate can see."""
    rng = random.Random(seed)
    lines = [
        f"2 123456789012 eni-0{rng.randrange(16**16):016x} 203.0.113.{rng.randrange(256)} "
        f"10.0.{rng.randrange(4)}.{rng.randrange(256)} {rng.randrange(1024, 65536)} "
        f"{rng.choice((22, 23, 80, 443, 3389, 8080))} 6 {rng.randrange(1, 20)} {rng.randrange(40, 9000)} "
        f"{1764547200 + rng.randrange(3600)} {1764547260 + rng.randrange(3600)} "
        f"{rng.choice(('ACCEPT', 'REJECT', 'REJECT'))} OK\n"
        for _ in range(20_000)
    ]
    per_line = len(gzip.compress("".join(rng.choices(lines, k=2000)).encode())) / 2000
    lines_per_file = max(1, int(megabytes * 1e6 / count / per_line))
    pool = [gzip.compress("".join(rng.choices(lines, k=lines_per_file)).encode()) for _ in range(min(count, distinct))]
    return [pool[i % len(pool)] for i in range(count)]


def build_lab_state(clients: dict) -> None:
    ec2, iam, logs, glue, athena = (clients[n] for n in ("ec2", "iam", "logs", "glue", "athena"))
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    ec2.run_instances(ImageId=ec2.describe_images()["Images"][0]["ImageId"], MinCount=1, MaxCount=1, SubnetId=subnet)
    ec2.create_flow_logs(
        ResourceType="VPC",
        ResourceIds=[vpc],
        TrafficType="ALL",
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{BUCKET}",
    )
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}
        ],
    }
    iam.create_role(RoleName="flow-logs", AssumeRolePolicyDocument=json.dumps(trust))
    logs.create_log_group(logGroupName="/flow-logs")
    glue.create_database(DatabaseInput={"Name": "flow"})
    glue.create_table(
        DatabaseName="flow",
        TableInput={
            "Name": "logs",
            "StorageDescriptor": {
                "Columns": [{"Name": "srcaddr", "Type": "string"}],
                "Location": f"s3://{BUCKET}/{PREFIX}",
            },
        },
    )
    athena.start_query_execution(
        QueryString="SELECT 1", ResultConfiguration={"OutputLocation": f"s3://{BUCKET}/athena/"}
    )


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=3000)
    parser.add_argument("--megabytes", type=float, default=50.0)
    args = parser.parse_args(argv)

    import boto3
    from moto.moto_api._internal.models import moto_api_backend

    from labkit.sandbox import persistence
    from labkit.sandbox.endpoint import start_sandbox

    sandbox = start_sandbox(seed=0)
    env = sandbox.environment()
    clients = {
        name: boto3.client(
            name,
            region_name="us-east-1",
            endpoint_url=sandbox.url,
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        )
        for name in ("ec2", "s3", "iam", "logs", "glue", "athena")
    }
    clients["s3"].create_bucket(Bucket=BUCKET)
    build_lab_state(clients)
    generated, files = timed(lambda: flow_log_files(args.objects, args.megabytes))
    with ThreadPoolExecutor(4) as pool:
        put, _ = timed(
            lambda: list(
                pool.map(
                    lambda item: clients["s3"].put_object(
                        Bucket=BUCKET, Key=f"{PREFIX}{item[0]:05d}.log.gz", Body=item[1]
                    ),
                    enumerate(files),
                )
            )
        )
    total = sum(map(len, files))
    print(
        f"{args.objects} objects, {total / 1e6:.1f} MB of gzip flow logs (generated {generated:.1f} s, "
        f"put through boto3 {put:.1f} s)"
    )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "snapshot"
        extra = {"clock": 1764547200}
        saves = [timed(lambda: persistence.save_snapshot(path, extra, sandbox.athena))[0] for _ in range(3)]
        size = path.stat().st_size
        print(
            f"save_snapshot: {min(saves):.2f} s (best of 3: {', '.join(f'{s:.2f}' for s in saves)}), "
            f"file {size / 1e6:.1f} MB, mode {oct(path.stat().st_mode & 0o777)}"
        )
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                print(f"  {info.filename:14} {info.file_size / 1e6:8.1f} MB -> {info.compress_size / 1e6:6.1f} MB")

        reset, _ = timed(moto_api_backend.reset)
        loaded, result = timed(lambda: persistence.load_snapshot(path, sandbox.athena))
        print(
            f"load_snapshot here: {loaded:.2f} s, after moto's reset of the saved state ({reset:.2f} s, "
            f"what /moto-api/reset costs; load_snapshot's own reset then finds nothing to do)"
        )
        keys = [f"{PREFIX}{i:05d}.log.gz" for i in (0, args.objects // 2, args.objects - 1)]
        same = result == extra and all(
            clients["s3"].get_object(Bucket=BUCKET, Key=key)["Body"].read() == files[int(key[-12:-7])] for key in keys
        )

        probe = subprocess.run(
            [sys.executable, "-c", RESTART_PROBE, str(path), BUCKET, keys[0]], capture_output=True, text=True, cwd=ROOT
        )
        if probe.returncode:
            print(probe.stderr)
            return 1
        restart = json.loads(probe.stdout.strip().splitlines()[-1])
        same = same and restart["md5"] == hashlib.md5(files[0]).hexdigest() and restart["extra"] == extra
        print(
            f"restarted sandbox (fresh interpreter): start {restart['start']:.2f} s, importing the saved "
            f"services' moto modules {restart['imports']:.2f} s, load_snapshot {restart['load']:.2f} s, "
            f"first GetObject {restart['first_get']:.2f} s"
        )

        for level in (1, 6):  # everything in one deflate stream, as a plain gzip of the pickle would be
            persistence.BLOB_MIN, persistence.LEVEL = 10**12, level
            seconds = min(timed(lambda: persistence.save_snapshot(path, extra, sandbox.athena))[0] for _ in range(3))
            print(
                f"one deflate stream, level {level}: save {seconds:.2f} s (best of 3), "
                f"file {path.stat().st_size / 1e6:.1f} MB"
            )
    sandbox.stop()
    print("restored objects and extra identical" if same else "RESTORED STATE DIFFERS")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
