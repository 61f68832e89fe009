"""Every command a user can type is documented: help text, and a row in the README."""

import argparse
from pathlib import Path

from library.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_has_help_and_is_in_the_readme():
    commands = _subcommands()
    assert {"import", "list", "show", "search", "annotate", "entities", "export",
            "import-annotations", "suggest", "check", "backup"} <= set(commands)  # fmt: skip
    for name, sub in commands.items():
        assert sub.description, name
        assert f"hashiya {name}" in README or (name == "gui" and "`hashiya`" in README), name
        for action in sub._actions:
            if action.option_strings and action.dest not in ("help",):
                assert action.help, f"{name} {action.option_strings}"
