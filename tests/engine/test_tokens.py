"""The token helpers that read the parse from its arrays, once a document, instead of
walking every token: they answer exactly what spaCy's own walks answer."""

from quotes.engine.cues import speech_verb, speech_verbs_in
from quotes.engine.tokens import (sentence_bounds, sentence_of, sentences_apart, sentences_back, subjects,
                                  tokens_with, word_count, written_as_proper_noun, written_count)

TEXT = ("Lena Ortiz opened the Harbour Bridge on Monday. Her office said the work was done.\n\n"
        "Ortiz told reporters: “The bridge is ours.” Officials of Norvale agreed, and Norvale's mayor "
        "praised her.\n\nPaul Renner, a lawyer, warned that tolls would rise. He added that Ortiz knew.")


def test_a_tokens_sentence_is_the_one_spacy_gives(nlp):
    doc = nlp(TEXT)
    for token in doc:
        sentence = token.sent
        assert sentence_bounds(token) == (sentence.start, sentence.end)
        assert sentence_of(token) == sentence and sentence_of(token).root == sentence.root


def test_sentences_back_and_apart_count_as_the_walks_did(nlp):
    doc = nlp(TEXT)
    starts = [s.start for s in doc.sents]
    for token in doc:
        k = max(i for i, start in enumerate(starts) if start <= token.i)
        for count in range(4):
            assert sentences_back(token, count) == starts[max(k - count, 0)]
    bridge, he = TEXT.index("Harbour"), TEXT.index("He added")
    assert sentences_apart(doc, bridge, he) == len(starts) - 1
    assert sentences_apart(doc, he, bridge) == 0
    assert sentences_apart(doc, bridge, bridge + 3) == 0


def test_tokens_by_part_of_speech_or_dependency(nlp):
    doc = nlp(TEXT)
    assert [t.i for t in tokens_with(doc, "pos", ("NOUN",))] == [t.i for t in doc if t.pos_ == "NOUN"]
    assert [t.i for t in tokens_with(doc, "dep", ("poss",))] == [t.i for t in doc if t.dep_ == "poss"]
    assert [t.i for t in subjects(doc)] == [t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
    assert tokens_with(nlp(""), "pos", ("NOUN",)) == []


def test_forms_are_counted_from_the_array(nlp):
    doc = nlp(TEXT)
    for token in doc:
        assert written_count(token) == sum(t.text == token.text for t in doc)
        assert written_as_proper_noun(token) == any(t.text == token.text for t in doc if t.pos_ == "PROPN")


def test_speech_verbs_are_found_as_a_walk_would(nlp):
    doc = nlp(TEXT)
    assert [t.i for t in speech_verbs_in(doc)] == [t.i for t in doc if speech_verb(t) is not None]


def test_words_are_those_that_hold_a_letter_or_a_digit():
    assert word_count("Ortiz said — “yes” , 42 times _ ½") == 6
    assert word_count("") == 0 and word_count(" — … _ ") == 0
