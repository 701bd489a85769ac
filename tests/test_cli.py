"""The `labkit` command itself: help in the languages LABKIT_LANG chooses, one error path with documented
exit codes, old command names as hidden aliases, shell completion, and a start-up that imports only the
command it runs. (What each command does is tested with its area: test_release.py, test_badges.py, ...)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from botocore.exceptions import ClientError

from labkit import cli
from labkit.cli import COMMANDS, main
from labkit.messages import CATALOGUE, LabkitError, text

LABKIT = Path(sys.executable).with_name("labkit")


def every_command() -> list[tuple[list[str], click.Command]]:
    """(path, command) for every command and group under `labkit`, the hidden aliases included."""
    found = []

    def walk(path: list[str], command: click.Command) -> None:
        found.append((path, command))
        if isinstance(command, click.Group):
            with click.Context(command) as ctx:
                for name in command.list_commands(ctx):
                    walk([*path, name], command.get_command(ctx, name))

    walk([], cli.labkit)
    return found


def help_of(args: list[str], capsys, monkeypatch, lang: str) -> str:
    monkeypatch.setenv("LABKIT_LANG", lang)
    assert main([*args, "--help"]) == 0
    return capsys.readouterr().out


# ---- help ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [[], ["sandbox"], ["traffic", "run"], ["grade"]])
def test_help_is_english_korean_or_both_as_labkit_lang_says(path, capsys, monkeypatch):
    command = dict((tuple(p), c) for p, c in every_command())[tuple(path)]
    option = next((p for p in command.params if isinstance(p, click.Option)), None)
    keys = [command.help_key] + ([option.help_key] if option else [])
    english = [text(key, "en") for key in keys]
    korean = [text(key, "ko") for key in keys]
    both = help_of(path, capsys, monkeypatch, "both")
    en = help_of(path, capsys, monkeypatch, "en")
    ko = help_of(path, capsys, monkeypatch, "ko")

    def shown(sentence: str, page: str) -> bool:  # wrapped: compare the words, not the lines
        return " ".join(sentence.split()) in " ".join(page.split())

    assert all(shown(s, both) for s in english + korean)
    assert all(shown(s, en) for s in english) and not any(shown(s, en) for s in korean)
    assert all(shown(s, ko) for s in korean) and not any(shown(s, ko) for s in english)
    # Each language on its own lines: click would have joined them into one paragraph.
    assert any(line.strip() == text("click.help_option", "ko") for line in both.splitlines())


def test_every_command_and_option_has_its_help_in_both_languages(capsys, monkeypatch):
    missing = []
    for path, command in every_command():
        assert help_of(path, capsys, monkeypatch, "both").startswith(f"Usage: {' '.join(['labkit', *path])}")
        params = [p for p in command.params if isinstance(p, click.Option)]
        for where, key in [(path, command.help_key), *[([*path, p.name], p.help_key) for p in params]]:
            if key not in CATALOGUE or set(CATALOGUE[key]) != {"en", "ko"}:
                missing.append(f"labkit {' '.join(where)}: {key}")
    assert not missing, missing


def test_the_exit_codes_are_in_labkit_help(capsys, monkeypatch):
    page = help_of([], capsys, monkeypatch, "both")
    assert "Exit codes:" in page and "종료 코드:" in page
    for code in (cli.DONE, cli.NO, cli.USAGE, cli.LABKIT_ERROR, cli.AWS_ERROR, cli.INTERRUPTED):
        assert any(line.split()[:1] == [str(code)] for line in page.splitlines()), code


def test_long_korean_lines_are_wrapped_by_their_width_on_screen(capsys, monkeypatch):
    from labkit.bilingual_cli import display_width

    page = help_of(["grade"], capsys, monkeypatch, "ko")
    assert max(display_width(line) for line in page.splitlines()) <= 80


# ---- one error path --------------------------------------------------------------------------------------


def test_a_labkit_error_is_its_bilingual_message_on_stderr_and_exit_3(tmp_path, capsys):
    assert main(["verify-badge", str(tmp_path / "nowhere.svg")]) == cli.LABKIT_ERROR == 3
    shown = capsys.readouterr()
    assert shown.out == "" and "nowhere.svg" in shown.err and "읽을 수 없습니다" in shown.err


def test_no_traceback_from_the_installed_command(tmp_path):
    done = subprocess.run(
        [str(LABKIT), "verify-badge", str(tmp_path / "nowhere.svg")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LABKIT_HOME": str(tmp_path), "LABKIT_LANG": "both"},
    )
    assert done.returncode == 3 and "Traceback" not in done.stderr and "읽을 수 없습니다" in done.stderr


def test_a_usage_error_is_exit_2_with_a_bilingual_line(capsys):
    assert main(["no-such-command"]) == cli.USAGE == 2
    err = capsys.readouterr().err
    assert err.startswith("Usage: labkit") and "Error: No such command 'no-such-command'." in err
    assert "오류:" in err and "`labkit --help`" in err
    assert main(["grade", "submitted/"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Usage: labkit grade") and "Missing option '--out'" in err and "`labkit grade --help`" in err
    assert main(["grade", "--out"]) == 2 and "오류:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("raised", "code", "words"),
    [
        (LabkitError("environment.no_target"), 3, "LABKIT_TARGET=aws"),
        (ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "CreateVpc"), 4, "AccessDenied"),
        (KeyboardInterrupt(), 130, "중단했습니다"),
    ],
)
def test_what_a_command_raises_becomes_its_exit_code(raised, code, words, monkeypatch, capsys):
    import labkit.progress.commands as area

    def progress_summary():
        raise raised

    monkeypatch.setattr(area, "progress_summary", progress_summary)
    assert main(["progress"]) == code
    shown = capsys.readouterr()
    assert words in shown.err and shown.out == ""


def test_an_unexpected_error_is_not_hidden(monkeypatch):
    import labkit.progress.commands as area

    def progress_summary():
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(area, "progress_summary", progress_summary)
    with pytest.raises(ZeroDivisionError):
        main(["progress"])


# ---- names: each command is named after its library function, the old spellings still work -----------------


def test_old_names_are_hidden_aliases_of_the_new_ones(capsys, monkeypatch):
    commands = dict((" ".join(p), c) for p, c in every_command())
    assert commands["env up"].callback is commands["environment build"].callback
    assert commands["env down"].callback is commands["environment teardown"].callback
    assert commands["badge"].callback is commands["export-badge"].callback
    assert commands["env"].hidden and commands["badge"].hidden and not commands["export-badge"].hidden
    listed = [
        line.split()[0]
        for line in help_of([], capsys, monkeypatch, "en").split("Commands:")[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    assert "environment" in listed and "export-badge" in listed
    assert "env" not in listed and "badge" not in listed
    assert help_of(["env", "up"], capsys, monkeypatch, "en").startswith("Usage: labkit env up")


def test_sandbox_options_before_its_subcommand_still_count(monkeypatch, capsys):
    from types import SimpleNamespace

    from labkit.sandbox import service

    seeds = []
    monkeypatch.setattr(
        service, "connect", lambda seed: seeds.append(seed) or SimpleNamespace(url="http://127.0.0.1:1", pid=1)
    )
    assert main(["sandbox", "--seed", "3", "start"]) == 0 and main(["sandbox", "start", "--seed", "4"]) == 0
    assert main(["sandbox", "start"]) == 0 and seeds == [3, 4, 0]
    assert "127.0.0.1:1" in capsys.readouterr().out


# ---- shell completion ------------------------------------------------------------------------------------


def complete(monkeypatch, capsys, instruction: str, words: str = "") -> str:
    monkeypatch.setenv("_LABKIT_COMPLETE", instruction)
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - 1))
    with pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_is_produced(shell, monkeypatch, capsys):
    script = complete(monkeypatch, capsys, f"{shell}_source")
    assert "_LABKIT_COMPLETE" in script and f"{shell}_complete" in script


def test_completing_labkit_sa_offers_sandbox_and_never_a_hidden_alias(monkeypatch, capsys):
    assert complete(monkeypatch, capsys, "bash_complete", "labkit sa").split() == ["plain,sandbox"]
    assert complete(monkeypatch, capsys, "bash_complete", "labkit en").split() == ["plain,environment"]
    assert complete(monkeypatch, capsys, "bash_complete", "labkit sandbox st").split() == [
        "plain,start",
        "plain,status",
        "plain,stop",
    ]


# ---- start-up --------------------------------------------------------------------------------------------


def test_a_command_imports_its_own_area_only():
    code = (
        "import sys\n"
        "from labkit.cli import labkit\n"
        "import click\n"
        "labkit.get_command(click.Context(labkit), 'sandbox')\n"
        "print(sorted(m for m in ('labkit.grading', 'labkit.release', 'labkit.checks.runner', 'labkit.progress',"
        " 'labkit.traffic', 'nbformat') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_listed_command_exists():
    for name in COMMANDS:
        assert isinstance(cli.labkit.get_command(click.Context(cli.labkit), name), click.Command), name
