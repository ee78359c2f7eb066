"""Writers under pressure, as real `quotes ingest` processes: a second writer waits for the
first and finishes; a write the disk refuses is one `error:` line and exit code 1."""

import resource
import sqlite3
import subprocess
import sys

QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]
NAMES = ["Ann Lee", "Tom Park", "Mary Jones", "Bob Smith", "Li Wei", "Sara Cohen"]


def corpus(folder, n, tag):
    folder.mkdir()
    for i in range(n):
        a, b = NAMES[i % len(NAMES)], NAMES[(i + 1) % len(NAMES)]
        (folder / f"{tag}{i:02}.txt").write_text(
            f"{tag} report {i}\n\n\u201cWe will finish the {tag} bridge {i},\u201d {a} said.\n\n"
            f"{b} said the plan was rushed. \u201cNobody asked us,\u201d {b.split()[-1]} told reporters.\n",
            encoding="utf-8")
    return str(folder)


def count(path, table):
    conn = sqlite3.connect(path)
    n = conn.execute(f"select count(*) from {table}").fetchone()[0]
    conn.close()
    return n


def test_two_writers_at_once_both_finish(tmp_path):
    """F5: the second ingest died with a 'database is locked' traceback."""
    db = str(tmp_path / "q.db")
    a, b = corpus(tmp_path / "a", 25, "alpha"), corpus(tmp_path / "b", 25, "beta")
    runs = [subprocess.Popen(QUOTES + ["ingest", db, folder, "--processes", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for folder in (a, b)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    for code, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr and "25 documents written" in stderr
    assert count(db, "documents") == 50


def limit_file_size(limit):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_write_the_disk_refuses_is_one_error_line(tmp_path):
    """F12: a full disk gave a 31-line traceback. Here the file size limit refuses the
    write (an I/O error to SQLite, as a full disk is)."""
    db = str(tmp_path / "q.db")
    folder = corpus(tmp_path / "a", 40, "alpha")
    subprocess.run(QUOTES + ["ingest", db, "--reprocess-outdated"], check=True, timeout=120)
    done = subprocess.run(QUOTES + ["ingest", db, folder, "--processes", "1"], capture_output=True,
                          text=True, timeout=300, preexec_fn=limit_file_size(250_000))  # the empty database: 236 KB
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {db}: "), done.stderr
    assert "stopped after" in done.stderr
    written = count(db, "documents")
    assert 0 < written < 40
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    conn.close()
    again = subprocess.run(QUOTES + ["ingest", db, folder, "--processes", "1"], capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert count(db, "documents") == 40
