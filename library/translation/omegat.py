"""The glossary as an OmegaT glossary file: UTF-8, one entry a line, three columns
separated by tabs: the source term (the Arabic name or alias), the target term (the
preferred translation), a comment (the entity's type and, when there are any, the
forbidden variants). A line starting with `#` is a comment to OmegaT. Tabs and line
breaks inside a term become spaces.
"""

from __future__ import annotations

from library.translation.bundle import Bundle


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def export_bytes(bundle: Bundle) -> bytes:
    lines = [f"# Hashiya glossary: {bundle.source_language} → {bundle.target_language}"]
    for e in bundle.entries:
        if not e.preferred:
            continue
        comment = e.entity.type
        if e.forbidden:
            comment += "; not: " + ", ".join(_cell(f) for f in e.forbidden)
        for name in e.entity.names:
            lines.append("\t".join((_cell(name), _cell(e.preferred), comment)))
    return ("\n".join(lines) + "\n").encode("utf-8")
