"""The translator's workspace, without Qt: an article cut into sentence segments, each
with its translation, status and note; a glossary from the entities; search in the
translations; exchange with CAT tools.

- `segmenting`: where sentences end (code points of the body);
- `segments`: the segments in the library (cut on first use), progress, re-anchoring
  after re-cleaning, the library's target language;
- `glossary`: preferred and forbidden translations of entities, the terms a segment
  names, the consistency check;
- `search`: full-text search in the translations;
- `xliff`, `tmx`, `tbx`, `omegat`, `bilingual_docx`: export formats (`library.exchange`
  lists them); `importing`: XLIFF translated elsewhere, read back.

Edits are operations (`library.ops.translating`).
"""
