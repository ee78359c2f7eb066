"""Which quoted spans are direct quotations, and their extent (engine/direct.py, marks.py)."""

from .conftest import one  # noqa: F401


def test_multi_paragraph_quote_is_one_record(run):
    text = ("Ian Cole said:\n\n“The first part of the plan is simple.\n\n"
            "“The second part is harder, and it will take years.”\n\nThe end.")
    q = one(run(text), "The first part")
    assert q.text.endswith("it will take years.") and len(q.type) and q.speaker == "Ian Cole"


def test_scare_quotes_and_titles_are_not_statements(run):
    quotes = run("The so-called “reform” was debated in the film “Nights of Rain” last week.")
    assert quotes == []


def test_boilerplate_yields_nothing(run):
    text = ("READ MORE: Mayor says “the city is broke” in leaked memo\n\n"
            "Share this article\n\nPlease enter your comment!")
    assert run(text) == []


def test_unbalanced_mark_does_not_swallow_the_article(run):
    text = ("The mayor called the plan “a waste of money and left the room.\n\n"
            "“A fine day for sailing,” Captain Eva Berg said.")
    q = one(run(text), "A fine day")
    assert q.speaker == "Eva Berg"


def test_nothing_found_in_plain_text(run):
    assert run("The river rose by two metres overnight and the road was closed.") == []


def test_titles_and_markup_attributes_are_not_quotes(run):
    assert run("Her new book, “Doomed to Succeed Again,” came out in March.") == []
    assert run('The page held <img pic="a.jpg" author="staff"> and nothing else.') == []


def test_short_quote_right_after_a_word_with_its_attribution(run):
    q = one(run("Asked about the vote, “Fine,” said Tom Park."), "Fine")
    assert (q.type, q.speaker) == ("direct", "Tom Park")


def test_lone_surrogates_keep_offsets(run):
    text = "Bad byte \ud800 here. “We are open,” Ana Liu said."
    q = one(run(text), "We are open")
    assert q.start == text.index("We are open") and q.speaker == "Ana Liu"


def test_markup_attribute_values_with_an_empty_one_are_not_quotes(run):
    text = ('Senator Paul Renner wrote on Friday.\n\n<post pic="" author="prenner" id="42">We will win '
            'this vote.</post>\n\nThe vote is on Monday.')
    assert [q for q in run(text) if "prenner" in q.text or q.text.strip() == ""] == []


def test_a_title_after_a_preposition_or_possessive_is_not_a_quote_even_before_a_speech_verb(run):
    text = ("Speaking on the network’s “Morning Table,” Lena Ortiz said the bridge would open.\n\n"
            "“It is done,” Ortiz told “Evening Hour,” adding that the money was there.")
    quotes = run(text)
    assert not any(q.text.startswith(("Morning Table", "Evening Hour")) for q in quotes), [q.text for q in quotes]
    assert one(quotes, "It is done").speaker == "Lena Ortiz"


def test_terms_listed_in_quote_marks_are_not_quotes(run):
    text = 'Clerks searched the files for words such as "harbour," "Tilbury," "Marwick" and "tide tables."'
    assert [q for q in run(text) if q.type == "direct"] == []
    text = 'The hacker known as “Nightjar,” said he had read the mails.'
    assert [q for q in run(text) if q.type == "direct"] == []


def test_a_short_phrase_the_sentence_goes_on_from_is_not_a_quote(run):
    text = "“Night Watch” host Ilse Marwick spoke to the crowd on Monday.\n\n‘Thin-skinned’ mayor sues critics"
    assert [q for q in run(text) if q.type == "direct"] == []
    q = one(run("Jon Petersen laughed and replied, “I am a good sailor” and walked off."), "I am a good")
    assert (q.type, q.speaker) == ("direct", "Jon Petersen")


def test_a_title_set_off_after_a_work_noun_is_not_a_quote(run):
    quotes = run("Where is the money to come from? In his 2002 book, “Make Your Kid a Millionaire,” Mr. Renner "
                 "suggested looking at the statement.\n\nAt the hearing, “We Will Win,” Anna Keller said.")
    assert [(q.text, q.speaker) for q in quotes] == [("We Will Win,", "Anna Keller")]


def test_a_no_break_space_does_not_mislead_the_parser_and_stays_in_the_record(run):
    text = ("Senator Paul Renner says the\u00a0Republican populist movement that\u2019s sweeping the country and "
            "boosting candidates including Lena Ortiz in the 2016 presidential race appeals to the "
            "\u201cbad angels\u201d of human nature.")
    q = one(run(text), "the\u00a0Republican")
    assert (q.speaker, q.type) == ("Paul Renner", "mixed")
    assert q.text.startswith("the\u00a0Republican") and text[q.start:q.end] == q.text


def test_a_quote_after_an_abbreviation_that_ends_a_sentence_is_a_quote(run):
    quotes = run("“He seemed more open than her,” said Lena Ortiz, 20, of Jacksonville, Fla. “She definitely has "
                 "the stereotypical approach to things, so that makes her feel a little insincere.”")
    assert [(q.text[:12], q.speaker, q.statement) for q in quotes] == [
        ("He seemed mo", "Lena Ortiz", 0), ("She definite", "Lena Ortiz", 0)]


def test_a_transcript_line_with_the_quote_glued_to_the_colon(run):
    text = ('Sen. Paul Renner (D-Ore.):"Who told you that figure?"\n\n'
            'Former minister Lena Ortiz:"We learned it from the department."')
    quotes = run(text)
    assert [(q.speaker, q.cue) for q in quotes] == [("Paul Renner", ":"), ("Lena Ortiz", ":")]


def test_chanting_and_slamming_are_speech_next_to_quote_marks(run):
    quotes = run("Supporters waved flags. Some chanted “Four more years!”\n\n"
                 "Paul Renner slammed the budget as “a fantasy from start to finish.”")
    assert one(quotes, "Four more").speaker == "Some"
    assert one(quotes, "a fantasy").speaker == "Paul Renner"


def test_after_a_question_the_attribution_may_open_with_its_subject_and_an_apposition(run):
    text = ("The ferry service will resume in May.\n\n"
            "\"Why would we stop now?\" Lena Ortiz, the harbour master at Port Elms, said on Friday.")
    q = next(q for q in run(text) if q.text.startswith("Why would we"))
    assert q.speaker == "Lena Ortiz"


def test_after_a_question_a_verb_with_content_of_its_own_is_a_new_statement(run):
    text = ("“Come here, child,” cried Paul Renner as she appeared. “Is it true?” Lena replied that it was.")
    q = next(q for q in run(text) if q.text.startswith("Is it true"))
    assert q.speaker == "Paul Renner"
