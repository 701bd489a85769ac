"""The `labkit` command: each subcommand is a thin shell over a library function of the same name."""
from __future__ import annotations

import argparse
import sys


def sandbox(args: argparse.Namespace) -> int:
    """Serve the sandbox in the foreground until interrupted."""
    import threading

    from .sandbox import start_sandbox

    running = start_sandbox(port=args.port, seed=args.seed)
    print(f"AWS_ENDPOINT_URL={running.url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="labkit", description="VPC Flow Logs and Athena course kit")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("sandbox", help="serve the local AWS sandbox on 127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="port to bind (default: a free port)")
    p.add_argument("--seed", type=int, default=0, help="seed for deterministic resource IDs")
    p.set_defaults(func=sandbox)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
