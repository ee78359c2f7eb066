"""What a resolver answers: a link to whom a mention names, without the mention and the
resolver's name (`resolvers.resolve` adds them)."""

from __future__ import annotations

from .graph import Link


def found(entity, name: str | None, kind: str | None, evidence: str, coreference: bool = False) -> Link:
    """A resolver's answer; `resolve` adds the mention and the resolver's name."""
    return Link(None, entity, name, kind, evidence=evidence, coreference=coreference)


def nobody(evidence: str, coreference: bool = False) -> Link:
    """The mention names no one the text gives: no speaker, the search stops."""
    return Link(None, None, None, None, evidence=evidence, coreference=coreference)
