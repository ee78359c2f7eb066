"""Who the speaker's words name, on evidence the article gives (engine/entities/): each test
is a mechanism seen failing on articles nobody tuned to, on an invented text."""

from .conftest import one  # noqa: F401


def test_a_role_the_model_tagged_as_an_organisation_is_a_description_of_the_person_just_named(run):
    """'The MEP said' (MEP tagged ORG) is the person the sentence before is about, not an
    organisation called "the MEP"."""
    text = ("Former chat show host Dana Kettleby-Voss has quit the Harbour Party and accused it of "
            "betraying its voters.\n\nThe MEP said she was ashamed to have joined the party.")
    q = one(run(text), "she was ashamed")
    assert (q.speaker, q.resolver) == ("Dana Kettleby-Voss", "description")


def test_a_known_persons_surname_the_model_tagged_as_an_organisation_is_that_person(run):
    """'Mr Kettleby-Voss' tagged ORG (three tokens with its hyphen) is the person named in
    full, so 'He told …' after it reads on from him, not from someone named before."""
    text = ("Former chat show host Aldo Kettleby-Voss has quit the Harbour Party.\n\n"
            "Party leader Tom Brandt said he would celebrate. Mr Brandt rejected the idea that "
            "Mr Kettleby-Voss was a threat.\n\nMr Kettleby-Voss explained his reasons at a meeting in "
            "Elmsford. Mr Kettleby-Voss accused his fellow members of sitting on their hands. "
            "He told Norvale Radio: \"I tried to change the party.\"")
    assert one(run(text), "I tried").speaker == "Aldo Kettleby-Voss"
