"""The engine's registry (`sieves.py`): the order of detectors and sieves is pinned, each
entry finds or decides its own example, each sieve can be tried alone on a small parsed
text, switching one off changes what it decided and nothing else."""

import pytest

from .conftest import parse, run  # noqa: F401

from quotes.engine import sieves
from quotes.engine.entities import resolvers
from quotes.engine.analyse import analyse
from quotes.engine.direct import direct_candidate, is_fragment
from quotes.engine.tokens import token_range
from quotes.model import Document, Method


def test_the_order_of_each_list_is_pinned():
    assert [d.name for d in sieves.DETECTORS] == ["direct", "reported", "according_to", "noun_cue", "fragment",
                                                  "sequel", "headline", "pull_quote"]
    orders = {detector: [s.name for s in order] for detector, order in sieves.ORDERS.items()}
    assert orders == {
        "direct": ["verb", "cue_phrase", "label", "colon", "dash", "equated", "narration", "continuation"],
        "reported": ["verb", "cue_phrase", "unplaced_pronoun"],
        "according_to": ["according_to"],
        "noun_cue": ["noun_cue"],
        "fragment": ["verb"],
        "sequel": ["sequel"],
        "headline": ["headline"],
        "pull_quote": ["pull_quote"],
    }
    assert [p.name for p in sieves.PASSES] == ["turn_taking", "continuation"]


@pytest.mark.parametrize("entry", sieves.SIEVES + sieves.PASSES, ids=lambda e: e.name)
def test_every_entry_decides_its_own_example(nlp, entry):
    text = entry.example
    decided = [q.sieve for q in analyse(Document("d", text), nlp(text)).quotes]
    assert entry.name in decided
    off = [q.sieve for q in analyse(Document("d", text), nlp(text), without=frozenset({entry.name})).quotes]
    assert entry.name not in off


@pytest.mark.parametrize("detector", sieves.DETECTORS, ids=lambda d: d.name)
def test_every_detector_finds_a_statement_in_its_own_example(nlp, detector):
    text = detector.example
    doc = nlp(text)
    on = {(q.start, q.end, q.speaker) for q in analyse(Document("d", text), doc).quotes}
    off = {(q.start, q.end, q.speaker) for q in analyse(Document("d", text), doc, without=frozenset({detector.name})).quotes}
    lost = on - off
    assert lost and all(speaker == "Lena Ortiz" for _, _, speaker in lost), (on, off)


def test_a_detector_reads_what_an_earlier_one_found(nlp):
    # the direct quote's words are no reported content of their own: with the direct
    # detector off they are (the reported detector reads the direct one's candidates)
    text = "Lena Ortiz said: “The bridge will open in May.”"
    doc = nlp(text)
    on = [(q.type, q.text) for q in analyse(Document("d", text), doc).quotes]
    off = [(q.type, q.text) for q in analyse(Document("d", text), doc, without=frozenset({"direct"})).quotes]
    assert on == [("direct", "The bridge will open in May.")]
    assert off == [("indirect", "The bridge will open in May")]


def test_every_sieve_can_be_switched_off_by_name_in_evaluate(tmp_path):
    from click.testing import CliRunner

    from quotes.cli import cli

    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "Ortiz: bridge will open in May", "quotes": []}\n')
    for name in sieves.NAMES:
        result = CliRunner().invoke(cli, ["evaluate", str(gold), "--without", name])
        assert result.exit_code == 0, (name, result.output)


def test_every_method_is_recorded_by_some_sieve_and_every_sieve_records_methods():
    recorded = {m for entry in sieves.SIEVES + sieves.PASSES for m in entry.methods}
    assert recorded == set(Method)


@pytest.mark.parametrize("text, sieve, speaker", [
    ("“We will build it,” said Lena Ortiz.", sieves.VERB, "Lena Ortiz"),
    ("Lena Ortiz spoke at noon.\n\nLena Ortiz: “We will build it.”", sieves.COLON, "Lena Ortiz"),
    ("“We will build it.” - Lena Ortiz", sieves.DASH, "Lena Ortiz"),
    ("Lena Ortiz, in a blog post: “We will build it.”", sieves.CUE_PHRASE, "Lena Ortiz"),
    ("Lena Ortiz looked at the bridge. “We will build it.”", sieves.NARRATION, "Lena Ortiz"),
])
def test_a_sieve_alone_decides_its_case(parse, text, sieve, speaker):
    ctx, quoted = parse(text)
    q = next(q for q in quoted if not is_fragment(ctx, q))
    t_start, t_end = token_range(ctx.doc, q.start, q.end)
    found = sieve.run(ctx, direct_candidate(ctx, q, t_start, t_end, []))
    assert found is not None and found.speaker_name == speaker


def test_switching_a_sieve_off_leaves_its_quote_to_the_next_one(nlp):
    text = "Lena Ortiz looked at the bridge. “We will build it.”"
    document = Document("d", text)
    on = analyse(document, nlp(text)).quotes
    off = analyse(document, nlp(text), without=frozenset({"narration"})).quotes
    assert [q.sieve for q in on] == ["narration"] and on[0].speaker == "Lena Ortiz"
    assert off[0].speaker is None and off[0].sieve is None


def test_confidence_is_composed_in_one_place():
    from quotes.engine.confidence import confidence

    assert confidence(Method.SYNTAX) == 0.95
    assert confidence(Method.SYNTAX, closed=False) == 0.76
    assert confidence(Method.SYNTAX, weak=True) == 0.57
    assert confidence(Method.CUE_PHRASE, headline=True) == 0.765


@pytest.mark.parametrize("resolver", resolvers.RESOLVERS, ids=lambda r: r.name)
def test_every_resolver_decides_its_own_example(run, resolver):
    text, speaker = resolver.example
    decided = [q for q in run(text) if q.resolver == resolver.name]
    assert decided, [(q.text, q.speaker, q.resolver) for q in run(text)]
    assert all(q.speaker == speaker and q.evidence for q in decided), [(q.speaker, q.evidence) for q in decided]


def test_every_resolver_serves_some_kind_and_every_kind_is_served():
    from quotes.engine.entities.graph import Kind

    assert all(r.kinds and r.reads for r in resolvers.RESOLVERS)
    assert {k for r in resolvers.RESOLVERS for k in r.kinds} == set(Kind)
    assert len(set(resolvers.NAMES)) == len(resolvers.NAMES)
    assert not set(resolvers.NAMES) & set(sieves.NAMES)  # one --without for both


def test_switching_a_resolver_off_leaves_its_mention_to_the_next_one(nlp):
    text = "Trade Minister Ilse Marwick met the press on Monday.\n\nThe minister said talks would resume."
    document = Document("d", text)
    on = analyse(document, nlp(text)).quotes
    off = analyse(document, nlp(text), without=frozenset({"title"})).quotes
    assert [(q.speaker, q.resolver) for q in on] == [("Ilse Marwick", "title")]
    assert [(q.speaker, q.resolver) for q in off] == [("Ilse Marwick", "description")]  # the next resolver answers


@pytest.mark.parametrize("method", list(Method), ids=lambda m: m.value)
def test_every_method_finds_the_speaker_of_its_own_example(run, method):
    from quotes.engine.confidence import CONFIDENCE, MEANING

    reads, text = MEANING[method]
    assert reads and method in CONFIDENCE
    found = [(q.speaker, q.method) for q in run(text)]
    assert any(m == method.value and speaker for speaker, m in found), found
