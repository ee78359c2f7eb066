"""The entity graph of one article (engine/entities/): built once by ordered passes, then
frozen; every link says which rule made it and on what evidence."""

import pytest
from spacy.tokens import Span

from quotes.engine.entities.build import PASSES, build_graph
from quotes.engine.entities.graph import Entity, FrozenGraph, Kind


def test_the_passes_are_pinned():
    assert [p.name for p in PASSES] == ["names", "organisations", "documents", "descriptions", "pronouns"]


def test_a_built_graph_is_frozen(nlp):
    graph = build_graph(nlp("Lena Ortiz opened the bridge. She said the work was done."))
    with pytest.raises(FrozenGraph):
        graph.add_person(Entity("Paul Renner"))
    with pytest.raises(FrozenGraph):
        graph.index_name("Paul Renner", graph.people[0])


def test_every_link_names_its_rule_and_evidence_and_the_dump_shows_them(nlp):
    doc = nlp("Trade Minister Ilse Marwick opened the Norvale Grid Company plant.\n\n"
              "She said the plant would hire forty people.")
    graph = build_graph(doc)
    [person] = graph.people
    assert (person.name, person.role, person.gender) == ("Ilse Marwick", "Trade Minister", "female")
    she = graph.chained(doc.text.index("She"))
    assert (she.entity, she.mention.kind, she.rule) == (person, Kind.PRONOUN, "pronoun chain")
    assert she.evidence == "nearest female subject, 1 sentence back"
    assert all(link.rule and link.evidence for link in graph.links + graph.organisation_links)
    dump = graph.dump().splitlines()
    assert dump[0].startswith("E0\tperson\tIlse Marwick\trole=Trade Minister\tgender=female")
    assert any("'She'\tpronoun\tE0\tpronoun chain\tnearest female subject" in line for line in dump)


def test_a_speakers_proper_name_the_model_typed_as_a_thing_is_a_person(nlp):
    """'Norvale's Bo Kettering said', tagged a work of art as a whole: the names pass reads
    the subject's proper nouns as a name, as for an untagged one."""
    doc = nlp("“That was not good,” Norvale's Bo Kettering said.\n\n“We will come back,” Kettering said.")
    first = next(t for t in doc if t.text == "Norvale")
    doc.ents = [Span(doc, first.i, first.i + 4, label="WORK_OF_ART")]  # as the model drew it in an article
    assert [p.name for p in build_graph(doc).people] == ["Bo Kettering"]


def test_an_organisations_name_with_an_owner_is_never_a_persons_one_word_name(nlp):
    """'Marta's Café' tagged ORG after a 'Café' the model took for a person: the
    organisation's name is two words, not that person's surname."""
    doc = nlp("Café owner Lena Ortiz was pleased.\n\nStaff at Marta's Cafe voted to join the union, Ortiz said.")
    cafe = next(t for t in doc if t.text == "Café")
    marta = next(t for t in doc if t.text == "Marta")
    doc.ents = [Span(doc, cafe.i, cafe.i + 1, label="PERSON"), Span(doc, marta.i, marta.i + 3, label="ORG")]
    graph = build_graph(doc)
    at = doc.text.index("Marta")
    assert graph.person_at(at, at + len("Marta's Cafe")) is None


def test_a_surname_the_model_took_for_a_place_is_the_person_he_says_next(nlp):
    """'When asked …, Mulder didn't hesitate. “…,” he said.' with "Mulder" tagged GPE: a
    place is never "he"; the one-word subject is the person, not someone named far before."""
    doc = nlp("Ivo Brandt has coached the side for ten years.\n\nThe crowd cheered all afternoon. The wind rose "
              "over the course. When asked about the final hole, Mulder did not hesitate.\n\n"
              "“It was the hardest shot of my life,” he said.")
    ivo = next(t for t in doc if t.text == "Ivo")
    mulder = next(t for t in doc if t.text == "Mulder")
    doc.ents = [Span(doc, ivo.i, ivo.i + 2, label="PERSON"), Span(doc, mulder.i, mulder.i + 1, label="GPE")]
    graph = build_graph(doc)
    assert graph.chained(doc.text.index("he said")).entity.name == "Mulder"


def test_one_word_the_model_took_for_a_person_that_the_parser_reads_as_a_verb_is_nobody(nlp):
    doc = nlp("Dale Ortner was convicted in 2001.\n\nStruck employee with a baseball bat in 1998\n\n"
              "The hearing lasted two months.")
    struck = next(t for t in doc if t.text == "Struck")
    dale = next(t for t in doc if t.text == "Dale")
    doc.ents = [Span(doc, dale.i, dale.i + 2, label="PERSON"), Span(doc, struck.i, struck.i + 1, label="PERSON")]
    assert [p.name for p in build_graph(doc).people] == ["Dale Ortner"]


def test_a_known_surname_the_model_took_for_a_common_noun_is_the_person(nlp):
    """'Stam says Rooney's teenage stardom …' with the sentence's first word tagged NOUN:
    once the article has named Joop Stam, the subject is he, and the "he" of the next
    quote is not the other man the sentence names in passing."""
    doc = nlp("Norden defender Joop Stam was sold three years ago.\n\n"
              "Stam says Baxter's teenage stardom is unlike his own start in the game. "
              "“At his age I was training to be an electrician,” he said.")
    stam = [t for t in doc if t.text == "Stam"][-1]
    stam.pos_ = "NOUN"  # (as the model tagged it in an article)
    stam.ent_type_ = ""
    graph = build_graph(doc)
    assert graph.person_at(stam.idx, stam.idx + 4).name == "Joop Stam"
    assert graph.chained(doc.text.index("he said")).entity.name == "Joop Stam"


def test_an_honorific_is_no_role(nlp):
    """"Lord Bach", "Mr Brown" (the model tagging the surname alone): the honorific was
    kept as the person's role, and then "the chancellor" could not be Mr Brown."""
    doc = nlp("Lord Bach said he was disappointed with the cost increases.")
    [person] = build_graph(doc).people
    assert (person.name, person.role, person.gender) == ("Lord Bach", None, "male")  # (a peer's title is styled)


def test_a_party_the_model_took_for_a_person_is_no_person(nlp):
    """"The Tories say Labour is acting too late" with "Labour" tagged PERSON: a party's
    name or nickname (organisation_aliases.txt) is never one of the article's people, so
    "the prime minister" cannot be Labour."""
    doc = nlp("The Tories say Labour is acting too late. Dana Price said the plans were fair.")
    labour = next(t for t in doc if t.text == "Labour")
    dana = next(t for t in doc if t.text == "Dana")
    doc.ents = [Span(doc, labour.i, labour.i + 1, label="PERSON"), Span(doc, dana.i, dana.i + 2, label="PERSON")]
    assert [p.name for p in build_graph(doc).people] == ["Dana Price"]
