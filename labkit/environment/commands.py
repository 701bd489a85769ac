"""`labkit env up` / `labkit env down`: thin shells over build/teardown_demo_environment."""
from __future__ import annotations

import argparse
import sys

from botocore.exceptions import BotoCoreError, ClientError

from ..messages import LabkitError, message
from .demo import build_demo_environment, find_demo_environment, teardown_demo_environment
from .target import require_target


def env_up(args: argparse.Namespace) -> int:
    require_target()
    env = build_demo_environment()
    print(message("environment.up", vpc_id=env.vpc_id, bastion_id=env.bastion.instance_id,
                  bastion_ip=env.bastion.private_ip, bastion_eni=env.bastion.interface_id,
                  private_id=env.private.instance_id, private_ip=env.private.private_ip))
    return 0


def env_down(args: argparse.Namespace) -> int:
    require_target(creates=False)
    env = find_demo_environment()
    vpc_id = env.vpc_id if env else None
    if not teardown_demo_environment():
        print(message("environment.absent"))
        return 0
    print(message("environment.down", vpc_id=vpc_id or "-"))
    return 0


def run_guarded(command, args: argparse.Namespace) -> int:
    """Run a command; a bilingual line on stderr and exit status 1 instead of a traceback."""
    try:
        return command(args)
    except LabkitError as error:
        print(str(error), file=sys.stderr)
    except (ClientError, BotoCoreError) as error:
        print(message("environment.aws_error", detail=str(error)), file=sys.stderr)
    return 1


def add_commands(subparsers) -> None:
    env = subparsers.add_parser("env", help="the demo VPC the lab starts from")
    actions = env.add_subparsers(dest="env_command", required=True)
    up = actions.add_parser("up", help="build the demo environment (idempotent)")
    up.set_defaults(func=lambda args: run_guarded(env_up, args))
    down = actions.add_parser("down", help="delete the demo environment")
    down.set_defaults(func=lambda args: run_guarded(env_down, args))
