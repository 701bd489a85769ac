"""The `labkit` command: each subcommand is a thin shell over the library function it is named after.

Each area declares its commands in `labkit/<area>/commands.py` (click, with help from the message
catalogue: labkit.bilingual_cli); this module lists them and is the one place errors become exit codes:

    0    done
    1    done, and the answer is no (a check failed, stale student copies, ...): the command returns 1
    2    the command line is wrong (click's usage errors)
    3    a LabkitError: labkit could not do the job, its bilingual message says what to fix
    4    AWS refused a request or could not be reached (botocore's ClientError, BotoCoreError)
    130  interrupted (Ctrl+C)

An expected error prints its message on stderr, never a traceback. Shell completion is click's:

    $ eval "$(_LABKIT_COMPLETE=bash_source labkit)"     # zsh_source, fish_source for the others
"""

from __future__ import annotations

import importlib
import sys

import click

from .bilingual_cli import Group
from .messages import LabkitError, message

DONE, NO, USAGE, LABKIT_ERROR, AWS_ERROR, INTERRUPTED = 0, 1, 2, 3, 4, 130

# Command name: where it is declared. A command's module is imported only when that command runs (or
# help lists it), so `labkit sandbox status` does not pay for grading's, release's or the checks' imports.
COMMANDS = {
    "sandbox": "labkit.sandbox.commands:sandbox",
    "environment": "labkit.environment.commands:environment",
    "traffic": "labkit.traffic.commands:traffic",
    "progress": "labkit.progress.commands:progress_command",
    "check": "labkit.progress.commands:check_command",
    "export-badge": "labkit.progress.commands:export_badge_command",
    "release": "labkit.release.commands:release_command",
    "grade": "labkit.grading.commands:grade_command",
    "verify-badge": "labkit.grading.commands:verify_badge_command",
    "cleanup": "labkit.aws_account.commands:cleanup_command",
    "confirm-aws": "labkit.aws_account.commands:confirm_aws_command",
    # Old spellings, hidden from help and completion: README's, the messages' and scripts' still work.
    "env": "labkit.environment.commands:env",  # env up | env down
    "badge": "labkit.progress.commands:badge_command",
}


class Labkit(Group):
    """The top-level group, finding each command in COMMANDS when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attribute)


labkit = Labkit(
    "labkit",
    help="click.labkit",
    epilog="click.exit_codes",
    context_settings={"help_option_names": ["-h", "--help"], "show_default": True},
)


def aws_error(error: Exception) -> bool:
    """Whether `error` is botocore's: if botocore was never imported, no AWS call was made (and
    importing it here would slow every command down)."""
    exceptions = sys.modules.get("botocore.exceptions")
    return exceptions is not None and isinstance(error, (exceptions.ClientError, exceptions.BotoCoreError))


def show_usage_error(error: click.UsageError) -> None:
    """click's usage line, then what is wrong in the chosen language(s)."""
    if error.ctx is None:
        click.echo(message("click.usage_error", detail=error.format_message(), command="labkit"), err=True)
        return
    if isinstance(error, click.exceptions.NoArgsIsHelpError):  # a group without its command: its help
        click.echo(error.format_message(), err=True)
        return
    click.echo(error.ctx.get_usage(), err=True)
    click.echo(message("click.usage_error", detail=error.format_message(), command=error.ctx.command_path), err=True)


def main(argv: list[str] | None = None) -> int:
    """Run `labkit ARGV` (default: sys.argv) and return its exit code (see this module's docstring)."""
    from .startup import skip_slow_optional_imports

    skip_slow_optional_imports()  # before any command imports nbformat (jsonschema)
    try:
        return labkit.main(args=argv, prog_name="labkit", standalone_mode=False) or DONE
    except click.UsageError as error:
        show_usage_error(error)
        return USAGE
    except LabkitError as error:
        click.echo(str(error), err=True)
        return LABKIT_ERROR
    except (click.Abort, KeyboardInterrupt):
        click.echo(message("click.interrupted"), err=True)
        return INTERRUPTED
    except click.ClickException as error:  # click's other errors (none of labkit's commands raise them)
        error.show()
        return error.exit_code
    except Exception as error:
        if not aws_error(error):
            raise
        click.echo(message("environment.aws_error", detail=str(error)), err=True)
        return AWS_ERROR


if __name__ == "__main__":
    sys.exit(main())
