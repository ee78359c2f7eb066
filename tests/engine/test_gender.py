"""A person's gender from how the article refers to them: pronouns resolved to them,
honorifics and gendered nouns beside the name, and the given name only when the text says
nothing. Evidence that disagrees gives "unknown"; organisations have no gender."""

import pytest

from quotes.engine.pipeline import extract_documents
from quotes.gender import (BY_GIVEN_NAME, BY_TEXT, FEMALE, MALE, UNKNOWN, as_tuples, decide, describe,
                           evidence_of, from_tuples)
from quotes.model import Document


@pytest.fixture(scope="module")
def people(nlp):
    def _people(text):
        result = next(extract_documents([Document(id="t", text=text)], nlp=nlp))
        return {s.name: s for s in result.speakers}
    return _people


def evidence(speaker):
    return {(kind, word): n for kind, word, n in speaker.gender_evidence}


def test_pronouns_resolved_to_a_person_are_counted(people):
    found = people("Tasvir Oyelaran opened the new clinic on Monday. She said the town had waited "
                   "ten years for it. \u201cWe will be open every day,\u201d she said.")
    speaker = found["Tasvir Oyelaran"]
    assert speaker.gender == FEMALE
    assert evidence(speaker)["pronoun", "she"] == 2


def test_an_honorific_before_the_name_tells_the_gender(people):
    found = people("\u201cThe bridge stays closed,\u201d said Mr. Okonkwo-Dale, the county engineer. "
                   "Residents were not pleased.")
    speaker = next(s for s in found.values() if "Okonkwo-Dale" in s.name)
    assert speaker.gender == MALE
    assert evidence(speaker)["honorific", "mr"] == 1


def test_a_gendered_noun_beside_the_name_tells_the_gender(people):
    found = people("\u201cWe have no comment on the audit,\u201d said Brenwick Council spokeswoman "
                   "Tasvir Oyelaran on Tuesday.")
    speaker = found["Tasvir Oyelaran"]
    assert speaker.gender == FEMALE
    assert ("noun", "spokeswoman") in evidence(speaker)


def test_a_peerage_title_or_a_family_noun_tells_the_gender(people):
    found = people("\u201cThe bill is flawed,\u201d said Baroness Oyelaran, a former minister.")
    speaker = next(s for s in found.values() if "Oyelaran" in s.name)
    assert speaker.gender == FEMALE and ("noun", "baroness") in evidence(speaker)
    found = people("The miner's grandson, Tasvir Oyelaran, said the pit had closed in 1985.")
    assert found["Tasvir Oyelaran"].gender == MALE


def test_a_word_of_an_organisations_name_in_the_role_tells_nothing(people):
    found = people("Tasvir Oyelaran, a politics professor at Queen Adela College, said the vote "
                   "would be close.")
    speaker = found["Tasvir Oyelaran"]
    assert speaker.gender == UNKNOWN and not speaker.gender_evidence


def test_the_given_name_decides_only_when_the_text_says_nothing(people):
    found = people("Denise Halvorsen said the harvest was the worst in a decade.")
    speaker = found["Denise Halvorsen"]
    assert speaker.gender == FEMALE
    assert speaker.gender_evidence == (("given name", "denise", 1),)
    assert decide(from_tuples(speaker.gender_evidence)) == (FEMALE, BY_GIVEN_NAME)


def test_a_given_name_the_census_lists_lack_is_read_from_the_births_statistics(people):
    # "Kenza" and "Hamish" are in the Social Security births, not in the Census 1990 lists
    assert people("Kenza Dovrelli said the harvest was the worst in a decade.")["Kenza Dovrelli"].gender == FEMALE
    found = people("Hamish Dovrelli said the harvest was the worst in a decade.")["Hamish Dovrelli"]
    assert found.gender == MALE and decide(from_tuples(found.gender_evidence)) == (MALE, BY_GIVEN_NAME)
    # a name the Census lists hold for both genders stays unknown whatever the births say
    assert decide(evidence_of((), None, "Jody Dovrelli")) == (UNKNOWN, None)


def test_a_given_name_the_us_lists_lack_is_read_from_other_countries_names(people):
    # "Toshihiko" and "Basuki" are in neither US list; other countries' registers know them
    found = people("Toshihiko Dovrelli said the harvest was the worst in a decade.")["Toshihiko Dovrelli"]
    assert found.gender == MALE and decide(from_tuples(found.gender_evidence)) == (MALE, BY_GIVEN_NAME)
    assert decide(evidence_of((), None, "Basuki Dovrelli")) == (MALE, BY_GIVEN_NAME)
    # a name the US lists read one way and other countries the other tells nothing
    assert decide(evidence_of((), None, "Stephane Dovrelli")) == (UNKNOWN, None)
    # a common English word is no given name, whatever a register holds
    assert decide(evidence_of((), None, "Evening Dovrelli")) == (UNKNOWN, None)


def test_a_one_word_given_name_is_a_given_name_but_a_surname_is_not(people):
    assert people("\u201cI loved every minute,\u201d Heather said after the final.")["Heather"].gender == FEMALE
    assert decide(evidence_of([("Ortiz", "name")], None, "Ortiz")) == (UNKNOWN, None)


def test_no_evidence_is_unknown_never_a_guess(people):
    found = people("Tasvir Oyelaran said the harvest was the worst in a decade.")
    assert found["Tasvir Oyelaran"].gender == UNKNOWN


def test_an_organisation_has_no_gender(people):
    found = people("The Brenwick Water Board said on Monday that the reservoir was full.")
    board = next(s for s in found.values() if "Water Board" in s.name)
    assert board.kind == "organisation" and board.gender is None and board.gender_evidence == ()


def test_a_possessive_that_can_mean_only_one_person_counts(people):
    found = people("\u201cThe guide is overdue,\u201d said Tasvir Oyelaran, who writes about food "
                   "policy on her blog.")
    speaker = found["Tasvir Oyelaran"]
    assert speaker.gender == FEMALE and evidence(speaker)["pronoun", "her"] == 1


def test_a_possessive_in_a_clause_whose_subject_is_the_name_does_not_count(people):
    # "her" is someone else: the person named is the clause's subject
    found = people("Tasvir Oyelaran said the court had been unfair. Tasvir Oyelaran then visited "
                   "her home in the valley.")
    assert found["Tasvir Oyelaran"].gender == UNKNOWN


def test_a_possessive_after_a_person_noun_does_not_count(people):
    found = people("Tasvir Oyelaran and a lawyer met on Monday. \u201cIt went well,\u201d said "
                   "Tasvir Oyelaran, whose lawyer said her client would appeal.")
    assert found["Tasvir Oyelaran"].gender == UNKNOWN


def test_evidence_that_disagrees_gives_unknown():
    assert decide({("honorific", "mr"): 1, ("honorific", "ms"): 1}) == (UNKNOWN, None)
    assert decide({("pronoun", "she"): 3, ("pronoun", "he"): 2}) == (UNKNOWN, None)
    # one stray pronoun in many does not undo the rest
    assert decide({("pronoun", "she"): 14, ("pronoun", "he"): 1}) == (FEMALE, BY_TEXT)


def test_a_pronoun_or_two_against_the_given_name_is_a_disagreement():
    assert decide({("pronoun", "he"): 2, ("given name", "tracy", ): 1}) == (UNKNOWN, None)
    assert decide({("pronoun", "he"): 4, ("given name", "tracy"): 1}) == (MALE, BY_TEXT)
    assert decide({("honorific", "mr"): 1, ("given name", "tracy"): 1}) == (MALE, BY_TEXT)


def test_evidence_reads_the_narrow_input_any_mention_model_gives():
    found = evidence_of([("Mrs. Ortiz", "name"), ("she", "pronoun"), ("Her", "pronoun"), ("it", "pronoun"),
                         ("wife", "noun")], "spokeswoman for the board", "Lena Ortiz")
    assert as_tuples(found) == (("pronoun", "her", 1), ("pronoun", "she", 1), ("honorific", "mrs", 1),
                                ("noun", "spokeswoman", 1), ("noun", "wife", 1), ("given name", "lena", 1))


def test_evidence_is_written_for_a_reader():
    assert describe([("pronoun", "she", 14, 6), ("honorific", "ms", 2, 1), ("given name", "lena", 3, 3)]) == \
        "she: 14 times in 6 articles; Ms: 2 times; given name Lena (weaker)"


def test_a_noun_in_apposition_with_the_name_tells_the_gender(people):
    found = people("The farmer's wife, Tasvir Oyelaran, said the harvest was the worst in a decade.")
    speaker = found["Tasvir Oyelaran"]
    assert speaker.gender == FEMALE and evidence(speaker) == {("noun", "wife"): 1}


def test_evaluate_scores_genders_against_gold_that_names_the_women_and_men(nlp, tmp_path):
    import json

    from quotes.evaluate import evaluate, format_table

    text = ("\u201cThe roads are ready,\u201d said Denise Halvorsen, the county engineer. She added that "
            "crews would work all night.\n\n\u201cWe are not so sure,\u201d said Marcus Thornbury, who "
            "runs the depot.\n\nTasvir Oyelaran said the budget was too small.")
    gold = {"id": "g1", "text": text, "quotes": [],
            "meta": {"sources_female": ["Denise Halvorsen", "Tasvir Oyelaran"], "sources_male": ["Marcus Thornbury"]}}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    report = evaluate(str(path), nlp=nlp)
    g = report.as_dict()["gender"]
    # Oyelaran: found, but nothing in the text (nor the Census) tells her gender
    assert (g["sources"], g["found"], g["gendered"], g["right"]) == (3, 3, 2, 2)
    assert g["precision"] == 1.0 and g["coverage"] == round(2 / 3, 4)
    # ours: 1 woman of 2 people with a gender; the gold's: 2 of 3
    assert g["articles"] == 1 and g["share_within"] == 0.0
    assert "gender: precision 1.000" in format_table(report)


def test_a_pronoun_with_someone_else_between_tells_nothing(people):
    # the daughter may be the one who speaks: "she" tells nothing of Tasvir Oyelaran
    found = people("Tasvir Oyelaran opened the meeting. The daughter of a miner recalled the strike. "
                   "\u201cIt was a hard winter,\u201d she said.")
    assert found["Tasvir Oyelaran"].gender == UNKNOWN
    # nor does what follows from it
    assert ("pronoun", "she") not in evidence(found["Tasvir Oyelaran"])


def test_a_noun_of_the_other_gender_between_does_not_stand_in_the_way(people):
    found = people("Tasvir Oyelaran was with his sister when the flood came. \u201cWe lost the house,\u201d "
                   "he said.")
    assert found["Tasvir Oyelaran"].gender == MALE
    assert evidence(found["Tasvir Oyelaran"])["pronoun", "he"] == 1


def test_a_pronoun_in_a_title_is_no_pronoun(people):
    found = people("Tasvir Oyelaran spoke to students on Friday. \u201cWatch everything,\u201d Oyelaran said. "
                   "The She Hate Me director urged them to raise money on their own.")
    assert found["Tasvir Oyelaran"].gender == UNKNOWN and not found["Tasvir Oyelaran"].gender_evidence


def test_a_possessive_after_a_pronoun_that_told_nothing_tells_nothing(people):
    # the two "she" are the daughter, or Lena Ortiz: not countable, and "her" goes with them,
    # not with the one person the sentence names
    found = people("Lena Ortiz chaired the session. The miner's daughter came in late. She had heard "
                   "that Quentin Marsh was running, and she said the talk was about her experience. "
                   "\u201cI am running,\u201d Marsh said.")
    assert ("pronoun", "her") not in evidence(found["Quentin Marsh"])


def test_a_name_the_index_missed_as_a_subject_stands_in_the_way(people):
    # the model took "Rowling" for a common noun: "she" may be her, not Tasvir Oyelaran
    found = people("Tasvir Oyelaran opened the clinic. Rowling has already revealed that the plan was "
                   "old. \u201cWe are proud,\u201d she said. \u201cIt is late,\u201d Oyelaran said.")
    assert found["Tasvir Oyelaran"].gender == UNKNOWN


def test_one_person_of_ours_is_one_gold_person_only():
    from quotes.evaluate import same_person
    from quotes.evaluate_gender import matched
    from quotes.model import Speaker

    same = lambda p, g: same_person(p, g, {}, frozenset())  # noqa: E731
    lena, ortiz = Speaker(name="Lena Ortiz"), Speaker(name="Ortiz")
    # the exact name first, whatever the order; the bare surname then finds the other Ortiz
    assert matched(["Ivo Ortiz", "Lena Ortiz"], [ortiz, lena], same) == {"Lena Ortiz": lena, "Ivo Ortiz": ortiz}
    # one row named "Ortiz" is not both Ortizes of the gold
    assert matched(["Ivo Ortiz", "Lena Ortiz"], [ortiz], same) == {"Ivo Ortiz": ortiz}


def test_a_gold_name_with_an_initial_after_it_is_the_name_without_it():
    from quotes.evaluate import same_person
    from quotes.evaluate_gender import matched
    from quotes.model import Speaker

    same = lambda p, g: same_person(p, g, {}, frozenset())  # noqa: E731
    hannah, mira = Speaker(name="Hannah"), Speaker(name="Mira Solberg")
    assert matched(["Hannah B", "Mira Solberg"], [hannah, mira], same) == {"Hannah B": hannah, "Mira Solberg": mira}
    # still one gold person a person of ours: the second "Hannah" of the gold finds no one
    assert matched(["Hannah B", "Hannah G."], [hannah], same) == {"Hannah B": hannah}
    # a longer given name is not the same name
    assert matched(["Hannah B"], [Speaker(name="Hannahlee")], same) == {}


def test_a_given_name_the_model_took_for_an_organisation_stands_in_the_way(people):
    # "Colton" is tagged an organisation: "he" is him, not Tasvir Oyelaran
    found = people("Since Tasvir Oyelaran, who is also 31, got the prize after Colton admired her bold "
                   "work and praised her a lot, more than he did Demi. \u201cI was nervous,\u201d Oyelaran said.")
    assert ("pronoun", "he") not in evidence(found["Tasvir Oyelaran"])


def test_the_subject_of_a_relative_clause_about_the_person_is_someone_else(people):
    # "with whom he bonded": "he" is not Tasvir Oyelaran, whom the clause is about
    found = people("Before the final, Colton shared a long talk with Tasvir Oyelaran (with whom he bonded "
                   "over their love of chess). \u201cI was nervous,\u201d Oyelaran said.")
    assert found["Tasvir Oyelaran"].gender == UNKNOWN and not found["Tasvir Oyelaran"].gender_evidence
    # nor is the "he" that reads on from that one
    found = people("Before the final, Colton shared a long talk with Tasvir Oyelaran (with whom he bonded "
                   "over chess), but he never asked for a second date. \u201cI was nervous,\u201d Oyelaran said.")
    assert found["Tasvir Oyelaran"].gender == UNKNOWN and not found["Tasvir Oyelaran"].gender_evidence
    # a relative clause about another name before the pronoun does not stand in the way
    found = people("Tasvir Oyelaran coached at Brenwick, whom he led for five years. \u201cIt was a good "
                   "time,\u201d Oyelaran said.")
    assert evidence(found["Tasvir Oyelaran"]).get(("pronoun", "he")) == 1
