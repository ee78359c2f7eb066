"""From documents to quote records: parse with spaCy (here or in worker processes), then
analyse each parsed document (`analyse.py`).

`extract(text)` is the one-call library entry point; `extract_documents` streams many.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Document, Quote, Result
from . import nlp as nlp_module
from . import workers
from .analyse import analyse
from .batches import BATCH_SIZE

_SURROGATE = re.compile("[\ud800-\udfff]")


def extract_documents(documents: Iterable[Document], nlp: Language | None = None,
                      batch_size: int = BATCH_SIZE, n_process: int = 1,
                      without: frozenset[str] = frozenset(), explain: bool = False) -> Iterator[Result]:
    """Parse and analyse documents as a stream, in order; with `n_process` > 1 both happen
    in worker processes (see workers.py). `without` names sieves and resolvers to switch
    off, `explain` keeps each document's entity graph as text in `Result.explanation`
    (both in this process only: `quotes evaluate --without`, `quotes extract --explain`)."""
    nlp = nlp or nlp_module.load()
    documents = (_encodable(document) for document in documents)
    if n_process > 1 and workers.can_fork() and not without and not explain:
        yield from workers.analyse_in_workers(documents, nlp, batch_size, n_process)
        return
    for doc, result in parsed_and_analysed(documents, nlp, batch_size, n_process, without, explain):
        yield result


def parsed_and_analysed(documents: Iterable[Document], nlp: Language, batch_size: int = BATCH_SIZE,
                        n_process: int = 1, without: frozenset[str] = frozenset(),
                        explain: bool = False) -> Iterator[tuple[Doc, Result]]:
    """Each document's parse with its result, analysed in this process (`quotes evaluate`
    reads the parse to describe what it missed)."""
    pending: list[Document] = []

    def texts():
        for document in documents:
            document = _encodable(document)
            pending.append(document)
            yield nlp_module.parse_text(document.text)

    for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process):
        document = pending.pop(0)
        yield doc, analyse(document, doc, without, explain=explain)


def _encodable(document: Document) -> Document:
    """Lone surrogates cannot be encoded, so the tokenizer refuses them: one replacement
    character each keeps every offset where it was."""
    if _SURROGATE.search(document.text):
        return replace(document, text=_SURROGATE.sub("\ufffd", document.text))
    return document


def extract(text: str, nlp: Language | None = None, document_id: str = "text") -> list[Quote]:
    """The quote records of one text."""
    document = Document(id=document_id, text=text)
    return next(extract_documents([document], nlp=nlp)).quotes
