"""Hashiya's desktop reader (PySide6). It depends on `library`, never the reverse."""

# Before anything else touches Qt: see binding_guard for the PySide6 6.12.0 defect it covers.
from reader import binding_guard as _binding_guard  # noqa: F401
