"""Documents from files, folders, glob patterns, stdin, HTML pages and JSONL/CSV corpora,
plain or gzipped.

Each input yields Documents or a ReadError naming the file (and line) and the problem; one
bad input never stops the others. Notes (an encoding guessed, control characters blanked)
go to `notes` as they happen and never stop a document. A text is kept as decoded,
character for character: offsets index it.

Formats are `Reader` records listed in `registry.READERS`; `paths` expands what the user
named, `sources` sends each input to its reader, `decode` turns bytes into text.
"""

from .base import MAX_DOCUMENT_CHARS, MAX_FILE_BYTES, MAX_LINE_BYTES, Fields, FromId, Reader, SlowPattern
from .decode import binary_problem, clean_text, decode
from .error import ReadError
from .paths import iter_paths
from . import registry
from .registry import READERS, SUPPORTED, describe_supported, reader_for
from .sources import read_documents, read_path

__all__ = [
    "MAX_DOCUMENT_CHARS", "MAX_FILE_BYTES", "MAX_LINE_BYTES", "READERS", "SUPPORTED", "Fields",
    "FromId", "ReadError", "Reader", "SlowPattern", "binary_problem", "clean_text", "decode",
    "describe_supported", "iter_paths", "reader_for", "read_documents", "read_path", "registry",
]
