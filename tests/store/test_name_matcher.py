"""The one name model: parsing a name, the rules that take a new name for a known one, and
the reason each gives. Pure Python: no spaCy, no database."""

from quotes.name_matcher import NameMatcher, RULES
from quotes.names import is_proper_name, not_a_name, parse_name, person_name


def known(*names):
    matcher = NameMatcher()
    for name in names:
        matcher.add(person_name(name), name)
    return matcher


def found(matcher, name):
    match = matcher.find(person_name(name))
    return (match.entry, match.rule, match.reason) if match else None


def test_each_rule_names_what_it_matched_and_why():
    people = known("William Renner", "Lena J. Ortiz", "Rafe Marwick", "Ana Kay Henry", "Quist")
    assert found(people, "Bill Renner") == ("William Renner", "variant", "nickname Bill ~ William")
    assert found(people, "W. Renner") == ("William Renner", "variant", "initial W ~ William")
    assert found(people, "Lena Ortiz") == ("Lena J. Ortiz", "variant", "a middle name more or less")
    assert found(people, "Lena J Ortiz") == ("Lena J. Ortiz", "same name", "same name")
    assert found(people, "Ortiz") == ("Lena J. Ortiz", "surname", "surname alone: Ortiz of Lena J Ortiz")
    assert found(people, "Marwik") == ("Rafe Marwick", "near-spelling", "near-spelling Marwik ~ Marwick")
    assert found(people, "Rafe Marwik") == ("Rafe Marwick", "near-spelling", "near-spelling Marwik ~ Marwick")
    assert found(people, "Lena") == ("Lena J. Ortiz", "given name", "given name alone: Lena of Lena J Ortiz")
    assert found(people, "Nora Quist") == ("Quist", "completes", "full name of Quist")
    assert found(people, "Kay Henry") == ("Ana Kay Henry", "last words", "last words of Ana Kay Henry")
    assert found(people, "Hilary Renner") is None


def test_accents_dots_suffixes_and_particles():
    assert person_name("José Pérez") == person_name("Jose Perez")
    assert person_name("Paul Renner Jr.").surname == "renner" and person_name("Paul Renner Jr.").suffix == "jr"
    assert person_name("Ana de Vries").surname == "de vries"
    people = known("Paul Renner Jr.", "Ana de Vries")
    assert found(people, "Renner")[0] == "Paul Renner Jr."
    assert found(people, "Vries")[0] == "Ana de Vries"
    assert found(people, "de Vries")[0] == "Ana de Vries"
    assert found(known("Paul Renner"), "Paul Renner Jr.") is None  # a suffix tells them apart


def test_a_surname_two_people_share_decides_nothing_alone():
    people = known("Paul Renner", "Ada Renner")
    assert found(people, "Renner") is None
    rules = [(rule.name, [m.entry for m in matches]) for rule, matches in people.candidates(person_name("Renner"))]
    assert rules[0] == ("surname", ["Paul Renner", "Ada Renner"])


def test_a_styled_title_stays_with_the_name():
    pope = person_name("Pope Lucian")
    assert (pope.title, pope.surname, pope.bare) == ("pope", "lucian", False)
    assert str(pope) == "Pope Lucian"
    assert person_name("President Ortiz").bare  # a role is not part of the name
    assert found(known("Pope Lucian"), "Lucian Okafor") is None
    assert found(known("Lucian Okafor"), "Pope Lucian") is None
    assert found(known("Prince Aurel"), "Prince Aurel")[1] == "same name"
    assert found(known("Prince Aurel"), "Aurel")[1] == "surname"  # within one text, him
    # the engine keeps every title ("Lady Bertram" is not "Bertram" alone)
    assert parse_name(("Lady", "Bertram"), keep="all").title == "lady"
    assert parse_name(("Lady", "Bertram")).bare


def test_words_that_name_no_one():
    for word in ("Twitter", "Republican", "Briton", "Monday", "March", "Truth Social"):
        assert not is_proper_name(word), word
    assert not_a_name("Twitter") == "platform" and not_a_name("Republican") == "party"
    assert not_a_name("Canadian") == "people" and not_a_name("Sunday") == "weekday or month"
    for name in ("Theresa May", "May", "Lena Green", "Green", "Twitter Inc", "Mark Cuban", "Cuban"):
        assert is_proper_name(name), name


def test_rules_are_listed_once_for_each_kind_of_name():
    assert [r.name for r in RULES if r.bare] == ["same name", "surname", "near-spelling", "given name"]
    assert [r.name for r in RULES if not r.bare] == ["same name", "near-spelling", "variant", "completes",
                                                     "last words"]


def test_names_not_shaped_like_a_persons_are_no_person_names():
    for name in ("the Harbour Times and NTV", "NTV Radio Live", "Friends of the Harbour", "Norvale 2030"):
        assert person_name(name) is None, name
    for name in ("CEO Lena Ortiz", "JK Ortiz", "Lena de la Cruz", "Mary Ann Lena Jo Ortiz"):
        assert person_name(name) is not None, name


def test_honorifics_agree_with_any_role_but_not_with_another_gender():
    from quotes.names import roles_agree

    assert roles_agree("Mr", "Former Labour leader") and roles_agree("Dr", "Mrs")
    assert roles_agree("Mr", "Sir") and roles_agree(None, "Mrs")
    assert not roles_agree("Mr", "Mrs") and not roles_agree("Mrs", "Lord")
    assert not roles_agree("Mr Defense Minister", "Foreign Minister")


def test_letters_after_a_name_are_no_part_of_it():
    """"Tom Ortner QC" and "Tom Ortner" are one speaker row; "Jr." stays a suffix."""
    assert parse_name(("Tom", "Ortner", "QC")) == parse_name(("Tom", "Ortner"))
    assert person_name("Ana Ruiz MSP") == person_name("Ana Ruiz")
    assert parse_name(("Paul", "Ortner", "Jr.")).suffix == "jr"


def test_what_a_rule_found_follows_the_names_added_since():
    people = known("Lena Ortiz")
    assert found(people, "Ortiz")[0] == "Lena Ortiz"
    people.add(person_name("Ana Ortiz"), "Ana Ortiz")  # two people share the surname now
    assert found(people, "Ortiz") is None
    people.add(person_name("Lena Ortiz"), "Ana Ortiz", canonical=False)  # a way one of them is written
    assert [m.entry for m in people.matches(person_name("Lena Ortiz"), RULES[4])] == ["Lena Ortiz", "Ana Ortiz"]
    renamed = known("Ortiz")
    renamed.add(person_name("Lena Ortiz"), "Ortiz", canonical=False)
    surname = RULES[1]
    assert [m.reason for m in renamed.matches(person_name("Ortiz"), surname)] == ["surname alone"]
    renamed.add(person_name("Lena Ortiz"), "Ortiz")  # a name written before becomes the canonical one
    assert [m.reason for m in renamed.matches(person_name("Ortiz"), surname)] == ["surname alone: Ortiz of Lena Ortiz"]
