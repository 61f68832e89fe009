"""Pictures of the library: the entity network, the timeline and the concordance."""
