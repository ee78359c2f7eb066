"""Speakers as entities: one person, one row, across documents; curation by the user."""

import csv
import io
import os
import sqlite3

from click.testing import CliRunner

from quotes import extract
from quotes.cli import cli

from ..conftest import HERE

ARTICLES = os.path.join(HERE, "data", "speakers")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def speakers(db):
    conn = sqlite3.connect(db)
    rows = conn.execute("select name, kind, role, affiliation from speakers order by name").fetchall()
    conn.close()
    return {row[0]: row[1:] for row in rows}


def exported(db, name):
    return list(csv.DictReader(io.StringIO(run("export", db, "--speaker", name).stdout)))


def test_mentions_join_with_role_and_affiliation(nlp):
    text = open(os.path.join(ARTICLES, "harbour-talks.txt"), encoding="utf-8").read()
    quotes = extract(text, nlp=nlp)
    told = next(q for q in quotes if q.cue == "told")
    assert told.speaker == "Ilse Marwick" and told.speaker_mention == "Marwick"
    welcomed = next(q for q in quotes if q.text.startswith("This is the best news"))
    assert welcomed.speaker == "Jon Petersen"
    from quotes.engine.pipeline import extract_documents
    from quotes.model import Document

    result = next(extract_documents([Document("a", text)], nlp=nlp))
    by_name = {s.name: s for s in result.speakers}
    assert by_name["Ilse Marwick"].role == "Trade Minister"
    assert by_name["Ilse Marwick"].affiliation == "Norland"
    assert by_name["Jon Petersen"].role == "Ambassador"
    assert by_name["Jon Petersen"].affiliation == "Canadian"


def test_organisations_and_groups_have_their_kind(nlp):
    text = open(os.path.join(ARTICLES, "harbour-talks.txt"), encoding="utf-8").read()
    quotes = extract(text, nlp=nlp)
    ministry = next(q for q in quotes if "tariffs" in q.text)
    assert (ministry.speaker, ministry.speaker_kind) == ("the ministry", "organisation")
    both = next(q for q in quotes if "timetable" in q.text)
    assert both.speaker_kind == "anonymous" and both.speaker == "both delegations"


def test_near_spelling_with_same_role_merges_across_documents(tmp_path):
    db = str(tmp_path / "q.db")
    assert run("ingest", db, ARTICLES).exit_code == 0
    names = speakers(db)
    # the spelling read first (files load in name order) is the canonical one
    assert "Jon Peterson" in names and "Jon Petersen" not in names
    conn = sqlite3.connect(db)
    aliases = {row[0] for row in conn.execute(
        "select alias from aliases join speakers on speakers.id = aliases.speaker_id where name = 'Jon Peterson'")}
    assert {"Jon Petersen", "Jon Peterson", "Petersen", "Peterson"} <= aliases
    # Two people with one surname in different articles stay apart.
    assert names["Erik Lindqvist"][1] == "Mayor"
    assert names["Anna Lindqvist"][1] == "Coach"
    assert len(exported(db, "Erik Lindqvist")) == 2
    assert {r["speaker"] for r in exported(db, "Anna Lindqvist")} == {"Anna Lindqvist"}


def test_merge_moves_quotes_and_survives_reingest(tmp_path):
    db = str(tmp_path / "q.db")
    run("ingest", db, ARTICLES)
    before = len(exported(db, "Jon Peterson"))
    assert before >= 3
    result = run("merge", db, "Jon Peterson", "Jon Petersen")
    assert result.exit_code == 0
    names = speakers(db)
    assert "Jon Petersen" in names and "Jon Peterson" not in names
    assert len(exported(db, "Jon Petersen")) == before
    # statements written under the other spelling are found by it, and by the surname
    assert len(exported(db, "Peterson")) == before
    assert len(exported(db, "petersen")) == before
    run("ingest", db, ARTICLES, "--force")
    names = speakers(db)
    assert "Jon Petersen" in names and "Jon Peterson" not in names
    assert len(exported(db, "Jon Petersen")) == before


def test_merge_unknown_speaker_fails_clearly(tmp_path):
    db = str(tmp_path / "q.db")
    run("ingest", db, ARTICLES)
    result = CliRunner().invoke(cli, ["merge", db, "Nobody Here", "Someone"])
    assert result.exit_code != 0 and "no speaker named 'Nobody Here'" in result.output


def test_alias_file_applies_to_old_and_new_data(tmp_path):
    db = str(tmp_path / "q.db")
    run("ingest", db, os.path.join(ARTICLES, "harbour-talks.txt"))
    aliases = tmp_path / "aliases.yml"
    aliases.write_text("Ilse M. Marwick:\n  - Ilse Marwick\n  - Minister Marwick\n", encoding="utf-8")
    assert run("ingest", db, ARTICLES, "--aliases", str(aliases)).exit_code == 0
    names = speakers(db)
    assert "Ilse M. Marwick" in names and "Ilse Marwick" not in names
    assert len(exported(db, "Minister Marwick")) >= 2
    csv_file = tmp_path / "aliases.csv"
    csv_file.write_text("name,alias\nAnna K. Lindqvist,Anna Lindqvist\n", encoding="utf-8")
    assert run("ingest", db, ARTICLES, "--aliases", str(csv_file)).exit_code == 0
    assert "Anna K. Lindqvist" in speakers(db)


def test_speakers_command_lists_aliases_and_counts(tmp_path):
    db = str(tmp_path / "q.db")
    run("ingest", db, ARTICLES)
    out = run("speakers", db).stdout
    line = next(l for l in out.splitlines() if "Jon Peterson" in l)
    assert "Petersen" in line and "Ambassador" in line
    import json

    rows = json.loads(run("speakers", db, "--format", "json").stdout)
    jon = next(r for r in rows if r["name"] == "Jon Peterson")
    assert jon["statements"] >= 3 and jon["kind"] == "person"


def test_the_person_noun_endings_do_not_take_things():
    from quotes.engine.lexicon import is_person_noun
    assert [w for w in ("resident", "president", "applicant", "referee", "statement", "government", "committee",
                        "restaurant", "incident") if is_person_noun(w)] == ["resident", "president", "applicant", "referee"]


def _speakers(nlp, text):
    from quotes.engine.pipeline import extract_documents
    from quotes.model import Document

    return {s.name: s for s in next(extract_documents([Document("a", text)], nlp=nlp)).speakers}


def test_a_role_is_the_noun_phrase_not_the_clause_a_parser_hung_on_it(nlp):
    text = ("Chris Dale, the sitting governor who repeated accusations that his rival recites the same points, "
            "said he would stay in the race.\n\n"
            "Marta Voss, a securities analyst for Janney Group, said the casino would fail.\n\n"
            "Corey Lane, Dana Whitcombe's fired campaign manager, said the race was over.")
    by_name = _speakers(nlp, text)
    assert by_name["Corey Lane"].role == "fired campaign manager"
    assert by_name["Chris Dale"].role == "sitting governor"
    assert by_name["Marta Voss"].role == "securities analyst for Janney Group"


def test_words_the_model_took_into_a_name_are_left_out(nlp):
    def speaker(text, startswith):
        return next(q for q in extract(text, nlp=nlp) if q.text.startswith(startswith)).speaker

    heading = "Black Lawmakers Rip Dana Whitcombe As A Fraud\n\nThe race is far from over, Whitcombe said on Monday."
    assert speaker(heading, "The race") == "Dana Whitcombe"
    opening = "Rival Dana Whitcombe’s campaign raised $15 million.\n\nThe race is far from over, Whitcombe said."
    assert speaker(opening, "The race") == "Dana Whitcombe"


def test_an_honorific_the_model_left_out_of_a_name_still_tells_its_gender(nlp):
    text = ("Lena Ortiz, the first lady, spoke at the gala.\n\n"
            "Mr. Ortiz said the campaign would go on.")
    q = next(q for q in extract(text, nlp=nlp) if q.text.startswith("the campaign"))
    assert q.speaker != "Lena Ortiz"


def test_an_entity_drawn_over_two_people_is_two_names(nlp):
    from quotes.engine.entities.build import build_graph

    doc = nlp("“It is late,” said Grant and Edmund together.")  # one PERSON entity
    names = {e.name for e in build_graph(doc).people}
    assert "Grant and Edmund" not in names and "Edmund" in names


def test_a_title_and_the_words_that_go_with_it_are_no_part_of_the_name(nlp):
    from quotes.engine.entities.people import name_tokens

    assert name_tokens("House Speaker Dana Rhee") == ["Dana", "Rhee"]
    assert name_tokens("Secretary of State Dana Rhee") == ["Dana", "Rhee"]
    assert name_tokens("Rahm Emanuel") == ["Rahm", "Emanuel"]  # a name a title word may close
    assert name_tokens("Lena Judge") == ["Lena", "Judge"]


def test_a_plural_proper_noun_the_model_took_into_a_name_is_left_out(nlp):
    from spacy.tokens import Span

    from quotes.engine.entities.people import person_span

    doc = nlp("In the debate, Republicans Jolly said the bill would fail.")
    first = next(t for t in doc if t.text == "Republicans")
    assert first.tag_ == "NNPS"
    doc.ents = [Span(doc, first.i, first.i + 2, label="PERSON")]  # as the model drew it in an article
    assert person_span(doc.ents[0]).text == "Jolly"
