"""Within one document, names are joined by the same name model as the speaker rows
(quotes.name_matcher): a short form, an initial, accents, a suffix, a styled title."""

from quotes.engine.pipeline import extract_documents
from quotes.model import Document


def speakers(nlp, text):
    result = next(extract_documents([Document("t", text)], nlp=nlp))
    return [q.speaker for q in result.quotes], [s.name for s in result.speakers]


def test_a_short_form_of_the_given_name_is_the_same_speaker(nlp):
    said, found = speakers(nlp, "William Renner said the harbour plan was sound. "
                                "\u201cIt will work,\u201d Bill Renner added.")
    assert said == ["William Renner", "William Renner"] and found == ["William Renner"]


def test_an_initial_and_accents_are_the_same_speaker(nlp):
    said, found = speakers(nlp, "Lena Ortiz said the vote was close. \u201cWe counted twice,\u201d "
                                "L. Ortiz said later.\n\nJosé Pérez said the count was fair. "
                                "\u201cIt was,\u201d Jose Perez said.")
    assert said == ["Lena Ortiz", "Lena Ortiz", "José Pérez", "José Pérez"], said


def test_a_surname_alone_finds_the_name_with_a_suffix(nlp):
    said, found = speakers(nlp, "Paul Renner Jr. said the mill would reopen in spring. "
                                "\u201cWe have the orders,\u201d Renner said.")
    assert said == ["Paul Renner Jr", "Paul Renner Jr"] and found == ["Paul Renner Jr"]


def test_a_styled_title_stays_with_the_name(nlp):
    said, found = speakers(nlp, "The bishops met Pope Lucian on Tuesday. \u201cWe must listen to the poor,\u201d "
                                "Pope Lucian said.")
    assert said == ["Pope Lucian"] and found == ["Pope Lucian"]


def test_two_people_with_one_name_and_different_suffixes(nlp):
    said, found = speakers(nlp, "\u201cWe will win,\u201d said Paul Ortner III, who runs the Elm Shores club.\n\n"
                                "Ortner was five when the club opened. His father, Paul Ortner, Jr., founded it.\n\n"
                                "\u201cIt is our year,\u201d Ortner says.")
    assert said == ["Paul Ortner III", "Paul Ortner III"], said
    assert found == ["Paul Ortner III"]


def test_no_article_is_added_to_a_name_that_only_modifies_another_word(nlp):
    said, _ = speakers(nlp, "Sales at the Harbour Bank branch in Norvale fell sharply. "
                            "\u201cWe expect a better quarter,\u201d Harbour Bank said.")
    assert said == ["Harbour Bank"]
    said, _ = speakers(nlp, "The Norvale Council met on Monday. \u201cWe will vote,\u201d the Norvale Council said.")
    assert said == ["the Norvale Council"]


def test_a_fuller_form_with_initials_does_not_replace_the_given_name(nlp):
    said, found = speakers(nlp, "Eddie Vance said the studio would open. \u201cWe are ready,\u201d E. J. Vance said.")
    assert said == ["Eddie Vance", "Eddie Vance"] and found == ["Eddie Vance"]


def test_the_evidence_of_a_name_says_which_rule_joined_it(nlp):
    result = next(extract_documents([Document("t", "William Renner said the harbour plan was sound. "
                                                   "\u201cIt will work,\u201d Bill Renner added. "
                                                   "\u201cThe town needs it,\u201d Renner said.")], nlp=nlp))
    said, added, again = result.quotes
    assert added.speaker == again.speaker == "William Renner" and added.speaker_mention == "Bill Renner"
    assert added.evidence.endswith("'Bill Renner' is William Renner: nickname Bill ~ William"), added.evidence
    assert again.evidence.endswith("'Renner' is William Renner: surname alone"), again.evidence
