"""A corpus made here for the cluster tests: the seed article and 52 short news texts in
which the same invented people speak again and again, so speaker rows are shared across
documents and their ids depend on the order documents are written."""

import json
import shutil

from ..conftest import SEED

PEOPLE = [
    ("Minister", "Lena Ortiz", "she"), ("Mayor", "Tom Brandt", "he"),
    ("Senator", "Maria Lopez", "she"), ("Chief Executive", "Paul Navarro", "he"),
    ("Governor", "Ines Holm", "she"), ("Professor", "Karl Weber", "he"),
    ("Judge", "Ada Sorensen", "she"), ("General", "Omar Haddad", "he"),
]
TOPICS = ["the bridge", "the budget", "the new port", "the water plan", "the rail line",
          "the school reform", "the trade deal", "the tax cut", "the housing scheme"]
VERBS = ["said", "told reporters", "added", "warned", "explained"]


def text(n: int) -> str:
    role, name, pronoun = PEOPLE[n % len(PEOPLE)]
    _, other, _ = PEOPLE[(3 * n + 1) % len(PEOPLE)]
    topic, later = TOPICS[n % len(TOPICS)], TOPICS[(n + 4) % len(TOPICS)]
    verb = VERBS[n % len(VERBS)]
    return (f"Talks on {topic}, report {n}\n\n"
            f"\"We will finish {topic} before the winter,\" {role} {name} {verb} on Monday.\n\n"
            f"{other} said that {topic} would cost more than planned.\n\n"
            f"\"Nobody has seen the numbers yet,\" {pronoun.capitalize()} added. "
            f"\"Report {n} is only the beginning.\"\n\n"
            f"According to {other.split()[-1]}, {later} comes next.\n")


def make(folder, count: int = 52) -> str:
    """Write the seed and a JSONL corpus of `count` texts into `folder`; returns its path."""
    folder.mkdir()
    shutil.copy(SEED, folder / "accord.txt")
    with open(folder / "news.jsonl", "w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"news-{n}", "text": text(n),
                                     "source": "Test Wire"}) + "\n")
    return str(folder)
