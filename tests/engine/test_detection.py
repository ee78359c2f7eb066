"""Finding statements (engine/reported.py, direct.py, fragments.py, decide.py): what a
speech act's content is whatever its form, where its speaker stands, and what is no
statement. Each text is invented."""

import pytest

from quotes.engine.analyse import analyse
from quotes.model import Document

from .conftest import one


def contents(quotes):
    return [q.text for q in quotes]


# ---- the content, whatever its form ------------------------------------------------------

@pytest.mark.parametrize("text, content", [
    ("Lena Ortiz urged residents to stay indoors.", "to stay indoors"),
    ("The Elmsford union called on the city to hire more inspectors.", "to hire more inspectors"),
    ("Officials in Elmsford advised people never to leave food outside.", "never to leave food outside"),
    ("Lena Ortiz reminded customers to check their meters.", "to check their meters"),
])
def test_a_request_is_the_infinitive_after_the_one_asked(run, text, content):
    assert contents(run(text)) == [content]


def test_a_tip_is_the_infinitive_after_the_one_tipped(run):
    assert contents(run("Lena Ortiz has tipped the home side to win the cup.")) == ["to win the cup"]
    assert run("The film is tipped to win best picture. Lasko tipped the ball over the bar for a corner.") == []


@pytest.mark.parametrize("text, content", [
    ("Lena Ortiz called the plan a costly mistake.", "the plan a costly mistake"),
    ("Tom Renner described the results as far too modest.", "the results as far too modest"),
    ("His worry lies in what Tom Renner calls the slow decay of the river.", "the slow decay of the river"),
    ("Lena Ortiz accused the council of betraying its voters.", "betraying its voters"),
    ("Tom Renner cited the floods among the threats to the town.", "the floods among the threats to the town"),
    ("The Norvale Bank forecast a 3% rise in revenue.", "a 3% rise in revenue"),
    ("A report by the Elm Institute recommends gathering more data on the river.", "gathering more data on the river"),
    ("The two mayors agreed to continue the talks.", "to continue the talks"),
])
def test_a_speech_act_reports_a_predicate_a_gerund_or_what_its_preposition_governs(run, text, content):
    assert contents(run(text)) == [content]


# ---- what is no statement ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Lena Ortiz announced her resignation on Monday.",
    "The Norvale Bank offered its services to the city.",
    "Tom Renner cited statements made by the council last year.",
    "The firm disclosed a loss of $3 million.",
])
def test_a_noun_object_that_carries_no_proposition_is_no_statement(run, text):
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "Lena Ortiz believes the bridge will open in May.",
    "Tom Renner expects the council to approve the budget.",
    "Lena Ortiz hopes the river will stay calm.",
    "Tom Renner thinks the plan could work.",
])
def test_a_belief_without_a_speech_verb_is_no_statement(run, text):
    assert run(text) == []


def test_a_belief_a_speech_verb_reports_is_the_statement(run):
    quotes = run("Lena Ortiz said she hoped the bridge would open in May.")
    assert contents(quotes) == ["she hoped the bridge would open in May"]


def test_a_relative_clause_with_a_gap_is_no_statement(run):
    assert run("Lena Ortiz criticised the groups that Tom Renner claims to support.") == []


# ---- several speech acts, and where the content ends ---------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Lena Ortiz told the board that the budget was short, but board members said the money was there.",
     [("the budget was short", "Lena Ortiz"), ("the money was there", "board members")]),
    ("The Greens say the plan is too late while the Liberals say the plan may not work.",
     [("the plan is too late", "Greens"), ("the plan may not work", "Liberals")]),
])
def test_two_speech_acts_in_one_sentence_are_two_statements(run, text, found):
    assert [(q.text, q.speaker) for q in run(text)] == found


def test_a_clause_after_the_verb_is_what_it_reports_not_one_before_it(run):
    text = ("In the review ordered by the Elmsford council — the second such review to be released this month — "
            "Lena Ortiz said the board had failed to deal with the pattern of neglect.")
    assert contents(run(text)) == ["the board had failed to deal with the pattern of neglect"]


def test_a_clause_the_writer_frames_is_not_what_was_said(run):
    text = "The death toll rose to 280 on Monday, officials said, as rescuers searched the ruins for survivors."
    assert contents(run(text)) == ["The death toll rose to 280 on Monday"]


def test_a_participle_the_writer_adds_ends_the_content(run):
    text = "Tom Renner admitted his posts need to be approved before they go out, denying the juicy stuff to fans."
    assert contents(run(text)) == ["his posts need to be approved before they go out"]


@pytest.mark.parametrize("text, arcs, content", [
    # (as the model reads it with some surnames: the name a modifier of "said", and "said"
    # a modifier of the clause after it)
    ("Still, Ortiz said illness can complicate a marriage.",
     {0: (6, "advmod"), 1: (6, "punct"), 2: (3, "advmod"), 3: (6, "advmod"), 4: (6, "nsubj"), 6: (6, "ROOT"),
      8: (6, "dobj"), 9: (6, "punct")},
     "illness can complicate a marriage"),
    ("When they got a dog, Ortiz said they had to walk it.", {6: (7, "advmod")}, "they had to walk it"),
])
def test_a_speaker_and_a_clause_the_parser_misread_are_still_found(nlp, misparsed, text, arcs, content):
    doc = misparsed(text, arcs)
    assert [(t.dep_, t.head.i) for t in doc if t.i in arcs] == [(dep, head) for head, dep in arcs.values()]
    quotes = analyse(Document("d", text), doc).quotes
    assert [(q.text, q.speaker) for q in quotes] == [(content, "Ortiz")]


# ---- the speaker wherever it stands ------------------------------------------------------------

@pytest.mark.parametrize("text, content", [
    ("Tom Renner studies games. By contrast, said Mr Renner, learning through games may mean pupils do not feel "
     "like they are studying.", "learning through games may mean pupils do not feel like they are studying"),
    ("Tom Renner studies games. For instance, he said, in a version of the game made for German, a tired player "
     "would fall asleep.", "in a version of the game made for German, a tired player would fall asleep"),
    ("Tom Renner studies games. But, he said, using game worlds has never been easier.",
     "using game worlds has never been easier"),
    ("Tom Renner studies games. Instead, said Mr Renner, the systems were meant to control buyers.",
     "the systems were meant to control buyers"),
])
def test_an_attribution_set_off_inside_the_sentence_leaves_the_rest_as_content(run, text, content):
    quotes = run(text)
    assert [(q.text, q.speaker) for q in quotes] == [(content, "Tom Renner")]


def test_a_subject_before_a_set_off_attribution_is_part_of_the_content(run):
    quotes = run("The hard part of learning any language, said Tom Renner, was the basic vocabulary.")
    assert [q.text for q in quotes] == ["The hard part of learning any language", "was the basic vocabulary"]
    assert len({q.statement for q in quotes}) == 1


@pytest.mark.parametrize("text, content", [
    ("Fifty people remained missing on Monday, the Elmsford Red Cross said, raising the prospect of a higher toll.",
     "Fifty people remained missing on Monday"),
    ("There are people trying to spread fear about the river, Tom Renner said, though he did not name any groups.",
     "There are people trying to spread fear about the river"),
])
def test_what_the_writer_adds_after_a_set_off_attribution_is_no_content(run, text, content):
    assert contents(run(text)) == [content]


def test_an_absolute_phrase_after_the_verb_is_no_content(run):
    quotes = run("Tom Renner spoke at the river.\n\n“I love this town too,” he said, eyes welling up with tears.")
    assert contents(quotes) == ["I love this town too,"]


def test_a_crosshead_quoting_the_article_is_no_statement(run):
    text = ("Lena Ortiz runs the shelter on Elm Street.\n\n‘Just listen to us’\n\n"
            "“Just listen to us,” Ortiz said.")
    assert [(q.text, q.speaker) for q in run(text)] == [("Just listen to us,", "Lena Ortiz")]


def test_according_to_in_the_middle_of_a_sentence_splits_the_content(run):
    quotes = run("There are real concerns here. Some of those concerns, according to water experts, include the "
                 "plant's link to the old dam.")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Some of those concerns", "water experts"), ("include the plant's link to the old dam", "water experts")]


def test_according_to_takes_the_clause_after_the_writers_way_into_it(run):
    quotes = run("For example, in Elmsford, where 1,700 families arrived in the first year, 795 adults remain "
                 "dependent on income assistance, according to the province's Department of Community Services.")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("795 adults remain dependent on income assistance", "Department of Community Services")]


# ---- a noun of what was said -------------------------------------------------------------------

@pytest.mark.parametrize("text, content, speaker, cue", [
    ("Tom Renner expressed doubts that the new gate would stop the floods.", "the new gate would stop the floods",
     "Tom Renner", "expressed doubts"),
    ("Lena Ortiz dismissed claims that the bridge was unsafe.", "the bridge was unsafe", "Lena Ortiz",
     "dismissed claims"),
    ("The Elm Bank raised rates twice, citing evidence the recovery was becoming more robust.",
     "the recovery was becoming more robust", "the Elm Bank", "citing evidence"),
    ("Tom Renner's criticism was that the plan ignores the river.", "the plan ignores the river", "Tom Renner",
     "criticism"),
])
def test_a_noun_of_what_was_said_holds_a_statement(run, text, content, speaker, cue):
    assert [(q.text, q.speaker, q.cue) for q in run(text)] == [(content, speaker, cue)]


def test_a_noun_of_what_was_said_with_no_one_saying_it_is_no_statement(run):
    assert run("The claim that the bridge was unsafe spread quickly. Doubts that the gate works remain.") == []


def test_the_one_told_is_never_the_speaker_when_the_parser_makes_it_the_subject(nlp, misparsed):
    # (as the model may read it: "Tenants advocate" a clause of its own, the outlet the subject)
    text = "Tenants advocate Lena Ortiz told CBC News the laws favour the owner."
    arcs = {0: (1, "nsubj"), 1: (4, "ccomp"), 2: (3, "compound"), 3: (1, "dobj"), 4: (4, "ROOT"),
            5: (6, "compound"), 6: (4, "nsubj"), 7: (8, "det"), 8: (9, "nsubj"), 9: (4, "ccomp"),
            10: (11, "det"), 11: (9, "dobj"), 12: (4, "punct")}
    quotes = analyse(Document("d", text), misparsed(text, arcs)).quotes
    assert [(q.text, q.speaker) for q in quotes] == [("the laws favour the owner", "Lena Ortiz")]


# ---- a subject that speaks though no one is named for it ---------------------------------------

@pytest.mark.parametrize("text, content, mention", [
    ("The hearing ended at noon. It also said he had behaved well.", "he had behaved well", "It"),
    ("Those involved say the issue is complex.", "the issue is complex", "Those involved"),
    ("Six in 10 say the mayor is decisive.", "the mayor is decisive", "Six in 10"),
])
def test_a_pronoun_or_a_group_no_one_is_named_for_still_makes_a_statement(run, text, content, mention):
    found = [q for q in run(text) if q.text == content]
    assert len(found) == 1 and found[0].speaker_mention and mention.startswith(found[0].speaker_mention)


@pytest.mark.parametrize("text, content", [
    ("Police found the van on Friday. The 21-year-old said the fire had started in the kitchen.",
     "the fire had started in the kitchen"),
    ("Police held two men. One of the men, Ray Tolland, 34, said the car had been stolen.",
     "the car had been stolen"),
])
def test_a_description_no_resolver_names_still_makes_a_statement(run, text, content):
    assert [q.text for q in run(text) if q.text == content] == [content]


@pytest.mark.parametrize("text", [
    "It is what they call a bandage solution.",  # a term, not a claim
    "It's safe to say he was late.",  # "it" is not the one saying
    "You can suggest that he shaves.",
])
def test_a_subject_that_is_no_speaker_makes_no_statement(run, text):
    assert run(text) == []


def test_a_relative_clause_in_which_someone_speaks_again_ends_the_content(run):
    quotes = run("Lena Ortiz said there had been a drop in tests since 1997, which she said the city needed to address.")
    assert [q.text for q in quotes] == ["there had been a drop in tests since 1997", "the city needed to address"]
    quotes = run("Lena Ortiz said the plan came from Tom Renner, who said it was wrong.")
    assert [(q.text, q.speaker) for q in quotes] == [("the plan came from Tom Renner", "Lena Ortiz"),
                                                     ("it was wrong", "Tom Renner")]


@pytest.mark.parametrize("text, content", [
    ("Lena Ortiz said prices rose by 3%.", "prices rose by 3%"),
    ("Prices rose by 3%, Lena Ortiz said.", "Prices rose by 3%"),
    ("Prices rose by 3%, according to Lena Ortiz.", "Prices rose by 3%"),
])
def test_a_per_cent_sign_ends_the_content_with_its_number(run, text, content):
    assert [q.text for q in run(text)] == [content]


def test_a_statement_inside_what_a_later_verb_reports_is_part_of_it(run):
    text = "The city should use its budget to encourage residents to walk more, Lena Ortiz writes."
    assert [(q.text, q.speaker) for q in run(text)] == [
        ("The city should use its budget to encourage residents to walk more", "Lena Ortiz")]


def test_a_clause_subject_the_parser_made_the_verbs_object_is_part_of_the_content(nlp, misparsed):
    # (as the model may read it: "unemployment" the object of "said", the clause starting at "have")
    text = "Lena Ortiz said unemployment and lost wages have broad effects."
    arcs = {2: (2, "ROOT"), 3: (2, "dobj"), 4: (2, "cc"), 5: (6, "amod"), 6: (3, "conj"), 7: (2, "ccomp"),
            8: (9, "amod"), 9: (7, "dobj"), 10: (2, "punct")}
    quotes = analyse(Document("d", text), misparsed(text, arcs)).quotes
    assert [(q.text, q.speaker) for q in quotes] == [("unemployment and lost wages have broad effects", "Lena Ortiz")]


def test_a_cue_of_quotes_alone_quoting_nothing_does_not_end_the_content(run):
    # ("continue" cues quotes only: 'the council will continue to fund' is no one's speech act)
    quotes = run('Lena Ortiz said the vote came as a "surprise and a relief," and the council will continue to fund the project.')
    assert [q.text for q in quotes] == ['the vote came as a "surprise and a relief," and the council will continue to fund the project']


def test_according_to_ends_before_the_subject_the_parser_made_its_apposition(nlp, misparsed):
    # (as the model may read it: "the rate …" an apposition of "the city", "is" with no subject)
    text = "According to the numbers from the city, the rate of young workers is twice the average."
    quotes = analyse(Document("d", text), misparsed(text, {6: (4, "pobj"), 9: (6, "appos")})).quotes
    assert [q.text for q in quotes] == ["the rate of young workers is twice the average"]


def test_a_clause_on_the_one_told_is_the_content_not_the_writers_clause_after_it(run):
    # (the model hangs "he painted …" on "officers" and makes "so police would not …" the verb's clause)
    quotes = run("Ray Tolland was arrested on Monday. He told officers he painted the van a new colour so police "
                 "would not be able to trace him.")
    assert contents(quotes) == ["he painted the van a new colour so police would not be able to trace him"]


def test_a_ruling_is_a_statement_but_ruling_something_out_is_none(run):
    text = ("Mr Smith said the flaws were known about, and although the firm had not seen any attacks, "
            "he did not rule them out. An independent tribunal ruled that the duo had not been told of the test.")
    quotes = run(text)
    assert one(quotes, "the flaws were known").text.endswith("rule them out")
    assert one(quotes, "the duo had not").speaker == "an independent tribunal"
