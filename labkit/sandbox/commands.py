"""`labkit sandbox`: serve in the foreground, or manage this LABKIT_HOME's background sandbox (labkit.sandbox.service).

labkit sandbox [--port N] [--seed S]   serve in the foreground (scripts, CI) until Ctrl+C
labkit sandbox serve [--port N]        the same
labkit sandbox start | status | stop | reset
"""

from __future__ import annotations

import sys

import click

from ..bilingual_cli import group, option
from ..config import labkit_home
from ..messages import LabkitError, message
from . import service

port_option = option("--port", type=int, default=0, help="click.sandbox.port")
seed_option = option("--seed", type=int, default=0, help="click.sandbox.seed")


def serve(port: int, seed: int) -> int:
    home = labkit_home(create=True)
    running = service.status(home)
    if running:
        raise LabkitError("service.already_serving", home=str(home), url=running["url"])
    server = service.Service(home, seed, port, idle=None)
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


@group("sandbox", help="click.sandbox", invoke_without_command=True)
@port_option
@seed_option
@click.pass_context
def sandbox(ctx: click.Context, port: int, seed: int) -> int | None:
    if ctx.invoked_subcommand is None:
        return serve(port, seed)
    # `labkit sandbox --seed 3 start` does what `labkit sandbox start --seed 3` does.
    ctx.default_map = {ctx.invoked_subcommand: {"port": port, "seed": seed}}
    return None


@sandbox.command("serve", help="click.sandbox.serve")
@port_option
@seed_option
def serve_command(port: int, seed: int) -> int:
    return serve(port, seed)


@sandbox.command("start", help="click.sandbox.start")
@seed_option
def start_command(seed: int) -> int:
    state = service.connect(seed=seed)
    print(message("service.started", url=state.url, pid=state.pid))
    return 0


@sandbox.command("status", help="click.sandbox.status")
def status_command() -> int:
    home = labkit_home()
    found = service.status(home)
    if not found:
        print(message("service.not_running", home=str(home)))
        return 1
    print(
        message(
            "service.status",
            home=str(home),
            url=found["url"],
            pid=found["pid"],
            idle=int(found["idle_seconds"]),
            runs=found["traffic_runs"],
        )
    )
    return 0


@sandbox.command("stop", help="click.sandbox.stop")
def stop_command() -> int:
    home = labkit_home()
    if not service.stop(home):
        print(message("service.not_running", home=str(home)))
        return 0
    print(message("service.stopped_now", home=str(home)))
    return 0


@sandbox.command("reset", help="click.sandbox.reset")
def reset_command() -> int:
    home = labkit_home()
    service.reset(home)
    print(message("service.reset_done", home=str(home)))
    return 0
