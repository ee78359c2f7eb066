"""`quotes serve`: the project's metadata whatever the folder and the file name, nothing
that enables SQL or writes unless --allow-sql, and the installed wheel serves its canned
queries from a read-only folder. Real Datasette, real HTTP on 127.0.0.1."""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from datasette.app import Datasette

from quotes.site.serve import datasette_args, metadata_path, prepared_metadata
from quotes.store import open_db

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

HOSTILE = ("allow_sql: true\nallow: true\ndatabases:\n  quotes:\n    allow_sql: true\n"
           "    queries:\n      wipe:\n        sql: delete from quotes\n        write: true\n"
           "      count_all:\n        sql: select count(*) as n from quotes\n")


def make_db(path):
    open_db(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("insert into documents (id, key, title, text) values ('d1', 'k1', 'T', 'text')")
    conn.execute("insert into speakers (id, name, kind) values (1, 'Ann Lee', 'person')")
    conn.execute("insert into quotes (id, document_id, start, end, text, speaker_id) "
                 "values ('q1', 'd1', 0, 1, 'a disaster for the town', 1)")
    conn.commit()
    conn.close()
    return str(path)


def datasette_for(db, metadata=None, allow_sql=False):
    data, _ = prepared_metadata(db, metadata, allow_sql)
    return Datasette([db], metadata=data, settings={"default_allow_sql": allow_sql})


def test_metadata_in_the_working_folder_is_ignored(tmp_path, monkeypatch):
    """F7: ./metadata.yml replaced the project's and could enable SQL and writes."""
    (tmp_path / "metadata.yml").write_text(HOSTILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = metadata_path()
    assert os.path.dirname(path) != str(tmp_path) and path.endswith(os.path.join("quotes", "data", "metadata.yml"))
    args = datasette_args("quotes.db")
    assert args[args.index("--metadata") + 1] == path


@pytest.mark.asyncio
async def test_canned_queries_follow_the_database_name(tmp_path):
    """F21: a database not named quotes.db lost every canned query."""
    ds = datasette_for(make_db(tmp_path / "news.db"))
    queries = {q["name"] for q in (await ds.client.get("/news.json")).json()["queries"]}
    assert {"statements_by_speaker", "search_quotes"} <= queries
    rows = (await ds.client.get("/news/search_quotes.json?words=disaster&_shape=array")).json()
    assert [row["text"] for row in rows] == ["a disaster for the town"]
    front = (await ds.client.get("/")).text
    assert 'href="/news/statements"' in front and 'href="/quotes/' not in front


@pytest.mark.asyncio
async def test_a_named_metadata_file_cannot_enable_sql_or_writes(tmp_path):
    db = make_db(tmp_path / "quotes.db")
    hostile = tmp_path / "mine.yml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    data, removed = prepared_metadata(db, str(hostile))
    assert removed == ["databases.quotes.queries.wipe (a writable query)", "allow_sql", "allow",
                       "databases.quotes.allow_sql"]
    ds = datasette_for(db, str(hostile))
    assert (await ds.client.get("/quotes.json?sql=select+1")).status_code == 403
    assert (await ds.client.get("/quotes/wipe")).status_code == 404
    assert (await ds.client.get("/quotes/count_all.json?_shape=array")).json() == [{"n": 1}]
    armed = datasette_for(db, str(hostile), allow_sql=True)  # the user asked for it
    assert (await armed.client.get("/quotes.json?sql=select+1")).status_code == 200
    assert (await armed.client.get("/quotes/wipe")).status_code == 200


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url, timeout=90):
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except urllib.error.HTTPError:
            raise
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.5)


def without_root_powers(command):
    """Root ignores file modes: drop the capabilities that let it (setpriv, util-linux)."""
    if os.geteuid() != 0:
        return command
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", "--bounding-set", caps, "--inh-caps", caps, "--"] + command


def site_packages():
    import sysconfig

    return sysconfig.get_paths()["purelib"]


def test_the_installed_wheel_serves_its_canned_queries(tmp_path):
    """Issue 13 item 5, F21, F25: the wheel, installed in a fresh venv outside the checkout
    (its dependencies seen through a .pth file pointing at this environment's), serves a
    database called news.db from a read-only folder with the project's canned queries,
    although the working folder holds a hostile metadata.yml."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(os.path.join(ROOT, "pyproject.toml"), source)
    shutil.copy(os.path.join(ROOT, "README.md"), source)
    shutil.copytree(os.path.join(ROOT, "quotes"), source / "quotes",
                    ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "--quiet", "-w", str(wheels), str(source)], check=True, timeout=300)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    target = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            check=True, capture_output=True, text=True).stdout.strip()
    (wheel,) = wheels.glob("quotes_tracker-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", target,
                    str(wheel)], check=True, timeout=300)
    with open(os.path.join(target, "dependencies.pth"), "w") as handle:
        handle.write(site_packages() + "\n")
    work = tmp_path / "work"
    work.mkdir()
    (work / "metadata.yml").write_text(HOSTILE, encoding="utf-8")
    outside = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing of the checkout
    where = subprocess.run([python, "-c", "import quotes; print(quotes.__file__)"], cwd=work, env=outside,
                           check=True, capture_output=True, text=True).stdout.strip()
    assert where.startswith(target), where
    media = tmp_path / "media"
    media.mkdir()
    db = make_db(media / "news.db")
    os.chmod(media, 0o555)
    port = free_port()
    command = [python, "-c", "from quotes.cli import cli; cli()", "serve", db, "--port", str(port)]
    server = subprocess.Popen(without_root_powers(command), cwd=work, env=outside, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        database = get_json(base + "/news.json")
        assert {"statements_by_speaker", "search_quotes"} <= {q["name"] for q in database["queries"]}
        assert get_json(base + "/-/metadata.json")["title"] == "quotes"
        rows = get_json(base + "/news/search_quotes.json?words=disaster&_shape=array")
        assert [row["text"] for row in rows] == ["a disaster for the town"]
        with pytest.raises(urllib.error.HTTPError) as refused:
            get_json(base + "/news.json?sql=select+1")
        assert refused.value.code == 403
    finally:
        server.terminate()
        server.wait(timeout=30)
        os.chmod(media, 0o755)
    assert "served as immutable" in server.stderr.read()
    assert os.listdir(media) == ["news.db"]
