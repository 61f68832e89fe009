"""Every command a user can type is documented: help text, and a row in the README."""

import argparse
import re
from pathlib import Path

from library.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def _apt_packages(text: str) -> set[str]:
    """The package names of every `apt-get install` command in `text`."""
    names: set[str] = set()
    for command in re.findall(r"apt-get install ((?:\\\n|[^`>\n])+)", text):
        names |= {w for w in command.replace("\\\n", " ").split() if not w.startswith("-")}
    return names


def test_the_readme_lists_the_packages_ci_installs():
    """A developer who follows the README runs the tests CI runs: the ones that need
    Xvfb, pdftoppm, the validators or a second Arabic font skip without them."""
    ci = _apt_packages((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert {"xvfb", "poppler-utils", "desktop-file-utils", "fonts-sil-scheherazade"} <= ci
    assert _apt_packages(README) == ci
