"""Detection of reported statements (engine/reported.py, verb.py): a speaker the parser hung
on the content, passive infinitives in requests, infinitives of purpose, "as well"."""

from quotes import extract


def _records(nlp, text):
    quotes = extract(text, nlp=nlp)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_mention
    return quotes


def test_closing_speaker_phrase_the_parser_hung_on_the_content(nlp):
    text = ("The tenant waited two years to sue because she was trying to negotiate a settlement "
            "with the owners, her lawyer, Mara Quillfeather, said.")
    quotes = _records(nlp, text)
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("The tenant waited two years to sue because she was trying to negotiate a settlement with the owners",
         "Mara Quillfeather", "said")]


def test_closing_speaker_is_not_the_owner_of_the_role(nlp):
    from quotes.engine.verb import _named_in_closing_phrase

    doc = nlp("Others targeted include Tom Ashby, Rita Vell and Hugh Darrow, Lib Dem's elections "
              "chief Lord Penhallow said.")
    comma = [t.i for t in doc if t.text == ","][-1]
    named = _named_in_closing_phrase(doc[comma + 1:len(doc) - 2])
    assert named is not None and named.text == "Penhallow"


def test_request_with_a_passive_infinitive(nlp):
    quotes = _records(nlp, "Health officials in Dunmore are urging residents to get vaccinated before winter.")
    assert [(q.text, q.cue) for q in quotes] == [("to get vaccinated before winter", "urging")]


def test_infinitive_of_purpose_is_no_request(nlp):
    text = ("A riders' club has been launched to encourage disabled people to take part in motorsport. "
            "There will also be training days to encourage young people to join the pit crews.")
    assert _records(nlp, text) == []


def test_as_well_is_no_predicate_of_a_naming_verb(nlp):
    text = ("Damon Grell spoke to reporters on Monday. As for his old job, the caddie called his "
            "former boss Thursday night as well to offer a heartfelt message.")
    assert [q.text for q in _records(nlp, text)] == []
