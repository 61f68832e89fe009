"""Looking after the library: check, re-clean, backup."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from library.cli.common import (
    EXIT_FAILURE,
    Add,
    Failure,
    UserError,
    emit_json,
    library_path,
    open_lib,
)
from library.storage.database import LibraryError
from library.storage.store import describe_error


def cmd_check(args: argparse.Namespace) -> int:
    from library.marks.anchoring import reanchor_article
    from library.storage.maintenance import CheckReport, Problem, check

    try:
        with open_lib(args, reading=not args.repair) as lib:
            report = check(lib, repair=args.repair, reanchor=reanchor_article)
    except (LibraryError, sqlite3.DatabaseError) as exc:
        # Too damaged to open as a library: with --repair, still salvage what reads.
        text = str(exc).lower()
        if not args.repair or not ("malformed" in text or "damaged" in text):
            raise
        report = CheckReport(
            problems=[Problem("integrity", f"the library file is damaged ({describe_error(exc)})")]
        )
    salvaged = None
    if args.repair and any(p.kind == "integrity" for p in report.problems):
        from library.storage.salvage import salvage

        salvaged = salvage(library_path(args))
    if args.json:
        doc = report.to_json()
        if salvaged is not None:
            doc["salvaged"] = salvaged.to_json()
        emit_json(doc)
    else:
        for problem in report.problems:
            mark = "repaired: " if problem.repaired else ""
            print(f"{mark}{problem.kind}: {problem.message}", file=sys.stderr)
        if salvaged is not None:
            print("\n".join(salvaged.lines()))
        if report.ok:
            print(
                f"ok: {report.articles} article(s), {report.annotations} annotation(s)"
                + (f", {len(report.problems)} problem(s) repaired" if report.problems else "")
            )
    return 0 if report.ok else EXIT_FAILURE


def cmd_reclean(args: argparse.Namespace) -> int:
    from library.ingest.recleaning import KEPT, reclean

    with open_lib(args) as lib:
        report = reclean(lib)
    if args.json:
        emit_json(report.to_json())
        return 0
    for article_id, why in report.kept:
        print(f"kept article {article_id} as it was: {KEPT[why]}", file=sys.stderr)
    for annotation_id in report.orphaned:
        print(
            f"annotation {annotation_id} could not be placed in the new text; "
            "it keeps its old offsets (see hashiya check)",
            file=sys.stderr,
        )
    print(
        f"re-cleaned {report.articles} article(s): {len(report.changed)} changed, "
        f"{len(report.reanchored)} annotation(s) re-anchored, "
        f"{len(report.orphaned)} could not be placed"
    )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from library.storage.backup import BackupError, BackupRefused, backup_file

    source = library_path(args)
    target = Path(args.path)
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; give another name or --force to replace it")
    try:
        made = backup_file(source, target)
    except BackupRefused as exc:
        raise UserError(str(exc)) from exc
    except BackupError as exc:
        raise Failure(str(exc)) from exc
    print(f"backed up {source} to {made}")
    return 0


def register(add: Add) -> None:
    p = add(
        "check",
        cmd_check,
        "check the library (integrity, search index, annotation offsets); exit 1 on problems",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="rebuild the search index and re-anchor annotations; salvage a damaged file into a "
        "new file beside it; report what cannot be fixed",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = add(
        "reclean",
        cmd_reclean,
        "clean every article again from its raw text under the current cleaning rules "
        "(glued sub-headings, sentences) and re-anchor its annotations",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = add(
        "backup", cmd_backup, "write a consistent copy of the library (safe while it is in use)"
    )
    p.add_argument("path", metavar="PATH", help="the backup file to write")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
