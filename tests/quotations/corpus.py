"""Invented articles that carry one another's quotations, with the answer known: the same
words with other quote marks and case, cut versions (shorter, with an ellipsis, split by the
attribution), the same words from another speaker (never the same quotation), and
near-misses that must stay apart (another promise on the same pattern, a negation, a
number). Fictional people, outlets and places."""

BRIDGE = ("We will build the new bridge before the winter, and no family will lose its home "
          "to the works")
BRIDGE_CUT = "We will build the new bridge before the winter"
BRIDGE_ELLIPSIS = "We will build the new bridge \u2026 and no family will lose its home to the works"
BRIDGE_NOT = ("We will not build the new bridge before the winter, and no family will lose its "
              "home to the works")
SCHOOL = ("We will build the new school before the summer, and no child will lose a place in "
          "the classroom")
COSTS = "The plan costs far too much for a town of this size"
COSTS_NUMBER = "The plan costs far too much for a town of 5,000 people"
NEVER = "Never, never again"

# (key, date, outlet, title, text)
ARTICLES = [
    ("gazette-bridge", "2023-03-01", "Harbor Gazette", "Keller promises bridge",
     "Keller promises bridge\n\n"
     "Mayor Anna Keller said on Monday that the bridge would be built this year.\n\n"
     f"\u201c{BRIDGE},\u201d Keller said.\n\n"
     "Councillor Tom Brandt said the council had not seen the costs.\n\n"
     f"\u201c{COSTS},\u201d Brandt said.\n\n"
     f"\u201c{NEVER},\u201d Brandt said of the last bridge.\n"),
    ("valley-bridge", "2023-03-02", "Valley Times", "Bridge promise repeated",
     "Bridge promise repeated\n\n"
     f"\"{BRIDGE.upper()},\" Mayor Anna Keller told reporters on Tuesday.\n\n"
     f"'{COSTS},' Councillor Tom Brandt said.\n\n"
     f"\u201c{NEVER},\u201d Brandt said again.\n"),
    ("northstar-bridge", "2023-03-04", "North Star Daily", "Mayor holds firm",
     "Mayor holds firm\n\n"
     "Mayor Anna Keller repeated her promise on Thursday.\n\n"
     f"\u201c{BRIDGE_CUT},\u201d Keller said.\n\n"
     f"\u201c{BRIDGE_ELLIPSIS},\u201d she added later.\n"),
    ("lakeside-bridge", "2023-03-06", "Lakeside Post", "Councillor mocks mayor",
     "Councillor mocks mayor\n\n"
     "Councillor Tom Brandt read the mayor's promise aloud at the meeting.\n\n"
     f"\u201c{BRIDGE},\u201d Brandt said.\n\n"
     f"\u201c{COSTS_NUMBER},\u201d Brandt said.\n"),
    ("courier-school", "2023-03-08", "Elm Shores Courier", "Mayor turns to schools",
     "Mayor turns to schools\n\n"
     "Mayor Anna Keller spoke at the school on Wednesday.\n\n"
     f"\u201c{SCHOOL},\u201d Keller said.\n\n"
     f"\u201c{BRIDGE_NOT},\u201d Keller said of an older plan.\n"),
]

# Published before all the others, and read after them: it is where the bridge promise was
# first seen, split by its attribution.
EARLIER = ("gazette-first", "2023-02-20", "Harbor Gazette", "A bridge at last",
           "A bridge at last\n\n"
           "Mayor Anna Keller unveiled the bridge plan on Monday.\n\n"
           "\u201cWe will build the new bridge before the winter,\u201d Keller said, "
           "\u201cand no family will lose its home to the works.\u201d\n")


def record(article) -> dict:
    key, date, outlet, title, text = article
    return {"id": key, "published": date, "source": outlet, "title": title, "text": text}


def ingested(folder) -> str:
    """The articles (and the earlier one) ingested by a real `quotes ingest` into a
    database in `folder`; its path."""
    import json
    import subprocess

    from ..site.build import quotes_command

    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(record(a)) + "\n" for a in ARTICLES + [EARLIER]), encoding="utf-8")
    path = str(folder / "quotes.db")
    done = subprocess.run(quotes_command() + ["ingest", path, str(corpus), "--silent"], capture_output=True, text=True)
    assert done.returncode in (0, 3), done.stderr
    return path
