"""The translator's workspace: the parallel view of an article's segments beside their
translations, the glossary strip, and the Translate menu."""
