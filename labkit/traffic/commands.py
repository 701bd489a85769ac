"""`labkit traffic run --minutes N [--seed S]`: a thin shell over run_traffic."""
from __future__ import annotations

import argparse
from datetime import datetime, timezone

from ..environment.commands import run_guarded
from ..environment.target import require_target
from ..messages import message
from .run import run_traffic


def _utc(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d %H:%M")


def traffic_run(args: argparse.Namespace) -> int:
    require_target()
    summary = run_traffic(minutes=args.minutes, seed=args.seed, start=args.start, intensity=args.intensity)
    print(message("traffic.summary", minutes=summary.minutes, start=_utc(summary.start), end=_utc(summary.end),
                  seed=summary.seed, records=summary.records, accepted=summary.accepted,
                  rejected=summary.rejected))
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
    run.set_defaults(func=lambda args: run_guarded(traffic_run, args))
