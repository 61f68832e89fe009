"""Working as a team: agreement between annotators' layers."""

from __future__ import annotations

import argparse

from library.cli.common import Add, UserError, emit_json, open_lib, parse_article_id, text_out


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def cmd_agreement(args: argparse.Namespace) -> int:
    from library.team.agreement import MEASURES, AgreementError, agreement

    articles = [parse_article_id(a) for a in args.article] if args.article else None
    with open_lib(args, readonly=True, reading=True) as lib:
        try:
            result = agreement(lib, args.authors, articles)
        except AgreementError as exc:
            raise UserError(str(exc)) from exc
    if args.json:
        emit_json(result.to_json())
        return 0
    a, b = result.authors[:2]
    n = len(result.articles)
    head = (
        f"{n} article{'' if n == 1 else 's'}, {result.tokens} tokens; "
        f"kappa: {result.kappa_kind}; A = {a}, B = {b}"
    )
    print(text_out(head, args))
    # The last two columns count the mentions only A (only B) has.
    print(
        f"{'type':<16} {'F1':>6} {'kappa':>6} {'alpha':>6} {'both':>6} {'only A':>8} {'only B':>8}"
    )
    rows = [*result.per_type.items(), ("overall", result.overall)]
    for kind, s in rows:
        line = (
            f"{kind[:16]:<16} {_number(s.f1):>6} {_number(s.kappa):>6} {_number(s.alpha):>6} "
            f"{s.both:>6} {s.a_only:>8} {s.b_only:>8}"
        )
        print(text_out(line, args))
    for pair in result.pairs:
        o = pair.overall
        print(
            f"pair {pair.a} / {pair.b}: F1 {_number(o.f1)}, kappa {_number(o.kappa)}, "
            f"both {o.both}, only {pair.a} {o.a_only}, only {pair.b} {o.b_only}"
        )
    for note in result.undefined:
        print(f"kappa of {note['type'] or 'overall'} is undefined: {note['reason']}")
    print(MEASURES)
    return 0


def register(add: Add) -> None:
    p = add(
        "agreement",
        cmd_agreement,
        "agreement between annotators' entity layers: span F1, kappa, alpha",
    )
    p.add_argument(
        "authors", nargs="+", metavar="AUTHOR", help="two or more authors (their layers)"
    )
    p.add_argument(
        "--article",
        action="append",
        metavar="ID",
        help="only this article (repeatable; default: every article all of them annotated)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )
