"""The window's docked panels: the library list, search, annotations, the entity index,
and the welcome page.
"""
