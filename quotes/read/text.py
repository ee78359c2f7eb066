"""Plain text and Markdown: one document a file, its text exactly as decoded; the title is
its first line."""

from __future__ import annotations

from typing import IO, Iterator

from ..model import Document
from .base import STDIN, Fields, Notes, Reader, checked, first_line, one_document, read_whole
from .decode import decode
from .error import ReadError


def read_text(stream: IO[bytes], where: str, fields: Fields, notes: Notes) -> Iterator[Document | ReadError]:
    data = read_whole(stream, where)
    if isinstance(data, ReadError):
        yield data
        return
    text, encoding, error = decode(data, where)
    if error is not None:
        yield error
        return
    if encoding:
        notes.append(f"{where}: not UTF-8; read as {encoding}")
    doc_id, path = ("stdin", None) if where == STDIN else (where, where)
    yield checked(Document(id=doc_id, text=text, title=first_line(text), path=path), where, notes)


TEXT = Reader(name="text", suffixes=(".txt", ".md", ".text", ".markdown"),
              sniff=lambda head, fields: True, read=read_text, count=one_document, whole=True,
              documents="one a file, its text exactly as decoded; the title is the first line",
              example="Bridge to open in May\n\n“We will build it,” said Lena Ortiz.\n")
