"""The extractor on random text: it never raises, never runs away, and every offset it
returns indexes the text it was given."""

from hypothesis import HealthCheck, given, settings, strategies as st

from quotes import extract
from quotes.engine.nlp import load

QUOTE_MARKS = list("\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a`")
WORDS = ["said", "says", "told", "according to", "Mr.", "Ann Lee", "the minister", "he", "she",
         "We", "will", "not", "resign", "Israel", "Gantz", ":", ",", ".", "\u2014", "-", "(", ")",
         "added", "asked", "warned", "that", "it", "U.S.", "5\"", "don't", "'90s", "\u2026"]
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\r\n", "\u2028"]
ODD = ["\x00", "\x07", "\x1b[31m", "\u202e", "\u2066", "\u200f", "\ufeff", "\u0301", "\U0001f600",
       "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587", "\ufffd"]

pieces = st.one_of(
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(WORDS),
    st.sampled_from(SPACES),
    st.sampled_from(ODD),
    st.text(min_size=1, max_size=6),  # any Unicode (no surrogates)
)
texts = st.lists(pieces, max_size=60).map("".join)


def nlp():
    return load()  # lru-cached: one pipeline for the module (and the session fixture)


def check(text):
    for q in extract(text, nlp=nlp()):
        assert 0 <= q.start <= q.end <= len(text)
        assert q.text == text[q.start:q.end]
        for start, end in q.spans:
            assert 0 <= start <= end <= len(text)
        if q.speaker_start is not None or q.speaker_end is not None:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(text)
            assert text[q.speaker_start:q.speaker_end] == q.speaker_mention
        if q.cue_start is not None:
            assert 0 <= q.cue_start <= q.cue_end <= len(text)
        assert 0.0 <= q.confidence <= 1.0


PROPERTY = settings(max_examples=150, deadline=5000, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(texts)
def test_random_text_with_quote_marks(text):
    check(text)


@settings(max_examples=40, deadline=5000)
@given(st.lists(st.tuples(st.sampled_from(["\u201c", '"', "\u00ab", "'", "\u2018"]),
                          st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
                          st.sampled_from(["\u201d", '"', "\u00bb", "'", "\u2019", ""]),
                          st.sampled_from([" said Ann Lee.", ", he told reporters.", " ", "\n\n"])),
                max_size=8))
def test_quotes_with_any_pairing_of_marks(parts):
    check("".join(open_ + body + close + tail for open_, body, close, tail in parts))


def test_edge_texts():
    for text in ["", " ", "\u201c", "\u201d\u201c", '"' * 50, "\u201c" * 30 + "said Ann Lee",
                 "'" * 40, "\n" * 20, "\u202e\u201cHi,\u201d said Tom.\u202c", "\x00\u201cHi\u201d"]:
        check(text)


def test_a_cue_the_parser_read_as_a_noun_in_a_tangle_of_words_does_not_crash(run):
    # found by a fuzz run: "states" tagged a noun, taken as an inverted cue ("…," states X)
    text = ("the EU agency ’s ( Lena Local white him who EU out Tarek agency a findings “ Kevin ( on she host "
            "reports who — Al in sergeant-at-arms — reports out 32-year-old ( reports saying who ” admits he "
            "blurted press ” (NG) reports to numbers a . Kevin Lena “ ) (NG) EU CEO Lena out on that ” states "
            "Kevin who")
    run(text)  # the offset checks of `run` hold for every record
