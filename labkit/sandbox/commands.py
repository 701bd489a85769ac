"""`labkit sandbox`: serve in the foreground, or manage this LABKIT_HOME's background sandbox.

    labkit sandbox [--port N] [--seed S]   serve in the foreground (scripts, CI) until Ctrl+C
    labkit sandbox start | status | stop | reset
"""
from __future__ import annotations

import argparse
import sys

from ..config import labkit_home
from ..messages import LabkitError, message
from . import service


def serve_foreground(args: argparse.Namespace) -> int:
    home = labkit_home(create=True)
    running = service.status(home)
    if running:
        raise LabkitError("service.already_serving", home=str(home), url=running["url"])
    server = service.Service(home, args.seed, args.port, idle=None)
    # The first lines are machine-readable: eval-able by a shell, parsed by tests and scripts.
    found = server.sandbox.environment()
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL"):
        print(f"{name}={found[name]}", flush=True)
    server.write_state()
    print(message("sandbox.serving"), file=sys.stderr, flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def show_status(args: argparse.Namespace) -> int:
    home = labkit_home()
    found = service.status(home)
    if not found:
        print(message("service.not_running", home=str(home)))
        return 1
    print(message("service.status", home=str(home), url=found["url"], pid=found["pid"],
                  idle=int(found["idle_seconds"]), runs=found["traffic_runs"]))
    return 0


def start(args: argparse.Namespace) -> int:
    state = service.connect(seed=args.seed)
    print(message("service.started", url=state.url, pid=state.pid))
    return 0


def stop(args: argparse.Namespace) -> int:
    home = labkit_home()
    if not service.stop(home):
        print(message("service.not_running", home=str(home)))
        return 0
    print(message("service.stopped_now", home=str(home)))
    return 0


def reset(args: argparse.Namespace) -> int:
    home = labkit_home()
    service.reset(home)
    print(message("service.reset_done", home=str(home)))
    return 0


ACTIONS = {"serve": serve_foreground, "start": start, "status": show_status, "stop": stop, "reset": reset}


def sandbox(args: argparse.Namespace) -> int:
    try:
        return ACTIONS[args.action](args)
    except LabkitError as error:
        print(str(error), file=sys.stderr)
        return 1


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("sandbox", help="the local AWS sandbox of this LABKIT_HOME (127.0.0.1 only)")
    p.add_argument("action", nargs="?", default="serve", choices=list(ACTIONS),
                   help="serve in the foreground (default), or start/status/stop/reset the background one")
    p.add_argument("--port", type=int, default=0, help="port to bind when serving (default: a free port)")
    p.add_argument("--seed", type=int, default=0, help="seed for deterministic resource IDs")
    p.set_defaults(func=sandbox)
