"""`labkit traffic run --minutes N [--seed S]`: a thin shell over run_traffic."""
from __future__ import annotations

import argparse
from datetime import datetime, timezone

from ..environment.commands import run_guarded
from ..environment.target import require_target
from ..messages import message
from .simulate import run_traffic


def _utc(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d %H:%M")


def traffic_run(args: argparse.Namespace) -> int:
    require_target()
    summary = run_traffic(minutes=args.minutes, seed=args.seed, start=args.start, intensity=args.intensity,
                          scenario=args.scenario)
    print(message("traffic.summary", minutes=summary.minutes, start=_utc(summary.start), end=_utc(summary.end),
                  seed=summary.seed, records=summary.records))
    return 0


def traffic_upload(args: argparse.Namespace) -> int:
    require_target()
    from .synthetic_upload import upload_synthetic_records

    summary, keys = upload_synthetic_records(args.bucket, prefix=args.prefix, minutes=args.minutes, seed=args.seed)
    print(message("traffic.uploaded", files=len(keys), records=summary.records, bucket=args.bucket,
                  prefix=args.prefix))
    return 0


def add_commands(subparsers) -> None:
    traffic = subparsers.add_parser("traffic", help="simulate internet traffic on the demo VPC")
    actions = traffic.add_subparsers(dest="traffic_command", required=True)
    run = actions.add_parser("run", help="simulate N minutes and deliver them to the active flow logs")
    run.add_argument("--minutes", type=int, default=10, help="simulated minutes (default 10)")
    run.add_argument("--seed", type=int, default=0, help="seed: same seed and start, same records")
    run.add_argument("--start", type=int, default=None,
                     help="epoch seconds of the first minute (default: continue, ending near now)")
    run.add_argument("--intensity", type=float, default=1.0,
                     help="scale of unsolicited traffic (1.0 = a real EC2 public IP)")
    run.add_argument("--scenario", default=None,
                     help="start a lab's scripted clients with this run: stolen-laptop or office-backup")
    run.set_defaults(func=lambda args: run_guarded(traffic_run, args))
    upload = actions.add_parser("upload", help="upload synthetic records to a flow-log bucket (real AWS)")
    upload.add_argument("--bucket", required=True, help="the bucket your flow log writes to")
    upload.add_argument("--prefix", default="labkit-synthetic/", help="a separate folder (default labkit-synthetic/)")
    upload.add_argument("--minutes", type=int, default=60, help="simulated minutes (default 60)")
    upload.add_argument("--seed", type=int, default=0, help="seed: same seed and start, same records")
    upload.set_defaults(func=lambda args: run_guarded(traffic_upload, args))
