"""People the named-entity model takes for an organisation or a place: the names pass
makes them people when the text goes on to call them "he" or "she", or sets them beside
someone's relative or role ("his wife, Giselle"), so that their statements are a person's,
with a gender; and a pronoun that may be another person's tells nothing of the gender."""

import pytest

from quotes.engine.pipeline import extract_documents
from quotes.gender import FEMALE, MALE
from quotes.model import Document


@pytest.fixture(scope="module")
def speakers(nlp):
    def _speakers(text):
        result = next(extract_documents([Document(id="t", text=text)], nlp=nlp))
        return {s.name: s for s in result.speakers}
    return _speakers


def test_a_given_name_taken_for_a_place_that_he_reads_on_from_is_a_person(speakers):
    # (the small model tags "Brantley" a place both times)
    found = speakers("Later, Brantley told the crowd about the night he first sang in public. "
                     "\u201cIt was terrifying,\u201d said Brantley.")
    assert found["Brantley"].kind == "person"
    assert found["Brantley"].gender == MALE


def test_a_full_name_taken_for_an_organisation_that_she_reads_on_from_is_a_person(speakers):
    # ("Ilsa Varnekova" tagged an organisation, "Varnekova" a place)
    found = speakers("For Ilsa Varnekova, Friday is a day she has been awaiting for months. "
                     "Varnekova says she will finally be able to rest.")
    assert "Varnekova" not in found
    assert found["Ilsa Varnekova"].kind == "person"
    assert found["Ilsa Varnekova"].gender == FEMALE


def test_what_an_organisation_says_of_him_makes_it_no_person(speakers):
    # (the small model tags the club "Kendall" an organisation; "he" is the striker)
    found = speakers("The striker limped off in the first half. Kendall said he would miss the "
                     "next three games.")
    assert found["Kendall"].kind != "person"


def test_a_pronoun_in_the_clause_of_another_persons_subject_tells_nothing(speakers):
    # "he" hangs on the clause whose subject is Mr Brantley: it may be his, not Verhoek's
    found = speakers("Shadow minister Tomas Verhoek says Mr Brantley should quit if he is found to "
                     "have misled the board.")
    evidence = {(kind, word) for kind, word, _ in found["Tomas Verhoek"].gender_evidence}
    assert ("pronoun", "he") not in evidence


def test_a_name_set_beside_someones_relative_is_a_person(speakers):
    # ("Darrin" tagged a place, "Giselle" an organisation)
    found = speakers("\u201cIf Tomas wasn\u2019t publishing local comics, I don\u2019t think Xander would be "
                     "drawing,\u201d says Varnekova\u2019s dad, Darrin.")
    assert found["Darrin"].kind == "person" and found["Darrin"].gender == MALE
    found = speakers("\u201cIt was a long night,\u201d said his wife, Giselle.")
    assert found["Giselle"].kind == "person" and found["Giselle"].gender == FEMALE
