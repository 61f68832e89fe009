"""A labelled evaluation set for named-entity suggestions (see CONVENTIONS.md).

`labels` reads the marked-up articles into plain text and gold spans and checks them
against the conventions; `scoring` computes strict and lenient precision, recall and F1.
`bench/suggest_eval.py` is the command line that runs the suggestion rules on the set.
"""
