"""Dialogs and message boxes, each run through a classmethod so tests can answer them."""
