"""The extraction engine: every stage from raw text to quote records (quote marks, direct
quotes, fragments, reported speech, dialogue, attribution sieves, in-document speaker
resolution, lexicons, spaCy loading, the pipeline and its worker processes).

Only this package imports spaCy. `pipeline.extract` / `pipeline.extract_documents` are its
entry points; `sieves` holds the order in which attribution rules are tried.
"""
