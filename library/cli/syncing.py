"""The team library on PostgreSQL: sync, conflicts."""

from __future__ import annotations

import argparse
import json

from library.cli.common import Add, Failure, UserError, emit_json, open_lib


def cmd_sync(args: argparse.Namespace) -> int:
    from library.team.server_schema import ServerSchemaError
    from library.team.sync import SyncError, check_url, sync

    try:
        check_url(args.url)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    with open_lib(args) as lib:
        try:
            report = sync(lib, args.url, share_text=args.share_text)
        except (SyncError, ServerSchemaError) as exc:
            raise Failure(str(exc)) from None
    if args.json:
        emit_json(report.to_json())
        return 0
    line = (
        f"{report.server}: pushed {report.pushed}, pulled {report.pulled}, "
        f"{report.conflicts} new conflicts"
    )
    if report.open_conflicts:
        line += f" ({report.open_conflicts} to review: hashiya conflicts)"
    if report.parked:
        line += f"; {report.parked} records wait for articles not in this library"
    print(line)
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from library.team.sync_conflicts import ConflictError, conflicts, resolve

    if args.action is None:
        if args.id is not None or args.keep is not None:
            raise UserError(
                "to resolve a conflict: hashiya conflicts resolve ID --keep mine|theirs"
            )
        with open_lib(args, reading=True) as lib:
            found = conflicts(lib)
        if args.json:
            emit_json([c.to_json() for c in found])
            return 0
        for c in found:
            why = {"refused": ", refused by the server", "in-use": ", still used here"}
            print(
                f"{c.id:>4}  {c.kind} {c.key}  (theirs by {c.their_author or 'unknown'}"
                f"{why.get(c.reason, '')})"
            )
            if c.mine is None or c.theirs is None:
                print("      mine:   " + ("deleted" if c.mine is None else "kept"))
                print("      theirs: " + ("deleted" if c.theirs is None else "kept"))
            for name in c.fields():
                print(f"      {name}: mine {_shown(c.mine.get(name))}")
                print(f"      {' ' * len(name)}  theirs {_shown(c.theirs.get(name))}")
        if not found:
            print("no conflicts")
        return 0
    if args.id is None or args.keep is None:
        raise UserError("usage: hashiya conflicts resolve ID --keep mine|theirs")
    try:
        conflict_id = int(args.id)
    except ValueError:
        raise UserError(f"conflict id must be a number, not {args.id!r}") from None
    with open_lib(args) as lib:
        try:
            settled = resolve(lib, conflict_id, args.keep)
        except ConflictError as exc:
            raise UserError(str(exc)) from None
    if args.json:
        emit_json({**settled.to_json(), "resolved": args.keep})
        return 0
    when = "now" if args.keep == "theirs" else "at the next sync"
    print(
        f"conflict {conflict_id}: kept {args.keep} ({settled.kind} {settled.key}), applied {when}"
    )
    return 0


def _shown(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def register(add: Add) -> None:
    p = add(
        "sync",
        cmd_sync,
        "push this library's changes to the team library on PostgreSQL and pull the team's",
    )
    p.add_argument("url", metavar="URL", help="postgresql://USER@HOST[:PORT]/DATABASE")
    p.add_argument(
        "--share-text",
        action="store_true",
        help="also send the articles' titles and texts (by default only their metadata)",
    )
    p.add_argument("--json", action="store_true", help="print the counts as JSON")

    p = add(
        "conflicts",
        cmd_conflicts,
        "list the records edited both here and by someone else, or resolve one",
    )
    p.add_argument("action", nargs="?", choices=["resolve"], help="resolve one conflict")
    p.add_argument("id", nargs="?", metavar="ID", help="the conflict to resolve")
    p.add_argument("--keep", choices=["mine", "theirs"], help="with resolve: the version to keep")
    p.add_argument("--json", action="store_true", help="print JSON")
