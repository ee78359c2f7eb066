"""Speaker rows across articles: descriptions and pronouns get none; variants of one
name join when nothing contradicts them; namesakes stay apart; the user's split stays
split. Store-level tests build results by hand; one goes through `quotes ingest`."""

import sqlite3

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.curation import apply_aliases, merge, split
from quotes.model import Document, Quote, Result, Speaker
from quotes.store import SCHEMA_VERSION, open_db, save_result


def person(name, role=None, affiliation=None, aliases=(), kind="person"):
    return Speaker(name, kind, role, affiliation, tuple(dict.fromkeys((name,) + tuple(aliases))))


def article(db, key, *speakers, addressee=None):
    """One document with one statement by each speaker (in that order)."""
    text = f"{key}: " + " ".join(f"statement {i}." for i in range(len(speakers)))
    quotes = []
    for i, s in enumerate(speakers):
        start = text.index(f"statement {i}.")
        quotes.append(Quote(document_id=key, start=start, end=start + 12, text=text[start:start + 12],
                            type="direct", speaker=s.name, speaker_mention=s.name,
                            speaker_kind=s.kind, addressee=addressee.name if addressee else None))
    found = list(speakers) + ([addressee] if addressee else [])
    save_result(db, Result(Document(key, text), quotes, found))


def who(db, key):
    """The canonical speaker of each statement of one document, in order (None: no row)."""
    return [row[0] for row in db.execute(
        "select speaker from statements where document_id = (select id from documents where key = ?) "
        "order by start", [key]).fetchall()]


def names(db):
    return sorted(row[0] for row in db.execute("select name from speakers"))


@pytest.fixture
def db(tmp_path):
    database = open_db(str(tmp_path / "q.db"))
    yield database
    database.close()


def test_descriptions_pronouns_and_anonymous_sources_get_no_row(db):
    company = person("the company", kind="organisation")
    article(db, "a", company, person("a spokesman"), person("he"), person("Them"),
            person("The ministry", kind="organisation"), person("Two officials", kind="group"),
            person("a source", kind="anonymous"), person("Lena Ortiz"))
    article(db, "b", company, person("Officials", kind="group"), person("Lena Ortiz"))
    assert names(db) == ["Lena Ortiz"]
    assert db.execute("select count(*) from aliases where speaker_id is null or alias = 'the company'"
                      ).fetchone()[0] == 0
    rows = db.execute("select speaker, speaker_mention, speaker_kind from statements order by document_id, start"
                      ).fetchall()
    by_mention = {mention: (speaker, kind) for speaker, mention, kind in rows}
    assert by_mention["the company"] == (None, "organisation")
    assert by_mention["a source"] == (None, "anonymous")
    assert by_mention["he"] == (None, "person")
    assert by_mention["Lena Ortiz"] == ("Lena Ortiz", "person")
    # "the company" of two articles joins nothing: both statements have no speaker row
    assert db.execute("select count(*) from quotes where article_speaker = 'the company' "
                      "and speaker_id is null").fetchone()[0] == 2
    anonymous = db.execute("select count(*) from statements where speaker_kind = 'anonymous'").fetchone()[0]
    assert anonymous == 1


def test_what_is_a_proper_name():
    from quotes.names import is_proper_name

    names = ["Lena Ortiz", "de Vries", "al-Noor", "The Harbour Times", "Baker", "Norland Hydro"]
    not_names = ["the company", "The ministry", "a spokesman", "he", "Them", "Two officials",
                 "Officials", "Witnesses", "Board members", "Norland's lawyers", "Norland Hydro\u2019s",
                 "Spokeswoman", "Lena Ortiz / Harbour Times", ""]
    assert [n for n in names if not is_proper_name(n)] == []
    assert [n for n in not_names if is_proper_name(n)] == []


def test_middle_names_and_initials_join_the_full_name(db):
    article(db, "a", person("Marta Kowal", role="Mayor"))
    article(db, "b", person("Marta J. Kowal"))
    article(db, "c", person("Marta J Kowal", role="mayor"))
    article(db, "d", person("Marta Jane Kowal"))
    article(db, "e", person("Márta Kowál"))  # accents aside
    assert names(db) == ["Marta Kowal"]
    assert who(db, "d") == who(db, "e") == ["Marta Kowal"]


def test_short_forms_of_given_names_join_but_namesakes_stay_apart(db):
    article(db, "a", person("William Osei", role="Senator"))
    article(db, "b", person("Bill Osei"))
    article(db, "c", person("Hilary Osei", role="Senator"))
    assert names(db) == ["Hilary Osei", "William Osei"]
    assert who(db, "b") == ["William Osei"]
    # a bare surname that two people share joins neither
    article(db, "d", person("Osei", role="Senator"))
    assert who(db, "d") == ["Osei"]
    assert names(db) == ["Hilary Osei", "Osei", "William Osei"]


def test_different_middle_initials_a_suffix_or_a_conflicting_role_keep_rows_apart(db):
    article(db, "a", person("Georg W. Brandt"))
    article(db, "b", person("Georg H. W. Brandt"))
    article(db, "c", person("Paul Ansel", role="Mayor"))
    article(db, "d", person("Paul Ansel Jr."))
    article(db, "e", person("Nora Quist", role="Coach"))
    article(db, "f", person("Nora B. Quist", role="Defense Minister"))
    assert names(db) == ["Georg H. W. Brandt", "Georg W. Brandt", "Nora B. Quist", "Nora Quist",
                         "Paul Ansel", "Paul Ansel Jr."]
    # a variant that fits two rows joins neither
    article(db, "g", person("Georg Brandt"))
    assert who(db, "g") == ["Georg Brandt"]


def test_near_spelling_joins_when_the_roles_agree(db):
    article(db, "a", person("Rafe Emanuel", role="Ambassador to Japan"))
    article(db, "b", person("Rafe Emmanuel", role="Ambassador"))
    assert who(db, "b") == ["Rafe Emanuel"]
    article(db, "c", person("Tilda Marrow", role="Mayor"))
    article(db, "d", person("Tilda Morrow", role="Coach"))  # roles disagree
    article(db, "e", person("Tilda Marow"))  # no role to agree
    assert who(db, "d") == ["Tilda Morrow"] and who(db, "e") == ["Tilda Marow"]


def test_a_role_that_is_part_of_the_other_agrees():
    from quotes.names import phrases_agree

    assert phrases_agree("Ambassador", "US Ambassador")
    assert phrases_agree("ambassador to Japan", "Ambassador")
    assert phrases_agree(None, "Mayor")
    assert not phrases_agree("Defense Minister", "Foreign Minister")


def test_a_bare_surname_joins_the_one_person_of_that_surname(db):
    article(db, "a", person("Baran Okafor", role="President"))
    article(db, "b", person("President Okafor", role="President"))
    article(db, "c", person("Okafor"))
    assert names(db) == ["Baran Okafor"]
    article(db, "d", person("Okafor", role="Coach"))  # a role that disagrees
    assert who(db, "d") == ["Okafor"]


def test_a_bare_surname_among_namesakes(db):
    article(db, "a", person("Baran Okafor", role="President"))
    article(db, "b", person("Ada Okafor", role="Judge"))
    # a role that only one of them has decides
    article(db, "c", person("President Okafor", role="President"))
    assert who(db, "c") == ["Baran Okafor"]
    # no role: neither; and one word joins nothing by that word alone, not even the bare
    # mentions of another article (two articles' "Okafor" may be two people)
    article(db, "d", person("Okafor"))
    article(db, "e", person("Okafor"))
    assert who(db, "d") == who(db, "e") == ["Okafor"]
    assert names(db) == ["Ada Okafor", "Baran Okafor", "Okafor", "Okafor"]
    article(db, "h", person("Hannah", role="Sir"))
    article(db, "i", person("Hannah", role="Sir"))
    assert names(db).count("Hannah") == 2
    # a word that is also a given name is a surname once a full name has it as one
    article(db, "j", person("Walter Thomas", role="Justice"))
    article(db, "k", person("Thomas", role="Justice"))
    assert who(db, "k") == ["Walter Thomas"]


def test_a_given_name_alone_joins_no_full_name_whose_surname_it_is_without_a_role(db):
    article(db, "a", person("Lena Kay Henry", role="union president"))
    article(db, "b", person("Henry"))  # a chapter's Henry, by first name
    assert who(db, "b") == ["Henry"] and names(db) == ["Henry", "Lena Kay Henry"]
    article(db, "c", person("Henry", role="union president"))  # a role that agrees does
    assert who(db, "c") == ["Lena Kay Henry"]


def test_honorifics_that_disagree_keep_bare_surnames_apart(db):
    article(db, "a", person("Mr. Fenwick"))
    article(db, "b", person("Mrs. Fenwick"))
    article(db, "c", person("Mr. Fenwick"))
    assert names(db) == ["Mr. Fenwick", "Mrs. Fenwick"]
    assert who(db, "c") == ["Mr. Fenwick"]


def test_a_styled_title_is_part_of_the_name_across_articles(db):
    article(db, "a", person("Queen Maren", role="Queen"))
    article(db, "b", person("Queen Maren"))
    article(db, "c", person("Maren Holt", role="Queen"))  # another person named Maren
    assert who(db, "b") == ["Queen Maren"] and who(db, "c") == ["Maren Holt"]


def test_an_honorific_agrees_with_any_role(db):
    article(db, "a", person("Baran Osei", role="Former party leader"))
    article(db, "b", person("Osei", role="Mr"))
    article(db, "c", person("Gordon W. Bell", role="President"))
    article(db, "d", person("Gordon Bell", role="Mr"))
    assert who(db, "b") == ["Baran Osei"] and who(db, "d") == ["Gordon W. Bell"]
    assert names(db) == ["Baran Osei", "Gordon W. Bell"]


def test_a_name_not_shaped_like_a_persons_joins_nothing_by_its_parts(db):
    article(db, "a", person("the Harbour Times and NTV"))  # the model took two outlets for a person
    article(db, "b", person("NTV"))
    article(db, "c", person("NTV Radio Live"))
    article(db, "d", person("Live"))
    assert who(db, "b") == ["NTV"] and who(db, "d") == ["Live"]


def test_one_word_never_joins_a_row_by_one_shared_word(db):
    # a platform is no row at all; a word of another row's name is not that row
    article(db, "a", person("Golf Norland", kind="group"), person("Harbour Times", kind="organisation"))
    article(db, "b", person("Twitter", kind="organisation"), person("Norland", kind="group"),
            person("Times", kind="organisation"), person("Golf"))
    assert who(db, "b") == [None, "Norland", "Times", "Golf"]
    assert names(db) == ["Golf", "Golf Norland", "Harbour Times", "Norland", "Times"]
    # nor do two articles' one-word names share a row, even of the same word
    article(db, "c", person("Golf"))
    assert names(db).count("Golf") == 2


def test_apersons_word_the_article_took_for_an_organisation_joins_no_other_articles_row(db):
    # one-word organisations join by their name ("NTV" of two articles is one row) ...
    article(db, "a", person("NTV", kind="organisation"), person("Ada Renner", role="Mayor"))
    article(db, "b", person("NTV", kind="organisation"))
    assert who(db, "a")[0] == who(db, "b")[0] == "NTV" and names(db).count("NTV") == 1
    # ... but not a given name or a stored person's surname the model tagged an organisation
    for key in ("c", "d"):
        article(db, key, person("Lydia", kind="organisation"), person("Renner", kind="organisation"))
    assert names(db).count("Lydia") == names(db).count("Renner") == 2


def test_a_bare_surname_seen_first_joins_the_full_name_later(db):
    article(db, "a", person("Vandermeer", role="Premier"))
    article(db, "b", person("Ines Vandermeer", role="Premier"))
    assert names(db) == ["Ines Vandermeer"]
    assert who(db, "a") == ["Ines Vandermeer"]
    # among namesakes, the one whose role agrees takes the bare mentions when it arrives
    article(db, "c", person("Baran Okafor", role="President"))
    article(db, "d", person("Okafor", role="Judge"))
    article(db, "e", person("Ada Okafor", role="Judge"))
    assert who(db, "d") == ["Ada Okafor"]


def test_speakers_one_article_tells_apart_never_share_a_row(db):
    # the engine kept the bare surname apart from the full name (two people share it, say):
    # the rows agree with the article, whatever the order
    article(db, "a", person("Vandermeer", role="Premier"), person("Ines Vandermeer", role="Premier"))
    assert names(db) == ["Ines Vandermeer", "Vandermeer"]
    assert who(db, "a") == ["Vandermeer", "Ines Vandermeer"]
    assert db.execute("select count(*) from quotes where speaker_id not in (select id from speakers)"
                      ).fetchone()[0] == 0
    # a short form the article kept apart too (two people, "Bill" and "William")
    article(db, "b", person("Bill Osei"), person("William Osei"))
    assert who(db, "b") == ["Bill Osei", "William Osei"]
    # in an article of its own, the bare surname joins the one person of it
    article(db, "c", person("Vandermeer", role="Premier"))
    assert who(db, "c") == ["Ines Vandermeer"]
    # and the full name stored again never takes the bare row the first article kept apart
    article(db, "d", person("Ines Vandermeer", role="Premier"))
    assert who(db, "a") == ["Vandermeer", "Ines Vandermeer"]


def test_organisations_join_by_their_name(db):
    article(db, "a", person("Norland Hydro", kind="organisation"))
    article(db, "b", person("NASDA", kind="organisation"))
    article(db, "c", person("Norland Hydro", kind="organisation"), person("NASDA", kind="organisation"))
    assert names(db) == ["NASDA", "Norland Hydro"]


def test_an_organisation_with_and_without_its_article_is_one_row(db):
    article(db, "a", person("NUC", kind="organisation"), person("Harbour Council", kind="organisation"))
    article(db, "b", person("the NUC", kind="organisation"), person("the Harbour Council", kind="organisation"))
    assert names(db) == ["Harbour Council", "NUC"]


def test_split_undoes_a_join_and_stays_undone(db):
    bare = person("Okafor", role="President")
    article(db, "a", person("Baran Okafor", role="President"))
    article(db, "b", bare, addressee=person("Ada Quist"))
    assert who(db, "b") == ["Baran Okafor"]
    target = split(db, "Baran Okafor", "Okafor")
    assert who(db, "b") == ["Okafor"] and who(db, "a") == ["Baran Okafor"]
    assert db.execute("select name from speakers where id = ?", [target]).fetchone()[0] == "Okafor"
    # the same article again (re-ingestion), and a new one: the split holds
    article(db, "b", bare)
    article(db, "c", bare)
    assert who(db, "b") == ["Okafor"] and who(db, "c") == ["Okafor"]
    assert db.execute("select count(*) from quotes where speaker_id = ?", [target]).fetchone()[0] == 2
    # merging them again is the user's undo of the split
    merge(db, "Okafor", "Baran Okafor")
    article(db, "d", bare)
    assert who(db, "d") == ["Baran Okafor"]


def test_split_into_a_named_speaker_and_its_errors(db):
    article(db, "a", person("Baran Okafor", role="President"))
    article(db, "b", person("Okafor", role="President"))
    article(db, "c", person("Ada Okafor", role="Judge"))
    assert who(db, "b") == ["Baran Okafor"]
    assert split(db, "Baran Okafor", "Okafor", into="Ada Okafor") == split.__globals__["find_speaker"](db, "Ada Okafor")
    assert who(db, "b") == ["Ada Okafor"]
    with pytest.raises(LookupError, match="is not a name of speaker"):
        split(db, "Baran Okafor", "Nobody")
    with pytest.raises(LookupError, match="canonical name"):
        split(db, "Baran Okafor", "baran okafor")
    with pytest.raises(LookupError, match="no speaker named"):
        split(db, "Nobody Here", "Okafor")


def test_a_split_made_again_makes_no_second_speaker(db):
    """F32: `split "Omar Haddad" "Haddad"` twice made two speakers called Haddad, so the
    next `merge Haddad …` asked which."""
    article(db, "a", person("Baran Okafor", role="President", aliases=("Okafor",)))
    text = "b: statement 0."  # an article that calls him Okafor after his full name
    save_result(db, Result(Document("b", text), [Quote(
        document_id="b", start=3, end=15, text=text[3:15], type="direct", speaker="Baran Okafor",
        speaker_mention="Okafor", speaker_kind="person")], [person("Baran Okafor", aliases=("Okafor",))]))
    first = split(db, "Baran Okafor", "Okafor")
    assert split(db, "Baran Okafor", "Okafor") == first
    assert names(db) == ["Baran Okafor", "Okafor"]
    merge(db, "Okafor", "Baran Okafor")  # not ambiguous: the user's undo works
    assert names(db) == ["Baran Okafor"]


def test_an_alias_file_entry_undoes_a_join(db):
    article(db, "a", person("Rafe Emanuel", role="Ambassador"))
    article(db, "b", person("Rafe Emmanuel", role="Ambassador"))
    assert who(db, "b") == ["Rafe Emanuel"]
    apply_aliases(db, {"Rafe Emmanuel": ["Rafe Emmanuel"]})  # its own person
    assert who(db, "b") == ["Rafe Emmanuel"] and who(db, "a") == ["Rafe Emanuel"]
    article(db, "b", person("Rafe Emmanuel", role="Ambassador"))
    assert who(db, "b") == ["Rafe Emmanuel"]
    # a name that joined the wrong person is taken by the one the file names
    article(db, "c", person("Okafor", role="Judge"))
    article(db, "d", person("Ada Okafor", role="Judge"))
    assert who(db, "c") == ["Ada Okafor"]
    apply_aliases(db, {"Obi Okafor": ["Okafor"]})
    assert who(db, "c") == ["Obi Okafor"] and who(db, "d") == ["Ada Okafor"]


def test_a_version_1_database_loses_its_description_rows(tmp_path):
    path = str(tmp_path / "old.db")
    db = open_db(path)
    article(db, "a", person("Lena Ortiz"))
    db.close()
    conn = sqlite3.connect(path)
    conn.executescript("""
        drop view statements; drop view quotes_in_context; drop table not_same;
        alter table quotes drop column speaker_kind; alter table quotes drop column article_speaker;
        alter table quotes drop column article_addressee;
        alter table quotes drop column resolver; alter table quotes drop column evidence;
        insert into speakers (id, name, kind) values (50, 'the company', 'organisation');
        insert into aliases (alias, speaker_id, origin) values ('the company', 50, 'seen');
        update quotes set speaker_id = 50, speaker_mention = 'the company';
        pragma user_version = 1;
    """)
    conn.commit()
    conn.close()
    db = open_db(path)
    assert db.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    assert names(db) == ["Lena Ortiz"]  # kept: an alias, but nobody quotes it now
    assert db.execute("select speaker, speaker_mention, speaker_kind from statements").fetchall() == [
        (None, "the company", "organisation")]
    assert db.execute("select article_speaker from quotes").fetchone()[0] == "the company"
    db.close()


def test_a_version_6_database_gains_the_reasons_of_its_aliases(tmp_path):
    path = str(tmp_path / "old.db")
    db = open_db(path)
    article(db, "a", person("William Osei", role="Senator"))
    article(db, "b", person("Bill Osei"))
    apply_aliases(db, {"William Osei": ["Senator Osei"]})
    db.close()
    conn = sqlite3.connect(path)
    conn.executescript("alter table aliases drop column reason; pragma user_version = 6;")
    conn.commit()
    conn.close()
    db = open_db(path)
    assert db.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION == 13
    assert dict(db.execute("select alias, reason from aliases").fetchall()) == {
        "William Osei": None, "Bill Osei": "joined before reasons were kept", "Senator Osei": None}
    article(db, "c", person("William A. Osei"))  # a join after the migration keeps its reason
    assert db.execute("select reason from aliases where alias = 'William A. Osei'").fetchone()[0] == \
        "a middle name more or less"
    db.close()


def reasons(db):
    return dict(db.execute("select alias, reason from aliases where origin = 'seen'").fetchall())


def test_each_join_keeps_its_reason(db):
    article(db, "a", person("William Osei", role="Senator", aliases=["Osei"]))
    article(db, "b", person("Bill Osei", role="Senator"))
    article(db, "c", person("William J. Osei"))
    article(db, "d", person("Osei", role="Senator"))
    article(db, "e", person("William Osei"))
    article(db, "f", person("Rafe Marwick", role="Ambassador to Japan"))
    article(db, "g", person("Rafe Marwik", role="Ambassador"))
    article(db, "j", person("R. Marwick"))
    assert names(db) == ["Rafe Marwick", "William Osei"]
    assert reasons(db) == {
        "William Osei": "new row",
        "Osei": "new row; in the same article as William Osei",
        "Bill Osei": "nickname Bill ~ William, roles agree",
        "William J. Osei": "a middle name more or less",
        "Rafe Marwick": "new row",
        "Rafe Marwik": "near-spelling Marwik ~ Marwick, roles agree",
        "R. Marwick": "initial R ~ Rafe",
    }
    # a bare surname seen first keeps the reason it joined the full name later
    article(db, "h", person("Vandermeer", role="Premier"))
    article(db, "i", person("Ines Vandermeer", role="Premier"))
    assert reasons(db)["Vandermeer"] == ("surname alone: the one person named Vandermeer, roles agree "
                                         "(joined when Ines Vandermeer was stored)")


ARTICLE_A = """Mayor Petra Holm signs the harbour deal

Harbour City signed the deal on Monday. Mayor Petra J. Holm said the port would open in May.

“We are ready for the first ships,” Holm said.

A spokesman for the port authority said the cranes had arrived. “It is a good day,” he said.
"""
ARTICLE_B = """Harbour deal draws critics

“The deal was rushed,” said Holm, the mayor, at a meeting on Tuesday.

Mayor Petra Holm told reporters the port would open in May.

“Nobody asked the fishermen,” one critic said.
"""


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 3), result.output
    return result


def test_ingest_split_and_reingest_end_to_end(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    path = str(tmp_path / "q.db")
    run("ingest", path, str(folder))
    conn = sqlite3.connect(path)
    rows = conn.execute("select name from speakers").fetchall()
    assert all(name[:1].isupper() for (name,) in rows), rows
    assert len([n for (n,) in rows if "Holm" in n]) == 1, rows  # one person in both articles
    holm = next(n for (n,) in rows if "Holm" in n)
    written = {n for (n,) in conn.execute(
        "select distinct article_speaker from quotes join speakers on speakers.id = speaker_id "
        "where speakers.name = ?", [holm])}
    assert len(written) >= 2, written  # the articles name her in several ways: one row
    other = sorted(n for n in written if n != holm)[0]
    conn.close()
    result = run("split", path, holm, other)
    assert "split" in result.stderr
    for again in (["--force"], ["--reprocess-outdated"]):
        if again == ["--reprocess-outdated"]:
            conn = sqlite3.connect(path)
            conn.execute("update documents set engine_version = '1'")
            conn.commit()
            conn.close()
        run("ingest", path, *([str(folder)] if again == ["--force"] else []), *again)
        conn = sqlite3.connect(path)
        apart = dict(conn.execute("select article_speaker, speakers.name from quotes join speakers "
                                  "on speakers.id = speaker_id where article_speaker in (?, ?)", [holm, other]))
        conn.close()
        assert apart[other] == other and apart.get(holm, holm) == holm, (again, apart)


def test_the_corpus_check_lists_descriptions_and_look_alikes(db):
    import importlib.util
    import os

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    spec = importlib.util.spec_from_file_location(
        "corpus_check", os.path.join(root, "benchmarks", "corpus_check.py"))
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    article(db, "a", person("Baran Okafor", role="President"))
    article(db, "b", person("Ada Okafor", role="Judge"))
    article(db, "c", person("Okafor"))
    article(db, "d", person("Nora Quist", role="Coach"))
    article(db, "e", person("Nora B. Quist", role="Defense Minister"))
    db.execute("insert into speakers (name, kind) values ('the company', 'organisation')")  # old rows
    db.execute("insert into speakers (name, kind) values ('Twitter', 'person')")
    db.execute("insert into speakers (name, kind) values ('Republican', 'organisation')")
    # a one-word row two articles share, and a one-word name on a row of another word
    article(db, "f", person("Vance"))
    vance = db.execute("select id from speakers where name = 'Vance'").fetchone()[0]
    db.execute("update quotes set speaker_id = ? where document_id = (select id from documents where key = 'c')",
               [vance])
    article(db, "g", person("Golf", kind="person"))
    black = db.execute("insert into speakers (name, kind) values ('Golf Norland', 'organisation')").lastrowid
    db.execute("update quotes set speaker_id = ? where article_speaker = 'Golf'", [black])
    db.execute("update aliases set speaker_id = ? where alias = 'Golf'", [black])
    # a given name the model took for an organisation, on one row for two articles (an old row)
    lydia = db.execute("insert into speakers (name, kind) values ('Lydia', 'organisation')").lastrowid
    for key in ("h", "i"):
        article(db, key, person("Lydia", kind="organisation"))
    db.execute("update quotes set speaker_id = ? where article_speaker = 'Lydia'", [lydia])
    found = check.check(db)
    assert {(r["name"], r["why"]) for r in found["descriptions"]} == {
        ("the company", "description or pronoun"), ("Twitter", "platform"), ("Republican", "party")}
    assert sorted(r["name"] for r in found["shared"]) == ["Lydia", "Vance"]
    assert found["joins"][1] == [("Golf", "Golf Norland", "new row")]
    reasons = {(a["name"], b["name"]): why for a, b, _, why in found["pairs"]}
    assert reasons[("Nora Quist", "Nora B. Quist")].startswith("roles disagree")
    assert reasons[("Baran Okafor", "Okafor")].startswith("a bare surname that several people share")
    assert all(why for why in reasons.values())


def test_a_headline_is_no_alias(tmp_path):
    """'Norvell Slams Okafor' (a headline the engine read as a name) is not stored as a way
    of writing Ann Norvell's name; 'William Tell' stays a name."""
    from quotes.model import Speaker
    from quotes.names import looks_like_headline
    from quotes.speaker_rows import speaker_ids
    from quotes.store import open_db

    db = open_db(str(tmp_path / "h.db"))
    speaker_ids(db, [Speaker("Ann Norvell", aliases=("Ann Norvell", "Norvell", "Norvell Slams Okafor"))])
    assert sorted(a for a, in db.execute("select alias from aliases")) == ["Ann Norvell", "Norvell"]
    assert looks_like_headline("Okafor Warns Norvell") and not looks_like_headline("William Tell")
