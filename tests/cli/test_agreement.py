"""`quotes extract` and `quotes ingest` agree on every speaker: texts of our own go through
both commands, and benchmarks/agreement.py compares them quote by quote."""

import importlib.util
import os

from ..conftest import ROOT

ARTICLES = {
    "renner.txt": """Mill to reopen in spring

William Renner, the owner of the Elm Shores mill, said the orders had come back.

\u201cWe will hire forty people by May,\u201d Bill Renner added. \u201cThe town needs it.\u201d

His daughter, Ada Renner, said she would run the night shift. \u201cI grew up in that mill,\u201d she said.

\u201cIt is the best news in years,\u201d Renner said.
""",
    "council.txt": """Council splits over harbour fees

Mayor Petra Holm said the harbour fees would rise in March. \u201cThe port must pay its way,\u201d Holm said.

The Norvale Fishers Union said the rise would ruin small boats. \u201cWe cannot pay this,\u201d the union said in a statement.

Paul Ortner, a Republican councillor, wrote on Twitter that he would vote against it.
\u201cThis is a tax on the poor,\u201d Ortner wrote. On Monday, Mrs. Ortner said her husband was right.
""",
}


def load_check():
    spec = importlib.util.spec_from_file_location("agreement", os.path.join(ROOT, "benchmarks", "agreement.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extract_and_ingest_agree_on_every_speaker(tmp_path):
    check = load_check()
    folder = tmp_path / "articles"
    folder.mkdir()
    files = []
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        files.append(str(folder / name))
    found = check.check(files, str(tmp_path / "q.db"))
    assert found == []
    # (the comparison itself sees a disagreement: a row holding two of a document's speakers)
    records = [r for path in files for r in check.extract(path)]
    speakers = {r["speaker"] for r in records}
    assert {"William Renner", "Ada Renner"} <= speakers and "Bill Renner" not in speakers
    from quotes.store import open_db

    db = open_db(str(tmp_path / "q.db"))
    ada, william = (db.execute("select speaker_id from quotes where article_speaker = ?", [name]).fetchone()[0]
                    for name in ("Ada Renner", "William Renner"))
    db.execute("update quotes set speaker_id = ? where speaker_id = ?", [william, ada])
    db.conn.commit()
    merged = [f for f in check.compare(records, db) if f[0] == "merged"]
    db.close()
    assert len(merged) == 1 and "Ada Renner" in merged[0][2], merged
