"""The path of every edit in the reader: `undo` runs a core operation through the one undo
command, and `changes` is the one stream on which every change is published."""
