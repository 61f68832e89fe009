"""Agreement between annotators' layers: strict span F1, token-level Cohen's and Fleiss'
kappa and nominal Krippendorff's alpha, checked against hand arithmetic and against
scikit-learn, statsmodels and the krippendorff package; the `agreement` command."""

from __future__ import annotations

import json
import math
import random

import krippendorff
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from library.cli import main
from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.team import agreement as ag
from library.text.arabic import tokens

# Written for these tests: ten words.
#        0    1    2     3     4   5   6  7   8    9
BODY = "زار كريم منصور مدينة حلب أمس مع وفد هيئة المياه."
OTHER = "افتتح سامر عودة مكتباً جديداً في حمص."

# The layers, as (words, type). Token labels they give (G = organisation):
#   tok: 0 1 2 3 4 5 6 7 8 9
#   A:   O P P O L O O O G G
#   B:   O P P L L D O O O O
#   C:   O P P O L O O G G G
LAYERS = {
    "amal": [("كريم منصور", "person"), ("حلب", "place"), ("هيئة المياه", "organisation")],
    "bilal": [("كريم منصور", "person"), ("مدينة حلب", "place"), ("أمس", "date")],
    "camila": [("كريم منصور", "person"), ("حلب", "place"), ("وفد هيئة المياه", "organisation")],
}
LABELS = {
    "amal": list("OPPOLOOOGG"),
    "bilal": list("OPPLLDOOOO"),
    "camila": list("OPPOLOOGGG"),
}
LETTERS = {"person": "P", "place": "L", "organisation": "G", "date": "D"}


def make_articles(lib, tmp_path, bodies):
    ids = []
    for n, body in enumerate(bodies):
        path = tmp_path / f"a{n}.json"
        path.write_text(json.dumps({"title": f"خبر {n}", "body": body}, ensure_ascii=False))
        ids += import_paths(lib, [path]).articles
    return ids


def tag(lib, article, part, kind, author, *, name=None):
    body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article,)).fetchone()[0]
    start = body.index(part)
    return tag_entity(
        lib, article, start, start + len(part), entity_type=kind, author=author, name=name
    ).annotation


@pytest.fixture
def layered(lib, tmp_path):
    (article,) = make_articles(lib, tmp_path, [BODY])
    for author, marks in LAYERS.items():
        for part, kind in marks:
            tag(lib, article, part, kind, author)
    return lib, article


def test_the_words_are_those_the_app_cuts():
    text = "قالَ ﷺ النـزاعات، و«الأمم» 3.5 كم"
    spans = []
    for t in tokens(text):
        if not spans or spans[-1] != (t.start, t.end):
            spans.append((t.start, t.end))
    starts, ends = ag.word_spans(text)
    assert list(zip(starts, ends, strict=True)) == spans
    assert len(ag.word_spans(BODY)[0]) == 10


def test_two_authors_by_hand_and_against_scikit_learn(layered):
    lib, _ = layered
    result = ag.agreement(lib, ["amal", "bilal"])
    assert result.articles == [1] and result.tokens == 10
    # Spans: amal {P 1-2, L 4, G 8-9}, bilal {P 1-2, L 3-4, D 5}: both 1, 2 and 2 alone,
    # F1 = 2·1 / (2·1 + 2 + 2) = 1/3.
    o = result.overall
    assert (o.both, o.a_only, o.b_only) == (1, 2, 2)
    assert o.f1 == pytest.approx(1 / 3)
    # Tokens: 6 of 10 agree (0 1 2 4 6 7), po = 0.6; marginals amal O5 P2 L1 G2,
    # bilal O5 P2 L2 D1: pe = (5·5 + 2·2 + 1·2) / 100 = 0.31; kappa = 0.29 / 0.69.
    assert o.kappa == pytest.approx(0.29 / 0.69)
    assert o.kappa == pytest.approx(cohen_kappa_score(LABELS["amal"], LABELS["bilal"]))
    # Alpha: 20 values; agreeing units 6, each o_cc += 2·1/1 → 12; n_c O10 P4 L3 G2 D1,
    # Σ n_c² = 130; alpha = 1 − 19·(20 − 12) / (400 − 130) = 1 − 152/270.
    assert o.alpha == pytest.approx(1 - 152 / 270)
    codes = {k: n for n, k in enumerate("OPLGD")}
    data = [[codes[x] for x in LABELS[a]] for a in ("amal", "bilal")]
    assert o.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    )

    person, place = result.per_type["person"], result.per_type["place"]
    assert (person.f1, person.kappa) == (1.0, 1.0)
    # Place as binary: amal {4}, bilal {3, 4}: po = 0.9, pe = 0.1·0.2 + 0.9·0.8 = 0.74.
    assert place.f1 == 0.0 and (place.both, place.a_only, place.b_only) == (0, 1, 1)
    assert place.kappa == pytest.approx(0.16 / 0.26)
    for kind, letter in LETTERS.items():
        binary = [[x == letter for x in LABELS[a]] for a in ("amal", "bilal")]
        assert result.per_type[kind].kappa == pytest.approx(cohen_kappa_score(*binary)), kind


def test_a_type_only_one_author_used_has_kappa_zero(layered):
    """bilal never tagged an organisation: amal's two tokens are all the type has, so
    po = 0.8 = pe and kappa is 0 (defined, reported), F1 0 with 1 mention alone."""
    lib, _ = layered
    org = ag.agreement(lib, ["amal", "bilal"]).per_type["organisation"]
    assert (org.f1, org.kappa, org.a_only, org.b_only, org.both) == (0.0, 0.0, 1, 0, 0)


def test_three_authors_fleiss_and_mean_pairwise_f1(layered):
    lib, _ = layered
    result = ag.agreement(lib, ["amal", "bilal", "camila"])
    # Fleiss by hand: P_i = 1 for tokens 0 1 2 4 6 (5), 1/3 for 3 5 7 8 9: P̄ = (5 + 5/3)/10
    # = 2/3; totals O14 P6 L4 D1 G5 of 30: Pe = 274/900; kappa = (2/3 − Pe) / (1 − Pe).
    pe = 274 / 900
    assert result.overall.kappa == pytest.approx((2 / 3 - pe) / (1 - pe))
    table, _ = aggregate_raters([list(t) for t in zip(*LABELS.values(), strict=True)])
    assert result.overall.kappa == pytest.approx(fleiss_kappa(table))
    codes = {k: n for n, k in enumerate("OPLGD")}
    data = [[codes[x] for x in LABELS[a]] for a in LABELS]
    assert result.overall.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    )
    # Pairwise F1: amal/bilal 1/3, amal/camila 2·2/(4+1+1) = 2/3, bilal/camila 1/3.
    assert result.overall.f1 == pytest.approx((1 / 3 + 2 / 3 + 1 / 3) / 3)
    assert [(p.a, p.b) for p in result.pairs] == [
        ("amal", "bilal"), ("amal", "camila"), ("bilal", "camila"),
    ]  # fmt: skip
    assert result.pairs[1].overall.f1 == pytest.approx(2 / 3)
    # a_only / b_only / both are those of the first two authors.
    o = result.overall
    assert (o.both, o.a_only, o.b_only) == (1, 2, 2)
    doc = result.to_json()
    assert doc["kappa_kind"] == "fleiss" and len(doc["pairs"]) == 3
    assert "not unitizing" in doc["alpha_kind"]
    place = [[x == "L" for x in LABELS[a]] for a in LABELS]
    table, _ = aggregate_raters([list(t) for t in zip(*place, strict=True)])
    assert result.per_type["place"].kappa == pytest.approx(fleiss_kappa(table))


def test_identical_layers_agree_fully(lib, tmp_path):
    (article,) = make_articles(lib, tmp_path, [BODY])
    for author in ("amal", "bilal"):
        for part, kind in LAYERS["amal"]:
            tag(lib, article, part, kind, author)
    result = ag.agreement(lib, ["amal", "bilal"])
    assert (result.overall.f1, result.overall.kappa, result.overall.alpha) == (1.0, 1.0, 1.0)
    assert all(s.f1 == 1.0 and s.kappa == 1.0 for s in result.per_type.values())
    assert result.undefined == []


def test_a_type_no_token_carries_has_no_kappa(lib, tmp_path):
    """Both tagged the comma as "other": no word carries the type, so every token is "not
    other" for both, chance agreement is total, and kappa is None with the reason."""
    (article,) = make_articles(lib, tmp_path, ["قال سامر، ثم غادر."])
    for author in ("amal", "bilal"):
        tag(lib, article, "،", "other", author, name="فاصلة")
        tag(lib, article, "سامر", "person", author)
    result = ag.agreement(lib, ["amal", "bilal"])
    other = result.per_type["other"]
    assert other.f1 == 1.0 and other.kappa is None and other.alpha is None
    assert [u["type"] for u in result.undefined] == ["other"]
    assert "same label" in result.undefined[0]["reason"]
    assert result.to_json()["per_type"]["other"]["kappa"] is None


def test_only_common_articles_count_unless_listed(lib, tmp_path):
    first, second = make_articles(lib, tmp_path, [BODY, OTHER])
    tag(lib, first, "حلب", "place", "amal")
    tag(lib, first, "حلب", "place", "bilal")
    tag(lib, second, "حمص", "place", "amal")  # bilal never touched this article
    assert ag.agreement(lib, ["amal", "bilal"]).articles == [first]
    # Listed, it counts: bilal's silence there is a disagreement.
    listed = ag.agreement(lib, ["amal", "bilal"], [first, second])
    assert listed.articles == [first, second]
    assert (listed.overall.both, listed.overall.a_only, listed.overall.b_only) == (1, 1, 0)


def test_no_common_article_is_a_clear_error(lib, tmp_path):
    first, second = make_articles(lib, tmp_path, [BODY, OTHER])
    tag(lib, first, "حلب", "place", "amal")
    tag(lib, second, "حمص", "place", "bilal")
    with pytest.raises(ag.AgreementError, match="no article in common"):
        ag.agreement(lib, ["amal", "bilal"])


def test_bad_authors_and_articles(layered):
    lib, _ = layered
    with pytest.raises(ag.AgreementError, match=r"no entity mentions by 'zaid'.*amal, bilal"):
        ag.agreement(lib, ["amal", "zaid"])
    with pytest.raises(ag.AgreementError, match="at least two"):
        ag.agreement(lib, ["amal"])
    with pytest.raises(ag.AgreementError, match="named twice"):
        ag.agreement(lib, ["amal", "amal"])
    with pytest.raises(ag.AgreementError, match="no article 99"):
        ag.agreement(lib, ["amal", "bilal"], [1, 99])


def test_authors_lists_layers(layered):
    lib, _ = layered
    assert ag.authors(lib) == [("amal", 3, 1), ("bilal", 3, 1), ("camila", 3, 1)]


def test_labels_of_nested_mentions_take_the_longest():
    starts, ends = [0, 4, 8], [3, 7, 11]
    # An organisation over all three words, a place nested in the last one.
    assert list(ag.token_labels(starts, ends, [(8, 11, 2), (0, 11, 1)])) == [1, 1, 1]
    # A span inside a word (a clitic left out) still labels that word.
    assert list(ag.token_labels(starts, ends, [(5, 7, 3)])) == [0, 3, 0]


# --- the command ------------------------------------------------------------------------


def run(capsys, path, *args):
    capsys.readouterr()
    code = main(["agreement", *args, "--library", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_shape(layered, capsys):
    lib, _ = layered
    code, out, err = run(capsys, lib.path, "amal", "bilal", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["articles"] == 1
    assert set(doc["per_type"]) == {"person", "place", "organisation", "date"}
    for scores in doc["per_type"].values():
        assert set(scores) == {"f1", "kappa", "a_only", "b_only", "both"}
    assert {"f1", "kappa", "a_only", "b_only", "both", "alpha"} <= set(doc["overall"])
    assert math.isclose(doc["overall"]["f1"], 1 / 3)
    assert doc["kappa_kind"] == "cohen" and "pairs" not in doc

    code, out, _ = run(capsys, lib.path, "amal", "bilal", "camila", "--json", "--article", "1")
    assert code == 0 and json.loads(out)["kappa_kind"] == "fleiss"
    assert len(json.loads(out)["pairs"]) == 3


def test_cli_table_and_errors(layered, capsys):
    lib, _ = layered
    code, out, _ = run(capsys, lib.path, "amal", "bilal")
    assert code == 0
    assert "person" in out and "overall" in out and "0.333" in out
    code, out, err = run(capsys, lib.path, "amal", "nobody", "--json")
    assert code == 2 and out == ""
    assert err.startswith("hashiya: error: no entity mentions by 'nobody'")
    assert "Traceback" not in err
    code, _, err = run(capsys, lib.path, "amal", "bilal", "--article", "x")
    assert code == 2 and "article id must be a number" in err


# Written for this test: four short articles for random layers.
RANDOM_BODIES = [
    "أعلن مجلس المدينة أمس خطة لتوسيع الحدائق العامة في الأحياء الشرقية قبل الصيف المقبل.",
    "التقت الوزيرة سلمى حداد وفد النقابة في مقر الوزارة وبحثت معه أجور العاملين.",
    "وصلت قافلة مساعدات إلى بلدة الوادي صباح الجمعة بعد انقطاع الطريق ثلاثة أيام.",
    "قال مدير المرفأ إن حركة السفن عادت إلى طبيعتها، وإن الرصيف الجديد يفتح في الخريف.",
]
RANDOM_TYPES = ["person", "organisation", "place", "date"]


def random_layers(rng, n_words):
    """Disjoint word ranges with types: (first word, last word + 1, type)."""
    out, i = [], 0
    while i < n_words:
        i += rng.randint(0, 3)
        width = rng.randint(1, 3)
        if i + width > n_words:
            break
        out.append((i, i + width, rng.choice(RANDOM_TYPES)))
        i += width
    return out


@pytest.mark.parametrize("seed", range(6))
def test_random_layers_against_the_reference_implementations(lib, tmp_path, seed):
    """Layers that share some mentions and differ in others, labelled here independently
    (each word the type of the mention over it), measured by scikit-learn, statsmodels
    and krippendorff, and compared with the core's figures."""
    rng = random.Random(seed)
    ids = make_articles(lib, tmp_path, RANDOM_BODIES)
    authors = ["amal", "bilal", "camila"]
    labels = {a: [] for a in authors}
    spans = {a: set() for a in authors}
    for article, body in zip(ids, RANDOM_BODIES, strict=True):
        words = []
        for t in tokens(body):
            if not words or words[-1] != (t.start, t.end):
                words.append((t.start, t.end))
        shared = random_layers(rng, len(words))
        for author in authors:
            # Most mentions are shared; each author drops or retypes some.
            own = [
                (i, j, rng.choice(RANDOM_TYPES) if rng.random() < 0.2 else kind)
                for n, (i, j, kind) in enumerate(shared)
                if rng.random() > 0.25 or (article == ids[0] and n == 0)
            ]
            words_labels = ["O"] * len(words)
            for i, j, kind in own:
                start, end = words[i][0], words[j - 1][1]
                tag_entity(
                    lib, article, start, end, entity_type=kind, author=author,
                    name=f"كيان {kind} {i}",
                )  # fmt: skip
                spans[author].add((article, start, end, kind))
                words_labels[i:j] = [kind] * (j - i)
            labels[author] += words_labels
    assert all(spans.values())  # the first mention is everybody's (see above)

    # Listed, every article counts, even one an author left without a mention.
    two = ag.agreement(lib, authors[:2], ids)
    a, b = labels["amal"], labels["bilal"]
    assert two.tokens == len(a)
    assert two.overall.kappa == pytest.approx(cohen_kappa_score(a, b))
    both = len(spans["amal"] & spans["bilal"])
    assert two.overall.both == both
    assert two.overall.f1 == pytest.approx(2 * both / (len(spans["amal"]) + len(spans["bilal"])))
    for kind, scores in two.per_type.items():
        x, y = [v == kind for v in a], [v == kind for v in b]
        if len(set(x) | set(y)) > 1:
            assert scores.kappa == pytest.approx(cohen_kappa_score(x, y)), kind

    three = ag.agreement(lib, authors, ids)
    table, _ = aggregate_raters([list(t) for t in zip(*labels.values(), strict=True)])
    assert three.overall.kappa == pytest.approx(fleiss_kappa(table))
    codes = {k: n for n, k in enumerate(["O", *RANDOM_TYPES])}
    data = [[codes[v] for v in labels[x]] for x in authors]
    assert three.overall.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    )
