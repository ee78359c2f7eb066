"""Building one article's entity graph: ordered passes that only add entities and links,
then the graph is frozen. Each pass may read what the passes before it added.

    names           people named in the text, each name's variants joined into one person,
                    with the roles, affiliations and genders written around them
    organisations   organisations and places, short forms joined to their fullest name
    documents       documents and messages the narration names, with their authors
    descriptions    people a subject describes ("the Cardinal", "one leading broker"): the
                    person a definite one stands for, else someone unnamed
    pronouns        "he" and "she" subjects chained to the person they point back to
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc

from .descriptions import add_descriptions
from .documents import add_documents
from .graph import Graph
from .organisations import add_organisations
from .people import add_people
from .pronouns import chain_pronouns


@dataclass(frozen=True)
class Pass:
    name: str
    run: Callable[[Graph], None]
    reads: str


PASSES = (
    Pass("names", add_people, "names of people and their variants, with roles and honorifics"),
    Pass("organisations", add_organisations, "organisations and places, short forms and acronyms"),
    Pass("documents", add_documents, "documents and messages the narration names, with their authors"),
    Pass("descriptions", add_descriptions, "people a subject describes: who a definite one stands for, else unnamed"),
    Pass("pronouns", chain_pronouns, "he and she subjects, each to the nearest person of its gender"),
)


def build_graph(doc: Doc, skip=(), quoted=(), in_quote: set[int] | None = None) -> Graph:
    """The entity graph of a parsed article: `skip` holds character ranges that name no
    one (boilerplate), `quoted` the ranges inside quote marks and photo captions (no
    antecedents there), `in_quote` the tokens inside quote marks."""
    graph = Graph(doc, skip, quoted, in_quote)
    for step in PASSES:
        step.run(graph)
    graph.freeze()
    return graph
