"""Engine of the built-in ``entities`` extractor (tokens, tagger, gazetteer, resolver)."""
