"""Working as a team: agreement between annotators, curation, and the shared library."""
