"""The README's picture of the site: the seed article ingested into a fresh database, served
by `quotes serve` on a free port, and one page photographed by headless Chromium (the
browser the tests drive, through Playwright).

usage: python docs/screenshot.py [OUT.png] [--page PATH]   (default: docs/site.png, the article reader)
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(argv: list[str]) -> int:
    out = next((a for a in argv if a.endswith(".png")), os.path.join(HERE, "site.png"))
    chromium = os.environ.get("QUOTES_CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
    if not chromium:
        print("error: no Chromium: run 'sudo apt-get install chromium', or set QUOTES_CHROMIUM", file=sys.stderr)
        return 1
    quotes = [sys.executable, "-c", "from quotes.cli import cli; cli()"]
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "quotes.db")
        subprocess.run(quotes + ["ingest", db, os.path.join(ROOT, "seeds"), "--silent"], check=False)
        with sqlite3.connect(db) as conn:
            first = conn.execute("select id from documents order by key limit 1").fetchone()[0]
        path = argv[argv.index("--page") + 1] if "--page" in argv else f"/quotes/-/article/{first}"
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(quotes + ["serve", db, "--port", str(port)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1200, "height": 860})
                page.goto(base + path)
                page.screenshot(path=out)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
