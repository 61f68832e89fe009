"""Hashiya's desktop reader (PySide6). It depends on `library`, never the reverse.

Importing this package loads no Qt: `reader.launch` (the `hashiya` command) runs the
Qt-free sub-commands without it. What starts Qt imports `reader.binding_guard` before
using it (the PySide6 6.12.0 defect it covers): `reader.app` (the window) and the tests'
conftest.
"""
