"""`labkit sandbox [--port N] [--seed S]`: serve the sandbox in the foreground."""
from __future__ import annotations

import argparse
import sys
import threading

from ..messages import message
from .endpoint import start_sandbox


def sandbox(args: argparse.Namespace) -> int:
    running = start_sandbox(port=args.port, seed=args.seed)
    # The first line is machine-readable: eval-able by a shell, parsed by tests and scripts.
    print(f"AWS_ENDPOINT_URL={running.url}", flush=True)
    print(message("sandbox.serving"), file=sys.stderr, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
    return 0


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("sandbox", help="serve the local AWS sandbox on 127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="port to bind (default: a free port)")
    p.add_argument("--seed", type=int, default=0, help="seed for deterministic resource IDs")
    p.set_defaults(func=sandbox)
