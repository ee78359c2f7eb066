"""The seed article, end to end through the library: every gold quote, the right speaker."""

from quotes import extract
from quotes.evaluate import evaluate

from ..conftest import SEED_GOLD

SEED_E2E_FLOOR = 1.0  # every gold quote found and rightly attributed: raise never lower


def test_seed_score_does_not_drop(nlp):
    report = evaluate(SEED_GOLD, nlp=nlp).as_dict()
    scores = report["overall"]
    assert scores["gold"] == 14
    assert scores["end_to_end_f1"] >= SEED_E2E_FLOOR, scores
    # the quotes with quote marks: 9 direct and 1 mixed
    assert report["direct_and_mixed"]["gold"] == 10 and report["direct_and_mixed"]["end_to_end_f1"] >= SEED_E2E_FLOOR
    # 13 of 14 speakers are names; the other, "the two defense ministers", is an unnamed source
    assert report["named_rate"] == round(13 / 14, 4) and report["named_rate_without_anonymous"] == 1.0


def test_seed_records(nlp, seed_text):
    quotes = extract(seed_text, nlp=nlp)
    by_start = {q.start: q for q in quotes}
    told = by_start[459]
    assert told.text.startswith("Global stability is threatened")
    assert (told.speaker, told.cue, told.addressee, told.method) == ("Benny Gantz", "told", "Yasukazu Hamada", "syntax")
    urged = by_start[667]
    assert (urged.speaker, urged.speaker_mention, urged.method) == ("Benny Gantz", "he", "coreference")
    assert by_start[1799].speaker == "the two defense ministers"
    tweet = by_start[2539]
    assert tweet.speaker_mention == "Emmanuel" and tweet.method == "inversion"
    assert "Emmanuel" in tweet.speaker
    for q in quotes:
        assert seed_text[q.start:q.end] == q.text
        assert "worrying trend" not in q.text


def test_split_quote_is_one_statement(nlp, seed_text):
    quotes = extract(seed_text, nlp=nlp)
    first = next(q for q in quotes if q.text.startswith("Our countries share"))
    second = next(q for q in quotes if q.text.startswith("Cooperation between"))
    assert first.statement is not None and first.statement == second.statement
    assert second.speaker == first.speaker and second.method == "continuation"


def test_seed_speakers_roles_and_kinds(nlp, seed_text):
    from quotes.model import Document
    from quotes.engine.pipeline import extract_documents

    result = next(extract_documents([Document("seed", seed_text)], nlp=nlp))
    speakers = {s.name: s for s in result.speakers}
    gantz = speakers["Benny Gantz"]
    assert (gantz.role, gantz.affiliation, gantz.kind) == ("Defense Minister", "Israel", "person")
    assert "Gantz" in gantz.aliases
    ambassador = next(s for s in speakers.values() if "Emmanuel" in s.name)
    assert ambassador.name == "Rahm Emmanuel"
    assert (ambassador.role, ambassador.affiliation) == ("Ambassador to Japan", "US")
    assert speakers["Yasukazu Hamada"].affiliation == "Japanese"
    assert speakers["the two defense ministers"].kind == "anonymous"  # a group the text does not name one by one
