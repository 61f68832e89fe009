"""Full-text search over folded Arabic: the index, the query language and the engine
that maps hits back to code-point offsets in the article's text.
"""
