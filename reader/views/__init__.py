"""Views of the text and of the library: the article view and what paints on it, the
library list's model, list-item text layout, and the one code-point/UTF-16 boundary
(`text_map`).
"""
