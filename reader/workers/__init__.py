"""Work off the GUI thread: the one `Runner` and the controllers that submit to it
(search, import).
"""
