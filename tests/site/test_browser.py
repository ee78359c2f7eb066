"""A real `quotes serve` on loopback, driven by headless Chromium: find a speaker's statements
with the form, export them all as CSV, read a quote in context. Screenshots go to
test-artifacts/ (gitignored). Chromium missing is a failure, not a skip: `make test` finds or
installs it first (tests/chromium.sh) and passes its path in QUOTES_CHROMIUM."""

import csv
import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from sqlite_utils import Database

from ..conftest import ROOT
from .build import quotes_command

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("QUOTES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = os.path.join(ROOT, "test-artifacts")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(process, url, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"quotes serve exited with {process.returncode}:\n{process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"quotes serve did not answer at {url} within {timeout}s")


@contextlib.contextmanager
def serving(db_path):
    """`quotes serve` with its defaults (loopback, no SQL editor) on a free port; its address."""
    port = free_port()
    process = subprocess.Popen(
        quotes_command() + ["serve", db_path, "--port", str(port),
                            "--metadata", os.path.join(ROOT, "metadata.yml")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, base + "/-/versions.json")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


@contextlib.contextmanager
def chromium():
    """The system Chromium, headless, driven by Playwright."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run make test, which installs it, or set QUOTES_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(seed_db_path):
    with serving(seed_db_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser, request):
    os.makedirs(ARTIFACTS, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    yield page
    page.screenshot(path=os.path.join(ARTIFACTS, f"{request.node.name}-last.png"), full_page=True)
    page.close()


def shot(page, name):
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)


def gantz_statements(db_path):
    return [row[0] for row in Database(db_path).execute(
        "select id from statements where speaker = 'Benny Gantz'").fetchall()]


def test_find_a_speaker_and_export_all_his_statements(server, page, seed_db_path):
    expected = gantz_statements(seed_db_path)
    assert len(expected) >= 10

    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "quotes"
    page.get_by_role("link", name="quotes", exact=True).first.click()
    page.wait_for_url("**/quotes")
    page.get_by_role("link", name="Statements by speaker").click()
    page.fill('input[name="speaker"]', "Gantz")
    shot(page, "1-speaker-form")
    page.get_by_role("button", name="Run SQL").click()
    page.wait_for_url("**/statements_by_speaker?*speaker=Gantz*")
    table = page.locator("table.rows-and-columns tbody tr")
    assert table.count() == len(expected)
    speakers = page.locator("table.rows-and-columns tbody td.col-speaker")
    assert set(speakers.all_inner_texts()) == {"Benny Gantz (CSV)"}
    assert "Global stability is threatened" in page.locator("table.rows-and-columns").inner_text()
    shot(page, "2-gantz-statements")

    [(gantz,)] = Database(seed_db_path).execute(
        "select id from speakers where name = 'Benny Gantz'").fetchall()
    csv_link = page.locator("a.speaker-csv").first
    assert csv_link.get_attribute("href") == f"/quotes/statements.csv?speaker_id={gantz}&_stream=on&_dl=1"
    with page.expect_download() as info:
        csv_link.click()
    with open(info.value.path(), encoding="utf-8", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert sorted(row["id"] for row in exported) == sorted(expected)  # in the order stored
    assert {row["speaker"] for row in exported} == {"Benny Gantz"}
    shot(page, "3-gantz-csv")


def test_a_quote_reads_in_its_paragraph(server, page):
    page.goto(server + "/quotes/statements_by_speaker?speaker=Gantz")
    row = page.locator("table.rows-and-columns tbody tr", has_text="Global stability is threatened")
    row.get_by_role("link", name="in context").click()
    page.wait_for_url("**/quotes_in_context?id=*")
    mark = page.locator("table.rows-and-columns td.col-context mark")
    assert mark.count() == 1
    assert mark.inner_text() == "Global stability is threatened by Iran’s nuclear program and malign activities,"
    paragraph = page.locator("table.rows-and-columns td.col-context").inner_text()
    assert "Gantz told his Japanese counterpart Yasukazu Hamada" in paragraph
    shot(page, "4-in-context")
    page.locator("table.rows-and-columns td.col-title a").click()
    page.wait_for_url("**/quotes/-/article/*#q*")
    assert "Israel, Japan Sign Accord" in page.locator("h1").inner_text()
    assert page.locator("mark#" + page.url.split("#")[1]).inner_text().startswith("Global stability is threatened")


def test_search_the_statements_view(server, page):
    page.goto(server + "/quotes/statements")
    page.fill('input[name="_search"]', "nuclear program")
    page.locator('input[name="_search"]').press("Enter")
    page.wait_for_url("**_search=nuclear*")
    texts = page.locator("table.rows-and-columns tbody td.col-text").all_inner_texts()
    assert texts and all("nuclear program" in t for t in texts)
    shot(page, "5-search")


def test_served_read_only_without_sql_editor(server, page):
    assert server.startswith("http://127.0.0.1:")
    response = page.request.get(server + "/quotes.json?sql=select+1")
    assert response.status == 403
    settings = page.request.get(server + "/-/settings.json").json()
    assert settings["default_allow_sql"] is False
    page.goto(server + "/quotes")
    assert page.locator("textarea#sql-editor").count() == 0
