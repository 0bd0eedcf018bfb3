"""The CLI's argparse layer: one-line errors, and subcommands whose parsers are built on demand.

Imported only once a command line has to be parsed (``--version`` is answered without it): the
CLI starts once per call in entrypoints, login scripts and fleet runs, so building all parsers
to run one command would cost more than the command itself (``make bench``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Callable, Dict, NoReturn, Optional, Sequence, Union

from .cli import PROG
from .exitcodes import DESCRIPTIONS, Exit

if TYPE_CHECKING:
    _Commands = argparse._SubParsersAction["Parser"]
else:
    _Commands = argparse._SubParsersAction

DESCRIPTION_WIDTH = 90  # descriptions shown as written are wrapped here, whatever the terminal's width
UNSHOWN_WIDTH = 100  # the width of formatters whose text nobody sees (see Parser._get_formatter)


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: the cause, and where to look for the remedy."""

    fill_description = False
    showing = False  # True while text for people is formatted: only then does the terminal's width count

    def error(self, message: str) -> NoReturn:
        self.exit(int(Exit.USAGE), "{}: error: {} (see {} --help)\n".format(PROG, message, self.prog))

    def describe(self, text: str, exit_codes: bool = True) -> None:
        """Show TEXT as one paragraph wrapped at :data:`DESCRIPTION_WIDTH` columns, then the exit codes."""
        self.description = text
        self.fill_description = True
        self.formatter_class = argparse.RawDescriptionHelpFormatter
        if exit_codes:
            self.epilog = exit_table()

    def format_usage(self) -> str:
        self.showing = True
        try:
            return super().format_usage()
        finally:
            self.showing = False

    def format_help(self) -> str:
        text = self.description
        self.showing = True
        if self.fill_description and text:
            import textwrap  # only when help is shown

            self.description = textwrap.fill(text, DESCRIPTION_WIDTH)
        try:
            return super().format_help()
        finally:
            self.description, self.showing = text, False

    def _get_formatter(self, *args: Any, **kwargs: Any) -> argparse.HelpFormatter:
        """argparse also makes a formatter for every option it adds, only to check the option; asking
        the terminal's width for those would import shutil (with zlib, bz2 and lzma), which costs about a
        quarter of a bare interpreter's start-up. Text that is shown gets argparse's own formatter."""
        if self.showing:
            return super()._get_formatter(*args, **kwargs)
        make: Callable[..., argparse.HelpFormatter] = self.formatter_class  # every HelpFormatter takes a width
        return make(prog=self.prog, width=UNSHOWN_WIDTH)


Builder = Callable[[Parser], None]


class LazyCommands(_Commands):
    """Subcommands known by name and one-line help only, until one is chosen.

    The top-level ``--help`` needs nothing more; a command's own parser is built by its builder when
    argparse hands this action the command's name, so one command line builds one parser.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._builders: Dict[str, Builder] = {}
        # What argparse checks the chosen name against (and lists when it is not one of them).
        self.choices = self._builders  # type: ignore[assignment]

    def add_lazy(self, name: str, help_text: str, build: Builder) -> None:
        """Register NAME with its one-line help (listed in --help) and the function that fills its parser."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help_text))
        self._builders[name] = build

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Union[str, Sequence[Any], None], option_string: Optional[str] = None) -> None:
        name = values[0] if isinstance(values, list) and values else None  # argparse gives the command's words
        if name in self._builders and name not in self._name_parser_map:
            self._builders[name](self.add_parser(name))
        super().__call__(parser, namespace, values, option_string)


def lazy_commands(parser: Parser, **options: Any) -> LazyCommands:
    """``parser.add_subparsers(**options)``, with commands added by :meth:`LazyCommands.add_lazy`."""
    commands = parser.add_subparsers(action=LazyCommands, **options)
    if not isinstance(commands, LazyCommands):
        raise TypeError("argparse did not use the given subparsers action")
    return commands


def exit_table() -> str:
    return "exit codes:\n" + "\n".join("  {:<3} {}".format(int(code), text) for code, text in DESCRIPTIONS.items())
