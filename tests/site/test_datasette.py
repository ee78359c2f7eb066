"""The database as Datasette serves it, through Datasette's own test client."""

import pytest
from datasette.app import Datasette

from quotes.site.serve import datasette_args, metadata_path


def make_datasette(path):
    import yaml

    with open(metadata_path(), encoding="utf-8") as handle:
        metadata = yaml.safe_load(handle)
    return Datasette([path], metadata=metadata, settings={"default_allow_sql": False})


@pytest.mark.asyncio
async def test_json_api_lists_quotes_table(seed_db_path):
    ds = make_datasette(seed_db_path)
    response = await ds.client.get("/quotes.json")
    assert response.status_code == 200
    tables = {t["name"]: t for t in response.json()["tables"]}
    assert {"quotes", "speakers", "documents", "aliases"} <= set(tables)
    assert tables["quotes"]["count"] >= 14


@pytest.mark.asyncio
async def test_statements_csv_filtered_by_speaker(seed_db_path):
    ds = make_datasette(seed_db_path)
    response = await ds.client.get("/quotes/statements.csv?speaker=Benny+Gantz&_stream=on&_size=max")
    assert response.status_code == 200
    lines = response.text.strip().splitlines()
    assert lines[0].startswith("id,statement,part,speaker,text")
    assert len(lines) - 1 >= 10
    assert all(",Benny Gantz," in line for line in lines[1:])


@pytest.mark.asyncio
async def test_metadata_is_served(seed_db_path):
    ds = make_datasette(seed_db_path)
    data = (await ds.client.get("/-/metadata.json")).json()
    assert data["title"] == "quotes"
    page = await ds.client.get("/quotes/quotes")
    assert "One row a statement" in page.text


@pytest.mark.asyncio
async def test_sql_editor_is_off(seed_db_path):
    ds = make_datasette(seed_db_path)
    response = await ds.client.get("/quotes.json?sql=select+1")
    assert response.status_code == 403


def test_serve_defaults_to_loopback_and_no_sql():
    args = datasette_args("quotes.db")
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--port") + 1] == "8001"
    assert "default_allow_sql" in args


def test_serve_options_are_explicit():
    args = datasette_args("quotes.db", host="0.0.0.0", port=9000, allow_sql=True)
    assert args[args.index("--host") + 1] == "0.0.0.0"
    assert "default_allow_sql" not in args
    assert args[args.index("--metadata") + 1] == metadata_path()


@pytest.mark.asyncio
async def test_project_plugin_is_registered(seed_db_path):
    ds = make_datasette(seed_db_path)
    plugins = (await ds.client.get("/-/plugins.json")).json()
    ours = [p for p in plugins if p["name"] == "quotes-tracker"]
    assert ours and "render_cell" in ours[0]["hooks"], "reinstall: pip install -e ."


@pytest.mark.asyncio
async def test_every_page_of_the_registry_is_served_at_its_path(seed_db_path):
    import sqlite3

    from quotes.site.plugin import PAGES

    conn = sqlite3.connect(seed_db_path)
    speaker = conn.execute("select name from speakers order by id limit 1").fetchone()[0]
    ds = make_datasette(seed_db_path)
    for page in PAGES:
        assert page.path.startswith("/DB/-/") and page.shows, page
        path = page.path.replace("/DB/", "/quotes/").replace("NAME", speaker).replace("WORDS", "defense")
        if page.ids:
            path = path.replace("ID", str(conn.execute(f"select id from {page.ids} limit 1").fetchone()[0]))
        response = await ds.client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        assert "<html" in response.text and "error" not in response.text.lower()[:2000], path


@pytest.mark.asyncio
async def test_named_people_are_proper_names_by_the_one_rule(seed_db_path, tmp_path):
    # the site asks names.is_proper_name itself (registered as an SQL function), not a copy
    import shutil
    import sqlite3

    from quotes.names import is_proper_name
    from quotes.site import pages

    path = str(tmp_path / "quotes.db")
    shutil.copy(seed_db_path, path)
    conn = sqlite3.connect(path)
    renamed = {"Rahm Emmanuel": "Officials", "Yasukazu Hamada": "Norland's lawyers"}
    for old, new in renamed.items():
        conn.execute("update speakers set name = ? where name = ?", (new, old))
    conn.commit()
    conn.close()
    assert not any(is_proper_name(name) for name in renamed.values())
    db = make_datasette(path).get_database("quotes")
    named = [row["name"] for row in await pages.top_people(db)]
    assert named == ["Benny Gantz"]
    assert (await db.execute("select is_proper_name('Lena Ortiz'), is_proper_name('the company')")).rows[0][:] == (1, 0)


def test_every_hook_is_registered_whatever_is_imported_first():
    """Importing the plugin before Datasette (as a test or a script may) registers all its
    hooks: a module of the plugin that loaded Datasette's plugins while the plugin was still
    being imported registered it half-made, without its hooks."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", (
        "import quotes.site.plugin\n"
        "from datasette.plugins import pm\n"
        "hooks = {name for name in dir(pm.hook) if not name.startswith('_') and any(h.plugin_name == 'quotes' "
        "for h in getattr(pm.hook, name).get_hookimpls())}\n"
        "print(' '.join(sorted(hooks)))")], capture_output=True, text=True, check=True)
    hooks = set(done.stdout.split())
    assert {"register_facet_classes", "extra_template_vars", "register_routes", "render_cell"} <= hooks, hooks
