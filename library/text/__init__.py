"""Arabic text: folding and light stemming with offset maps, word and sentence spans,
and the name lexicon that matches folded phrases.
"""
