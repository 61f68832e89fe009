"""What a user marks on the text: annotations and their anchoring, entities and their
types, the highlight palette, article tags, occurrences and entity suggestions.
"""
