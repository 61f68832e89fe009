"""Bringing articles in: reading files of every supported format, decoding and cleaning
the text, and the importer (with its worker processes) that writes them to the library.
"""
