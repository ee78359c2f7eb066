"""quotes: find quoted speech and reported statements in news text and say who said them.

`from quotes import extract` gives the quote records of one text. Importing the package
loads no spaCy: the engine is imported the first time `extract` or `extract_documents` is
used (PEP 562), so storage, serving and the commands that parse nothing stay light.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .model import Document, Quote, Result  # noqa: E402

__all__ = ["Document", "Quote", "Result", "extract", "extract_documents", "__version__"]


def __getattr__(name: str):
    if name in ("extract", "extract_documents"):
        from .engine import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
