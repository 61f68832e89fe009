"""Hashiya core: storage, import, Arabic text, search, annotations, export, CLI.

This package never imports Qt (a test guards it), so scripts and the CLI stay light.
"""

__version__ = "0.1.0"
