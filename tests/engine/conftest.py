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
