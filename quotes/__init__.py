"""quotes: find quoted speech and reported statements in news text and say who said them.

`from quotes import extract` gives the quote records of one text.
"""

__version__ = "0.1.0"

from .model import Document, Quote  # noqa: E402
from .pipeline import extract, extract_documents  # noqa: E402

__all__ = ["Document", "Quote", "extract", "extract_documents", "__version__"]
