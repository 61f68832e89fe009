"""The labelled evaluation set for entity suggestions (bench/suggest_eval) and its scorer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
try:
    from suggest_eval.labels import MarkupError, check_set, load, parse
    from suggest_eval.scoring import score
finally:
    sys.path.remove(str(ROOT / "bench"))

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def articles():
    return load()


def test_every_article_parses_and_follows_the_conventions(articles) -> None:
    assert check_set(articles) == []
    for a in articles:
        for s in a.spans:
            assert 0 <= s.start < s.end <= len(a.text)
        assert "⟦" not in a.text
        assert "⟧" not in a.text


def test_the_set_is_large_and_balanced(articles) -> None:
    assert len(articles) >= 30
    counts = dict.fromkeys(("person", "organisation", "place", "date"), 0)
    for a in articles:
        for s in a.spans:
            counts[s.type] += 1
        assert 120 <= len(a.text.split()) <= 300, a.name
    assert sum(counts.values()) >= 600
    assert counts["person"] >= 150
    assert counts["organisation"] >= 150
    assert counts["date"] >= 50


def test_parse_gives_code_point_spans() -> None:
    text, spans = parse("قال و⟦LOC بغداد⟧ ل⟦ORG لأمم المتحدة⟧ في ⟦DATE 3 مايو 2024⟧")
    assert text == "قال وبغداد للأمم المتحدة في 3 مايو 2024"
    assert [(text[s.start : s.end], s.type) for s in spans] == [
        ("بغداد", "place"),
        ("لأمم المتحدة", "organisation"),
        ("3 مايو 2024", "date"),
    ]
    with pytest.raises(MarkupError):
        parse("⟦PER محمد")
    with pytest.raises(MarkupError):
        parse("⟦XYZ محمد⟧")


def test_strict_and_lenient_scores_on_a_hand_checked_case() -> None:
    gold = [(0, 10, "person"), (20, 30, "place"), (40, 50, "organisation")]
    pred = [
        (0, 10, "person"),  # exact: tp in both
        (18, 30, "place"),  # boundary error: strict fp + fn, lenient tp
        (40, 50, "place"),  # wrong type: fp (place) and fn (organisation) in both
        (60, 70, "date"),  # spurious: fp in both
        (80, 90, "money"),  # not a scored type: ignored
    ]
    s = score(gold, pred)
    strict, lenient = s.overall("strict"), s.overall("lenient")
    assert (strict.tp, strict.fp, strict.fn) == (1, 3, 2)
    assert strict.precision == pytest.approx(1 / 4)
    assert strict.recall == pytest.approx(1 / 3)
    assert strict.f1 == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))
    assert (lenient.tp, lenient.fp, lenient.fn) == (2, 2, 1)
    assert lenient.precision == pytest.approx(0.5)
    assert lenient.recall == pytest.approx(2 / 3)
    assert lenient.f1 == pytest.approx(4 / 7)
    place = s.by_type["strict"]["place"]
    assert (place.tp, place.fp, place.fn) == (0, 2, 1)
    assert s.by_type["lenient"]["place"].tp == 1
    # A split mention matches once: one tp, one fp.
    split = score([(0, 10, "person")], [(0, 4, "person"), (5, 10, "person")])
    assert (split.overall("lenient").tp, split.overall("lenient").fp) == (1, 1)


def test_no_article_copies_a_line_of_the_seeds(articles) -> None:
    if not SEEDS.is_dir():
        pytest.skip("no shared seeds beside the repository")
    lines = set()
    for path in SEEDS.rglob("*"):
        if path.is_file():
            for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
                line = " ".join(raw.split())
                if len(line) >= 20:
                    lines.add(line)
    for a in articles:
        flat = " ".join(a.text.split())
        own = {" ".join(x.split()) for x in a.text.splitlines()}
        assert not (own & lines), a.name
        for line in lines:
            assert line not in flat, (a.name, line[:40])
