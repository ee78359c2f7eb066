"""The extraction engine: every stage from raw text to quote records (quote marks, direct
quotes, fragments, reported speech, dialogue, attribution sieves, in-document speaker
resolution, lexicons, spaCy loading, the pipeline and its worker processes).

Only this package imports spaCy. `pipeline.extract` / `pipeline.extract_documents` are its
entry points; `sieves` registers the detectors and their sieves in the order they run, and
`entities/resolvers` the resolvers that say who a speaker's words name.
"""
