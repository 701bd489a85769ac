"""click, speaking the course's two languages: every help text is a key of the message catalogue.

Each area declares its commands in `labkit/<area>/commands.py` with these instead of click's own
decorators; `help=` names a key (their texts are in labkit/messages/click.py) and is looked up each
time help is shown, so LABKIT_LANG chooses English, Korean or both (English line, then Korean line):

    @command("check", help="click.check")
    @click.argument("step")
    @option("--answer", default=None, help="click.check.answer")
    def check_command(step, answer): ...

Help keeps each line of a text on its own line and wraps it alone: click would join the English and
the Korean line into one paragraph. Wrapping counts a Hangul syllable as two columns, as terminals do.
"""

from __future__ import annotations

import copy
import re
import unicodedata

import click
from click.formatting import term_len

from .messages import chosen_languages, message
from .messages import text as text_in


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap_line(line: str, width: int) -> list[str]:
    """`line` broken between words into lines of at most `width` columns (a longer word stays whole).
    The next lines start where the text after a table row's label (two spaces or more) starts, or
    else under the line's first word.

        >>> wrap_line("  흐름 로그 레코드", 11)
        ['  흐름 로그', '  레코드']
        >>> wrap_line("  4    AWS refused", 15)
        ['  4    AWS', '       refused']
    """
    body = line.lstrip(" ")
    indent = line[: len(line) - len(body)]
    label = re.match(r"\S+ {2,}", body)
    hang = indent + " " * display_width(label.group()) if label else indent
    lines, current = [], indent
    for word in body.split(" "):
        if current.strip() and display_width(f"{current} {word}") > width:
            lines.append(current.rstrip())
            current = hang + word
        else:
            current = f"{current} {word}" if current.strip() else current + word
    return lines + [current.rstrip()]


def keep_lines(text: str, width: int) -> str:
    """`text` wrapped line by line, marked (click's `\\b`) so that click keeps those lines as they are."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [wrapped for line in paragraph.split("\n") for wrapped in wrap_line(line, width)]
        paragraphs.append("\b\n" + "\n".join(lines))
    return "\n\n".join(paragraphs) if text else text


class BilingualFormatter(click.HelpFormatter):
    """click's help layout, each line of a text (one per language) wrapped on its own."""

    def write_text(self, text: str) -> None:
        super().write_text(keep_lines(text, max(self.width - self.current_indent, 11)))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        # The second column's width, computed as click's own write_dl does.
        first_col = min(max((term_len(first) for first, _ in rows), default=0), col_max) + col_spacing
        width = max(self.width - first_col - 2, 10)
        super().write_dl([(first, keep_lines(second, width)) for first, second in rows], col_max, col_spacing)


class Context(click.Context):
    formatter_class = BilingualFormatter


class CatalogueHelp:
    """For click's Command, Group and Option: `help` and `epilog` are given as catalogue keys and read as
    their messages, in the language(s) LABKIT_LANG chooses when they are read."""

    help_key: str | None = None
    epilog_key: str | None = None
    between_languages = "\n"  # an option's help: one line per language

    def catalogue_text(self, key: str | None) -> str | None:
        return self.between_languages.join(text_in(key, code) for code in chosen_languages()) if key else None

    @property
    def help(self) -> str | None:
        return self.catalogue_text(self.help_key)

    @help.setter
    def help(self, key: str | None) -> None:
        self.help_key = key

    @property
    def epilog(self) -> str | None:
        return self.catalogue_text(self.epilog_key)

    @epilog.setter
    def epilog(self, key: str | None) -> None:
        self.epilog_key = key


class Command(CatalogueHelp, click.Command):
    context_class = Context
    between_languages = "\n\n"  # a command's description: one paragraph per language

    def get_short_help_str(self, limit: int = 45) -> str:
        # The whole (one-sentence) help, a line per language: click would keep a cut English sentence.
        return message(self.help_key) if self.help_key else ""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = message("click.help_option")
        return option


class Group(Command, click.Group):
    command_class = Command
    group_class = type  # subgroups are Groups too


class Option(CatalogueHelp, click.Option):
    pass


def command(name: str, help: str, **settings):
    """click.command with its help from the catalogue key `help`."""
    return click.command(name, cls=Command, help=help, **settings)


def group(name: str, help: str, **settings):
    """click.group with its help from the catalogue key `help`."""
    return click.group(name, cls=Group, help=help, **settings)


def option(*declarations: str, help: str, **settings):
    """click.option with its help from the catalogue key `help`."""
    return click.option(*declarations, cls=Option, help=help, **settings)


def hidden_alias(found: click.Command) -> click.Command:
    """The same command, left out of help and completion: an old name that keeps working."""
    alias = copy.copy(found)
    alias.hidden = True
    return alias
