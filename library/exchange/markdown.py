"""Markdown notes: grouped by article, each passage quoted with its note, colour and entities.

Direction. Markdown has no syntax for it, and viewers lay every paragraph out
left-to-right unless told otherwise. Each right-to-left block (python-bidi's base level:
the first strong character is Arabic) is therefore wrapped in a raw HTML block
`<div dir="rtl">`, with blank lines around its Markdown content so that CommonMark (and
GitHub, GitLab, VS Code, Obsidian, pandoc) still read the Markdown inside it; left-to-right
blocks stay plain. GitHub keeps the `dir` attribute when it sanitises HTML. Viewers that
drop raw HTML (markdown-it or CommonMark in safe mode, many chat and note apps) would
lay the paragraph out left-to-right, so each line of a right-to-left block also starts
with U+200F RIGHT-TO-LEFT MARK, after the Markdown that opens it (`## `, `> `): an
invisible strong right-to-left character, which makes the paragraph right-to-left for
the bidi algorithm (rules P2-P3) and for `dir="auto"`, as GitHub sets on paragraphs.
Which blocks are right-to-left is decided in library.exchange.notes.

User text is escaped so that a `#`, `*`, `>` or `<` in a note never becomes markup.
"""

from __future__ import annotations

import re

from library.exchange.notes import Block, article_blocks, document_title, summary_line
from library.exchange.selection import ExportData

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!&])")
RLM = "\u200f"
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)", re.MULTILINE)


def escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(
        lambda m: m[1] + "\\" + m[2] if len(m[2]) == 1 else m[1] + m[2][:-1] + "\\" + m[2][-1], text
    )


def _lines(text: str, mark: str = "") -> list[str]:
    """The stripped lines, each non-empty one starting with `mark` (blank lines stay blank:
    they still end a paragraph)."""
    return [mark + line if line else "" for line in (raw.strip() for raw in text.split("\n"))]


def _render(block: Block) -> str:
    text = escape(block.text)
    mark = RLM if block.rtl else ""
    if block.role == "heading":
        md = "## " + mark + " ".join(_lines(text))
    elif block.role == "meta":  # one line per field: each in italics, hard line breaks
        md = "  \n".join("*" + line + "*" for line in _lines(text, mark) if line)
    elif block.role == "article-note":
        md = mark + "**Note on the article:** " + "  \n".join(_lines(text, mark))
    elif block.role == "quote":
        md = "\n".join("> " + line if line else ">" for line in _lines(text, mark))
    elif block.role == "details":
        md = "*" + mark + text + "*"
    else:  # note
        md = "  \n".join(_lines(text, mark))
    if block.rtl:
        return f'<div dir="rtl">\n\n{md}\n\n</div>'
    return md


def render(data: ExportData) -> str:
    parts = [f"# {document_title(data)}", f"*{escape(summary_line(data))}*"]
    for article, anns in data.items:
        parts.append("---")
        parts.extend(_render(b) for b in article_blocks(data, article, anns))
    return "\n\n".join(parts) + "\n"


def export_bytes(data: ExportData) -> bytes:
    return render(data).encode("utf-8")
