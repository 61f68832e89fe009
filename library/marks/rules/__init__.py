"""The suggestion rules, one module per kind of name (see `library.marks.suggest_rules`)."""
