"""The reader's side of working as a team: the agreement table and the curation view."""
