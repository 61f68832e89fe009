"""Annotating in the reader: the gestures (`annotator`), the workspace that keeps the
panels in step with the change stream, the Annotate menu, and the marks painted on the
article.
"""
