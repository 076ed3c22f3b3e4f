"""The extraction step: stored articles through the spaCy pipeline (extractors/) into claims,
each placed in time and given its key, written back to the store."""
