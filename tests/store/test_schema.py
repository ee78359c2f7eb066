"""The database's shape: created in one transaction, versioned, checked on every open,
and never changed by a command that only reads. Real SQLite files, real processes."""

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest

from quotes.store import (SCHEMA_VERSION, TRIGGERS as QUEUE_TRIGGERS, VIEWS, NotADatabase, StoreError, open_db,
                          open_db_readonly, read_only_mode)

FTS_TRIGGERS = ["quotes_ad", "quotes_ai", "quotes_au"]
TRIGGERS = sorted(FTS_TRIGGERS + list(QUEUE_TRIGGERS))


def triggers(path):
    conn = sqlite3.connect(path)
    names = sorted(r[0] for r in conn.execute("select name from sqlite_master where type = 'trigger' "
                                              "and tbl_name = 'quotes' and name like 'quotes_%'"))
    conn.close()
    return names


def fill(path, texts):
    conn = sqlite3.connect(path)
    conn.execute("insert into documents (id, key, text) values ('d', 'k', 'text')")
    for i, text in enumerate(texts):
        conn.execute("insert into quotes (id, document_id, text) values (?, 'd', ?)", [f"q{i}", text])
    conn.commit()
    conn.close()


def search(path, word):
    conn = sqlite3.connect(path)
    n = conn.execute("select count(*) from quotes_fts where quotes_fts match ?", [word]).fetchone()[0]
    conn.close()
    return n


def test_a_new_database_records_its_schema_version(tmp_path):
    path = str(tmp_path / "q.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION == 13
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert triggers(path) == TRIGGERS


def test_missing_fts_triggers_are_rebuilt_on_the_next_open(tmp_path):
    """F2: a first run killed between the FTS table and its triggers left search broken
    for good; now every writing open checks the triggers and rebuilds the index."""
    path = str(tmp_path / "q.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    for name in FTS_TRIGGERS:
        conn.execute(f"drop trigger {name}")
    conn.commit()
    conn.close()
    fill(path, ["a disaster", "another disaster", "calm"])
    assert search(path, "disaster") == 0  # the broken state
    open_db(path).close()
    assert triggers(path) == TRIGGERS
    assert search(path, "disaster") == 2
    fill_more = sqlite3.connect(path)
    fill_more.execute("insert into quotes (id, document_id, text) values ('q9', 'd', 'disaster again')")
    fill_more.commit()
    fill_more.close()
    assert search(path, "disaster") == 3


CREATE_WITH_LIMIT = """
import resource, sys
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
from quotes.store import StoreError, open_db
try:
    open_db(sys.argv[1])
except StoreError as error:
    print(error)
    sys.exit(1)
"""


@pytest.mark.parametrize("limit", [4096, 12288, 40960])
def test_creation_is_one_transaction(tmp_path, limit):
    """A write that fails while the schema is created (a full disk: here the file size
    limit) leaves no half-made schema; the next open makes the whole one."""
    path = str(tmp_path / "q.db")
    done = subprocess.run([sys.executable, "-c", CREATE_WITH_LIMIT, path, str(limit)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(f"{path}: ") and "Traceback" not in done.stderr
    if os.path.exists(path) and os.path.getsize(path):
        conn = sqlite3.connect(path)
        objects = conn.execute("select count(*) from sqlite_master").fetchone()[0]
        conn.close()
        assert objects == 0
    open_db(path).close()
    assert triggers(path) == TRIGGERS
    fill(path, ["a disaster"])
    assert search(path, "disaster") == 1


def newer(tmp_path):
    path = str(tmp_path / "newer.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    conn.execute("drop view statements")
    conn.execute("create view statements as select id, text, 'new' as extra from quotes")
    conn.commit()
    conn.close()
    return path


def test_a_newer_database_is_refused_and_left_alone(tmp_path):
    """F16: an older quotes replaced a newer database's views."""
    path = newer(tmp_path)
    before = hashlib.sha256(open(path, "rb").read()).hexdigest()
    for opener in (open_db, open_db_readonly):
        with pytest.raises(StoreError, match="newer version of quotes"):
            opener(path)
    assert hashlib.sha256(open(path, "rb").read()).hexdigest() == before


def test_an_older_database_is_migrated(tmp_path):
    """A database of a quotes without a schema version: missing columns are added."""
    path = str(tmp_path / "old.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("pragma user_version = 0")
    conn.execute("pragma application_id = 0")
    conn.execute("drop view statements")
    conn.execute("drop view quotes_in_context")
    conn.execute("alter table quotes drop column context_end")
    conn.commit()
    conn.close()
    open_db(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    assert "context_end" in [r[1] for r in conn.execute("pragma table_info(quotes)")]
    assert conn.execute("select count(*) from statements").fetchone()[0] == 0
    conn.close()


def test_a_version_3_database_learns_why_each_statement_has_its_speaker(tmp_path):
    """Schema 4: `resolver` and `evidence` in quotes and in the statements view; a statement
    an older engine stored keeps its row, with both empty."""
    from quotes.model import Document, Quote, Result
    from quotes.store import save_result

    path = str(tmp_path / "v3.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.executescript("""
        drop view statements; drop view quotes_in_context;
        alter table quotes drop column resolver; alter table quotes drop column evidence;
        insert into documents (id, key, text) values ('old', 'old', 'Lena said no.');
        insert into quotes (id, document_id, start, "end", text) values ('old:10:12', 'old', 10, 12, 'no');
        pragma user_version = 3;
    """)
    conn.commit()
    conn.close()
    db = open_db(path)
    assert db.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    text = "The minister said talks would resume."
    quote = Quote("new", 18, 36, text[18:36], "indirect", cue="said", speaker="Ilse Marwick",
                  speaker_mention="The minister", speaker_kind="person", method="coreference",
                  resolver="title", evidence="title 'minister': Ilse Marwick, Trade Minister")
    save_result(db, Result(Document("new", text), [quote], []))
    rows = db.execute("select text, resolver, evidence from statements order by text").fetchall()
    assert rows == [("no", None, None), ("talks would resume", "title", "title 'minister': Ilse Marwick, Trade Minister")]
    db.close()


def other_program_database(path):
    conn = sqlite3.connect(path)
    conn.execute("create table contacts (name text)")
    conn.execute("insert into contacts values ('Ann')")
    conn.commit()
    conn.close()
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_another_programs_database_is_never_changed(tmp_path):
    """F6: commands added 28 schema objects and switched the file to WAL."""
    path = str(tmp_path / "other.db")
    before = other_program_database(path)
    for opener in (open_db, open_db_readonly):
        with pytest.raises(NotADatabase, match="not a quotes database"):
            opener(path)
    assert hashlib.sha256(open(path, "rb").read()).hexdigest() == before
    conn = sqlite3.connect(path)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_reading_changes_nothing(tmp_path):
    path = str(tmp_path / "q.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("pragma journal_mode = delete")
    conn.execute("drop view quotes_in_context")  # as an older quotes may have left it
    conn.commit()
    conn.close()
    before = hashlib.sha256(open(path, "rb").read()).hexdigest()
    db = open_db_readonly(path)
    assert db.execute("select count(*) from quotes").fetchone()[0] == 0
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("delete from quotes")
    db.close()
    assert hashlib.sha256(open(path, "rb").read()).hexdigest() == before


READ_IN_READ_ONLY_FOLDER = """
import sys
from quotes.store import open_db_readonly, read_only_mode
print(read_only_mode(sys.argv[1]))
print(open_db_readonly(sys.argv[1]).execute("select count(*) from quotes").fetchone()[0])
"""


def without_root_powers(command):
    """Root ignores file modes: drop the capabilities that let it (setpriv, util-linux)."""
    if os.geteuid() != 0:
        return command
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", "--bounding-set", caps, "--inh-caps", caps, "--"] + command


def test_a_database_in_a_read_only_folder_can_be_read(tmp_path):
    """F25: WAL needs a -shm file beside the database; in a read-only folder it is read as
    immutable instead of refused."""
    folder = tmp_path / "media"
    folder.mkdir()
    path = str(folder / "q.db")
    open_db(path).close()
    fill(path, ["a disaster"])
    assert os.listdir(folder) == ["q.db"]  # closed cleanly: no -wal, no -shm
    os.chmod(folder, 0o555)
    try:
        done = subprocess.run(without_root_powers([sys.executable, "-c", READ_IN_READ_ONLY_FOLDER, path]),
                              capture_output=True, text=True, timeout=60)
    finally:
        os.chmod(folder, 0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["immutable", "1"]
    assert os.listdir(folder) == ["q.db"]
    assert read_only_mode(path) == "ro"  # where SQLite may keep its -shm file


def test_a_version_4_database_is_migrated_to_5(tmp_path):
    """Schema 5: parts of a statement numbered, statements counted in statement_counts (and
    kept counted as quotes change), and a full-text index that stems words."""
    from sqlite_utils import Database

    path = str(tmp_path / "v2.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("insert into documents (id, key, text, source, published) "
                 "values ('d', 'k', 'text', 'Norvale Post', '2016-03-04')")
    rows = [("d:0:5", 0, "Protesters gathered", 7), ("d:20:30", 20, "and then left", 7),
            ("d:40:50", 40, "Syrian talks resumed", None)]
    for qid, start, text, statement in rows:
        conn.execute("insert into quotes (id, document_id, start, \"end\", text, type, speaker_id, statement) "
                     "values (?, 'd', ?, ?, ?, 'direct', 1, ?)", [qid, start, start + 10, text, statement])
    conn.execute("insert into speakers (id, name, kind) values (1, 'Ann Norvell', 'person')")
    conn.executemany("insert into aliases (alias, speaker_id, origin) values (?, 1, 'seen')",
                     [("Ann Norvell",), ("Norvell",), ("Norvell Slams Okafor",)])
    # as schema 4 left it: no part, no counts, an index that does not stem, a headline alias
    for name in ("statement_counts_ai", "statement_counts_ad", "statement_counts_au",
                 "speaker_articles_ai", "speaker_articles_ad", "speaker_articles_au"):
        conn.execute(f"drop trigger {name}")
    conn.execute("drop table statement_counts")
    conn.execute("drop table month_counts")
    conn.execute("drop table speaker_totals")
    conn.execute("update quotes set part = null")
    conn.execute("pragma user_version = 4")
    conn.commit()
    conn.close()
    old = Database(path)
    old["quotes"].disable_fts()
    old["quotes"].enable_fts(["text"], create_triggers=True)
    old.close()
    assert search(path, "protest") == 0
    open_db(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("select id, part from quotes order by start").fetchall() == [
        ("d:0:5", 1), ("d:20:30", 2), ("d:40:50", 1)]
    assert conn.execute("select * from statement_counts").fetchall() == [(1, "Norvale Post", "2016-03", "direct", 2)]
    assert conn.execute("select * from speaker_totals").fetchall() == [(1, 2, 2, 1)]
    assert conn.execute("select * from month_counts").fetchall() == [("Norvale Post", "2016-03", "direct", 2)]
    assert sorted(a for a, in conn.execute("select alias from aliases")) == ["Ann Norvell", "Norvell"]
    conn.close()
    assert search(path, "protest") == 1
    assert search(path, "syria*") == 1
    # the counts follow the quotes: a new statement, a speaker changed, a part deleted
    conn = sqlite3.connect(path)
    conn.execute("insert into quotes (id, document_id, start, \"end\", text, type, speaker_id, part) "
                 "values ('d:60:70', 'd', 60, 70, 'more', 'indirect', 2, 1)")
    conn.execute("update quotes set speaker_id = 2 where id = 'd:40:50'")
    conn.execute("delete from quotes where id = 'd:20:30'")
    conn.commit()
    assert conn.execute("select speaker_id, type, statements from statement_counts order by 1, 2").fetchall() == [
        (1, "direct", 1), (2, "direct", 1), (2, "indirect", 1)]
    assert conn.execute("select * from speaker_totals order by 1").fetchall() == [(1, 1, 1, 1), (2, 2, 1, 1)]
    assert conn.execute("select type, statements from month_counts order by 1").fetchall() == [
        ("direct", 2), ("indirect", 1)]
    conn.execute("delete from quotes where speaker_id = 1")
    conn.commit()
    assert conn.execute("select * from speaker_totals order by 1").fetchall() == [(2, 2, 1, 1)]
    conn.close()



def _taken_back(tmp_path, version: int, undo) -> str:
    """A new database that `undo(conn)` takes back to schema `version`; its path."""
    path = str(tmp_path / f"v{version}.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    undo(conn)
    conn.execute(f"pragma user_version = {version}")
    conn.commit()
    conn.close()
    return path


def _migrated(path: str) -> sqlite3.Connection:
    """The database after the next `open_db` migrated it, on a connection of its own."""
    open_db(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION == 13
    return conn


def test_a_version_7_database_is_migrated_to_8(tmp_path):
    """Schema 8: the in-context view says each row's statement and part, as the statements
    view does (a quote its attribution splits is one statement in two rows)."""
    def undo(conn):
        conn.execute("insert into documents (id, key, text) values ('d', 'k', ?)", ["x" * 60])
        for qid, start, part in (("d:0:10", 0, 1), ("d:20:30", 20, 2)):
            conn.execute("insert into quotes (id, document_id, start, \"end\", text, type, statement, part) "
                         "values (?, 'd', ?, ?, 'words', 'direct', 3, ?)", [qid, start, start + 10, part])
        # as schema 7 left it: the view without the statement's key
        conn.execute("drop view quotes_in_context")
        old = VIEWS["quotes_in_context"].replace(
            "  coalesce(quotes.document_id || ':' || quotes.statement, quotes.id) AS statement,\n  quotes.part,\n", "")
        assert "statement" not in old
        conn.execute(f"create view quotes_in_context as {old}")

    path = _taken_back(tmp_path, 7, undo)
    conn = _migrated(path)
    assert conn.execute("select id, statement, part from quotes_in_context order by id").fetchall() == [
        ("d:0:10", "d:3", 1), ("d:20:30", "d:3", 2)]
    assert conn.execute("select count(distinct statement) from quotes_in_context").fetchone()[0] == 1
    conn.close()


def test_a_version_8_database_is_migrated_to_9(tmp_path):
    """Schema 9: the statement counts have covering indexes by speaker and outlet, and by
    speaker and month (the dashboard's shares of women and men read them)."""
    new = ("idx_statement_counts_speaker_id_source_statements", "idx_statement_counts_speaker_id_month_statements")

    def undo(conn):
        for name in new:
            conn.execute(f"drop index {name}")

    path = _taken_back(tmp_path, 8, undo)
    conn = _migrated(path)
    indexes = {name for name, in conn.execute("select name from sqlite_master where type = 'index'")}
    assert set(new) <= indexes
    conn.close()


def test_a_version_9_database_is_migrated_to_10(tmp_path):
    """Schema 10: indexes that serve the site's sorts (articles by title, quotations by
    articles and statements) and who spoke to whom from one index, replacing two older
    ones; the in-context view with one join; the repeated quotations without an ORDER BY."""
    def undo(conn):
        conn.execute("insert into documents (id, key, text, title) values ('d', 'k', ?, 'T')", ["x" * 60])
        conn.execute("insert into quotes (id, document_id, start, \"end\", text, type, statement, part, context_start, "
                     "context_end) values ('d:5:10', 'd', 5, 10, 'words', 'direct', 3, 1, 0, 20)")
        # as schema 9 left it
        for name in ("idx_documents_title", "idx_quotations_articles_statements", "idx_quotes_addressed_statements"):
            conn.execute(f"drop index {name}")
        conn.execute("create index idx_quotations_articles on quotations (articles)")
        conn.execute("create index idx_quotes_addressed on quotes (speaker_id, addressee_id) "
                     "where addressee_id is not null")
        conn.execute("drop view repeated_quotations")
        conn.execute("create view repeated_quotations as " + VIEWS["repeated_quotations"].rstrip()
                     + "\nORDER BY quotations.articles DESC")
        conn.execute("drop view quotes_in_context")
        conn.execute("create view quotes_in_context as select 1 as id")  # whatever it was: made again

    path = _taken_back(tmp_path, 9, undo)
    conn = _migrated(path)
    indexes = {name for name, in conn.execute("select name from sqlite_master where type = 'index'")}
    assert {"idx_documents_title", "idx_quotations_articles_statements", "idx_quotes_addressed_statements"} <= indexes
    assert not {"idx_quotations_articles", "idx_quotes_addressed"} & indexes
    [(view,)] = conn.execute("select sql from sqlite_master where name = 'repeated_quotations'").fetchall()
    assert "ORDER BY" not in view.upper().split("WHERE")[-1]
    assert conn.execute("select id, statement, part, context from quotes_in_context").fetchall() == [
        ("d:5:10", "d:3", 1, "xxxxx<mark>xxxxx</mark>xxxxxxxxxx")]
    conn.close()


def by_speaker(conn):
    """speaker_outlets and speaker_months as they are, and as statement_counts sums them."""
    kept = [conn.execute(f"select * from {t} order by 1, 2").fetchall() for t in ("speaker_outlets", "speaker_months")]
    summed = [conn.execute(f"select speaker_id, {c}, sum(statements) from statement_counts group by 1, 2 "
                           f"order by 1, 2").fetchall() for c in ("source", "month")]
    return kept, summed


def test_a_version_10_database_is_migrated_to_11(tmp_path):
    """Schema 11: each speaker's statements by outlet and by month, summed from the counts
    on migration and kept by the triggers as quotes are written, changed and deleted."""
    def undo(conn):
        conn.executemany("insert into documents (id, key, text, source, published) values (?, ?, 'text', ?, ?)",
                         [("d", "k", "Norvale Post", "2016-03-04"), ("e", "l", "Norvale Post", "2016-04-01"),
                          ("f", "m", None, None)])
        rows = [("d:0:5", "d", 1, 1, "direct"), ("d:20:30", "d", 1, 2, "direct"), ("e:0:5", "e", 1, 1, "indirect"),
                ("e:9:12", "e", 2, 1, "direct"), ("f:0:5", "f", None, 1, "direct")]
        conn.executemany("insert into quotes (id, document_id, text, speaker_id, part, type) values (?, ?, 'w', ?, ?, ?)",
                         rows)
        # as schema 10 left it: no tables of each speaker's counts, triggers that do not keep them
        for name in ("statement_counts_ai", "statement_counts_ad", "statement_counts_au"):
            conn.execute(f"drop trigger {name}")
        conn.execute("drop table speaker_outlets")
        conn.execute("drop table speaker_months")

    path = _taken_back(tmp_path, 10, undo)
    conn = _migrated(path)
    kept, summed = by_speaker(conn)
    assert kept == summed
    assert kept[0] == [(0, "", 1), (1, "Norvale Post", 2), (2, "Norvale Post", 1)]
    assert kept[1] == [(0, "", 1), (1, "2016-03", 1), (1, "2016-04", 1), (2, "2016-04", 1)]
    # kept as quotes change: a new statement, a speaker changed, a statement deleted
    conn.execute("insert into quotes (id, document_id, text, speaker_id, part, type) "
                 "values ('d:40:50', 'd', 'w', 2, 1, 'direct')")
    conn.execute("update quotes set speaker_id = 2 where id = 'd:0:5'")
    conn.execute("delete from quotes where id = 'e:0:5'")
    conn.commit()
    kept, summed = by_speaker(conn)
    assert kept == summed
    assert kept[0] == [(0, "", 1), (2, "Norvale Post", 3)]
    conn.close()


def test_a_version_11_database_is_migrated_to_12(tmp_path):
    """Schema 12: quotations indexed by speaker and articles, replacing the index by speaker
    alone; a speaker's repeated quotations read that index's range only."""
    def undo(conn):
        conn.execute("drop index idx_quotations_speaker_id_articles")
        conn.execute("create index idx_quotations_speaker_id on quotations (speaker_id)")

    path = _taken_back(tmp_path, 11, undo)
    conn = _migrated(path)
    indexes = {name for name, in conn.execute("select name from sqlite_master where type = 'index'")}
    assert "idx_quotations_speaker_id_articles" in indexes and "idx_quotations_speaker_id" not in indexes
    plan = " ".join(row[3] for row in conn.execute(
        "explain query plan select count(*) from repeated_quotations where speaker_id = 3"))
    assert "idx_quotations_speaker_id_articles (speaker_id=? AND articles>?)" in plan, plan
    conn.close()


def test_a_version_12_database_is_migrated_to_13(tmp_path):
    """Schema 13: the articles of one day (Datasette's date facet filters by
    date(published)) are found through an index, not by reading every article."""
    def undo(conn):
        conn.execute("drop index idx_documents_published_date")

    path = _taken_back(tmp_path, 12, undo)
    conn = _migrated(path)
    plan = " ".join(row[3] for row in conn.execute(
        'explain query plan select * from documents where date("published") = ?', ["2017-12-27"]))
    assert "USING INDEX idx_documents_published_date" in plan, plan
    conn.close()
