"""Every user edit, as one function: it commits one transaction and returns an `Operation`.

An operation says what it made or changed (`result`), what that touched (a
`library.changes.Changes`), how to undo and redo it, and a label key naming the edit
(the reader translates it for Edit ▸ Undo; the CLI prints it). The reader runs any of
them through one undo command; the CLI calls the same functions. Adding a kind of edit
means adding one function here, built from the row-level functions of the module that
owns the rows (`library.marks.annotations`, `library.marks.entities`, `library.marks.tags`…), and a key.

- `operation`: the `Operation` type, `combine` for compound edits, `nothing`;
- `annotating`: highlights, notes, removing, editing, tagging occurrences;
- `naming`: tagging an entity (with the alias decision), relinking, editing, merging and
  deleting entities;
- `deciding`: accepting and rejecting suggestions;
- `tagging`: article tags;
- `styling`: highlight colours and entity types;
- `describing`: an article's metadata (title, authors, publisher, dates…);
- `translating`: a segment's translation, status and note, splitting and merging
  segments, glossary entries (`library.translation`);
- `relating`: relations between entity mentions (`library.marks.relations`) and their types.
"""
