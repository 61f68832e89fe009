"""Looking after the library: check, re-clean, backup."""

from __future__ import annotations

import argparse
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


def cmd_check(args: argparse.Namespace) -> int:
    from library.marks.anchoring import reanchor_article
    from library.storage.maintenance import check

    with open_lib(args) as lib:
        report = check(lib, repair=args.repair, reanchor=reanchor_article)
    if args.json:
        emit_json(report.to_json())
    else:
        for problem in report.problems:
            mark = "repaired: " if problem.repaired else ""
            print(f"{mark}{problem.kind}: {problem.message}", file=sys.stderr)
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
    from library.storage.backup import BackupError, backup_file

    source = library_path(args)
    target = Path(args.path)
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; give another name or --force to replace it")
    try:
        made = backup_file(source, target)
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
        help="rebuild the search index and re-anchor annotations; report what cannot be fixed",
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
