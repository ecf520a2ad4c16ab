"""Engine of the built-in ``quotes`` extractor: quotation marks, cues, speakers."""
