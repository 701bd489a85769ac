"""`labkit environment build | teardown`: thin shells over build_demo_environment and teardown_demo_environment.

`labkit env up | down`, their old names, still work (hidden from help).
"""

from __future__ import annotations

from ..bilingual_cli import Group, group
from ..messages import message
from .demo import build_demo_environment, find_demo_environment, teardown_demo_environment
from ..aws_account.target import require_target


@group("environment", help="click.environment")
def environment() -> None:
    pass


@environment.command("build", help="click.environment.build")
def build_command() -> int:
    require_target()
    env = build_demo_environment()
    print(
        message(
            "environment.up",
            vpc_id=env.vpc_id,
            bastion_id=env.bastion.instance_id,
            bastion_ip=env.bastion.private_ip,
            bastion_eni=env.bastion.interface_id,
            private_id=env.private.instance_id,
            private_ip=env.private.private_ip,
        )
    )
    return 0


@environment.command("teardown", help="click.environment.teardown")
def teardown_command() -> int:
    require_target(creates=False)
    env = find_demo_environment()
    vpc_id = env.vpc_id if env else None
    if not teardown_demo_environment():
        print(message("environment.absent"))
        return 0
    print(message("environment.down", vpc_id=vpc_id or "-"))
    return 0


# The old spelling: a hidden group whose `up` and `down` are the commands above.
env = Group("env", help="click.environment", hidden=True, commands={"up": build_command, "down": teardown_command})
