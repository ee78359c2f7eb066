"""What the engine's tests share: `run` extracts a text and checks the offset invariants on
every record; `parse` gives the parsed Doc and the per-document context a sieve reads, so a
sieve can be tried alone."""

import pytest

from quotes import extract


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text):
        quotes = extract(text, nlp=nlp)
        assert len({(q.start, q.end) for q in quotes}) == len(quotes)  # offsets identify a record
        for q in quotes:
            assert text[q.start:q.end] == q.text
            if q.speaker_start is not None:
                assert text[q.speaker_start:q.speaker_end] == q.speaker_mention
        return quotes
    return _run


def one(quotes, startswith):
    matches = [q for q in quotes if q.text.startswith(startswith)]
    assert len(matches) == 1, [q.text for q in quotes]
    return matches[0]


@pytest.fixture(scope="module")
def parse(nlp):
    """`parse(text)` -> (context, quoted spans): the parsed Doc, its entity graph and the
    regions the engine reads, built as `analyse` builds them, for trying one detector, sieve
    or resolver alone."""
    from quotes.engine.analyse import prepare
    from quotes.model import Document

    def _parse(text, without=frozenset()):
        return prepare(Document("d", text), nlp(text), frozenset(without))
    return _parse


@pytest.fixture(scope="module")
def misparsed(nlp):
    """The small model's parse of a text with some arcs as it gives them on other words
    ({token: (head, dep)}): a real Doc, to try a rule on a misreading the model makes on
    some names and not others."""
    from spacy.tokens import Doc

    def _misparsed(text, arcs):
        doc = nlp(text)
        heads = [arcs.get(t.i, (t.head.i, t.dep_))[0] for t in doc]
        deps = [arcs.get(t.i, (t.head.i, t.dep_))[1] for t in doc]
        ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc]
        return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                   heads=heads, deps=deps, tags=[t.tag_ for t in doc], pos=[t.pos_ for t in doc],
                   lemmas=[t.lemma_ for t in doc], ents=ents)
    return _misparsed
